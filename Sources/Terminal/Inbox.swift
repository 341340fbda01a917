#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Something the run loop can wait on besides the keyboard (see `runFullScreen`).
public protocol WakeSource: AnyObject, Sendable {
    /// A descriptor that is readable (POLLIN) while the source has something to deliver.
    var wakeDescriptor: Int32 { get }
}

/// A thread-safe mailbox from background work (e.g. a training thread) to the UI thread.
///
/// Contract:
/// - `post(_:)` may be called from any thread; it appends the message and makes
///   `wakeDescriptor` readable, so a run loop that `poll()`s it wakes up at once.
/// - `drain()` (UI thread) returns every pending message in posting order and makes
///   `wakeDescriptor` unreadable again until the next post.
/// - Bounded under a flood: a message whose `coalescingKey` is non-nil replaces the
///   pending message with the same key (the newest one is kept, at the end of the
///   queue). Messages with a nil key are never dropped. So the queue holds at most
///   (number of distinct keys) + (number of nil-key posts since the last drain).
/// - At most one byte sits in the wake pipe at any time, so a flood never fills it.
public final class Inbox<Message: Sendable>: WakeSource {
    private struct State {
        var pending: [Message] = []
        var signalled = false
    }

    private let state = Mutex(State())
    private let coalescingKey: @Sendable (Message) -> String?
    private let readEnd: Int32
    private let writeEnd: Int32

    /// The descriptor to `poll()` for `POLLIN`; readable while messages are pending.
    public var wakeDescriptor: Int32 { readEnd }

    /// - Parameter coalescingKey: messages with the same non-nil key replace each other
    ///   while pending (nil = always kept). Defaults to keeping every message.
    public init(coalescingKey: @escaping @Sendable (Message) -> String? = { _ in nil }) {
        self.coalescingKey = coalescingKey
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// Queues `message` (coalescing as described above) and wakes the run loop.
    ///
    /// The wake byte is written while the lock is held: a `drain` can then never run between
    /// queueing and signalling (which would leave a byte with nothing queued, and a run loop
    /// that `poll()`s the descriptor spinning until the next post).
    public func post(_ message: Message) {
        let key = coalescingKey(message)
        state.withLock { state in
            if let key, let index = state.pending.lastIndex(where: { coalescingKey($0) == key }) {
                state.pending.remove(at: index)
            }
            state.pending.append(message)
            if !state.signalled, writeEnd >= 0 {
                var byte: UInt8 = 1
                _ = write(writeEnd, &byte, 1)
            }
            state.signalled = true
        }
    }

    /// Every pending message, oldest first; the inbox is empty afterwards.
    public func drain() -> [Message] {
        state.withLock { state -> [Message] in
            if readEnd >= 0 {
                var scratch = [UInt8](repeating: 0, count: 64)
                while read(readEnd, &scratch, scratch.count) > 0 {}
            }
            state.signalled = false
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
    }

    /// How many messages are pending (for tests and diagnostics).
    public var count: Int { state.withLock { $0.pending.count } }
}

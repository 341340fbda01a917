#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// An in-memory terminal for loop-level tests: `runLoop` reads scripted input from it and
/// draws into it, exactly as it does with ncurses.
///
/// Input queued with `send` (from any thread) is returned one item per read; with nothing
/// queued, a read really waits (`poll()` on the wake descriptor and on the backend's own
/// pipe, with the loop's timeout), so a test can measure whether an idle loop sleeps.
/// `reads` counts every read, `frames` keeps what was drawn.
public final class MemoryBackend: TerminalBackend, @unchecked Sendable {
    private struct State {
        var queue: [BackendInput] = []
        var size: (width: Int, height: Int)
        var reads = 0
        var frames: [Buffer] = []
        var cursor: (x: Int, y: Int)?
    }

    private let state: Mutex<State>
    private let readEnd: Int32
    private let writeEnd: Int32

    public init(width: Int, height: Int) {
        state = Mutex(State(size: (width, height)))
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// Queues input for the loop (any thread) and wakes a waiting read.
    public func send(_ input: BackendInput) {
        state.withLock { $0.queue.append(input) }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Queues a key as the terminal would deliver it.
    public func send(_ key: Key) {
        switch key {
        case .char(let c): send(.key(code: c.unicodeScalars.first.map { $0.value } ?? 0, isFunctionKey: false))
        case .escape: send(.key(code: 27, isFunctionKey: false))
        case .enter: send(.key(code: 10, isFunctionKey: false))
        case .space: send(.key(code: 32, isFunctionKey: false))
        case .tab: send(.key(code: 9, isFunctionKey: false))
        case .ctrl(let c):
            let value = (c.unicodeScalars.first?.value ?? 64) & 0x1f
            send(.key(code: value, isFunctionKey: false))
        default: preconditionFailure("MemoryBackend.send: no code for \(key)")
        }
    }

    /// Changes the size and queues the resize the loop will read.
    public func resize(width: Int, height: Int) {
        state.withLock { $0.size = (width, height) }
        send(.resize)
    }

    /// How many times the loop has read (a spinning loop reads thousands of times a second).
    public var reads: Int { state.withLock { $0.reads } }
    /// Every frame drawn, oldest first.
    public var frames: [Buffer] { state.withLock { $0.frames } }
    /// The last frame drawn.
    public var lastFrame: Buffer? { state.withLock { $0.frames.last } }

    public var size: (width: Int, height: Int) { state.withLock { $0.size } }

    public func read(timeoutMilliseconds: Int, wakeDescriptor: Int32?) -> BackendInput {
        state.withLock { $0.reads += 1 }
        if let next = takeQueued() { return next }
        var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        if let wakeDescriptor { fds.append(pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: max(0, timeoutMilliseconds)))
        if let next = takeQueued() { return next }
        if ready > 0, fds.count > 1, fds[1].revents & Int16(POLLIN) != 0 { return .wake }
        return .none
    }

    private func takeQueued() -> BackendInput? {
        state.withLock { state -> BackendInput? in
            guard !state.queue.isEmpty else {
                emptyPipe(readEnd)
                return nil
            }
            return state.queue.removeFirst()
        }
    }

    public func draw(_ frame: Buffer, previous: Buffer, cursor: (x: Int, y: Int)?) {
        state.withLock {
            $0.frames.append(frame)
            $0.cursor = cursor
        }
    }

    public func prepareFullRedraw() {}
}

/// Reads `fd` (non-blocking) until it is empty.
private func emptyPipe(_ fd: Int32) {
    var scratch = [UInt8](repeating: 0, count: 64)
    while read(fd, &scratch, scratch.count) > 0 {}
}

import Dispatch
import Synchronization
import Terminal

/// A result on its way to the screen that asked for it.
public struct Delivery: Sendable {
    /// The screen's place in the app (its stack id).
    public let screenID: Int
    public let message: AnyMessage
    /// Coalescing: a later delivery with the same key replaces a waiting one.
    let key: String?
}

/// Runs the effects of commands — work off the UI thread, timers, subscriptions — and
/// brings their results back through one `Inbox`, which wakes the run loop; the app drains
/// it on `.wake` and hands each result to the screen that asked (Bubble Tea's runtime).
///
/// `inline` (for tests): work and timers run at once on the calling thread; their results
/// still go through the inbox, so a test sends `.wake` to deliver them.
public final class CommandRuntime: Sendable {
    public enum Mode: Sendable { case threads, inline }

    public let inbox = Inbox<Delivery>(coalescingKey: { $0.key })
    public let mode: Mode
    /// Each screen's running subscriptions: id → how to stop it.
    private let subscriptions = Mutex<[Int: [String: @Sendable () -> Void]]>([:])

    public init(mode: Mode = .threads) { self.mode = mode }

    /// Runs `work` and posts its result for `screenID`.
    func perform(for screenID: Int, _ work: @escaping @Sendable () -> AnyMessage) {
        let inbox = self.inbox
        let job: @Sendable () -> Void = { inbox.post(Delivery(screenID: screenID, message: work(), key: nil)) }
        switch mode {
        case .threads: DispatchQueue.global().async(execute: job)
        case .inline: job()
        }
    }

    /// Posts `message` for `screenID` after `delay`.
    func after(_ delay: Duration, for screenID: Int, _ message: AnyMessage) {
        let inbox = self.inbox
        let job: @Sendable () -> Void = { inbox.post(Delivery(screenID: screenID, message: message, key: nil)) }
        switch mode {
        case .threads:
            let (seconds, attoseconds) = delay.components
            let nanoseconds = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: job)
        case .inline: job()
        }
    }

    /// Starts `subscription` for `screenID` unless one with its id is running.
    func subscribe(for screenID: Int, _ subscription: Subscription<AnyMessage>) {
        let already = subscriptions.withLock { $0[screenID]?[subscription.id] != nil }
        guard !already else { return }
        let inbox = self.inbox
        let stop = subscription.run { message, key in
            inbox.post(Delivery(screenID: screenID, message: message, key: key.map { "\(screenID)/\($0)" }))
        }
        subscriptions.withLock { $0[screenID, default: [:]][subscription.id] = stop }
    }

    /// Stops one subscription of `screenID`.
    func unsubscribe(for screenID: Int, id: String) {
        let stop = subscriptions.withLock { $0[screenID]?.removeValue(forKey: id) }
        stop?()
    }

    /// Stops every subscription of `screenID` (it left the stack).
    func cancelAll(for screenID: Int) {
        let stops = subscriptions.withLock { $0.removeValue(forKey: screenID) } ?? [:]
        for stop in stops.values { stop() }
    }

    /// How many subscriptions run (for tests).
    public var subscriptionCount: Int { subscriptions.withLock { $0.values.reduce(0) { $0 + $1.count } } }
}

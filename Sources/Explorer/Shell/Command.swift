import Terminal

/// A long-lived source of messages (a training session, later a network connection): the
/// runtime starts it once with a `send` function that any thread may call; the function the
/// source returns is called when the screen that subscribed leaves (or unsubscribes).
public struct Subscription<Message: Sendable>: Sendable {
    /// Names the subscription within its screen (`unsubscribe(id)`; subscribing twice with
    /// one id keeps the first).
    public let id: String
    /// Starts the source with a sink taking each message and its coalescing key.
    let run: @Sendable (_ post: @escaping @Sendable (Message, String?) -> Void) -> (@Sendable () -> Void)

    /// - Parameters:
    ///   - coalescingKey: messages with the same non-nil key replace each other while they
    ///     wait for the UI thread (a flood of progress reports stays one message).
    ///   - start: starts the source; returns how to stop it.
    public init(id: String, coalescingKey: @escaping @Sendable (Message) -> String? = { _ in nil },
                start: @escaping @Sendable (_ send: @escaping @Sendable (Message) -> Void) -> (@Sendable () -> Void)) {
        self.id = id
        self.run = { post in start { message in post(message, coalescingKey(message)) } }
    }

    init(id: String, run: @escaping @Sendable (_ post: @escaping @Sendable (Message, String?) -> Void) -> (@Sendable () -> Void)) {
        self.id = id
        self.run = run
    }

    /// The same source, its messages wrapped by `transform` (coalescing keys kept).
    public func map<N: Sendable>(_ transform: @escaping @Sendable (Message) -> N) -> Subscription<N> {
        let run = self.run
        return Subscription<N>(id: id) { post in run { message, key in post(transform(message), key) } }
    }
}

/// What a screen asks of the runtime after an update: effects run outside `update`, their
/// results come back to the same screen as `.own(message)`; navigation changes the stack.
public indirect enum Command<Message: Sendable> {
    case none
    /// Several commands, run in order.
    case batch([Command<Message>])
    /// Sends `message` back after `delay`.
    case after(Duration, Message)
    /// Runs `work` off the UI thread (file IO, loading data, building a model) and sends its result back.
    case perform(@Sendable () -> Message)
    /// Starts a long-lived source; it ends when the screen leaves.
    case subscribe(Subscription<Message>)
    /// Stops the subscription with this id.
    case unsubscribe(String)
    /// Opens a screen on top of this one (Esc comes back here).
    case push(any Screen)
    /// Swaps this screen for another (e.g. the same scene in another language).
    case replace(any Screen)
    /// Leaves this screen: back to the one it was opened from (quits when it is the last).
    case close
    /// Shows a one-line notice above the footer until the next key.
    case notice(String)
    case quit

    /// The same command with its messages wrapped by `transform` (a parent forwarding a child's).
    public func map<N: Sendable>(_ transform: @escaping @Sendable (Message) -> N) -> Command<N> {
        switch self {
        case .none: .none
        case .batch(let commands): .batch(commands.map { $0.map(transform) })
        case .after(let delay, let message): .after(delay, transform(message))
        case .perform(let work): .perform { transform(work()) }
        case .subscribe(let subscription): .subscribe(subscription.map(transform))
        case .unsubscribe(let id): .unsubscribe(id)
        case .push(let screen): .push(screen)
        case .replace(let screen): .replace(screen)
        case .close: .close
        case .notice(let text): .notice(text)
        case .quit: .quit
        }
    }

    /// Whether the command is `.none` (nothing to do).
    public var isNone: Bool { if case .none = self { true } else { false } }
}

/// Something that happened, delivered to a `TerminalApp`.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    /// A click, drag or wheel turn (see `MouseEvent`).
    case mouse(MouseEvent)
    /// Something was posted to an `Inbox` (from another thread): drain it.
    case wake
    /// The terminal now has this many columns and rows.
    case resize(width: Int, height: Int)
    /// The app's `tickInterval` has elapsed.
    case tick
}

/// What the app asks the run loop to do after an event.
public enum AppCommand: Sendable, Equatable {
    case none, quit
}

/// An app driven by the run loop (or by `drive` in tests). Pure: no terminal access;
/// all state changes happen in `handle`.
///
/// The loop first sends `.resize` with the terminal's size; `render` receives a buffer of the current size.
public protocol TerminalApp {
    mutating func handle(_ event: TerminalEvent) -> AppCommand
    func render(into buffer: inout Buffer)
    /// Smallest usable size; below it the loop shows `SizeMessage` instead of calling
    /// `render`, and resumes when the terminal grows.
    var minimumSize: (width: Int, height: Int) { get }
    /// When non-nil, the loop sends `.tick` about this often (play/auto-advance, live
    /// training). Read after every event.
    var tickInterval: Duration? { get }
    /// Where to show the terminal's text cursor (for text entry), or nil to hide it.
    var cursor: (x: Int, y: Int)? { get }
    /// The too-small message in the app's language (nil: `SizeMessage`'s English text).
    func sizeMessage(width: Int, height: Int) -> String?
    /// What the loop also waits on (the app's inbox of results from other threads); when
    /// it becomes readable the loop sends `.wake` and the app drains it.
    var wakeSource: (any WakeSource)? { get }
}

extension TerminalApp {
    public var tickInterval: Duration? { nil }
    public var cursor: (x: Int, y: Int)? { nil }
    public func sizeMessage(width: Int, height: Int) -> String? { nil }
    public var wakeSource: (any WakeSource)? { nil }
}

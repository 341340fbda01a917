import Terminal

/// What a screen reacts to. Keys arrive as typed; mouse positions are relative to the
/// screen's area (its top-left cell is (0, 0)).
public enum ScreenMessage: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
    /// The screen's `tickInterval` elapsed.
    case tick
    /// Another thread posted to an `Inbox` the screen reads.
    case wake
    /// The screen's area now has this size (sent when it opens and when the terminal changes).
    case resize(width: Int, height: Int)
}

/// What a screen asks of the app after an update.
public enum ScreenCommand {
    case none
    /// Leave this screen: back to the one it was opened from.
    case close
    /// Open a screen on top of this one (Esc comes back here).
    case push(any Screen)
    /// Swap this screen for another (e.g. the same scene in another language).
    case replace(any Screen)
    /// Show a one-line notice above the footer until the next key.
    case notice(String)
    case quit
}

/// A screen: a pure state machine. State changes only in `update`; `render` only draws,
/// and only inside the area it is given, so a screen can be embedded (a lesson shows a
/// scene beside its prose). The app frame — title bar, footer, notice, help — is the app's.
public protocol Screen {
    /// Shown in the app's title bar.
    var title: String { get }
    /// The right side of the title bar (e.g. `step 3/9 ▶ 600ms`); "" for none.
    var status: String { get }
    /// The keys this screen answers to, with their help text; the footer and the `?`
    /// overlay are generated from them.
    var bindings: [KeyBinding] { get }
    /// Text-entry focus: while true every key (q, ?, digits, -, Esc) reaches `update`
    /// as typed; only Ctrl-C stays global.
    var wantsText: Bool { get }
    mutating func update(_ message: ScreenMessage) -> ScreenCommand
    func render(into buffer: inout Buffer, area: Rect)
    /// The columns and rows the content needs to be fully usable (the app adds its frame).
    var contentSize: (width: Int, height: Int) { get }
    /// How often the screen wants `.tick` (nil: never).
    var tickInterval: Duration? { get }
    /// Where to show the text cursor, relative to the screen's area (nil: hidden).
    var cursor: (x: Int, y: Int)? { get }
    /// Presentation: the app hides its footer (keys stay in `?` help) and gives the screen that row.
    var hidesFooter: Bool { get }
    /// Called once when the screen leaves the stack (Esc, close, replace, quit): stop
    /// background work it started (e.g. a training run).
    func didClose()
}

extension Screen {
    public var status: String { "" }
    public var wantsText: Bool { false }
    public var tickInterval: Duration? { nil }
    public var cursor: (x: Int, y: Int)? { nil }
    public var hidesFooter: Bool { false }
    public func didClose() {}
}

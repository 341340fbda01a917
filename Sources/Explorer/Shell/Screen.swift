import Terminal

/// What a screen reacts to: the system's events, and `own` messages — the results of the
/// commands it returned (work done off the UI thread, timers, subscriptions), of its own
/// type `Own`. Keys arrive as typed; mouse positions are relative to the screen's area
/// (its top-left cell is (0, 0)).
public enum ScreenEvent<Own: Sendable>: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The screen's `tickInterval` elapsed.
    case tick
    /// The screen's area now has this size (sent when it opens and when the terminal changes).
    case resize(width: Int, height: Int)
    /// A result of one of this screen's commands.
    case own(Own)
}

extension ScreenEvent: Equatable where Own: Equatable {}

/// The system events alone (a screen with no messages of its own receives these).
public typealias ScreenMessage = ScreenEvent<Never>

extension ScreenEvent where Own == Never {
    /// The same system event, typed for a screen whose own messages are `M`.
    public func widened<M: Sendable>(to: M.Type = M.self) -> ScreenEvent<M> {
        switch self {
        case .key(let key): .key(key)
        case .mouse(let mouse): .mouse(mouse)
        case .tick: .tick
        case .resize(let width, let height): .resize(width: width, height: height)
        }
    }
}

/// The commands of a screen with no messages of its own.
public typealias ScreenCommand = Command<Never>

/// A screen: a pure state machine (the Elm architecture, as Bubble Tea builds it).
///
/// - `update` changes state and returns a `Command`: it never does IO, loads data or builds
///   models itself; the runtime runs the command and sends the result back as `.own(…)`.
/// - `render` only draws, and only inside the area it is given (the app clips and checks),
///   so a screen can be embedded (a lesson shows a scene beside its prose).
/// - Focus: while `wantsText` (a text field has focus) every key but Ctrl-C reaches the
///   screen; Esc in a field gives focus back (blur) and never closes anything. Without a
///   focused field, Esc goes back one screen and q quits — the app's keys.
///
/// The app frame — title bar, footer, notice, help — is the app's.
public protocol Screen {
    /// The results of this screen's commands.
    associatedtype Message: Sendable = Never
    /// Shown in the app's title bar.
    var title: String { get }
    /// The right side of the title bar (e.g. `step 3/9 ▶ 600ms`); "" for none.
    var status: String { get }
    /// The keys this screen answers to, with their help text; the footer and the `?`
    /// overlay are generated from them.
    var bindings: [KeyBinding] { get }
    /// A text field has focus: every key (q, ?, digits, -, Esc) reaches `update` as typed;
    /// only Ctrl-C stays global. Esc must blur the field (after which this is false).
    var wantsText: Bool { get }
    /// Esc (with no field focused) goes to `update` instead of going back, e.g. to ask
    /// "Leave the quiz? y/n" before a run is lost. The screen must then offer a way out.
    var capturesEscape: Bool { get }
    /// The command to run when the screen opens (Bubble Tea's `Init`): load what it shows,
    /// subscribe to a source.
    func start() -> Command<Message>
    mutating func update(_ event: ScreenEvent<Message>) -> Command<Message>
    func render(into buffer: inout Buffer, area: Rect)
    /// The columns and rows the content needs to be fully usable (the app adds its frame).
    var contentSize: (width: Int, height: Int) { get }
    /// How often the screen wants `.tick` (nil: never).
    var tickInterval: Duration? { get }
    /// Where to show the text cursor, relative to the screen's area (nil: hidden).
    var cursor: (x: Int, y: Int)? { get }
    /// Presentation: the app hides its footer (keys stay in `?` help) and gives the screen that row.
    var hidesFooter: Bool { get }
    /// The language of the app's frame (footer, help) while this screen is on top; nil: the
    /// app's. A lesson switched to the other language with F2 sets it.
    var frameLanguage: Language? { get }
    /// q reaches the screen instead of quitting, so it can ask first (a live class).
    var asksBeforeQuit: Bool { get }
    /// Called once when the screen leaves the stack (Esc, close, replace, quit), after the
    /// runtime has cancelled its subscriptions: stop anything else it owns.
    func didClose()
    /// What leaving now would lose (nil: nothing). While set, the user's q and Esc ask first:
    /// y leaves; n or Esc stays; any other key stays and reaches the screen as usual (so the
    /// key that saves can be pressed right away). Ctrl-C never asks.
    var leaveWarning: Localized? { get }
}

extension Screen {
    public var status: String { "" }
    public var wantsText: Bool { false }
    public var capturesEscape: Bool { false }
    public func start() -> Command<Message> { .none }
    public var tickInterval: Duration? { nil }
    public var cursor: (x: Int, y: Int)? { nil }
    public var hidesFooter: Bool { false }
    public var frameLanguage: Language? { nil }
    public var asksBeforeQuit: Bool { false }
    public func didClose() {}
    public var leaveWarning: Localized? { nil }
}

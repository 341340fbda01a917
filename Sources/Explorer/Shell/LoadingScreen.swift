import Terminal

/// A screen built off the UI thread (its data loaded, its model built), handed over once
/// to the UI thread; nothing else holds it.
public struct ScreenHandoff: @unchecked Sendable {
    public let screen: any Screen
    public init(_ screen: any Screen) { self.screen = screen }
}

/// Says what is being prepared while `build` runs off the UI thread, then gives its place to
/// the screen built — or says why it could not be built (Esc goes back).
public struct LoadingScreen: Screen {
    public enum Outcome: Sendable {
        case ready(ScreenHandoff)
        case failed(String)
    }

    public enum Message: Sendable { case built(Outcome) }

    public let title: String
    /// What is happening, e.g. "Loading MNIST and building the model…".
    public let waiting: String
    public let language: Language
    let build: @Sendable () -> Outcome
    public private(set) var problem: String?

    public init(title: String, waiting: String, language: Language, build: @escaping @Sendable () -> Outcome) {
        self.title = title
        self.waiting = waiting
        self.language = language
        self.build = build
    }

    public var bindings: [KeyBinding] { [] }
    public var contentSize: (width: Int, height: Int) { (40, 3) }

    public func start() -> Command<Message> {
        let build = self.build
        return .perform { .built(build()) }
    }

    public mutating func update(_ event: ScreenEvent<Message>) -> Command<Message> {
        guard case .own(.built(let outcome)) = event else { return .none }
        switch outcome {
        case .ready(let handoff): return .replace(handoff.screen)
        case .failed(let text): problem = text
        }
        return .none
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width > 2, area.height > 0 else { return }
        let text = problem ?? waiting
        let style = problem == nil ? Style.plain : Palette.warning
        Text(text, style: style).render(in: area.inset(top: min(1, area.height - 1), left: 1), buffer: &buffer)
    }
}

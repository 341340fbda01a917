import CNN
import Terminal

/// The whole app as one `TerminalApp`: the current scene, the help overlay and the footer.
///
/// `q` and Ctrl-C quit, `?` toggles help, Esc closes help or goes back to the home screen;
/// every other key becomes a `SceneMessage` for the current scene.
public struct ExplorerApp: TerminalApp {
    public let language: Language
    public let sliding: SlidingConfig
    public private(set) var scene: any Scene
    public private(set) var isHelpShown = false
    /// A one-line notice shown above the footer (e.g. why the screen is drawn in ASCII).
    public var notice: String?

    /// Starts on `start`; throws when the sliding configuration is invalid.
    public init(start: SceneID = .home, sliding: SlidingConfig = .example, language: Language = .en) throws(CNNError) {
        self.language = language
        self.sliding = sliding
        _ = try sliding.trace()
        scene = HomeScene(language: language)
        scene = try makeScene(start)
    }

    /// The same app in another language, on the same screen (scene state starts afresh).
    public func with(language: Language) throws(CNNError) -> ExplorerApp {
        var copy = try ExplorerApp(start: currentID, sliding: sliding, language: language)
        copy.notice = notice
        return copy
    }

    /// Which screen is showing.
    public var currentID: SceneID { scene is SlidingScene ? .sliding : .home }

    private func makeScene(_ id: SceneID) throws(CNNError) -> any Scene {
        switch id {
        case .home: HomeScene(language: language)
        case .sliding: SlidingScene(trace: try sliding.trace(), language: language)
        }
    }

    public mutating func handle(_ event: TerminalEvent) -> AppCommand {
        switch event {
        case .key(.char("q")), .key(.ctrl("c")):
            return .quit
        case .key(.char("?")):
            isHelpShown.toggle()
        case .key(.escape):
            if isHelpShown { isHelpShown = false } else { return apply(scene.update(.back)) }
        case .key(let key):
            if isHelpShown { isHelpShown = false; return .none }
            return apply(scene.update(sceneMessage(for: key)))
        case .tick:
            return apply(scene.update(.tick))
        case .resize, .wake:
            break
        }
        return .none
    }

    private mutating func apply(_ command: SceneCommand) -> AppCommand {
        switch command {
        case .none: return .none
        case .quit: return .quit
        case .close: scene = HomeScene(language: language)
        case .open(let id):
            // The configuration was validated in init, so opening cannot fail.
            if let next = try? makeScene(id) { scene = next }
        }
        return .none
    }

    public func render(into buffer: inout Buffer) {
        scene.render(into: &buffer)
        if let notice, buffer.height >= 2 {
            buffer.fill(Rect(x: 0, y: buffer.height - 2, width: buffer.width, height: 1))
            buffer.write(" " + notice, x: 0, y: buffer.height - 2, style: Style(dim: true))
        }
        KeyFooter(footerKeys).render(in: Rect(x: 0, y: buffer.height - 1, width: buffer.width, height: 1), buffer: &buffer)
        if isHelpShown {
            let rows = (scene.keyHelp + Self.globalKeys).map { (key: $0.key, description: $0.label[language]) }
            HelpOverlay(title: Localized(en: "Keys", ko: "키")[language], rows: rows,
                        hint: Localized(en: "Esc or ? closes", ko: "Esc 또는 ? 키로 닫기")[language])
                .render(in: buffer.area, buffer: &buffer)
        }
    }

    private var footerKeys: [(key: String, label: String)] {
        (scene.keyHelp + Self.globalKeys).filter(\.inFooter).map { (key: $0.key, label: $0.label[language]) }
    }

    static let globalKeys: [KeyHelp] = [
        KeyHelp("?", Localized(en: "help", ko: "도움말")),
        KeyHelp("Esc", Localized(en: "back / close help", ko: "뒤로 / 도움말 닫기"), footer: false),
        KeyHelp("q", Localized(en: "quit", ko: "종료")),
    ]

    public var minimumSize: (width: Int, height: Int) { scene.minimumSize }
    public var tickInterval: Duration? { scene.tickInterval }
}

import Terminal

/// What a scene reacts to. Keys are translated into these by `Keymap`; `tick` comes from the run loop.
public enum SceneMessage: Sendable, Equatable {
    case next, previous, first, last
    case togglePlay, faster, slower
    case tick
    case up, down, select
    case back
    /// Any other key, for scenes that read text (the quiz).
    case key(Key)
}

/// What a scene asks of the app after an update.
public enum SceneCommand: Sendable, Equatable {
    case none
    /// Leave this scene (back to the home screen).
    case close
    /// Open another scene by its identifier (see `SceneID`).
    case open(SceneID)
    case quit
}

/// The screens that can be opened.
public enum SceneID: String, Sendable, CaseIterable {
    case home
    case sliding
}

/// A screen: a pure state machine. All state changes happen in `update`; `render` only draws.
public protocol Scene {
    mutating func update(_ message: SceneMessage) -> SceneCommand
    func render(into buffer: inout Buffer)
    /// The keys to show in the footer and the help overlay.
    var keyHelp: [KeyHelp] { get }
    /// Smallest terminal this scene fits in.
    var minimumSize: (width: Int, height: Int) { get }
    /// How often the scene wants `.tick` (nil: never).
    var tickInterval: Duration? { get }
}

/// One key and what it does, in every language.
public struct KeyHelp: Sendable, Equatable {
    public let key: String
    public let label: Localized
    /// Shown in the footer (else only in the help overlay).
    public let inFooter: Bool

    public init(_ key: String, _ label: Localized, footer: Bool = true) {
        self.key = key
        self.label = label
        self.inFooter = footer
    }
}

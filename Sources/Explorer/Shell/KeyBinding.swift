import Terminal

/// One action's keys and its help text, kept together so the footer and the help overlay
/// are generated from the same value the screen matches keys against (Bubble Tea's
/// `key.Binding`).
public struct KeyBinding: Sendable, Equatable {
    /// The keys that trigger the action.
    public let keys: [Key]
    /// How the keys are written in the footer and help (`→/l`).
    public let label: String
    public let help: Localized
    /// Shown in the footer; otherwise only in the `?` overlay.
    public let footer: Bool

    public init(_ keys: [Key], _ label: String, _ help: Localized, footer: Bool = true) {
        self.keys = keys
        self.label = label
        self.help = help
        self.footer = footer
    }

    public func matches(_ key: Key) -> Bool { keys.contains(key) }

    /// This binding, not shown in the footer.
    public var helpOnly: KeyBinding { KeyBinding(keys, label, help, footer: false) }
}

extension Array where Element == KeyBinding {
    /// The first binding that matches `key`.
    public func first(matching key: Key) -> KeyBinding? { first { $0.matches(key) } }
}

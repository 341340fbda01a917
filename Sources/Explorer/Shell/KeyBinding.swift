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

/// A screen's keys mapped to its own actions, with their help: the screen switches on the
/// action `action(for:)` finds, and its footer and `?` help come from `bindings` — so no key is
/// handled that is not shown (Bubble Tea's `key.Binding` map).
public struct KeyMap<Action: Sendable>: Sendable {
    /// One line of help: its label and text, and the action each of its keys triggers.
    public struct Entry: Sendable {
        public let binding: KeyBinding
        let actions: [(key: Key, action: Action)]

        /// Every key of the entry triggers `action`.
        public init(_ keys: [Key], _ label: String, _ help: Localized, footer: Bool = true, _ action: Action) {
            binding = KeyBinding(keys, label, help, footer: footer)
            actions = keys.map { ($0, action) }
        }

        /// Each key triggers its own action, described together (`+/-` faster / slower).
        public init(_ label: String, _ help: Localized, footer: Bool = true, _ actions: [(Key, Action)]) {
            binding = KeyBinding(actions.map(\.0), label, help, footer: footer)
            self.actions = actions.map { (key: $0.0, action: $0.1) }
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// The action of `key`, or nil when the key is not this screen's.
    public func action(for key: Key) -> Action? {
        for entry in entries {
            if let match = entry.actions.first(where: { $0.key == key }) { return match.action }
        }
        return nil
    }

    /// The help lines, in order (for `Screen.bindings`).
    public var bindings: [KeyBinding] { entries.map(\.binding) }

    /// This map followed by `other`'s entries.
    public static func + (a: KeyMap, b: KeyMap) -> KeyMap { KeyMap(a.entries + b.entries) }
}

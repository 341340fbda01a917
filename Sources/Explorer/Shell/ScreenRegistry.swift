import CNN

/// Where an entry is listed on the home screen, in this order.
public enum ScreenGroup: String, Sendable, CaseIterable {
    case lesson, scene, quiz, training

    public var title: Localized {
        switch self {
        case .lesson: Localized(en: "Lessons", ko: "레슨")
        case .scene: Localized(en: "Scenes", ko: "장면")
        case .quiz: Localized(en: "Quiz", ko: "퀴즈")
        case .training: Localized(en: "Training", ko: "학습")
        }
    }
}

/// One screen, described once: the home screen, `stride show`, `stride show --list` and the
/// lessons all read this.
public struct ScreenEntry: Sendable {
    public let id: String
    public let group: ScreenGroup
    public let title: Localized
    public let summary: Localized
    /// Its settings, as declared (empty: none).
    public let settings: [SettingSpec]
    /// The keys its settings accept.
    public var settingsKeys: [String] { settings.map(\.key) }
    /// Builds the screen from its settings in a language; throws a located error.
    public let make: @Sendable (SettingsSource, Language) throws(SettingsError) -> any Screen

    public init(id: String, group: ScreenGroup, title: Localized, summary: Localized, settings: [SettingSpec] = [],
                make: @escaping @Sendable (SettingsSource, Language) throws(SettingsError) -> any Screen) {
        self.id = id
        self.group = group
        self.title = title
        self.summary = summary
        self.settings = settings
        self.make = make
    }

    /// An entry for a scene whose settings are `S` and which is built by `build`.
    public static func scene<S: SceneSettings>(
        _ id: String, _ settings: S.Type, title: Localized, summary: Localized, group: ScreenGroup = .scene,
        build: @escaping @Sendable (S, Language) -> any Screen
    ) -> ScreenEntry {
        ScreenEntry(id: id, group: group, title: title, summary: summary, settings: S.settings) { source, language throws(SettingsError) in
            build(try decodeSettings(S.self, from: source), language)
        }
    }
}

/// The screens that can be opened. `builtIn` lists every scene; the quiz, training and
/// lessons add their entries in `ScreenRegistry+Entries` / at start-up (lessons are read
/// from files).
public struct ScreenRegistry: Sendable {
    public var entries: [ScreenEntry]

    public init(entries: [ScreenEntry]) { self.entries = entries }

    public func entry(_ id: String) -> ScreenEntry? { entries.first { $0.id == id } }

    /// Entries of one group, in registration order.
    public func entries(in group: ScreenGroup) -> [ScreenEntry] { entries.filter { $0.group == group } }

    /// Opens `id` with `source` settings; throws when the id is unknown or the settings are bad.
    public func make(_ id: String, settings source: SettingsSource = .defaults, language: Language) throws(SettingsError) -> any Screen {
        guard let entry = entry(id) else {
            let names = entries.map(\.id).joined(separator: ", ")
            throw SettingsError(file: nil, line: nil, flag: nil, message: "unknown screen '\(id)'; known: \(names)")
        }
        return try entry.make(source, language)
    }
}

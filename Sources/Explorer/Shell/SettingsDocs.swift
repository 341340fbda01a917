/// The settings tables of README.md and lessons/README.md and `stride show --help`, made
/// from the settings each registered screen declares (a test fails when a file's table is
/// stale; `STRIDE_UPDATE_DOCS=1 swift test --filter SettingsDocs` rewrites it).
public enum SettingsDocs {
    /// Every distinct setting with the screens that take it, in first-seen order.
    static func settingsByScreen(_ registry: ScreenRegistry) -> [(spec: SettingSpec, screens: [String])] {
        var rows: [(spec: SettingSpec, screens: [String])] = []
        for entry in registry.entries {
            for spec in entry.settings {
                if let i = rows.firstIndex(where: { $0.spec == spec }) { rows[i].screens.append(entry.id) }
                else { rows.append((spec, [entry.id])) }
            }
        }
        return rows
    }

    /// README.md: one row per setting (a key that means different things in different
    /// screens has a row for each).
    public static func readmeTable(_ registry: ScreenRegistry = .builtIn) -> String {
        var lines = ["| setting | values | default | meaning | screens |", "|---|---|---|---|---|"]
        for (spec, screens) in settingsByScreen(registry) {
            lines.append("| `\(spec.key)` | \(spec.values) | \(spec.defaultText) | \(spec.help.en) | \(screens.joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n")
    }

    /// lessons/README.md: each scene a `scene` block can embed, with its settings' keys.
    public static func lessonTable(_ registry: ScreenRegistry = .builtIn) -> String {
        var lines = ["| scene | settings |", "|---|---|"]
        var groups: [(keys: [SettingSpec], ids: [String])] = []
        for entry in registry.entries(in: .scene) {
            if let i = groups.firstIndex(where: { $0.keys == entry.settings }) { groups[i].ids.append(entry.id) }
            else { groups.append((entry.settings, [entry.id])) }
        }
        for group in groups {
            let settings = group.keys.map { "`\($0.key)` (\($0.values))" }.joined(separator: ", ")
            lines.append("| \(group.ids.joined(separator: ", ")) | \(settings.isEmpty ? "none" : settings) |")
        }
        return lines.joined(separator: "\n")
    }

    /// `stride show --help`: each scene's flags.
    public static func showHelp(_ registry: ScreenRegistry = .builtIn) -> String {
        var lines = ["Settings (each scene takes its own; values may start with '-'):"]
        for entry in registry.entries where !entry.settings.isEmpty {
            lines.append("  \(entry.id):")
            for spec in entry.settings {
                lines.append("    \(spec.flag) <\(spec.values)>  \(spec.help.en) (default: \(spec.defaultText))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The markers around a generated table in a Markdown file.
    public static func markers(_ name: String) -> (begin: String, end: String) {
        ("<!-- generated: \(name) (SettingsDocs; do not edit by hand) -->", "<!-- end: \(name) -->")
    }

    /// `text` with the part between `name`'s markers replaced by `table`; nil when the markers are missing.
    public static func replacing(_ name: String, in text: String, with table: String) -> String? {
        let (begin, end) = markers(name)
        guard let a = text.range(of: begin), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return nil }
        return String(text[..<a.upperBound]) + "\n" + table + "\n" + String(text[b.lowerBound...])
    }
}

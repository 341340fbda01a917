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

    /// README.md and lessons/README.md: one row per setting (a key that means different
    /// things in different screens has a row for each). Which screen takes which setting is in
    /// `stride show --help` — not here, so adding a screen that reuses settings changes no doc.
    public static func table(_ registry: ScreenRegistry = .builtIn) -> String {
        var lines = ["| setting | values | default | meaning |", "|---|---|---|---|"]
        for (spec, _) in settingsByScreen(registry) {
            lines.append("| `\(spec.key)` | \(spec.values) | \(spec.defaultText) | \(spec.help.en) |")
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

import CNN

extension ScreenEntry {
    /// An entry for a scene whose `build` may refuse its (already validated) settings: the
    /// engine's reason becomes a `SettingsError`, said where the screen was asked for, so no
    /// scene substitutes another example for one it cannot draw.
    static func checkedScene<S: SceneSettings>(
        _ id: String, _ settings: S.Type, title: Localized, summary: Localized, group: ScreenGroup = .scene,
        build: @escaping @Sendable (S, Language) throws(CNNError) -> any Screen
    ) -> ScreenEntry {
        ScreenEntry(id: id, group: group, title: title, summary: summary, settings: S.settings) { source, language throws(SettingsError) in
            let settings = try decodeSettings(S.self, from: source)
            do throws(CNNError) {
                return try build(settings, language)
            } catch {
                throw SettingsError(file: nil, line: nil, flag: nil, message: "\(id): \(error.description)")
            }
        }
    }
}

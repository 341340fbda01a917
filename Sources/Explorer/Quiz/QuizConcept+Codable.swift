import CNN
import Terminal

// The fields of `choice` and `truefalse` questions (see `QuizQuestion`'s Codable).

/// A text in both languages: `{en: …, ko: …}` (both required), or one string for both.
/// Control characters are escaped (`TerminalSafe`) and each text is cut at
/// `QuizQuestion.maxTextLength` characters.
struct LocalizedField: Codable {
    let value: Localized
    init(_ value: Localized) { self.value = value }

    init(from decoder: any Decoder) throws {
        func clean(_ s: String) -> String { TerminalSafe.text(String(s.prefix(QuizQuestion.maxTextLength))) }
        if let single = try? decoder.singleValueContainer().decode(String.self) {
            value = Localized(en: clean(single), ko: clean(single))
            return
        }
        guard let c = try? decoder.container(keyedBy: SettingKey.self) else {
            throw SettingsProblem(nil, "expected a text, or {en: …, ko: …}")
        }
        try Self.check(c, allowed: ["en", "ko"])
        value = try Self.read(c, clean)
    }

    /// Refuses keys other than `allowed`.
    static func check(_ c: KeyedDecodingContainer<SettingKey>, allowed: [String]) throws {
        if let unknown = c.allKeys.map(\.stringValue).first(where: { !allowed.contains($0) }) {
            throw SettingsProblem(nil, "'\(unknown)' is not a field here (fields: \(allowed.joined(separator: ", ")))")
        }
    }

    /// `en` and `ko` from a mapping, both required and not empty.
    static func read(_ c: KeyedDecodingContainer<SettingKey>, _ clean: (String) -> String) throws -> Localized {
        guard let en = try? c.decode(String.self, forKey: SettingKey("en")), !en.isEmpty,
              let ko = try? c.decode(String.self, forKey: SettingKey("ko")), !ko.isEmpty else {
            throw SettingsProblem(nil, "expected a text in both languages: {en: …, ko: …}")
        }
        return Localized(en: clean(en), ko: clean(ko))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SettingKey.self)
        try c.encode(value.en, forKey: SettingKey("en"))
        try c.encode(value.ko, forKey: SettingKey("ko"))
    }
}

/// One option of a `choice` question: `{en, ko, feedback?, diagnosis?}`, or one string.
struct OptionField: Codable {
    let option: ChoiceQuestion.Option
    init(_ option: ChoiceQuestion.Option) { self.option = option }

    init(from decoder: any Decoder) throws {
        func clean(_ s: String) -> String { TerminalSafe.text(String(s.prefix(QuizQuestion.maxTextLength))) }
        if let single = try? decoder.singleValueContainer().decode(String.self) {
            option = ChoiceQuestion.Option(Localized(en: clean(single), ko: clean(single)))
            return
        }
        guard let c = try? decoder.container(keyedBy: SettingKey.self) else {
            throw SettingsProblem("options", "each option is a text or {en: …, ko: …, feedback: {en: …, ko: …}, diagnosis: CODE}")
        }
        do {
            try LocalizedField.check(c, allowed: ["en", "ko", "feedback", "diagnosis"])
            option = ChoiceQuestion.Option(try LocalizedField.read(c, clean),
                                           feedback: try c.localizedIfPresent("feedback"), diagnosis: try c.mistakeCode("diagnosis"))
        } catch let problem as SettingsProblem {
            throw SettingsProblem("options", problem.message)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SettingKey.self)
        try c.encode(option.text.en, forKey: SettingKey("en"))
        try c.encode(option.text.ko, forKey: SettingKey("ko"))
        try c.encodeIfPresent(option.feedback.map(LocalizedField.init), forKey: SettingKey("feedback"))
        try c.encodeIfPresent(option.diagnosis?.rawValue, forKey: SettingKey("diagnosis"))
    }
}

extension KeyedDecodingContainer where Key == SettingKey {
    /// A required text in both languages (`LocalizedField`).
    func localized(_ name: String) throws -> Localized {
        guard let text = try localizedIfPresent(name) else { throw SettingsProblem(name, "missing: a text, or {en: …, ko: …}") }
        return text
    }

    /// An optional text in both languages.
    func localizedIfPresent(_ name: String) throws -> Localized? {
        guard contains(SettingKey(name)) else { return nil }
        do { return try decode(LocalizedField.self, forKey: SettingKey(name)).value }
        catch let problem as SettingsProblem { throw SettingsProblem(name, problem.message) }
        catch { throw SettingsProblem(name, "expected a text, or {en: …, ko: …}") }
    }

    /// An optional mistake code (`MistakeCode`'s raw values).
    func mistakeCode(_ name: String) throws -> MistakeCode? {
        guard contains(SettingKey(name)) else { return nil }
        let text = (try? decode(String.self, forKey: SettingKey(name))) ?? ""
        guard let code = MistakeCode(rawValue: text) else {
            throw SettingsProblem(name, "'\(text)' is not a known mistake code (\(MistakeCode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return code
    }
}

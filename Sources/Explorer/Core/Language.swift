/// The languages the lessons and screens are written in.
public enum Language: String, Sendable, CaseIterable {
    case en, ko
}

/// A string in every language; `self[lang]` picks one.
public struct Localized: Sendable, Equatable, ExpressibleByStringLiteral {
    public let en: String
    public let ko: String

    public init(en: String, ko: String) {
        self.en = en
        self.ko = ko
    }

    /// Same text in both languages (symbols, numbers).
    public init(stringLiteral value: String) { self.init(en: value, ko: value) }

    public subscript(language: Language) -> String {
        switch language {
        case .en: en
        case .ko: ko
        }
    }
}

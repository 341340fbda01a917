#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether the current locale's character set is UTF-8 (checks `nl_langinfo(nl_item(CODESET))`).
/// Call `setlocale(LC_ALL, "")` first, or this reports the "C" locale.
public func localeIsUTF8() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    return isUTF8Codeset(String(cString: codeset))
}

/// Sets the process locale from the environment (`setlocale(LC_ALL, "")`).
///
/// When the environment names a UTF-8 locale that is not installed (e.g. `LANG=ko_KR.UTF-8`
/// on a machine without it), falls back to `C.UTF-8` so wide characters still draw.
/// Returns a one-line note saying what happened when the environment's locale could not
/// be used, nil when it could.
@discardableResult
public func adoptEnvironmentLocale() -> String? {
    adoptEnvironmentLocaleFallback()?.note
}

/// What `adoptEnvironmentLocale` did when the environment's locale could not be used: its
/// name, and whether `C.UTF-8` was set instead. `note(korean:)` says it in either language.
public struct LocaleFallback: Sendable, Equatable {
    public let name: String
    public let usesCUTF8: Bool

    public init(name: String, usesCUTF8: Bool) {
        self.name = name
        self.usesCUTF8 = usesCUTF8
    }

    public var note: String { note(korean: false) }

    public func note(korean: Bool) -> String {
        switch (usesCUTF8, korean) {
        case (true, false): "The locale \(name) is not installed; using C.UTF-8 (UTF-8 drawing)."
        case (false, false): "The locale \(name) is not installed (see `locale -a`)."
        case (true, true): "로케일 \(name): 설치되어 있지 않아 C.UTF-8로 그립니다."
        case (false, true): "로케일 \(name): 설치되어 있지 않습니다 (`locale -a`로 확인하세요)."
        }
    }
}

/// `adoptEnvironmentLocale`, returning what happened instead of an English sentence.
@discardableResult
public func adoptEnvironmentLocaleFallback() -> LocaleFallback? {
    if setlocale(LC_ALL, "") != nil { return nil }
    let variables: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
    let values = variables.compactMap { (variable: String) -> String? in getenv(variable).map { String(cString: $0) } }
    let name = values.first { !$0.isEmpty } ?? ""
    let asksUTF8 = name.lowercased().filter { $0 != "-" && $0 != "_" }.contains("utf8")
    if asksUTF8, setlocale(LC_ALL, "C.UTF-8") != nil {
        return LocaleFallback(name: name, usesCUTF8: true)
    }
    return LocaleFallback(name: name, usesCUTF8: false)
}

/// Whether a codeset name means UTF-8 ("UTF-8", "utf8", …).
func isUTF8Codeset(_ name: String) -> Bool {
    let normalized = name.lowercased().filter { $0 != "-" && $0 != "_" }
    return normalized == "utf8"
}

/// `TerminalOptions` decisions that depend only on their inputs (tested without a terminal).
enum OptionResolution {
    static func charset(asciiOnly: Bool?, localeIsUTF8: Bool) -> Charset {
        if let asciiOnly { return asciiOnly ? .ascii : .unicode }
        return localeIsUTF8 ? .unicode : .ascii
    }

    /// Colour is on when forced, else when NO_COLOR is unset and the terminal has colours.
    static func colorEnabled(option: Bool?, noColorSet: Bool, terminalHasColors: Bool) -> Bool {
        if let option { return option && terminalHasColors }
        return !noColorSet && terminalHasColors
    }
}

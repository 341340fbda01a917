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

/// Text from a file, a user or the network, made safe to print on a terminal.
///
/// A terminal acts on control characters: `ESC ] 52 ;` writes the clipboard, `ESC [ 2 J`
/// clears the screen, `ESC ] 0 ;` sets the window title, a C1 `U+009B` is a CSI by itself on
/// some terminals, a bidi override reorders what is shown after it, and a newline in a name
/// forges a line of a report. Every scalar that a terminal would act on is replaced by a
/// visible escape, so what is shown is what the file says and nothing else happens:
///
/// - C0 controls `U+0000…U+001F`: `\0 \a \b \t \n \v \f \r \e`, the others `\x01`…
/// - DEL `U+007F`: `\x7F`; C1 controls `U+0080…U+009F`: `\u{9B}`
/// - bidi controls (`U+061C`, `U+200E`, `U+200F`, `U+202A…U+202E`, `U+2066…U+2069`) and the
///   line and paragraph separators `U+2028`, `U+2029`: `\u{202E}`
///
/// With `.multiline`, `\n` and `\t` stay as they are (block text, help pages); in a
/// single-line field (a name, a title, a time) they are escaped too. Backslashes are kept:
/// a literal `\e` in the text is harmless. The TUI's cell buffer drops controls itself;
/// every line printed by the CLI goes through here.
public enum TerminalSafe {
    /// Whether line breaks and tabs may stay.
    public enum Lines: Sendable { case single, multiline }

    /// `text` with every control, DEL, C1 and bidi scalar shown as an escape (see the type).
    public static func text(_ text: String, _ lines: Lines = .single) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, lines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, lines) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a terminal would act on `scalar` (in `lines` mode) instead of showing it.
    public static func needsEscape(_ scalar: Unicode.Scalar, _ lines: Lines = .single) -> Bool {
        let v = scalar.value
        if lines == .multiline, v == 0x0A || v == 0x09 { return false }
        switch v {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The visible form of one escaped scalar.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00: return "\\0"
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        case 0x00...0x7F: return "\\x" + hex(scalar.value, width: 2)
        default: return "\\u{" + hex(scalar.value, width: 2) + "}"
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

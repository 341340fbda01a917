import Testing
@testable import Terminal

@Suite("Text from files made safe for a terminal")
struct TerminalSafeTests {
    @Test func attackSequencesLoseTheirEscapeBytes() {
        // OSC 52 (clipboard), CSI 2J (clear), OSC 0 (window title), 8-bit CSI, DEL.
        #expect(TerminalSafe.text("a\u{1B}]52;c;aGk=\u{07}b") == "a\\e]52;c;aGk=\\ab")
        #expect(TerminalSafe.text("\u{1B}[2J") == "\\e[2J")
        #expect(TerminalSafe.text("\u{1B}]0;pwned\u{1B}\\") == "\\e]0;pwned\\e\\")
        #expect(TerminalSafe.text("x\u{9B}31m") == "x\\u{9B}31m")
        #expect(TerminalSafe.text("\u{80}\u{9F}") == "\\u{80}\\u{9F}")
        #expect(TerminalSafe.text("del\u{7F}") == "del\\x7F")
        #expect(TerminalSafe.text("\u{00}\u{01}\u{08}\u{0B}\u{0C}\u{1F}") == "\\0\\x01\\b\\v\\f\\x1F")
    }

    @Test func aSingleLineFieldCannotForgeLines() {
        #expect(TerminalSafe.text("eve\n  ana   100%\r") == "eve\\n  ana   100%\\r")
        #expect(TerminalSafe.text("a\tb") == "a\\tb")
        #expect(TerminalSafe.text("a\r\nb") == "a\\r\\nb")
        #expect(TerminalSafe.text("line\u{2028}sep\u{2029}") == "line\\u{2028}sep\\u{2029}")
    }

    @Test func multilineTextKeepsLineBreaksAndTabsOnly() {
        #expect(TerminalSafe.text("one\n\ttwo", .multiline) == "one\n\ttwo")
        #expect(TerminalSafe.text("one\r\n\u{1B}[2Jtwo", .multiline) == "one\\r\n\\e[2Jtwo")
    }

    @Test func bidiControlsAreShown() {
        // "Trojan source": an override reorders what follows it on screen.
        #expect(TerminalSafe.text("abc\u{202E}fed\u{202C}") == "abc\\u{202E}fed\\u{202C}")
        #expect(TerminalSafe.text("\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}") == "\\u{2066}\\u{2069}\\u{200E}\\u{200F}\\u{61C}")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["", "ana", "합성곱 패딩", "é (e + U+0301: e\u{301})", "C:\\path\\e", "3×3 → 2×2 · ✓ …", "🙂"] {
            #expect(TerminalSafe.text(text) == text)
            #expect(TerminalSafe.text(text, .multiline) == text)
        }
        // An escape inside a grapheme (ESC + combining mark) is still found: scalars, not Characters.
        #expect(Array(TerminalSafe.text("\u{1B}\u{301}[2J").unicodeScalars) == Array("\\e\u{301}[2J".unicodeScalars))
    }

    @Test func theResultNeverHoldsAControl() {
        var all = String.UnicodeScalarView()
        for v in UInt32(0)...0x2100 { if let s = Unicode.Scalar(v) { all.append(s) } }
        let safe = TerminalSafe.text(String(all))
        #expect(!safe.unicodeScalars.contains { TerminalSafe.needsEscape($0) })
        #expect(!TerminalSafe.text(String(all), .multiline).unicodeScalars.contains { TerminalSafe.needsEscape($0, .multiline) })
    }
}

import Testing
@testable import Terminal

@Suite("Text width")
struct TextWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(displayWidth("hello") == 5)
        #expect(displayWidth("") == 0)
        #expect(displayWidth(Character("a")) == 1)
    }

    @Test func hangulIsTwoColumns() {
        #expect(displayWidth("안녕") == 4)
        #expect(displayWidth(Character("한")) == 2)
        #expect(displayWidth("ᄀ") == 2)  // leading Jamo U+1100
        #expect(displayWidth("ㄱ") == 2)  // compatibility Jamo U+3131
    }

    @Test func cjkAndFullwidthAreTwoColumns() {
        #expect(displayWidth("漢字") == 4)
        #expect(displayWidth("ア") == 2)
        #expect(displayWidth("Ａ") == 2)  // fullwidth A
        #expect(displayWidth("。") == 2)
    }

    @Test func mixedTextAddsUp() {
        #expect(displayWidth("a안b") == 4)
        #expect(displayWidth("CNN 합성곱 3×3") == 4 + 6 + 1 + 3)
        #expect(displayWidth("┌─┐ → …") == 7)
    }

    @Test func combiningMarksAndZeroWidthTakeNoColumns() {
        #expect(displayWidth("e\u{301}") == 1)  // e + combining acute: one grapheme
        #expect(displayWidth(Character("\u{301}")) == 0)
        #expect(displayWidth("a\u{200B}b") == 2)  // zero-width space
        #expect(displayWidth("\u{1100}\u{1161}") == 2)  // conjoining Jamo 가 (decomposed)
        #expect(displayWidth("\t") == 0)
    }

    @Test func emojiPresentationIsTwoColumns() {
        #expect(displayWidth("🙂") == 2)
    }

    @Test func truncateCutsByColumnsWithEllipsis() {
        #expect(truncate("hello world", toWidth: 8) == "hello w…")
        #expect(truncate("hello", toWidth: 5) == "hello")
        #expect(truncate("hello", toWidth: 0) == "")
        #expect(truncate("hello", toWidth: 1) == "…")
        #expect(truncate("안녕하세요", toWidth: 6) == "안녕…")
        #expect(truncate("안녕하세요", toWidth: 5) == "안녕…")
        #expect(truncate("abcdef", toWidth: 4, ellipsis: "~") == "abc~")
        #expect(displayWidth(truncate("안녕하세요", toWidth: 4)) <= 4)
    }

    @Test func padAlignsByColumns() {
        #expect(pad("ab", toWidth: 5) == "ab   ")
        #expect(pad("ab", toWidth: 5, alignment: .right) == "   ab")
        #expect(pad("ab", toWidth: 5, alignment: .center) == " ab  ")
        #expect(pad("안", toWidth: 4, alignment: .right) == "  안")
        #expect(pad("toolong", toWidth: 3) == "toolong")
    }

    @Test func wrapBreaksAtSpacesByColumns() {
        #expect(wrap("the quick brown fox", toWidth: 10) == ["the quick", "brown fox"])
        #expect(wrap("안녕하세요 세계 여러분", toWidth: 10) == ["안녕하세요", "세계", "여러분"])
        #expect(wrap("가나다라마바", toWidth: 5) == ["가나", "다라", "마바"])
        #expect(wrap("abcdefgh", toWidth: 3) == ["abc", "def", "gh"])
        #expect(wrap("a\n\nb", toWidth: 3) == ["a", "", "b"])
        #expect(wrap("abc", toWidth: 0) == [])
        #expect(wrap("안", toWidth: 1) == [""])  // cannot show a wide character in one column
    }
}

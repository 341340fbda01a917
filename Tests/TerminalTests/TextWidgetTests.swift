import Testing
@testable import Terminal

@Suite("Text")
struct TextWidgetTests {
    @Test func wrapsKoreanByColumns() {
        let buffer = rendered(Text("안녕하세요 세계 여러분"), width: 10, height: 4)
        expectLines(buffer, ["안녕하세요", "세계", "여러분", ""])
        #expect(buffer[8, 0].character == "요")
        #expect(buffer[9, 0].isContinuation)
    }

    @Test func longKoreanWordBreaksBetweenCharacters() {
        let buffer = rendered(Text("가나다라마바"), width: 5, height: 3)
        expectLines(buffer, ["가나", "다라", "마바"])
        #expect(buffer[4, 0] == .blank)
    }

    @Test func alignment() {
        let text = Text(lines: ["ab", "cde"], alignment: .right)
        expectLines(rendered(text, width: 6, height: 2), ["    ab", "   cde"])
        expectLines(rendered(Text("ab", alignment: .center), width: 6, height: 1), ["  ab"])
        let mixed = Text(lines: [StyledLine("L"), StyledLine("R", alignment: .right)])
        expectLines(rendered(mixed, width: 4, height: 2), ["L", "   R"])
    }

    @Test func spansKeepTheirStyles() {
        let bold = Style(bold: true)
        let text = Text(spans: [[Span("ab"), Span("CD", style: bold), Span("e")]])
        let buffer = rendered(text, width: 6, height: 1)
        expectLines(buffer, ["abCDe"])
        #expect(buffer[1, 0].style == .plain)
        #expect(buffer[2, 0].style == bold)
        #expect(buffer[3, 0].style == bold)
        #expect(buffer[4, 0].style == .plain)
    }

    @Test func styledWordsWrapWithTheirStyles() {
        let red = Style(foreground: .red)
        let text = Text(spans: [[Span("one "), Span("two", style: red), Span(" three")]])
        let buffer = rendered(text, width: 7, height: 2)
        expectLines(buffer, ["one two", "three"])
        #expect(buffer[4, 0].style == red)
        #expect(buffer[0, 1].style == .plain)
    }

    @Test func withoutWrapLinesAreClipped() {
        let text = Text(lines: ["abcdefgh", "가나다라"], wrap: false)
        expectLines(rendered(text, width: 5, height: 2), ["abcde", "가나"])
    }

    @Test func rowsPastTheBottomAreDropped() {
        let text = Text("one two three four")
        expectLines(rendered(text, width: 5, height: 2), ["one", "two"])
        #expect(text.height(forWidth: 5) == 4)
    }

    @Test func rendersOnlyInsideItsArea() {
        var buffer = Buffer(width: 6, height: 3)
        Text("abcdef ghij").render(in: Rect(x: 2, y: 1, width: 3, height: 1), buffer: &buffer)
        expectLines(buffer, ["", "  abc", ""])
    }

    @Test func asciiLayoutUsesTheFallbackWidths() {
        expectLines(rendered(Text("안녕 abc def"), width: 6, height: 2, charset: .ascii), ["?? abc", "def"])
    }
}

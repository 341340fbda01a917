import Testing
@testable import Terminal

@Suite("Buffers drawn into buffers, palette colours")
struct ComposeAndColorTests {
    @Test func aChildBufferLandsInPartOfTheParent() {
        var child = Buffer(width: 4, height: 2)
        child.write("abcd", x: 0, y: 0, style: Style(bold: true))
        child.write("가나", x: 0, y: 1)
        var parent = Buffer(width: 8, height: 4)
        parent.draw(child, at: (2, 1))
        #expect(parent.lines == ["", "  abcd", "  가나", ""])
        #expect(parent[2, 1].style.bold)
    }

    @Test func clippingNeverLeavesHalfAWideCharacter() {
        var child = Buffer(width: 4, height: 1)
        child.write("가나", x: 0, y: 0)
        var parent = Buffer(width: 8, height: 1)
        parent.draw(child, at: (0, 0), clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(parent.lines == ["가"])
        var shifted = Buffer(width: 8, height: 1)
        shifted.draw(child, at: (-1, 0))
        #expect(shifted.lines == [" 나"], "the cut-off half of 가 becomes a blank")
    }

    @Test func greyRampAndFallbacks() {
        #expect(Color.grey(level: 0) == .indexed(16))
        #expect(Color.grey(level: 1) == .indexed(231))
        #expect(Color.grey(level: 0.5) == .indexed(244))
        #expect(Color.grey(level: .nan) == .indexed(16))
        #expect(Color.indexed(232).fallback16 == .black)
        #expect(Color.indexed(244).fallback16 == .brightBlack)
        #expect(Color.indexed(255).fallback16 == .brightWhite)
        #expect(Color.indexed(196).fallback16 == .brightRed)
        #expect(Color.indexed(9).fallback16 == .brightRed)
        #expect(ColorPairs.colorNumber(.indexed(244), terminalColors: 256) == 244)
        #expect(ColorPairs.colorNumber(.indexed(244), terminalColors: 16) == 8)
        #expect(ColorPairs.colorNumber(.indexed(244), terminalColors: 8) == 0)
        #expect(ColorPairs.colorNumber(Color.trueBlack, terminalColors: 8) == 0)
    }

    @Test func mouseEventsAreMadeRelative() {
        let event = MouseEvent(.press, x: 10, y: 5).relative(to: Rect(x: 4, y: 1, width: 20, height: 10))
        #expect(event == MouseEvent(.press, x: 6, y: 4))
    }
}

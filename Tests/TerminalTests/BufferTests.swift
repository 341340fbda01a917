import Testing
@testable import Terminal

@Suite("Buffer")
struct BufferTests {
    @Test func newBufferIsBlank() {
        let buffer = Buffer(width: 3, height: 2)
        #expect(buffer.lines == ["", ""])
        #expect(buffer[1, 1] == .blank)
        #expect(buffer.area == Rect(x: 0, y: 0, width: 3, height: 2))
    }

    @Test func writeReturnsColumnsAndPlacesWideCharacters() {
        var buffer = Buffer(width: 8, height: 1)
        let used = buffer.write("a안b", x: 1, y: 0)
        #expect(used == 4)
        #expect(buffer.lines == [" a안b"])
        #expect(buffer[2, 0].character == "안")
        #expect(buffer[3, 0].isContinuation)
        #expect(buffer[4, 0].character == "b")
    }

    @Test func writeLineSaysWhereItCut() {
        var buffer = Buffer(width: 30, height: 3)
        buffer.writeLine("correlate · padding valid · stride 1 · dilation 1", x: 1, y: 0, width: 20)
        buffer.writeLine("fits", x: 1, y: 1, width: 20)
        #expect(buffer.lines[0] == " correlate · padding…")
        #expect(buffer.lines[1] == " fits")
        var ascii = Buffer(width: 12, height: 1, charset: .ascii)
        ascii.writeLine("stride 1 · dilation 1", x: 0, y: 0, width: 10)
        #expect(ascii.lines == ["stride 1 ~"])
    }

    @Test func wideCharacterAtRightEdgeIsNotHalfDrawn() {
        var buffer = Buffer(width: 5, height: 1)
        let used = buffer.write("ab안", x: 2, y: 0)
        #expect(used == 2)
        #expect(buffer.lines == ["  ab"])
        #expect(buffer[4, 0] == .blank)
    }

    @Test func maxWidthClipsWideCharacters() {
        var buffer = Buffer(width: 10, height: 1)
        #expect(buffer.write("가나다", x: 0, y: 0, maxWidth: 5) == 4)
        #expect(buffer.lines == ["가나"])
        #expect(buffer.write("hello", x: 6, y: 0, maxWidth: 3) == 3)
        #expect(buffer.lines == ["가나  hel"])
    }

    @Test func writeClipsToBuffer() {
        var buffer = Buffer(width: 4, height: 2)
        #expect(buffer.write("abcdef", x: 1, y: 0) == 3)
        #expect(buffer.write("xyz", x: -1, y: 1) == 3)
        #expect(buffer.write("nope", x: 0, y: 2) == 0)
        #expect(buffer.write("nope", x: 0, y: -1) == 0)
        #expect(buffer.write("far", x: 9, y: 0) == 0)
        #expect(buffer.lines == [" abc", "yz"])
    }

    @Test func wideCharacterHalfOffTheLeftEdgeIsSkipped() {
        var buffer = Buffer(width: 4, height: 1)
        #expect(buffer.write("가b", x: -1, y: 0) == 3)
        #expect(buffer.lines == [" b"])
        #expect(!buffer[0, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.write("가나", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)  // right half of 가
        buffer.write("y", x: 2, y: 0)  // left half of 나
        #expect(buffer.lines[0] == " xy")
        for x in 0..<4 { #expect(!buffer[x, 0].isContinuation) }

        buffer.write("가", x: 0, y: 1)
        buffer.write("나", x: 1, y: 1)  // overlaps 가's right half
        #expect(buffer.lines[1] == " 나")
        #expect(buffer[2, 1].isContinuation)
    }

    @Test func controlAndZeroWidthCharactersAreDropped() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.write("a\tb\u{200B}c", x: 0, y: 0) == 3)
        #expect(buffer.lines == ["abc"])
    }

    @Test func fillAndSetStyle() {
        var buffer = Buffer(width: 5, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 10), character: "#")
        #expect(buffer.lines == ["", " ####", " ####"])
        let bold = Style(bold: true)
        buffer.setStyle(Rect(x: 0, y: 1, width: 2, height: 1), style: bold)
        #expect(buffer[0, 1].style == bold)
        #expect(buffer[1, 1].style == bold)
        #expect(buffer[1, 1].character == "#")
        #expect(buffer[2, 1].style == .plain)
        buffer.patchStyle(buffer.area, style: Style(foreground: .red))
        #expect(buffer[1, 1].style == Style(foreground: .red, bold: true))
    }

    @Test func subscriptOutsideIsBlankAndIgnored() {
        var buffer = Buffer(width: 2, height: 2)
        buffer[5, 5] = Cell(character: "x")
        buffer[-1, 0] = Cell(character: "x")
        #expect(buffer[5, 5] == .blank)
        #expect(buffer[-1, 0] == .blank)
        #expect(buffer.lines == ["", ""])
    }

    @Test func zeroSizedBuffersAreSafe() {
        var buffer = Buffer(width: 0, height: 0)
        #expect(buffer.write("abc", x: 0, y: 0) == 0)
        buffer.fill(Rect(x: 0, y: 0, width: 3, height: 3))
        #expect(buffer.lines == [])
        #expect(Buffer(width: -3, height: -1).width == 0)
    }

    @Test func linesShowWideCharactersOnceAndTrimTrailingSpaces() {
        var buffer = Buffer(width: 8, height: 2)
        buffer.write("한글 ok   ", x: 0, y: 0)
        buffer.write("   ", x: 0, y: 1, style: Style(reverse: true))
        #expect(buffer.lines == ["한글 ok", ""])
    }

    @Test func diffListsChangedCellsInRowMajorOrder() {
        var old = Buffer(width: 3, height: 2)
        old.write("abc", x: 0, y: 0)
        var new = old
        #expect(new.diff(from: old).isEmpty)
        new.write("X", x: 2, y: 0)
        new.write("Y", x: 0, y: 1)
        let changes = new.diff(from: old)
        #expect(changes.map(\.x) == [2, 0])
        #expect(changes.map(\.y) == [0, 1])
        #expect(changes.map(\.cell.character) == ["X", "Y"])
    }

    @Test func diffOfStyleOnlyChange() {
        let old = Buffer(width: 2, height: 1)
        var new = old
        new.setStyle(Rect(x: 1, y: 0, width: 1, height: 1), style: Style(reverse: true))
        let changes = new.diff(from: old)
        #expect(changes.count == 1)
        #expect(changes.first?.x == 1)
    }

    @Test func diffAgainstDifferentSizeListsEveryCell() {
        let new = Buffer(width: 3, height: 2)
        #expect(new.diff(from: Buffer(width: 2, height: 2)).count == 6)
        #expect(new.diff(from: Buffer(width: 0, height: 0)).count == 6)
    }

    @Test func asciiCharsetStoresOnlyAscii() {
        var buffer = Buffer(width: 12, height: 2, charset: .ascii)
        #expect(buffer.write("a→b×안…≥", x: 0, y: 0) == 8)
        buffer.fill(Rect(x: 0, y: 1, width: 3, height: 1), character: "─")
        #expect(buffer.lines == ["a>bx?~>=", "---"])
    }
}

import Testing
@testable import Terminal

/// `Buffer.clipped(to:_:)`: writes outside the clip are dropped and counted.
@Suite("Buffer clip")
struct BufferClipTests {
    let area = Rect(x: 2, y: 1, width: 4, height: 2)

    @Test func writesInsideAreKeptAndNotCounted() {
        var buffer = Buffer(width: 8, height: 4)
        let outside = buffer.clipped(to: area) { b in
            b.write("abcd", x: 2, y: 1)
            b.write("xy", x: 3, y: 2, maxWidth: 1)  // the caller's own limit is no violation
            b.fill(Rect(x: 5, y: 2, width: 1, height: 1), character: "#")
        }
        #expect(outside == 0)
        #expect(buffer.lines == ["", "  abcd", "   x #", ""])
        #expect(buffer.clipViolations == 0)
    }

    @Test func textPastTheRightEdgeIsCutAndCountedOnce() {
        var buffer = Buffer(width: 8, height: 4)
        var used = 0
        let outside = buffer.clipped(to: area) { b in used = b.write("abcdefg", x: 3, y: 1) }
        #expect(outside == 1)
        #expect(used == 3)
        #expect(buffer.lines == ["", "   abc", "", ""])
    }

    @Test func writesLeftOfOrBelowTheAreaAreDroppedAndCounted() {
        var buffer = Buffer(width: 8, height: 4)
        let outside = buffer.clipped(to: area) { b in
            b.write("xyz", x: 0, y: 2)  // x and y left of the area, z inside
            b.write("below", x: 2, y: 3)
            b.write("off the buffer", x: 2, y: 9)
            b[7, 0] = Cell(character: "!")
        }
        #expect(outside == 4)
        #expect(buffer.lines == ["", "", "  z", ""])
    }

    @Test func fillsAndStylesCountTheCellsOutside() {
        var buffer = Buffer(width: 8, height: 4)
        let outside = buffer.clipped(to: area) { b in
            b.fill(Rect(x: 0, y: 0, width: 8, height: 4), character: "#")  // 32 cells, 8 inside
            b.setStyle(Rect(x: 5, y: 2, width: 2, height: 1), style: Style(bold: true))  // 1 outside
        }
        #expect(outside == 24 + 1)
        #expect(buffer.lines == ["", "  ####", "  ####", ""])
        #expect(buffer[5, 2].style.bold && !buffer[6, 2].style.bold)
    }

    @Test func aWideCharacterAcrossTheRightEdgeIsNotHalfDrawn() {
        var buffer = Buffer(width: 8, height: 2)
        let outside = buffer.clipped(to: Rect(x: 0, y: 0, width: 5, height: 1)) { b in
            #expect(b.write("ab안녕", x: 0, y: 0) == 4)  // 녕 would take columns 4 and 5
        }
        #expect(outside == 1)
        #expect(buffer.lines == ["ab안", ""])
        #expect(buffer[4, 0] == .blank && buffer[5, 0] == .blank)
    }

    @Test func aWideCharacterStartingLeftOfTheAreaIsDropped() {
        var buffer = Buffer(width: 8, height: 1)
        let outside = buffer.clipped(to: Rect(x: 3, y: 0, width: 4, height: 1)) { b in
            b.write("안a", x: 2, y: 0)  // 안 at columns 2–3 straddles the left edge
        }
        #expect(outside == 1)
        #expect(buffer.lines == ["    a"])
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func drawingASheetCountsOnlyWhatFallsOutsideTheClip() {
        var sheet = Buffer(width: 6, height: 2)
        sheet.write("가나다", x: 0, y: 0)
        sheet.write("abcdef", x: 0, y: 1)
        var buffer = Buffer(width: 10, height: 3)
        let outside = buffer.clipped(to: Rect(x: 1, y: 0, width: 4, height: 3)) { b in
            b.draw(sheet, at: (1, 0), clip: Rect(x: 0, y: 0, width: 10, height: 1))  // row 1 cut by the caller
        }
        #expect(outside == 2)  // columns 5 and 6 of row 0
        #expect(buffer.lines == [" 가나", "", ""])
        // The wide character cut by the clip's edge is blanked, not halved.
        var cut = Buffer(width: 10, height: 1)
        cut.clipped(to: Rect(x: 0, y: 0, width: 4, height: 1)) { b in b.draw(sheet, at: (1, 0)) }
        #expect(cut.lines == [" 가"])
        #expect(!cut[3, 0].isContinuation)
    }

    @Test func clipsNestAndRestore() {
        var buffer = Buffer(width: 8, height: 4)
        let outer = buffer.clipped(to: Rect(x: 0, y: 0, width: 6, height: 4)) { b in
            let inner = b.clipped(to: Rect(x: 4, y: 0, width: 10, height: 1)) { c in c.write("abcd", x: 4, y: 0) }
            #expect(inner == 1)  // the inner clip is 4..<6, not 4..<14
            #expect(b.clip == Rect(x: 0, y: 0, width: 6, height: 4))
            b.write("z", x: 0, y: 3)
        }
        #expect(outer == 1)  // the inner violation counts for the outer scope too
        #expect(buffer.clip == buffer.area)
        #expect(buffer.lines == ["    ab", "", "", "z"])
    }

    @Test func equalityIgnoresTheCounter() {
        var a = Buffer(width: 3, height: 1)
        let b = Buffer(width: 3, height: 1)
        a.clipped(to: Rect(x: 0, y: 0, width: 1, height: 1)) { $0.write("xy", x: 1, y: 0) }
        #expect(a.clipViolations == 1)
        #expect(a == b)
    }
}

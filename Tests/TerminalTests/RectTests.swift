import Testing
@testable import Terminal

@Suite("Rect")
struct RectTests {
    let rect = Rect(x: 2, y: 1, width: 10, height: 6)

    @Test func insetShrinksAndNeverGoesNegative() {
        #expect(rect.inset(by: 1) == Rect(x: 3, y: 2, width: 8, height: 4))
        #expect(rect.inset(by: 4) == Rect(x: 6, y: 5, width: 2, height: 0))
        #expect(rect.inset(by: 9).isEmpty)
        #expect(rect.inset(top: 1, left: 2) == Rect(x: 4, y: 2, width: 8, height: 5))
    }

    @Test func intersection() {
        #expect(rect.intersection(Rect(x: 0, y: 0, width: 5, height: 3)) == Rect(x: 2, y: 1, width: 3, height: 2))
        #expect(rect.intersection(Rect(x: 50, y: 50, width: 5, height: 5)).isEmpty)
        #expect(rect.contains(x: 2, y: 1))
        #expect(!rect.contains(x: 12, y: 1))
    }

    @Test func splitVerticallyStacksRows() {
        let rows = rect.splitVertically(heights: [1, nil, 2])
        #expect(rows == [
            Rect(x: 2, y: 1, width: 10, height: 1),
            Rect(x: 2, y: 2, width: 10, height: 3),
            Rect(x: 2, y: 5, width: 10, height: 2),
        ])
    }

    @Test func splitHorizontallySharesTheRestAndSpaces() {
        let cols = Rect(x: 0, y: 0, width: 11, height: 2).splitHorizontally(widths: [nil, 3, nil], spacing: 1)
        #expect(cols.map(\.x) == [0, 4, 8])
        #expect(cols.map(\.width) == [3, 3, 3])
    }

    @Test func splitClipsWhatDoesNotFit() {
        let rows = Rect(x: 0, y: 0, width: 4, height: 3).splitVertically(heights: [2, 5, 1])
        #expect(rows.map(\.height) == [2, 1, 0])
        #expect(rows.allSatisfy { $0.maxY <= 3 })
        #expect(Rect(x: 0, y: 0, width: 0, height: 0).splitHorizontally(widths: [nil, 2]).map(\.width) == [0, 0])
    }

    @Test func centered() {
        #expect(Rect(x: 0, y: 0, width: 10, height: 5).centered(width: 4, height: 3) == Rect(x: 3, y: 1, width: 4, height: 3))
        #expect(Rect(x: 0, y: 0, width: 3, height: 2).centered(width: 10, height: 10) == Rect(x: 0, y: 0, width: 3, height: 2))
    }
}

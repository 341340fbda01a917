import Testing
@testable import Terminal

@Suite("Layout")
struct LayoutTests {
    let area = Rect(x: 2, y: 1, width: 20, height: 10)

    @Test func lengthAndFillShareTheRows() {
        let parts = Layout.vertical([.length(2), .fill(1), .length(1)]).split(area)
        #expect(parts == [Rect(x: 2, y: 1, width: 20, height: 2), Rect(x: 2, y: 3, width: 20, height: 7), Rect(x: 2, y: 10, width: 20, height: 1)])
    }

    @Test func fillsShareByWeightAndSpacingSeparates() {
        let parts = Layout.horizontal([.fill(1), .fill(3)], spacing: 4).split(area)  // 16 columns to share
        #expect(parts.map(\.width) == [4, 12])
        #expect(parts.map(\.x) == [2, 10])
        // Remainders go to the first fills.
        #expect(Layout.horizontal([.fill(1), .fill(1), .fill(1)]).split(area).map(\.width) == [7, 7, 6])
    }

    @Test func percentageMinAndMax() {
        #expect(Layout.vertical([.percentage(40), .fill(1)]).split(area).map(\.height) == [4, 6])
        // max takes the spare up to its n before fill; min grows only without fill.
        #expect(Layout.vertical([.max(3), .fill(1)]).split(area).map(\.height) == [3, 7])
        #expect(Layout.vertical([.max(30), .length(2)]).split(area).map(\.height) == [8, 2])
        #expect(Layout.vertical([.min(2), .length(3)]).split(area).map(\.height) == [7, 3])
        #expect(Layout.vertical([.min(2), .min(2)]).split(area).map(\.height) == [5, 5])
        #expect(Layout.vertical([.min(2), .fill(1)]).split(area).map(\.height) == [2, 8])
        // Nothing to absorb the spare: it stays empty at the end.
        #expect(Layout.vertical([.length(2), .length(3)]).split(area).map(\.height) == [2, 3])
    }

    @Test func tooSmallCutsFromTheEndAndStaysInside() {
        let parts = Layout.vertical([.length(4), .min(5), .length(3)], spacing: 1).split(area)
        #expect(parts.map(\.height) == [4, 5, 0])
        #expect(parts.map(\.y) == [1, 6, 11])
        for part in parts { #expect(part.intersection(area) == part || part.height == 0) }
        let tiny = Layout.horizontal([.length(3), .length(1), .fill(1)]).split(Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(tiny.map(\.width) == [2, 0, 0])
        #expect(Layout.vertical([.fill(1)]).split(Rect(x: 0, y: 0, width: 5, height: -3)).map(\.height) == [0])
        #expect(Layout.vertical([]).split(area) == [])
    }

    @Test func requiredGivesEveryPartItsContent() {
        let layout = Layout.horizontal([.length(30), .length(1), .fill(1)])
        #expect(layout.required(for: [30, 1, 40]) == 71)
        #expect(layout.required(for: [10, 0, 40]) == 71)  // a length part keeps its n
        #expect(Layout.vertical([.length(2), .fill(1)], spacing: 1).required(for: [0, 9]) == 12)
        #expect(Layout.vertical([.percentage(50), .fill(1)]).required(for: [6, 1]) == 12)
        #expect(Layout.vertical([.max(4), .min(3)]).required(for: [9, 1]) == 7)
        // At the required length, each part does get its content.
        let stacked = Layout.vertical([.length(2), .fill(1), .length(1)])
        let need = stacked.required(for: [2, 9, 1])
        #expect(stacked.split(Rect(x: 0, y: 0, width: 1, height: need)).map(\.height) == [2, 9, 1])
    }
}

import Testing
@testable import Terminal

@Suite("MatrixGrid")
struct MatrixGridTests {
    let cells = [["1", "-2"], ["3", ""]]

    @Test func twoByTwoGrid() {
        let grid = MatrixGrid(cells: cells)
        #expect(grid.size == (width: 11, height: 5))
        expectLines(rendered(grid, width: 12, height: 5), [
            "┌────┬────┐",
            "│  1 │ -2 │",
            "├────┼────┤",
            "│  3 │    │",
            "└────┴────┘",
        ])
    }

    @Test func highlightedCellIsStyledAcrossItsInside() {
        let highlight = Style(background: .yellow, bold: true)
        let grid = MatrixGrid(cells: cells, cellStyles: [GridPosition(row: 0, col: 1): highlight])
        let buffer = rendered(grid, width: 11, height: 5)
        for x in 6...9 { #expect(buffer[x, 1].style == highlight) }
        for x in 1...4 { #expect(buffer[x, 1].style == .plain) }
        #expect(buffer[5, 1].style == .plain)  // grid line
        #expect(buffer[6, 3].style == .plain)
        #expect(grid.cellRect(GridPosition(row: 0, col: 1), origin: (0, 0)) == Rect(x: 6, y: 1, width: 4, height: 1))
    }

    @Test func titleAndGivenCellWidth() {
        let grid = MatrixGrid(cells: [["5", "10"]], cellWidth: 3, title: "Kernel", padding: 0)
        #expect(grid.size == (width: 9, height: 4))
        #expect(MatrixGrid.size(rows: 1, cols: 2, cellWidth: 3, padding: 0, hasTitle: true) == (width: 9, height: 4))
        expectLines(rendered(grid, width: 9, height: 4), [
            "Kernel",
            "┌───┬───┐",
            "│  5│ 10│",
            "└───┴───┘",
        ])
    }

    @Test func asciiGrid() {
        expectLines(rendered(MatrixGrid(cells: cells), width: 11, height: 5, charset: .ascii), [
            "+----+----+",
            "|  1 | -2 |",
            "+----+----+",
            "|  3 |    |",
            "+----+----+",
        ])
    }

    @Test func sizeFormula() {
        #expect(MatrixGrid.size(rows: 3, cols: 4, cellWidth: 5) == (width: 4 * 8 + 1, height: 7))
        #expect(MatrixGrid.size(rows: 0, cols: 4, cellWidth: 5) == (width: 0, height: 0))
    }

    @Test func clippedGridAndRaggedRows() {
        let grid = MatrixGrid(cells: [["1", "2", "3"], ["4"]], cellWidth: 1, padding: 0)
        expectLines(rendered(grid, width: 5, height: 3), [
            "┌─┬─┬",
            "│1│2│",
            "├─┼─┼",
        ])
        expectLines(rendered(grid, width: 7, height: 5), [
            "┌─┬─┬─┐",
            "│1│2│3│",
            "├─┼─┼─┤",
            "│4│ │ │",
            "└─┴─┴─┘",
        ])
    }

    @Test func wideEntriesAreMeasuredInColumns() {
        let grid = MatrixGrid(cells: [["가", "ab"]])
        #expect(grid.resolvedCellWidth == 2)
        expectLines(rendered(grid, width: 11, height: 3), [
            "┌────┬────┐",
            "│ 가 │ ab │",
            "└────┴────┘",
        ])
    }
}

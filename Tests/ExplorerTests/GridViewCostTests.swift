import Dispatch
@testable import Explorer
import Terminal
import Testing

/// Every key is drawn, so a pasted burst of keys costs a frame each (issue 16, item 12): a grid
/// must draw in time linear in its cells (no timing is asserted: a quadratic grid makes this
/// test take minutes, which `make test`'s time shows; `make bench` measures frames). It measured every cell again for every cell (O(cells²):
/// 60 ms a frame for the playground's padded 12×12 input, minutes for 100×100).
@Suite("Grid drawing cost")
struct GridViewCostTests {
    @Test func aLinelessGridOfTenThousandCellsDrawsAndHitTestsQuickly() {
        let n = 100
        let grid = GridView(cells: (0..<n).map { r in (0..<n).map { c in String(r * c % 97) } })
        #expect(grid.textWidth == 2)
        var buffer = Buffer(width: 80, height: 24)
        let start = DispatchTime.now().uptimeNanoseconds
        grid.render(into: &buffer, origin: (0, 0), density: .lineless, clip: buffer.area)
        let hit = grid.cell(atX: 299 - 1, y: 99, origin: (0, 0), density: .lineless)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("lineless 100×100 grid: drawn and hit-tested in \(String(format: "%.3f", seconds)) s")
        #expect(hit == GridPosition(row: 99, col: 99))
        #expect(buffer.lines[1].hasPrefix(" 0  1  2  3"), "\(buffer.lines[1])")
    }
}

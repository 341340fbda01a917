import CNN
import Terminal

/// Where the sliding scene's parts go: grids side by side under a two-line header,
/// the arithmetic and the size formula below them, the footer on the last row.
struct SlidingLayout {
    /// Columns per grid cell: the widest value any grid shows.
    let cellWidth: Int
    let inputSize: (width: Int, height: Int)
    let kernelSize: (width: Int, height: Int)
    let outputSize: (width: Int, height: Int)
    /// Whether the rotated kernel is shown next to the kernel (convolve mode).
    let showsRotated: Bool

    static let gap = 3
    /// Rows above the grids: header, parameters, blank, grid titles.
    static let top = 4
    /// Rows below the grids: blank, 3 of arithmetic, 2 of formula, footer.
    static let bottom = 7

    init(trace: ConvTrace) {
        let values = trace.input.values + trace.kernel.values + trace.output.values + [0]
        cellWidth = values.map { formatNumber($0).count }.max() ?? 1
        let g = trace.geometry
        inputSize = MatrixGrid.size(rows: g.rows.paddedSize, cols: g.cols.paddedSize, cellWidth: cellWidth)
        kernelSize = MatrixGrid.size(rows: trace.kernel.rows, cols: trace.kernel.cols, cellWidth: cellWidth)
        outputSize = MatrixGrid.size(rows: g.outputRows, cols: g.outputCols, cellWidth: cellWidth)
        showsRotated = trace.mode == .convolve
    }

    /// Title widths can exceed small grids; each column is at least this wide.
    static let minColumn = 12

    var columnWidths: [Int] {
        var widths = [inputSize.width, kernelSize.width]
        if showsRotated { widths.append(kernelSize.width) }
        widths.append(outputSize.width)
        return widths.map { max($0, Self.minColumn) }
    }

    /// Left edges of the grid columns, starting at x = 1.
    var columnX: [Int] {
        var x = 1
        return columnWidths.map { w in defer { x += w + Self.gap }; return x }
    }

    var gridHeight: Int { max(inputSize.height, kernelSize.height, outputSize.height) }
    var width: Int { columnWidths.reduce(0, +) + Self.gap * (columnWidths.count - 1) }
    var height: Int { Self.top + gridHeight + Self.bottom }
}

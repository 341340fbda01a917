/// The im2col view of a trace and the comparison of two traces, for the im2col and flip scenes.
extension ConvTrace {
    /// The patch matrix: one row per output cell (row-major), one column per kernel tap,
    /// `P[k, t] = steps[k].terms[t].inputValue` (0 on padding), so `P · kernelColumn = output`.
    public var patchMatrix: Matrix {
        let taps = appliedKernel.rows * appliedKernel.cols
        return Matrix(rows: steps.count, cols: taps, values: steps.flatMap { $0.terms.map(\.inputValue) })
    }

    /// The applied kernel unrolled row-major into a `taps × 1` column.
    public var kernelColumn: Matrix {
        Matrix(rows: appliedKernel.rows * appliedKernel.cols, cols: 1, values: appliedKernel.values)
    }

    /// The output cells `(row, col)` whose result differs from `other`'s at the same cell.
    /// Empty when the output shapes differ.
    public func differingCells(from other: ConvTrace) -> [(row: Int, col: Int)] {
        guard output.rows == other.output.rows, output.cols == other.output.cols else { return [] }
        return zip(steps, other.steps).filter { $0.result != $1.result }.map { pair in (pair.0.outputRow, pair.0.outputCol) }
    }
}

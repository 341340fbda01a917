/// A step-by-step record of 2-D pooling on a single-channel matrix, with Keras semantics.
///
/// The window is `size × size`, moved by `stride` (Keras: defaults to `size`). Padding
/// `valid` keeps the window inside the input; `same` gives `out = ceil(n / s)` with the
/// extra padding cell at the bottom/right (as `AxisGeometry` computes it). Padding cells
/// never take part: max pooling takes the largest real cell, average pooling divides by the
/// number of real cells under the window (Keras's `padding="same"` average).
///
///     max: y[i, j] = max { x[r, c] : (r, c) in window(i, j) ∩ input }
///     avg: y[i, j] = Σ x[r, c] / |window(i, j) ∩ input|
public struct PoolTrace: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case max, average

        /// Parses `max`, `avg` or `average`.
        public init(parsing text: String) throws(CNNError) {
            switch text.lowercased() {
            case "max": self = .max
            case "avg", "average", "mean": self = .average
            default: throw CNNError.invalidArgument("pooling kind must be max or avg, not '\(text)'")
            }
        }
    }

    public let input: Matrix
    public let kind: Kind
    public let size: Int
    public let padding: Padding
    public let geometry: ConvGeometry
    public let steps: [PoolStep]
    public let output: Matrix

    /// Traces pooling; throws when a parameter is out of range (`padding` must be valid or same).
    public init(input: Matrix, kind: Kind, size: Int = 2, stride: Int? = nil, padding: Padding = .valid) throws(CNNError) {
        guard input.rows > 0, input.cols > 0 else { throw CNNError.shapeMismatch("input matrix is empty") }
        guard padding == .valid || padding == .same else {
            throw CNNError.invalidArgument("pooling padding must be valid or same, not \(padding)")
        }
        let s = stride ?? size
        let geometry = try ConvGeometry(
            rows: AxisGeometry(input: input.rows, kernel: size, stride: s, padding: padding),
            cols: AxisGeometry(input: input.cols, kernel: size, stride: s, padding: padding))
        var steps: [PoolStep] = []
        for i in 0..<geometry.outputRows {
            for j in 0..<geometry.outputCols {
                var cells: [PoolCell] = []
                for u in 0..<size {
                    for v in 0..<size {
                        let r = geometry.rows.inputPosition(output: i, tap: u)
                        let c = geometry.cols.inputPosition(output: j, tap: v)
                        guard r >= 0, r < input.rows, c >= 0, c < input.cols else { continue }
                        cells.append(PoolCell(row: r, col: c, value: input[r, c]))
                    }
                }
                steps.append(PoolStep(outputRow: i, outputCol: j, kind: kind, cells: cells))
            }
        }
        self.input = input
        self.kind = kind
        self.size = size
        self.padding = padding
        self.geometry = geometry
        self.steps = steps
        self.output = Matrix(rows: geometry.outputRows, cols: geometry.outputCols, values: steps.map(\.result))
    }
}

/// One real input cell under a pooling window.
public struct PoolCell: Equatable, Sendable {
    public let row: Int
    public let col: Int
    public let value: Float
}

/// One output cell of a `PoolTrace`.
public struct PoolStep: Equatable, Sendable {
    public let outputRow: Int
    public let outputCol: Int
    public let kind: PoolTrace.Kind
    /// The real input cells under the window, row-major (padding cells left out).
    public let cells: [PoolCell]

    /// Index into `cells` of the maximum (the first one on ties): the argmax mask.
    public var argmax: Int {
        var best = 0
        for (i, cell) in cells.enumerated() where cell.value > cells[best].value { best = i }
        return best
    }

    /// `Σ value` over the real cells.
    public var sum: Float { cells.reduce(0) { $0 + $1.value } }

    /// The pooled value: the maximum, or the sum over the number of real cells.
    public var result: Float {
        switch kind {
        case .max: cells[argmax].value
        case .average: sum / Float(cells.count)
        }
    }

    /// `max(1, 3, 5, 7) = 7` or `(1 + 3 + 5 + 7) / 4 = 4`.
    public var equation: String {
        let values = cells.map { formatNumber($0.value) }
        switch kind {
        case .max: return "max(\(values.joined(separator: ", "))) = \(formatNumber(result))"
        case .average:
            let terms = cells.map { $0.value < 0 ? "(\(formatNumber($0.value)))" : formatNumber($0.value) }
            return "(\(terms.joined(separator: " + "))) / \(cells.count) = \(formatNumber(result))"
        }
    }
}

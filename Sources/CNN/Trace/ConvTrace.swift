/// A step-by-step record of a single-channel 2-D convolution, for teaching.
///
/// For each output cell `(i, j)` in row-major order, the trace records the window's
/// top-left corner in padded coordinates, every input cell the (dilated) kernel covers
/// — padding cells marked — each product, the sum, the bias and the result:
///
///     y[i, j] = Σ_u Σ_v x_pad[i·s + d·u, j·s + d·v] · w'[u, v] + b
///
/// where `w' = w` for `.correlate` and `w' = rot180(w)` for `.convolve`.
/// Scenes animate this record; they never recompute it.
public struct ConvTrace: Equatable, Sendable {
    public let input: Matrix
    public let kernel: Matrix
    /// The kernel as applied: `kernel` for `.correlate`, `kernel.rotated180` for `.convolve`.
    public let appliedKernel: Matrix
    public let bias: Float
    public let mode: ConvMode
    /// The padding asked for; `geometry` holds the cells it adds on each side.
    public let padding: Padding
    public let geometry: ConvGeometry
    public let steps: [ConvStep]
    /// The feature map: `steps[k].result` at row-major position `k`.
    public let output: Matrix

    /// The input value at padded position `(row, col)`, or nil for a padding cell (value 0).
    public func inputValue(paddedRow row: Int, paddedCol col: Int) -> Float? {
        Self.inputValue(input, row - geometry.rows.padBefore, col - geometry.cols.padBefore)
    }

    /// `input[r, c]` when `(r, c)` lies inside the input, else nil.
    private static func inputValue(_ input: Matrix, _ r: Int, _ c: Int) -> Float? {
        r >= 0 && r < input.rows && c >= 0 && c < input.cols ? input[r, c] : nil
    }
}

/// One output cell of a `ConvTrace`.
public struct ConvStep: Equatable, Sendable {
    /// Output cell.
    public let outputRow: Int
    public let outputCol: Int
    /// Top-left of the window in padded coordinates: `(i·s, j·s)`.
    public let windowRow: Int
    public let windowCol: Int
    /// One term per kernel tap, row-major over the kernel.
    public let terms: [ConvTerm]
    /// `Σ product` over the terms.
    public let sum: Float
    public let bias: Float
    /// `sum + bias`.
    public let result: Float
}

/// One product of a `ConvStep`.
public struct ConvTerm: Equatable, Sendable {
    /// Position in the unpadded input; outside `0..<rows`/`0..<cols` for a padding cell.
    public let inputRow: Int
    public let inputCol: Int
    /// Position in the padded input: `inputRow + padTop`, `inputCol + padLeft`.
    public let paddedRow: Int
    public let paddedCol: Int
    /// True when the tap falls on padding (value 0).
    public let isPadding: Bool
    /// The element of the original kernel used (flipped position in `.convolve` mode).
    public let kernelRow: Int
    public let kernelCol: Int
    public let inputValue: Float
    public let weight: Float
    /// `inputValue × weight`.
    public let product: Float
}

extension ConvTrace {
    /// Traces `input ⋆ kernel + bias` with the given padding, stride, dilation and mode.
    /// Throws when a parameter is out of range or the output would be empty.
    public init(input: Matrix, kernel: Matrix, bias: Float = 0, padding: Padding = .valid,
                stride: Int = 1, dilation: Int = 1, mode: ConvMode = .correlate) throws(CNNError) {
        let geometry = try Self.geometry(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation)
        let applied = mode == .convolve ? kernel.rotated180 : kernel
        var steps: [ConvStep] = []
        steps.reserveCapacity(geometry.outputRows * geometry.outputCols)
        for i in 0..<geometry.outputRows {
            for j in 0..<geometry.outputCols {
                steps.append(Self.step(i, j, input, kernel, applied, bias, geometry, mode))
            }
        }
        self.input = input
        self.kernel = kernel
        self.appliedKernel = applied
        self.bias = bias
        self.mode = mode
        self.padding = padding
        self.geometry = geometry
        self.steps = steps
        self.output = Matrix(rows: geometry.outputRows, cols: geometry.outputCols, values: steps.map(\.result))
    }

    /// The geometry of `input ⋆ kernel`; throws when a matrix is empty, a parameter is out of
    /// range or the output would be empty.
    public static func geometry(input: Matrix, kernel: Matrix, padding: Padding = .valid,
                                stride: Int = 1, dilation: Int = 1) throws(CNNError) -> ConvGeometry {
        guard input.rows > 0, input.cols > 0 else { throw CNNError.shapeMismatch("input matrix is empty") }
        guard kernel.rows > 0, kernel.cols > 0 else { throw CNNError.shapeMismatch("kernel matrix is empty") }
        return try ConvGeometry(
            rows: AxisGeometry(input: input.rows, kernel: kernel.rows, stride: stride, dilation: dilation, padding: padding),
            cols: AxisGeometry(input: input.cols, kernel: kernel.cols, stride: stride, dilation: dilation, padding: padding))
    }

    /// Output cell (`i`, `j`)'s step alone, for callers that show steps one at a time instead
    /// of keeping all of them (`geometry` from `ConvTrace.geometry`).
    public static func step(row i: Int, col j: Int, input: Matrix, kernel: Matrix, bias: Float,
                            geometry: ConvGeometry, mode: ConvMode) -> ConvStep {
        step(i, j, input, kernel, mode == .convolve ? kernel.rotated180 : kernel, bias, geometry, mode)
    }

    private static func step(_ i: Int, _ j: Int, _ input: Matrix, _ kernel: Matrix, _ applied: Matrix,
                             _ bias: Float, _ g: ConvGeometry, _ mode: ConvMode) -> ConvStep {
        var terms: [ConvTerm] = []
        terms.reserveCapacity(kernel.rows * kernel.cols)
        var sum: Float = 0
        for u in 0..<kernel.rows {
            for v in 0..<kernel.cols {
                let r = g.rows.inputPosition(output: i, tap: u)
                let c = g.cols.inputPosition(output: j, tap: v)
                let value = inputValue(input, r, c)
                let x = value ?? 0
                let w = applied[u, v]
                let product = x * w
                sum += product
                let (kr, kc) = mode == .convolve ? (kernel.rows - 1 - u, kernel.cols - 1 - v) : (u, v)
                terms.append(ConvTerm(
                    inputRow: r, inputCol: c,
                    paddedRow: r + g.rows.padBefore, paddedCol: c + g.cols.padBefore,
                    isPadding: value == nil, kernelRow: kr, kernelCol: kc,
                    inputValue: x, weight: w, product: product))
            }
        }
        return ConvStep(outputRow: i, outputCol: j,
                        windowRow: g.rows.paddedPosition(output: i, tap: 0),
                        windowCol: g.cols.paddedPosition(output: j, tap: 0),
                        terms: terms, sum: sum, bias: bias, result: sum + bias)
    }
}

/// Single-channel 2-D convolution (or cross-correlation) of `input` with `kernel`, plus `bias`.
/// The same arithmetic as `ConvTrace` in the same order (so the same floats), without keeping
/// any step: memory is the output alone.
public func conv2d(_ input: Matrix, _ kernel: Matrix, bias: Float = 0, padding: Padding = .valid,
                   stride: Int = 1, dilation: Int = 1, mode: ConvMode = .correlate) throws(CNNError) -> Matrix {
    let g = try ConvTrace.geometry(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation)
    let applied = mode == .convolve ? kernel.rotated180 : kernel
    // Input rows and columns of every tap (-1 outside the input), computed once.
    let rowAt = (0..<g.outputRows).map { i in (0..<kernel.rows).map { u in
        let r = g.rows.inputPosition(output: i, tap: u); return r >= 0 && r < input.rows ? r : -1 } }
    let colAt = (0..<g.outputCols).map { j in (0..<kernel.cols).map { v in
        let c = g.cols.inputPosition(output: j, tap: v); return c >= 0 && c < input.cols ? c : -1 } }
    var values = [Float](repeating: 0, count: g.outputRows * g.outputCols)
    input.values.withUnsafeBufferPointer { x in
        applied.values.withUnsafeBufferPointer { w in
            for i in 0..<g.outputRows {
                for j in 0..<g.outputCols {
                    var sum: Float = 0
                    for u in 0..<kernel.rows {
                        let r = rowAt[i][u]
                        for v in 0..<kernel.cols {
                            let c = colAt[j][v]
                            let value: Float = r >= 0 && c >= 0 ? x[r * input.cols + c] : 0
                            sum += value * w[u * kernel.cols + v]
                        }
                    }
                    values[i * g.outputCols + j] = sum + bias
                }
            }
        }
    }
    return Matrix(rows: g.outputRows, cols: g.outputCols, values: values)
}

/// Keras's `Conv2DTranspose` for one channel and one filter (no dilation, no output padding).
///
/// Each input cell `x[i, j]` adds a copy of the kernel scaled by its value to the output,
/// its top-left corner at `(i·s − crop_top, j·s − crop_left)`; overlapping copies sum:
///
///     out[r, c] = Σ_{i, j, u, v : i·s + u − crop_top = r, j·s + v − crop_left = c} x[i, j] · w[u, v]
///
/// Output size per axis (Keras's `deconv_output_length` without `output_padding`):
/// - `valid`: `(n − 1)·s + max(k, s)` — `(n − 1)·s + k` whenever `k ≥ s`; no crop;
/// - `same`: `n·s`, cropping `floor(t / 2)` cells at the top/left and the rest at the
///   bottom/right, `t = max(k − s, 0)` (TensorFlow's `conv2d_transpose` with `SAME`).
///
/// This is exactly the input gradient of the strided convolution that maps an `out`-sized
/// input to `x`'s size with the same kernel, stride and padding, and it is computed that
/// way: `conv2dBackward` (the training backward) with `x` as the upstream gradient.
public enum TransposedPadding: String, Sendable, CaseIterable {
    case valid, same

    /// Parses `valid` or `same`.
    public init(parsing text: String) throws(CNNError) {
        guard let p = TransposedPadding(rawValue: text.lowercased()) else {
            throw CNNError.invalidArgument("transposed-convolution padding must be valid or same, not '\(text)'")
        }
        self = p
    }

    /// The forward convolution's padding whose input gradient this transposed convolution is.
    public var forward: Padding { self == .valid ? .valid : .same }
}

/// The geometry of a transposed convolution along one axis.
public struct TransposedAxis: Equatable, Sendable {
    public let inputSize: Int
    public let kernelSize: Int
    public let stride: Int
    /// `(n − 1)·s + k`: the span every copy of the kernel covers together.
    public var scatterSize: Int { (inputSize - 1) * stride + kernelSize }
    /// Cells of the scatter cut off before the output starts (`same` only).
    public let cropBefore: Int
    /// The output length (see `TransposedPadding`).
    public let outputSize: Int

    /// Throws when a size or the stride is below 1.
    public init(input n: Int, kernel k: Int, stride s: Int, padding: TransposedPadding) throws(CNNError) {
        guard n >= 1 else { throw CNNError.invalidArgument("input size must be ≥ 1, not \(n)") }
        guard k >= 1 else { throw CNNError.invalidArgument("kernel size must be ≥ 1, not \(k)") }
        guard s >= 1 else { throw CNNError.invalidArgument("stride must be ≥ 1, not \(s)") }
        inputSize = n
        kernelSize = k
        stride = s
        switch padding {
        case .valid:
            cropBefore = 0
            outputSize = (n - 1) * s + max(k, s)
        case .same:
            cropBefore = max(k - s, 0) / 2
            outputSize = n * s
        }
    }

    /// Output position of kernel tap `u` of input cell `i` (outside `0..<outputSize`: cropped).
    @inlinable public func outputPosition(input i: Int, tap u: Int) -> Int { i * stride + u - cropBefore }
}

/// `input` transposed-convolved with `kernel` (Keras `Conv2DTranspose`), computed as the
/// input gradient of a strided convolution by `conv2dBackward`.
public func transposedConv2d(_ input: Matrix, _ kernel: Matrix, stride: Int = 1,
                             padding: TransposedPadding = .valid) throws(CNNError) -> Matrix {
    guard input.rows > 0, input.cols > 0 else { throw CNNError.shapeMismatch("input matrix is empty") }
    guard kernel.rows > 0, kernel.cols > 0 else { throw CNNError.shapeMismatch("kernel matrix is empty") }
    let rows = try TransposedAxis(input: input.rows, kernel: kernel.rows, stride: stride, padding: padding)
    let cols = try TransposedAxis(input: input.cols, kernel: kernel.cols, stride: stride, padding: padding)
    // The strided convolution this is the gradient of: an output-sized input to x's size.
    let x = Tensor(shape: [1, rows.outputSize, cols.outputSize, 1])
    let w = Tensor(shape: [kernel.rows, kernel.cols, 1, 1], values: kernel.values)
    let dy = Tensor(shape: [1, input.rows, input.cols, 1], values: input.values)
    let options = Conv2DOptions(strides: Size2(stride), padding: padding.forward)
    let g = try conv2dCheck(x, w, nil, options)
    guard g.outputRows == input.rows, g.outputCols == input.cols else {
        throw CNNError.shapeMismatch("transposed convolution: the forward maps \(rows.outputSize)×\(cols.outputSize) "
            + "to \(g.outputRows)×\(g.outputCols), not to the input's \(input.rows)×\(input.cols)")
    }
    let (dx, _, _) = try conv2dBackward(input: x, kernel: w, dOutput: dy, options: options)
    return Matrix(rows: rows.outputSize, cols: cols.outputSize, values: dx.values)
}

/// A step-by-step record of a transposed convolution, for teaching: step `t` is input cell
/// `t` (row-major) adding its scaled copy of the kernel; `partial[t]` is the output after it.
public struct TransposedConvTrace: Equatable, Sendable {
    public let input: Matrix
    public let kernel: Matrix
    public let padding: TransposedPadding
    public let rows: TransposedAxis
    public let cols: TransposedAxis
    public let steps: [TransposedStep]
    /// The final output (the last step's partial sums; all zeros for no step).
    public var output: Matrix { steps.last?.partial ?? Matrix(rows: rows.outputSize, cols: cols.outputSize) }

    /// Scatters every input cell in turn (plain loops: the reference `transposedConv2d` is tested against).
    public init(input: Matrix, kernel: Matrix, stride: Int = 1, padding: TransposedPadding = .valid) throws(CNNError) {
        guard input.rows > 0, input.cols > 0 else { throw CNNError.shapeMismatch("input matrix is empty") }
        guard kernel.rows > 0, kernel.cols > 0 else { throw CNNError.shapeMismatch("kernel matrix is empty") }
        let rows = try TransposedAxis(input: input.rows, kernel: kernel.rows, stride: stride, padding: padding)
        let cols = try TransposedAxis(input: input.cols, kernel: kernel.cols, stride: stride, padding: padding)
        var out = Matrix(rows: rows.outputSize, cols: cols.outputSize)
        var steps: [TransposedStep] = []
        for i in 0..<input.rows {
            for j in 0..<input.cols {
                var terms: [TransposedTerm] = []
                for u in 0..<kernel.rows {
                    for v in 0..<kernel.cols {
                        let r = rows.outputPosition(input: i, tap: u), c = cols.outputPosition(input: j, tap: v)
                        let kept = r >= 0 && r < out.rows && c >= 0 && c < out.cols
                        let before: Float = kept ? out[r, c] : 0
                        let product = input[i, j] * kernel[u, v]
                        if kept { out[r, c] = before + product }
                        terms.append(TransposedTerm(outputRow: r, outputCol: c, kernelRow: u, kernelCol: v, weight: kernel[u, v],
                                                    product: product, before: before, isCropped: !kept))
                    }
                }
                steps.append(TransposedStep(inputRow: i, inputCol: j, value: input[i, j], terms: terms, partial: out))
            }
        }
        self.input = input
        self.kernel = kernel
        self.padding = padding
        self.rows = rows
        self.cols = cols
        self.steps = steps
    }
}

/// One input cell's scatter.
public struct TransposedStep: Equatable, Sendable {
    public let inputRow: Int
    public let inputCol: Int
    /// `x[inputRow, inputCol]`: the scale of this copy of the kernel.
    public let value: Float
    /// One per kernel tap, row-major.
    public let terms: [TransposedTerm]
    /// The output after this step.
    public let partial: Matrix
}

/// One tap of a scattered copy: `value · weight` added to `out[outputRow, outputCol]`.
public struct TransposedTerm: Equatable, Sendable {
    /// May lie outside the output (then `isCropped`).
    public let outputRow: Int
    public let outputCol: Int
    public let kernelRow: Int
    public let kernelCol: Int
    public let weight: Float
    /// `value × weight`.
    public let product: Float
    /// The output cell before this term was added (0 when cropped).
    public let before: Float
    /// True when `same` padding cuts this cell off the output.
    public let isCropped: Bool
}

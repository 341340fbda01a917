/// Gradients of a single-channel convolution, from the training code's backward.
///
/// For `y = x ⋆ w + b` (cross-correlation, as Keras's Conv2D) with padding `p`, stride `s`
/// and dilation `d`, and an upstream gradient `g = ∂L/∂y` of `y`'s shape:
///
///     ∂L/∂x[r, c] = Σ_{i, j, u, v : i·s + d·u − p_top = r, j·s + d·v − p_left = c} g[i, j] · w[u, v]
///     ∂L/∂w[u, v] = Σ_{i, j} x_pad[i·s + d·u, j·s + d·v] · g[i, j]
///     ∂L/∂b       = Σ_{i, j} g[i, j]
///
/// `conv2dGradients` runs these through `conv2dBackward` — `Conv2DPlan`, the code a `Conv2D`
/// layer trains with — on a batch of one sample, one channel and one filter.
public struct ConvGradients: Equatable, Sendable {
    /// `∂L/∂x`, the input's shape.
    public let input: Matrix
    /// `∂L/∂w`, the kernel's shape.
    public let kernel: Matrix
    /// `∂L/∂b`.
    public let bias: Float
}

/// Checks that `upstream` has the forward output's shape; throws naming both shapes.
func checkUpstream(_ upstream: Matrix, _ g: ConvGeometry) throws(CNNError) {
    guard upstream.rows == g.outputRows, upstream.cols == g.outputCols else {
        throw CNNError.shapeMismatch("the upstream gradient must have the forward output's shape "
            + "\(g.outputRows)×\(g.outputCols), not \(upstream.rows)×\(upstream.cols)")
    }
}

/// `∂L/∂x`, `∂L/∂w` and `∂L/∂b` of `input ⋆ kernel` (cross-correlation) for `upstream = ∂L/∂y`,
/// computed by the training backward (`conv2dBackward`). Throws when a parameter is out of
/// range, the output would be empty or `upstream` is not the output's shape.
public func conv2dGradients(input: Matrix, kernel: Matrix, upstream: Matrix, padding: Padding = .valid,
                            stride: Int = 1, dilation: Int = 1) throws(CNNError) -> ConvGradients {
    let g = try ConvTrace.geometry(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation)
    try checkUpstream(upstream, g)
    let x = Tensor(shape: [1, input.rows, input.cols, 1], values: input.values)
    let w = Tensor(shape: [kernel.rows, kernel.cols, 1, 1], values: kernel.values)
    let dy = Tensor(shape: [1, upstream.rows, upstream.cols, 1], values: upstream.values)
    let options = Conv2DOptions(strides: Size2(stride), dilation: Size2(dilation), padding: padding)
    let (dx, dw, db) = try conv2dBackward(input: x, kernel: w, dOutput: dy, options: options)
    return ConvGradients(input: Matrix(rows: input.rows, cols: input.cols, values: dx.values),
                         kernel: Matrix(rows: kernel.rows, cols: kernel.cols, values: dw.values),
                         bias: db.values[0])
}

/// A central finite difference of `L = Σ ∂L/∂y ⊙ y` — the loss whose gradient with respect to
/// `y` is the upstream — with respect to one input or kernel cell:
///
///     (L(v + h) − L(v − h)) / 2h
///
/// `L` is linear in every cell, so this equals the analytic gradient up to rounding for any `h`.
/// Each `L` is one engine forward (`conv2d`) summed in Double.
public struct FiniteDifference: Equatable, Sendable {
    public enum Cell: Equatable, Sendable {
        case input(row: Int, col: Int)
        case kernel(row: Int, col: Int)
    }

    public let cell: Cell
    public let h: Float
    /// `L` with the cell nudged up and down by `h`.
    public let lossPlus: Double
    public let lossMinus: Double
    /// `(lossPlus − lossMinus) / 2h`.
    public var estimate: Double { (lossPlus - lossMinus) / (2 * Double(h)) }

    /// Perturbs `cell` by ±`h` and runs the forward twice. Throws like `conv2dGradients`, or
    /// when the cell lies outside its matrix or `h` is not a positive finite number.
    public init(cell: Cell, h: Float = 0.01, input: Matrix, kernel: Matrix, upstream: Matrix,
                padding: Padding = .valid, stride: Int = 1, dilation: Int = 1) throws(CNNError) {
        guard h > 0, h.isFinite else { throw CNNError.invalidArgument("the finite-difference step must be > 0, not \(h)") }
        let g = try ConvTrace.geometry(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation)
        try checkUpstream(upstream, g)
        func loss(_ x: Matrix, _ w: Matrix) throws(CNNError) -> Double {
            let y = try conv2d(x, w, padding: padding, stride: stride, dilation: dilation)
            var sum = 0.0
            for i in y.values.indices { sum += Double(y.values[i]) * Double(upstream.values[i]) }
            return sum
        }
        func nudged(_ m: Matrix, _ r: Int, _ c: Int, _ delta: Float) throws(CNNError) -> Matrix {
            guard r >= 0, r < m.rows, c >= 0, c < m.cols else {
                throw CNNError.invalidArgument("cell [\(r),\(c)] is outside the \(m.rows)×\(m.cols) matrix")
            }
            var out = m
            out[r, c] += delta
            return out
        }
        switch cell {
        case .input(let r, let c):
            lossPlus = try loss(nudged(input, r, c, h), kernel)
            lossMinus = try loss(nudged(input, r, c, -h), kernel)
        case .kernel(let r, let c):
            lossPlus = try loss(input, nudged(kernel, r, c, h))
            lossMinus = try loss(input, nudged(kernel, r, c, -h))
        }
        self.cell = cell
        self.h = h
    }
}

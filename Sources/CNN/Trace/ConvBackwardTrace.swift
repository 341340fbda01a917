/// A step-by-step record of a single-channel convolution's backward pass, for teaching: both
/// gradients written as convolutions the forward scenes already show.
///
/// For `y = x ⋆ w` (cross-correlation) with padding `p_before`/`p_after`, stride `s`,
/// dilation `d`, effective kernel `k_eff = d(k−1)+1`, and `g = ∂L/∂y` (`m` cells per axis):
///
/// - `stuffed` is `g` zero-stuffed: `s − 1` zeros between neighbouring cells, `(m−1)s + 1` per axis.
/// - `inputGradient` is the *true convolution* (`mode: .convolve`, kernel rotated 180°,
///   dilation `d`, stride 1) of `stuffed` padded with `k_eff − 1 − p_before` cells before and
///   `n − 1 − (m−1)s + p_before` after (a negative count crops that many stuffed cells, which
///   only reach the forward's padding). Its output is `∂L/∂x`, the input's shape:
///
///       ∂L/∂x[r] = Σ_u stuffed_pad[r + d·u] · w[k−1−u]
///
/// - `kernelGradient` is the cross-correlation of `x` (with the forward's padding, less the
///   trailing cells no window reached) with `g` spread `s` apart (dilation `s`), stride `d`.
///   Its output is `∂L/∂w`, the kernel's shape:
///
///       ∂L/∂w[u] = Σ_i x_pad[d·u + s·i] · g[i]
///
/// - `biasGradient = Σ g`.
///
/// Both traces' outputs equal `conv2dGradients` (the training backward) up to rounding.
public struct ConvBackwardTrace: Equatable, Sendable {
    /// The forward pass `y = x ⋆ w`.
    public let forward: ConvTrace
    /// `∂L/∂y`.
    public let upstream: Matrix
    /// `∂L/∂y` with `s − 1` zeros between cells.
    public let stuffed: Matrix
    /// Stuffed `∂L/∂y` (padded) ⊛ `w`, rotated 180°: outputs `∂L/∂x`.
    public let inputGradient: ConvTrace
    /// `x` (padded) ⋆ `∂L/∂y` dilated by `s`, stride `d`: outputs `∂L/∂w`.
    public let kernelGradient: ConvTrace
    /// `Σ ∂L/∂y`.
    public let biasGradient: Float

    /// Traces the forward and both gradients. Throws when the forward cannot be traced or
    /// `upstream` is not the forward output's shape.
    public init(input: Matrix, kernel: Matrix, upstream: Matrix, padding: Padding = .valid,
                stride: Int = 1, dilation: Int = 1) throws(CNNError) {
        let forward = try ConvTrace(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation)
        let g = forward.geometry
        try checkUpstream(upstream, g)
        let stuffed = Self.stuffed(upstream, stride: stride)
        func dxAxis(_ a: AxisGeometry, _ z: Int) throws(CNNError) -> AxisGeometry {
            let before = a.effectiveKernel - 1 - a.padBefore
            return try AxisGeometry(input: z, kernel: a.kernelSize, stride: 1, dilation: a.dilation,
                                    padBefore: before, padAfter: a.inputSize + a.effectiveKernel - 1 - before - z)
        }
        let dxGeometry = ConvGeometry(rows: try dxAxis(g.rows, stuffed.rows), cols: try dxAxis(g.cols, stuffed.cols))
        func dwAxis(_ a: AxisGeometry) throws(CNNError) -> AxisGeometry {
            let unreached = a.numerator % a.stride  // trailing padded cells no window covers
            return try AxisGeometry(input: a.inputSize, kernel: a.outputSize, stride: a.dilation, dilation: a.stride,
                                    padBefore: a.padBefore, padAfter: a.padAfter - unreached)
        }
        let dwGeometry = ConvGeometry(rows: try dwAxis(g.rows), cols: try dwAxis(g.cols))
        self.forward = forward
        self.upstream = upstream
        self.stuffed = stuffed
        inputGradient = ConvTrace(input: stuffed, kernel: kernel, geometry: dxGeometry, mode: .convolve)
        kernelGradient = ConvTrace(input: input, kernel: upstream, geometry: dwGeometry, mode: .correlate)
        var sum: Double = 0
        for v in upstream.values { sum += Double(v) }
        biasGradient = Float(sum)
    }

    /// `m` with `stride − 1` zeros between neighbouring cells: `(rows−1)·s + 1` × `(cols−1)·s + 1`.
    public static func stuffed(_ m: Matrix, stride s: Int) -> Matrix {
        var out = Matrix(rows: (m.rows - 1) * s + 1, cols: (m.cols - 1) * s + 1)
        for r in 0..<m.rows { for c in 0..<m.cols { out[r * s, c * s] = m[r, c] } }
        return out
    }

    /// `∂L/∂x`, read off the trace.
    public var inputGradientMatrix: Matrix { inputGradient.output }
    /// `∂L/∂w`, read off the trace.
    public var kernelGradientMatrix: Matrix { kernelGradient.output }

    /// Whether cell (`row`, `col`) of `stuffed` is one of the zeros stuffing put in.
    public func isStuffedZero(row: Int, col: Int) -> Bool {
        let s = forward.geometry.rows.stride, t = forward.geometry.cols.stride
        return row % s != 0 || col % t != 0
    }
}

extension AxisGeometry {
    /// A geometry with the padding given cell by cell (negative: that many input cells cut
    /// off that side), for the traces the backward pass is written as. Throws when the
    /// output would be empty.
    init(input n: Int, kernel k: Int, stride s: Int, dilation d: Int, padBefore: Int, padAfter: Int) throws(CNNError) {
        guard n >= 1, k >= 1, s >= 1, d >= 1 else {
            throw CNNError.invalidArgument("sizes must be ≥ 1 (input \(n), kernel \(k), stride \(s), dilation \(d))")
        }
        let span = n + padBefore + padAfter - (d * (k - 1) + 1)
        guard span >= 0 else {
            throw CNNError.shapeMismatch("kernel (effective size \(d * (k - 1) + 1)) is larger than the padded input (\(n + padBefore + padAfter))")
        }
        self.inputSize = n
        self.kernelSize = k
        self.stride = s
        self.dilation = d
        self.padBefore = padBefore
        self.padAfter = padAfter
        self.outputSize = span / s + 1
    }
}

extension ConvTrace {
    /// Traces `input ⋆ kernel` (or ⊛ for `.convolve`) over an explicit geometry, e.g. one with
    /// uneven or negative padding. `padding` records `.explicit` of the top padding (at least
    /// 0); `geometry` holds the cells on every side.
    init(input: Matrix, kernel: Matrix, geometry: ConvGeometry, mode: ConvMode) {
        var steps: [ConvStep] = []
        steps.reserveCapacity(geometry.outputRows * geometry.outputCols)
        for i in 0..<geometry.outputRows {
            for j in 0..<geometry.outputCols {
                steps.append(Self.step(row: i, col: j, input: input, kernel: kernel, bias: 0, geometry: geometry, mode: mode))
            }
        }
        self.input = input
        self.kernel = kernel
        self.appliedKernel = mode == .convolve ? kernel.rotated180 : kernel
        self.bias = 0
        self.mode = mode
        self.padding = .explicit(max(0, geometry.rows.padBefore))
        self.geometry = geometry
        self.steps = steps
        self.output = Matrix(rows: geometry.outputRows, cols: geometry.outputCols, values: steps.map(\.result))
    }
}

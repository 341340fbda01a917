/// How a 2-D convolution slides over NHWC input. Output size and padding come from `AxisGeometry`.
public struct Conv2DOptions: Equatable, Sendable {
    public var strides: Size2
    public var dilation: Size2
    public var padding: Padding
    public var mode: ConvMode

    public init(strides: Size2 = Size2(1), dilation: Size2 = Size2(1), padding: Padding = .valid,
                mode: ConvMode = .correlate) {
        self.strides = strides
        self.dilation = dilation
        self.padding = padding
        self.mode = mode
    }

    /// Row and column geometry for an `H×W` input and a `KH×KW` kernel.
    public func geometry(inputRows h: Int, inputCols w: Int, kernelRows kh: Int, kernelCols kw: Int) throws(CNNError) -> ConvGeometry {
        ConvGeometry(rows: try AxisGeometry(input: h, kernel: kh, stride: strides.rows, dilation: dilation.rows, padding: padding),
                     cols: try AxisGeometry(input: w, kernel: kw, stride: strides.cols, dilation: dilation.cols, padding: padding))
    }
}

/// Checks `x [N,H,W,C]`, `w [KH,KW,C,F]`, optional `b [F]` and returns the geometry.
func conv2dCheck(_ x: Tensor, _ w: Tensor, _ b: Tensor?, _ o: Conv2DOptions) throws(CNNError) -> ConvGeometry {
    guard x.shape.count == 4 else { throw CNNError.shapeMismatch("conv2d input must be [N, H, W, C], not \(x.shape)") }
    guard w.shape.count == 4 else { throw CNNError.shapeMismatch("conv2d kernel must be [KH, KW, C, F], not \(w.shape)") }
    guard w.shape[2] == x.shape[3] else {
        throw CNNError.shapeMismatch("conv2d kernel has \(w.shape[2]) input channels but the input has \(x.shape[3])")
    }
    if let b, b.shape != [w.shape[3]] { throw CNNError.shapeMismatch("conv2d bias must be [\(w.shape[3])], not \(b.shape)") }
    return try o.geometry(inputRows: x.shape[1], inputCols: x.shape[2], kernelRows: w.shape[0], kernelCols: w.shape[1])
}

/// The plain-loop 2-D convolution every fast path is checked against.
///
///     y[n, i, j, f] = b[f] + Σ_{u, v, c} x[n, i·sh + dh·u − pt, j·sw + dw·v − pl, c] · w[u', v', c, f]
///
/// with `(u', v') = (u, v)` for `.correlate` (Keras) and `(KH−1−u, KW−1−v)` for `.convolve`;
/// taps that land in the padding read 0. Shapes: `x [N,H,W,C]`, `w [KH,KW,C,F]`, `b [F]`,
/// `y [N,OH,OW,F]`. Accumulates in Double.
public func conv2dReference(input x: Tensor, kernel w: Tensor, bias b: Tensor? = nil,
                            options o: Conv2DOptions = Conv2DOptions()) throws(CNNError) -> Tensor {
    let g = try conv2dCheck(x, w, b, o)
    let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, f) = (w.shape[0], w.shape[1], w.shape[3])
    let y = Tensor(shape: [n, g.outputRows, g.outputCols, f])
    for s in 0..<n { for i in 0..<g.outputRows { for j in 0..<g.outputCols { for ff in 0..<f {
        var acc = Double(b?[ff] ?? 0)
        for u in 0..<kh {
            let r = g.rows.inputPosition(output: i, tap: u)
            guard r >= 0 && r < h else { continue }
            for v in 0..<kw {
                let q = g.cols.inputPosition(output: j, tap: v)
                guard q >= 0 && q < wd else { continue }
                let (uu, vv) = o.mode == .correlate ? (u, v) : (kh - 1 - u, kw - 1 - v)
                for cc in 0..<c {
                    acc += Double(x[((s * h + r) * wd + q) * c + cc]) * Double(w[((uu * kw + vv) * c + cc) * f + ff])
                }
            }
        }
        y[((s * g.outputRows + i) * g.outputCols + j) * f + ff] = Float(acc)
    } } } }
    return y
}

/// Gradients of `conv2dReference` given `dy = ∂L/∂y [N,OH,OW,F]`, by the same loop:
/// each product `x·w` that fed `y` sends `dy·w` to `dx`, `dy·x` to `dw`; `db[f] = Σ dy[…, f]`.
public func conv2dReferenceBackward(input x: Tensor, kernel w: Tensor, dOutput dy: Tensor,
                                    options o: Conv2DOptions = Conv2DOptions()) throws(CNNError)
    -> (dInput: Tensor, dKernel: Tensor, dBias: Tensor) {
    let g = try conv2dCheck(x, w, nil, o)
    let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, f) = (w.shape[0], w.shape[1], w.shape[3])
    guard dy.shape == [n, g.outputRows, g.outputCols, f] else {
        throw CNNError.shapeMismatch("conv2d output gradient must be \([n, g.outputRows, g.outputCols, f]), not \(dy.shape)")
    }
    var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: w.count)
    var db = [Double](repeating: 0, count: f)
    for s in 0..<n { for i in 0..<g.outputRows { for j in 0..<g.outputCols { for ff in 0..<f {
        let d = Double(dy[((s * g.outputRows + i) * g.outputCols + j) * f + ff])
        db[ff] += d
        for u in 0..<kh {
            let r = g.rows.inputPosition(output: i, tap: u)
            guard r >= 0 && r < h else { continue }
            for v in 0..<kw {
                let q = g.cols.inputPosition(output: j, tap: v)
                guard q >= 0 && q < wd else { continue }
                let (uu, vv) = o.mode == .correlate ? (u, v) : (kh - 1 - u, kw - 1 - v)
                for cc in 0..<c {
                    let xi = ((s * h + r) * wd + q) * c + cc, wi = ((uu * kw + vv) * c + cc) * f + ff
                    dx[xi] += d * Double(w[wi])
                    dw[wi] += d * Double(x[xi])
                }
            }
        }
    } } } }
    return (Tensor(shape: x.shape, values: dx.map { Float($0) }), Tensor(shape: w.shape, values: dw.map { Float($0) }),
            Tensor(shape: [f], values: db.map { Float($0) }))
}

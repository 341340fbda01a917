import CNNKernels

/// 2-D pooling over NHWC, window `PH×PW`, geometry from `AxisGeometry` (any padding).
///
/// Max:     `y[n,i,j,c] = max_{(u,v) in window, inside input} x[n, i·sh+u−pt, j·sw+v−pl, c]`
///          (padding never wins: it is −∞, as in Keras/TF); backward sends `dy` to the arg-max.
/// Average: `y = (1/|window ∩ input|) Σ x` (padding is not counted, as TF's `same`);
///          backward spreads `dy / |window ∩ input|` over the window.
struct PoolShape {
    let h, w, c: Int
    let g: ConvGeometry
    var inputSize: Int { h * w * c }
    var outputSize: Int { g.outputRows * g.outputCols * c }

    /// Whether max pooling may run on the AVX2 kernels: 2×2 windows, stride 2, no padding,
    /// channels a multiple of 8 (`PoolKernels`).
    var usesKernels: Bool {
        KernelSupport.handlesPooling(channels: c)
            && [g.rows, g.cols].allSatisfy { $0.kernelSize == 2 && $0.stride == 2 && $0.padBefore == 0 }
            && g.outputRows == h / 2 && g.outputCols == w / 2
    }

    /// The in-range tap ranges of output pixel `(i, j)`: rows `r0..<r1`, cols `q0..<q1`.
    @inline(__always) func window(_ i: Int, _ j: Int) -> (r0: Int, r1: Int, q0: Int, q1: Int) {
        let rs = i * g.rows.stride - g.rows.padBefore, qs = j * g.cols.stride - g.cols.padBefore
        return (max(rs, 0), min(rs + g.rows.kernelSize, h), max(qs, 0), min(qs + g.cols.kernelSize, w))
    }
}

/// Max pooling forward for samples `0..<n`; `argmax` receives, per output element, the flat
/// index of the winning input element within its sample (the first maximum in window order).
func maxPoolForward(_ s: PoolShape, x: UnsafePointer<Float>, n: Int, y: UnsafeMutablePointer<Float>,
                    argmax: UnsafeMutablePointer<Int32>) {
    let (xs, ys, am) = (UnsafeSendable(x), UnsafeSendable(y), UnsafeSendable(argmax))
    if s.usesKernels {
        Engine.forEachChunk(n) { _, r in
            PoolKernels.maxPool2x2Forward(x: xs.value + r.lowerBound * s.inputSize, n: r.count, h: s.h, w: s.w, c: s.c,
                                          y: ys.value + r.lowerBound * s.outputSize, argmax: am.value + r.lowerBound * s.outputSize)
        }
        return
    }
    maxPoolForwardPortable(s, x: x, n: n, y: y, argmax: argmax)
}

/// `maxPoolForward` in plain Swift (four channels at a time where `C % 4 == 0`): any window,
/// stride and padding.
func maxPoolForwardPortable(_ s: PoolShape, x: UnsafePointer<Float>, n: Int, y: UnsafeMutablePointer<Float>,
                            argmax: UnsafeMutablePointer<Int32>) {
    let (xs, ys, am) = (UnsafeSendable(x), UnsafeSendable(y), UnsafeSendable(argmax))
    Engine.forEachChunk(n) { _, range in
        let c = s.c
        for b in range {
            let xb = xs.value + b * s.inputSize
            var yo = ys.value + b * s.outputSize, ao = am.value + b * s.outputSize
            for i in 0..<s.g.outputRows {
                for j in 0..<s.g.outputCols {
                    let (r0, r1, q0, q1) = s.window(i, j)
                    if c % 4 == 0 {
                        maxPoolPixelSIMD(xb, c: c, w: s.w, r0: r0, r1: r1, q0: q0, q1: q1, y: yo, argmax: ao)
                    } else {
                        for t in 0..<c { yo[t] = -.infinity; ao[t] = Int32((r0 * s.w + q0) * c + t) }
                        for r in r0..<r1 {
                            for q in q0..<q1 {
                                let base = (r * s.w + q) * c
                                let xp = xb + base
                                for t in 0..<c where xp[t] > yo[t] { yo[t] = xp[t]; ao[t] = Int32(base + t) }
                            }
                        }
                    }
                    yo += c; ao += c
                }
            }
        }
    }
}

/// One output pixel of max pooling, four channels at a time (branch-free SIMD selects).
@inline(__always)
private func maxPoolPixelSIMD(_ xb: UnsafePointer<Float>, c: Int, w: Int, r0: Int, r1: Int, q0: Int, q1: Int,
                              y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
    let lanes = SIMD4<Int32>(0, 1, 2, 3)
    let raw = UnsafeRawPointer(xb)
    for t in stride(from: 0, to: c, by: 4) {
        var best = SIMD4<Float>(repeating: -.infinity)
        var index = SIMD4<Int32>(repeating: Int32((r0 * w + q0) * c + t)) &+ lanes
        for r in r0..<r1 {
            for q in q0..<q1 {
                let base = (r * w + q) * c + t
                let v = raw.loadUnaligned(fromByteOffset: base * 4, as: SIMD4<Float>.self)
                let better = v .> best
                best.replace(with: v, where: better)
                index.replace(with: SIMD4<Int32>(repeating: Int32(base)) &+ lanes, where: better)
            }
        }
        UnsafeMutableRawPointer(y + t).storeBytes(of: best, as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(argmax + t).storeBytes(of: index, as: SIMD4<Int32>.self)
    }
}

/// Max pooling backward: `dx` (overwritten) gets `dy` at each recorded arg-max.
/// With `reluOutput` (the forward's `y`, when a ReLU fed the pooling), `dy` counts only where
/// `y > 0`: `dx` is then already the gradient before that ReLU (`y` is the ReLU's output at
/// the arg-max), so the conv below skips its own ReLU backward.
func maxPoolBackward(_ s: PoolShape, dy: UnsafePointer<Float>, n: Int, argmax: UnsafePointer<Int32>,
                     reluOutput: UnsafePointer<Float>? = nil, dx: UnsafeMutablePointer<Float>) {
    let (dys, dxs, am, ys) = (UnsafeSendable(dy), UnsafeSendable(dx), UnsafeSendable(argmax), UnsafeSendable(reluOutput))
    if s.usesKernels {
        Engine.forEachChunk(n) { _, r in
            PoolKernels.maxPool2x2Backward(dy: dys.value + r.lowerBound * s.outputSize, argmax: am.value + r.lowerBound * s.outputSize,
                                           n: r.count, h: s.h, w: s.w, c: s.c,
                                           reluOutput: ys.value.map { $0 + r.lowerBound * s.outputSize },
                                           dx: dxs.value + r.lowerBound * s.inputSize)
        }
        return
    }
    maxPoolBackwardPortable(s, dy: dy, n: n, argmax: argmax, reluOutput: reluOutput, dx: dx)
}

/// `maxPoolBackward` in plain Swift: zero `dx`, then add each `dy` at its arg-max.
func maxPoolBackwardPortable(_ s: PoolShape, dy: UnsafePointer<Float>, n: Int, argmax: UnsafePointer<Int32>,
                             reluOutput: UnsafePointer<Float>? = nil, dx: UnsafeMutablePointer<Float>) {
    let (dys, dxs, am, ys) = (UnsafeSendable(dy), UnsafeSendable(dx), UnsafeSendable(argmax), UnsafeSendable(reluOutput))
    Engine.forEachChunk(n) { _, range in
        for b in range {
            let dxb = dxs.value + b * s.inputSize
            dxb.update(repeating: 0, count: s.inputSize)
            let dyb = dys.value + b * s.outputSize, ab = am.value + b * s.outputSize
            if let y = ys.value {
                let yb = y + b * s.outputSize
                for o in 0..<s.outputSize { dxb[Int(ab[o])] += yb[o] > 0 ? dyb[o] : 0 }  // a select, not a branch
            } else {
                for o in 0..<s.outputSize { dxb[Int(ab[o])] += dyb[o] }
            }
        }
    }
}

/// Average pooling forward for samples `0..<n`.
func avgPoolForward(_ s: PoolShape, x: UnsafePointer<Float>, n: Int, y: UnsafeMutablePointer<Float>) {
    let (xs, ys) = (UnsafeSendable(x), UnsafeSendable(y))
    Engine.forEachChunk(n) { _, range in
        let c = s.c
        for b in range {
            let xb = xs.value + b * s.inputSize
            var yo = ys.value + b * s.outputSize
            for i in 0..<s.g.outputRows {
                for j in 0..<s.g.outputCols {
                    let (r0, r1, q0, q1) = s.window(i, j)
                    for t in 0..<c { yo[t] = 0 }
                    for r in r0..<r1 { for q in q0..<q1 {
                        let xp = xb + (r * s.w + q) * c
                        for t in 0..<c { yo[t] += xp[t] }
                    } }
                    let inv = 1 / Float(max((r1 - r0) * (q1 - q0), 1))
                    for t in 0..<c { yo[t] *= inv }
                    yo += c
                }
            }
        }
    }
}

/// Average pooling backward: `dx` (overwritten) gets `dy / |window|` over each window.
func avgPoolBackward(_ s: PoolShape, dy: UnsafePointer<Float>, n: Int, dx: UnsafeMutablePointer<Float>) {
    let (dys, dxs) = (UnsafeSendable(dy), UnsafeSendable(dx))
    Engine.forEachChunk(n) { _, range in
        let c = s.c
        for b in range {
            let dxb = dxs.value + b * s.inputSize
            dxb.update(repeating: 0, count: s.inputSize)
            var dyo = dys.value + b * s.outputSize
            for i in 0..<s.g.outputRows {
                for j in 0..<s.g.outputCols {
                    let (r0, r1, q0, q1) = s.window(i, j)
                    let inv = 1 / Float(max((r1 - r0) * (q1 - q0), 1))
                    for r in r0..<r1 { for q in q0..<q1 {
                        let dp = dxb + (r * s.w + q) * c
                        for t in 0..<c { dp[t] += dyo[t] * inv }
                    } }
                    dyo += c
                }
            }
        }
    }
}

/// Pooling geometry: `strides` default to the pool size (Keras); dilation 1.
func poolGeometry(h: Int, w: Int, poolSize: Size2, strides: Size2?, padding: Padding) throws(CNNError) -> ConvGeometry {
    let st = strides ?? poolSize
    return ConvGeometry(rows: try AxisGeometry(input: h, kernel: poolSize.rows, stride: st.rows, padding: padding),
                        cols: try AxisGeometry(input: w, kernel: poolSize.cols, stride: st.cols, padding: padding))
}

/// Plain-loop pooling reference over `x [N,H,W,C]` (max or average, padding excluded).
public func pool2dReference(input x: Tensor, poolSize: Size2, strides: Size2? = nil, padding: Padding = .valid,
                            max isMax: Bool) throws(CNNError) -> Tensor {
    guard x.shape.count == 4 else { throw CNNError.shapeMismatch("pooling input must be [N, H, W, C], not \(x.shape)") }
    let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let g = try poolGeometry(h: h, w: w, poolSize: poolSize, strides: strides, padding: padding)
    let y = Tensor(shape: [n, g.outputRows, g.outputCols, c])
    for b in 0..<n { for i in 0..<g.outputRows { for j in 0..<g.outputCols { for t in 0..<c {
        var acc: Float = isMax ? -.infinity : 0
        var taps = 0
        for u in 0..<poolSize.rows {
            let r = g.rows.inputPosition(output: i, tap: u)
            for v in 0..<poolSize.cols {
                let q = g.cols.inputPosition(output: j, tap: v)
                guard r >= 0 && r < h && q >= 0 && q < w else { continue }
                let value = x[[b, r, q, t]]
                acc = isMax ? Swift.max(acc, value) : acc + value
                taps += 1
            }
        }
        y[[b, i, j, t]] = isMax ? acc : acc / Float(Swift.max(taps, 1))
    } } } }
    return y
}

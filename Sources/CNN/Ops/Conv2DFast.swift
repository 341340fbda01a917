import CNNKernels

/// The fast NHWC convolution. Where `KernelSupport` allows (no padding, filters a multiple of
/// 16, AVX2 + FMA3), the implicit-GEMM kernels of `CNNKernels` run it with no im2col matrix
/// (`usesKernels`). Otherwise, the portable path: im2col into a preallocated buffer, then
/// OpenBLAS sgemm (`M = n·OH·OW`, `K = KH·KW·C`, `N = F`); NHWC makes `col · W` the output
/// directly, with no transpose. Both are checked against `conv2dReference`.
///
/// Forward:  `col = im2col(x)`, `y = act(col · W + b)` (bias and ReLU fused into one pass).
/// Backward: `dz = dy ⊙ act'`, `dW = colᵀ · dz`, `db = Σ_rows dz`, `dcol = dz · Wᵀ`, `dx = col2im(dcol)`.
///
/// Two ways to use the cores (`Engine.withThreads`, for a layer used on its own), chosen per layer (measured on this machine):
/// - whole-batch: the forward GEMM and `dW` are one sgemm each on threaded OpenBLAS, the
///   memory-bound passes (im2col, epilogue, activation backward) split over batch chunks;
///   for `K ≥ 32` (conv2, conv3);
/// - chunked: each batch chunk runs everything, sgemm included, on its own thread with
///   single-threaded OpenBLAS; for skinny `K` (conv1's 9), where threaded OpenBLAS loses.
/// `dx` is always per chunk, in blocks of `dxBlock` samples so that each block's `dcol` is
/// still in cache for col2im (measured faster than one threaded sgemm per 32 samples).
/// Partial `dW`/`db` of chunks are summed in chunk order, so results are reproducible.
/// The plan always correlates (Keras); `conv2dForward` flips the kernel for `.convolve`.
final class Conv2DPlan {
    let s: ConvShape
    let maxBatch: Int
    let wholeBatchGEMM: Bool
    /// Whether the implicit-GEMM AVX2 kernels run this conv (no padding, filters a multiple of
    /// 16, a CPU with AVX2 + FMA3; see `KernelSupport`): then no im2col matrix is built.
    let usesKernels: Bool
    /// Whether `dx` also goes through the kernels (tap runs a multiple of 16 long).
    let kernelInputGradient: Bool
    /// Samples per backward-data block: `dcol` holds one block per chunk (at most 8 chunks).
    static let dxBlock = 4
    /// `[maxBatch·P, K]`: kept from forward for the backward `dW` (portable path only).
    let col: Tensor
    /// `[8·dxBlock·P, K]`: allocated on the first backward that needs `dx`.
    private var dcol: Tensor?
    /// The weights as the kernels read them (forward panels, then `dx` strips).
    private let packedForward: Tensor, packedInput: Tensor
    private var partialW: [Tensor] = []
    private var partialB: [Tensor] = []

    /// `useKernels: false` forces the portable path (im2col + OpenBLAS) even where the kernels apply.
    init(_ s: ConvShape, maxBatch: Int, useKernels: Bool = Engine.kernelsEnabled) {
        self.s = s
        self.maxBatch = maxBatch
        usesKernels = useKernels && KernelSupport.handlesConv(s)
        kernelInputGradient = usesKernels && KernelSupport.handlesConvInputGradient(s)
        wholeBatchGEMM = !usesKernels && s.k >= 32
        col = Tensor(shape: usesKernels ? [0] : [maxBatch * s.p, s.k])
        packedForward = Tensor(shape: [usesKernels ? s.k * s.f : 0])
        packedInput = Tensor(shape: [kernelInputGradient ? s.k * s.f : 0])
    }

    /// The kernels' description of this conv; only when `usesKernels` (it is `CNNKernels` code).
    var kernelGeometry: ConvKernels.Geometry? {
        guard usesKernels else { return nil }
        return ConvKernels.Geometry(h: s.h, w: s.w, c: s.c, kh: s.kh, kw: s.kw, f: s.f, oh: s.oh, ow: s.ow,
                                    strideH: s.g.rows.stride, strideW: s.g.cols.stride,
                                    dilationH: s.g.rows.dilation, dilationW: s.g.cols.dilation)
    }

    /// `y [n,OH,OW,F] = act(conv(x [n,H,W,C], w [KH,KW,C,F]) + b)`. For softmax, `logits`
    /// receives the pre-activation.
    func forward(x: UnsafePointer<Float>, n: Int, w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                 activation: Activation, y: UnsafeMutablePointer<Float>, logits: UnsafeMutablePointer<Float>? = nil) {
        precondition(n <= maxBatch)
        let s = self.s, whole = wholeBatchGEMM
        let (xs, ys, cs) = (UnsafeSendable(x), UnsafeSendable(y), UnsafeSendable(col.data))
        let (ws, bs, ls) = (UnsafeSendable(w), UnsafeSendable(bias), UnsafeSendable(logits))
        func epilogue(_ r: Range<Int>) {
            biasActivation(activation, z: ys.value + r.lowerBound * s.outputSize, bias: bs.value, rows: r.count * s.p,
                           cols: s.f, logits: ls.value.map { $0 + r.lowerBound * s.outputSize })
        }
        if let g = kernelGeometry {
            ConvKernels.packForward(g, w: w, into: packedForward.data)
            let packed = UnsafeSendable(UnsafePointer(packedForward.data))
            let fused = activation == .relu || activation == .linear
            Engine.forEachChunk(n) { _, r in
                guard !r.isEmpty else { return }
                let yc = ys.value + r.lowerBound * s.outputSize
                timed(.forwardGEMM, flops: 2 * Double(r.count * s.p * s.k * s.f)) {
                    ConvKernels.forward(g, x: xs.value + r.lowerBound * s.inputSize, n: r.count, packed: packed.value,
                                        bias: bs.value, relu: activation == .relu, y: yc)
                }
                if !fused {
                    timed(.epilogue, bytes: 8 * Double(r.count * s.outputSize)) {
                        biasActivation(activation, z: yc, bias: nil, rows: r.count * s.p, cols: s.f,
                                       logits: ls.value.map { $0 + r.lowerBound * s.outputSize })
                    }
                }
            }
            return
        }
        Engine.forEachChunk(n) { _, r in
            guard !r.isEmpty else { return }
            let colChunk = cs.value + r.lowerBound * s.p * s.k
            timed(.im2col, bytes: 8 * Double(r.count * s.p * s.k)) {
                for i in r { im2col(s, x: xs.value + i * s.inputSize, col: colChunk + (i - r.lowerBound) * s.p * s.k) }
            }
            guard !whole else { return }
            timed(.forwardGEMM, flops: 2 * Double(r.count * s.p * s.k * s.f)) {
                sgemm(m: r.count * s.p, n: s.f, k: s.k, a: colChunk, b: ws.value, c: ys.value + r.lowerBound * s.outputSize)
            }
            timed(.epilogue, bytes: 8 * Double(r.count * s.outputSize)) { epilogue(r) }
        }
        guard whole, n > 0 else { return }
        timed(.forwardGEMM, flops: 2 * Double(n * s.p * s.k * s.f)) {
            Engine.withBLASThreads { sgemm(m: n * s.p, n: s.f, k: s.k, a: col.data, b: w, c: y) }
        }
        timed(.epilogue, bytes: 8 * Double(n * s.outputSize)) { Engine.forEachChunk(n) { _, r in epilogue(r) } }
    }

    /// Whether `fusedMaxPoolForward` can run this conv: the kernels apply and the output has
    /// channels a multiple of 8 (it always has: filters are a multiple of 16 there).
    var fusesMaxPool: Bool { usesKernels }

    /// ReLU conv then 2×2/2 max pooling in one pass (`ConvKernels.forwardMaxPool`): writes the
    /// pooled output `[n, OH/2, OW/2, F]` and its arg-max indices, never the conv's output.
    /// Only when `fusesMaxPool`.
    func fusedMaxPoolForward(x: UnsafePointer<Float>, n: Int, w: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                             pooled: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        precondition(n <= maxBatch)
        guard let g = kernelGeometry else { preconditionFailure("fusedMaxPoolForward without the kernels") }
        ConvKernels.packForward(g, w: w, into: packedForward.data)
        let pooledSize = (s.oh / 2) * (s.ow / 2) * s.f, flops = 2 * Double(s.oh / 2 * 2 * s.ow * s.k * s.f)
        let (xs, ps, am, bs) = (UnsafeSendable(x), UnsafeSendable(pooled), UnsafeSendable(argmax), UnsafeSendable(bias))
        let packed = UnsafeSendable(UnsafePointer(packedForward.data)), s = self.s
        Engine.forEachChunk(n) { _, r in
            guard !r.isEmpty else { return }
            timed(.forwardGEMM, flops: Double(r.count) * flops) {
                ConvKernels.forwardMaxPool(g, x: xs.value + r.lowerBound * s.inputSize, n: r.count, packed: packed.value,
                                           bias: bs.value, pooled: ps.value + r.lowerBound * pooledSize,
                                           argmax: am.value + r.lowerBound * pooledSize)
            }
        }
    }

    /// The first layer's backward through the 2×2/2 max pooling after it, in one pass
    /// (`ConvKernels.weightGradientThroughMaxPool`): from the pooling's output gradient
    /// `dy [n, OH/2, OW/2, F]`, arg-max and output, writes `dW` and `db` (if non-nil) with no
    /// input gradient and no conv-sized `dz`. Only when `fusesMaxPool`. Chunks' partial sums
    /// are added in chunk order (reproducible).
    func fusedMaxPoolWeightGradient(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>,
                                    pooled: UnsafePointer<Float>, n: Int, dW: UnsafeMutablePointer<Float>,
                                    dB: UnsafeMutablePointer<Float>?) {
        guard let g = kernelGeometry else { preconditionFailure("fusedMaxPoolWeightGradient without the kernels") }
        let s = self.s, parts = Engine.chunks(n).count
        while partialW.count < parts {
            partialW.append(Tensor(shape: [s.k, s.f]))
            partialB.append(Tensor(shape: [s.f]))
        }
        let pooledSize = (s.oh / 2) * (s.ow / 2) * s.f, flops = 2 * Double(s.oh / 2 * 2 * s.ow * s.k * s.f)
        let (xs, dys, am, ps) = (UnsafeSendable(x), UnsafeSendable(dy), UnsafeSendable(argmax), UnsafeSendable(pooled))
        let pw = UnsafeSendable(partialW.map(\.data)), pb = UnsafeSendable(partialB.map(\.data))
        Engine.forEachChunk(n) { ci, r in
            pb.value[ci].update(repeating: 0, count: s.f)
            timed(.weightGEMM, flops: Double(r.count) * flops) {
                let o = r.lowerBound * pooledSize
                ConvKernels.weightGradientThroughMaxPool(g, x: xs.value + r.lowerBound * s.inputSize, n: r.count, dy: dys.value + o,
                                                         argmax: am.value + o, pooled: ps.value + o, dW: pw.value[ci], db: pb.value[ci])
            }
        }
        dW.update(from: partialW[0].data, count: s.k * s.f)
        for t in 1..<parts { let p = partialW[t].data; for i in 0..<(s.k * s.f) { dW[i] += p[i] } }
        if let dB {
            dB.update(from: partialB[0].data, count: s.f)
            for t in 1..<parts { let p = partialB[t].data; for j in 0..<s.f { dB[j] += p[j] } }
        }
    }

    /// Given `dy = ∂L/∂y [n,OH,OW,F]`, the forward's output `y` and `col`, writes `dW [KH,KW,C,F]`,
    /// `db [F]` (if non-nil) and, if `dx` is non-nil, `dx [n,H,W,C]`. Unless `activation` is
    /// `.linear` (then `dy` is already `∂L/∂z`), `dz = ∂L/∂z` is first formed chunk by chunk in `dz`.
    func backward(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, y: UnsafePointer<Float>, activation: Activation,
                  dz dzBuffer: UnsafeMutablePointer<Float>?, n: Int, w: UnsafePointer<Float>,
                  dW: UnsafeMutablePointer<Float>, dB: UnsafeMutablePointer<Float>?, dx: UnsafeMutablePointer<Float>?,
) {
        precondition(activation == .linear || dzBuffer != nil, "Conv2DPlan.backward: no dz buffer")
        let s = self.s, whole = wholeBatchGEMM
        let parts = Engine.chunks(n).count
        while partialW.count < parts {
            partialW.append(Tensor(shape: [s.k, s.f]))
            partialB.append(Tensor(shape: [s.f]))
        }
        if dx != nil && dcol == nil && !kernelInputGradient { dcol = Tensor(shape: [8 * Conv2DPlan.dxBlock * s.p, s.k]) }
        let kernels = kernelGeometry
        if dx != nil, kernelInputGradient, let g = kernels { ConvKernels.packInputGradient(g, w: w, into: packedInput.data) }
        let (xs, kernelDX, packedDX) = (UnsafeSendable(x), kernelInputGradient, UnsafeSendable(UnsafePointer(packedInput.data)))
        let pw = UnsafeSendable(partialW.map(\.data)), pb = UnsafeSendable(partialB.map(\.data))
        let (dys, ys, dzs) = (UnsafeSendable(dy), UnsafeSendable(y), UnsafeSendable(dzBuffer))
        let (ws, cs) = (UnsafeSendable(w), UnsafeSendable(col.data))
        let (dxs, dcs) = (UnsafeSendable(dx), UnsafeSendable(dcol?.data))
        let dzAll = activation == .linear ? dy : UnsafePointer(dzBuffer!)
        Engine.forEachChunk(n) { ci, r in
            let m = r.count * s.p, off = r.lowerBound * s.outputSize
            let b = pb.value[ci]
            b.update(repeating: 0, count: s.f)
            let dzc: UnsafePointer<Float> = timed(.activationBackward, bytes: 12 * Double(m * s.f)) {
                switch activation {
                case .relu:
                    reluBackwardAddColumnSums(y: ys.value + off, dy: dys.value + off, dz: dzs.value! + off, rows: m, cols: s.f, into: b)
                    return UnsafePointer(dzs.value! + off)
                case .linear:
                    addColumnSums(dys.value + off, rows: m, cols: s.f, into: b)
                    return dys.value + off
                default:
                    activationBackward(activation, y: ys.value + off, dy: dys.value + off, dz: dzs.value! + off, rows: m, cols: s.f)
                    addColumnSums(dzs.value! + off, rows: m, cols: s.f, into: b)
                    return UnsafePointer(dzs.value! + off)
                }
            }
            if let g = kernels {
                timed(.weightGEMM, flops: 2 * Double(m * s.k * s.f)) {
                    ConvKernels.weightGradient(g, x: xs.value + r.lowerBound * s.inputSize, dz: dzc, n: r.count, dW: pw.value[ci])
                }
            } else if !whole {
                timed(.weightGEMM, flops: 2 * Double(m * s.k * s.f)) {
                    sgemm(transA: true, m: s.k, n: s.f, k: m, a: cs.value + r.lowerBound * s.p * s.k, b: dzc, c: pw.value[ci])
                }
            }
            if let dx = dxs.value, kernelDX, let g = kernels {
                timed(.inputGEMM, flops: 2 * Double(m * s.k * s.f)) {
                    ConvKernels.inputGradient(g, dz: dzc, n: r.count, packed: packedDX.value, dx: dx + r.lowerBound * s.inputSize)
                }
            } else if let dx = dxs.value, let dcol = dcs.value {
                // In blocks of a few samples, so each block's dcol is still in cache for col2im.
                let dc = dcol + ci * Conv2DPlan.dxBlock * s.p * s.k
                for b0 in stride(from: r.lowerBound, to: r.upperBound, by: Conv2DPlan.dxBlock) {
                    let nb = min(Conv2DPlan.dxBlock, r.upperBound - b0)
                    timed(.inputGEMM, flops: 2 * Double(nb * s.p * s.k * s.f)) {
                        sgemm(transB: true, m: nb * s.p, n: s.k, k: s.f, a: dzc + (b0 - r.lowerBound) * s.outputSize,
                              b: ws.value, c: dc)
                    }
                    timed(.col2im, bytes: 4 * Double(nb * (s.p * s.k + 2 * s.inputSize))) {
                        for i in 0..<nb { col2imInto(s, dc + i * s.p * s.k, dx + (b0 + i) * s.inputSize) }
                    }
                }
            }
        }
        if whole {
            timed(.weightGEMM, flops: 2 * Double(n * s.p * s.k * s.f)) {
                Engine.withBLASThreads { sgemm(transA: true, m: s.k, n: s.f, k: n * s.p, a: col.data, b: dzAll, c: dW) }
            }
        } else {
            dW.update(from: partialW[0].data, count: s.k * s.f)
            for t in 1..<parts { let p = partialW[t].data; for i in 0..<(s.k * s.f) { dW[i] += p[i] } }
        }
        if let dB {
            dB.update(from: partialB[0].data, count: s.f)
            for t in 1..<parts { let p = partialB[t].data; for j in 0..<s.f { dB[j] += p[j] } }
        }
    }
}

/// Zeroes one sample's `dx` and adds `col2im(dcol)` into it.
private func col2imInto(_ s: ConvShape, _ dcol: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>) {
    dx.update(repeating: 0, count: s.inputSize)
    col2im(s, dcol: dcol, dx: dx)
}

/// A kernel rotated by 180° in its spatial axes: `w'[u, v, c, f] = w[KH−1−u, KW−1−v, c, f]`.
func flippedKernel(_ w: Tensor) -> Tensor {
    let (kh, kw, cf) = (w.shape[0], w.shape[1], w.shape[2] * w.shape[3])
    let out = Tensor(shape: w.shape)
    for u in 0..<kh { for v in 0..<kw {
        (out.data + (u * kw + v) * cf).update(from: w.data + ((kh - 1 - u) * kw + (kw - 1 - v)) * cf, count: cf)
    } }
    return out
}

/// Fast NHWC convolution (im2col + sgemm): `x [N,H,W,C]`, `w [KH,KW,C,F]`, `b [F]` → `y [N,OH,OW,F]`.
/// Any padding, stride, dilation and mode; same result as `conv2dReference` up to rounding.
public func conv2dForward(input x: Tensor, kernel w: Tensor, bias b: Tensor? = nil,
                          options o: Conv2DOptions = Conv2DOptions()) throws(CNNError) -> Tensor {
    let g = try conv2dCheck(x, w, b, o)
    let s = ConvShape(h: x.shape[1], w: x.shape[2], c: x.shape[3], kh: w.shape[0], kw: w.shape[1], f: w.shape[3], g: g)
    let n = x.shape[0]
    let kernel = o.mode == .convolve ? flippedKernel(w) : w
    let y = Tensor(shape: [n, s.oh, s.ow, s.f])
    guard n > 0 else { return y }
    Conv2DPlan(s, maxBatch: n).forward(x: x.data, n: n, w: kernel.data, bias: b.map { UnsafePointer($0.data) },
                                       activation: .linear, y: y.data)
    return y
}

/// Fast gradients of `conv2dForward` for `dy [N,OH,OW,F]`: `(dx [N,H,W,C], dW [KH,KW,C,F], db [F])`.
public func conv2dBackward(input x: Tensor, kernel w: Tensor, dOutput dy: Tensor,
                           options o: Conv2DOptions = Conv2DOptions()) throws(CNNError)
    -> (dInput: Tensor, dKernel: Tensor, dBias: Tensor) {
    let g = try conv2dCheck(x, w, nil, o)
    let s = ConvShape(h: x.shape[1], w: x.shape[2], c: x.shape[3], kh: w.shape[0], kw: w.shape[1], f: w.shape[3], g: g)
    let n = x.shape[0]
    guard dy.shape == [n, s.oh, s.ow, s.f] else {
        throw CNNError.shapeMismatch("conv2d output gradient must be \([n, s.oh, s.ow, s.f]), not \(dy.shape)")
    }
    let kernel = o.mode == .convolve ? flippedKernel(w) : w
    let (dx, dW, db) = (Tensor(shape: x.shape), Tensor(shape: w.shape), Tensor(shape: [s.f]))
    guard n > 0 else { return (dx, dW, db) }
    let plan = Conv2DPlan(s, maxBatch: n)
    let scratch = Tensor(shape: [n, s.oh, s.ow, s.f])
    plan.forward(x: x.data, n: n, w: kernel.data, bias: nil, activation: .linear, y: scratch.data)
    plan.backward(x: x.data, dy: dy.data, y: scratch.data, activation: .linear, dz: nil, n: n, w: kernel.data,
                  dW: dW.data, dB: db.data, dx: dx.data)
    return (dx, o.mode == .convolve ? flippedKernel(dW) : dW, db)
}

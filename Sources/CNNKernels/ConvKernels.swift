/// Convolutions over NHWC without im2col ("implicit GEMM"), on the 6×16 AVX2 register tile of
/// `MicroKernel.swift`. The taps a GEMM would read from an im2col matrix are read straight from
/// the input: for output pixel `p` and tap `k = (u·KW + v)·C + c` that is
/// `x[base(p) + tapOffset(k)]`, with `base(p) = (i·sh·W + j·sw)·C` for pixel `(i, j)` and
/// `tapOffset(k) = (u·dh·W + v·dw)·C + c`. No padding (`valid`); any stride and dilation.
///
/// - forward:        `y[p, f] = act(Σ_k x[p, k] · w[k, f] + b[f])`, rows = 6 pixels, columns = 16 filters;
/// - weightGradient: `dW[k, f] = Σ_p x[p, k] · dz[p, f]`, rows = 6 taps, columns = 16 filters;
/// - inputGradient:  `dx[p, k] += Σ_f dz[p, f] · w[k, f]`, rows = 6 pixels, columns = 16 taps,
///   added straight into `dx` (col2im fused).
/// Every sum runs over the same terms as the im2col + GEMM path, in a fixed order, so results
/// are reproducible; they match `conv2dReference` up to float rounding.
///
/// This module is compiled for Haswell-class x86-64 (AVX2 + FMA3): none of it may run on a CPU
/// without them. The engine checks first (`KernelSupport` in CNN, with `cpuid`) and decides
/// which shapes go here (filters a multiple of 16; for `dx`, tap runs a multiple of 16).
public enum ConvKernels {
    /// The shape of one valid convolution over NHWC samples; `oh`, `ow` as the engine's
    /// geometry gives them (every tap of every output inside the input).
    public struct Geometry: Sendable {
        public let h, w, c, kh, kw, f: Int
        public let strideH, strideW, dilationH, dilationW: Int
        public let oh, ow: Int

        public init(h: Int, w: Int, c: Int, kh: Int, kw: Int, f: Int, oh: Int, ow: Int,
                    strideH: Int = 1, strideW: Int = 1, dilationH: Int = 1, dilationW: Int = 1) {
            (self.h, self.w, self.c, self.kh, self.kw, self.f, self.oh, self.ow) = (h, w, c, kh, kw, f, oh, ow)
            (self.strideH, self.strideW, self.dilationH, self.dilationW) = (strideH, strideW, dilationH, dilationW)
        }

        var k: Int { kh * kw * c }
        var p: Int { oh * ow }
        var inputSize: Int { h * w * c }
        /// Offset of tap `k` from a receptive field's corner.
        @inline(__always) func tapOffset(_ k: Int) -> Int {
            let (uv, ch) = k.quotientAndRemainder(dividingBy: c)
            let (u, v) = uv.quotientAndRemainder(dividingBy: kw)
            return (u * dilationH * w + v * dilationW) * c + ch
        }

        /// Offsets in the input of output pixels `first ..< first + count` of samples laid out one
        /// after another (`s·inputSize + (i·sh·W + j·sw)·C` for pixel `(i, j)` of sample `s`),
        /// counted with multiplications only (a division per pixel cost as much as conv1's
        /// arithmetic). Traps rather than wraps if an offset does not fit `T`.
        func pixelOffsets<T: BinaryInteger>(from first: Int, count: Int, into out: UnsafeMutablePointer<T>) {
            guard count > 0 else { return }
            var (s, q) = first.quotientAndRemainder(dividingBy: p)
            var (i, j) = q.quotientAndRemainder(dividingBy: ow)
            for t in 0..<count {
                out[t] = T(s * inputSize + (i * strideH * w + j * strideW) * c)
                j += 1
                if j == ow { j = 0; i += 1; if i == oh { i = 0; s += 1 } }
            }
        }

        /// `tapOffset(k)` for every tap, for the micro-kernel's offset table.
        func tapOffsets() -> [Int32] { (0..<k).map { Int32(tapOffset($0)) } }
    }

    /// `w [K, F]` → panels `[F/16][K][16]` for `forward`.
    public static func packForward(_ g: Geometry, w: UnsafePointer<Float>, into panels: UnsafeMutablePointer<Float>) {
        for j in 0..<(g.f / 16) {
            let panel = panels + j * g.k * 16
            for k in 0..<g.k { (panel + k * 16).update(from: w + k * g.f + j * 16, count: 16) }
        }
    }

    /// `w [K, F]` → panels `[K/16][F][16]` (`wᵀ` in strips of 16 taps) for `inputGradient`.
    public static func packInputGradient(_ g: Geometry, w: UnsafePointer<Float>, into panels: UnsafeMutablePointer<Float>) {
        for q in 0..<(g.k / 16) {
            let panel = panels + q * g.f * 16
            for f in 0..<g.f { for i in 0..<16 { panel[f * 16 + i] = w[(q * 16 + i) * g.f + f] } }
        }
    }

    /// Output pixels whose input offsets `forward` computes at a time (a multiple of 6).
    static let slabPixels = 6 * 512

    /// `y [n, OH, OW, F] = act(conv(x [n, H, W, C]) + bias)` with the weights packed by
    /// `packForward`; `act` is ReLU when `relu`, else the identity.
    public static func forward(_ g: Geometry, x: UnsafePointer<Float>, n: Int, packed: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, relu: Bool, y: UnsafeMutablePointer<Float>) {
        let offsets = g.tapOffsets()
        let total = n * g.p, panels = g.f / 16
        guard total > 0 else { return }
        let slab = min(total, slabPixels)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: slab) { bases in
            offsets.withUnsafeBufferPointer { offsets in
                for p0 in stride(from: 0, to: total, by: 6) {
                    let count = min(6, total - p0)
                    if p0 % slab == 0 { g.pixelOffsets(from: p0, count: min(slab, total - p0), into: bases.baseAddress!) }
                    let rows = Rows6(x, { bases[p0 % slab + $0] }, count: count)
                    for j in 0..<panels {
                        forwardTile(rows, aOffsets: offsets.baseAddress!, count: g.k, b: packed + j * g.k * 16,
                                    bias: bias.map { $0 + j * 16 }, relu: relu, out: y + p0 * g.f + j * 16, outStride: g.f,
                                    valid: count)
                    }
                }
            }
        }
    }

    /// The forward with ReLU, then 2×2 max pooling with stride 2 (Keras's `MaxPooling2D(2)`)
    /// over its output, fused: the conv's output is made two rows at a time in a small band
    /// (in L1) and pooled from there, never written whole. Writes `pooled [n, OH/2, OW/2, F]`
    /// and `argmax` (per pooled value, the flat index within the sample's conv output of the
    /// first maximum in window order): the same values as `forward` then
    /// `PoolKernels.maxPool2x2Forward`, since each band value is the same tile sum. A last odd
    /// row that no window covers is not computed. `F` a multiple of 16 (as `forward`).
    public static func forwardMaxPool(_ g: Geometry, x: UnsafePointer<Float>, n: Int, packed: UnsafePointer<Float>,
                                      bias: UnsafePointer<Float>?, pooled: UnsafeMutablePointer<Float>,
                                      argmax: UnsafeMutablePointer<Int32>) {
        let (ph, pw) = (g.oh / 2, g.ow / 2)
        let bandPixels = 2 * g.ow, panels = g.f / 16
        guard n > 0, ph > 0, pw > 0 else { return }
        let offsets = g.tapOffsets()
        withUnsafeTemporaryAllocation(of: Float.self, capacity: bandPixels * g.f) { band in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: bandPixels) { bases in
                offsets.withUnsafeBufferPointer { offsets in
                    for s in 0..<n {
                        for i in 0..<ph {
                            g.pixelOffsets(from: s * g.p + 2 * i * g.ow, count: bandPixels, into: bases.baseAddress!)
                            for p0 in stride(from: 0, to: bandPixels, by: 6) {
                                let count = min(6, bandPixels - p0)
                                let rows = Rows6(x, { bases[p0 + $0] }, count: count)
                                for j in 0..<panels {
                                    forwardTile(rows, aOffsets: offsets.baseAddress!, count: g.k, b: packed + j * g.k * 16,
                                                bias: bias.map { $0 + j * 16 }, relu: true,
                                                out: band.baseAddress! + p0 * g.f + j * 16, outStride: g.f, valid: count)
                                }
                            }
                            let out = (s * ph + i) * pw * g.f
                            PoolKernels.maxPool2x2Forward(x: band.baseAddress!, n: 1, h: 2, w: g.ow, c: g.f, y: pooled + out,
                                                          argmax: argmax + out, indexBase: 2 * i * g.ow * g.f)
                        }
                    }
                }
            }
        }
    }

    /// The weight and bias gradients of a ReLU conv whose output only fed 2×2/2 max pooling,
    /// from the pooling's output gradient `dy [n, OH/2, OW/2, F]`, its arg-max indices and its
    /// output `pooled` (for the ReLU's mask), without the conv's output gradient ever written
    /// whole: two conv rows at a time, `dz` (`dy` at each window's arg-max where the pooled
    /// value is > 0, else 0; `PoolKernels.maxPool2x2Backward`) is made in a small band, its
    /// column sums are added to `db`, and `dW [K, F] = Σ x[p, k] · dz[p, f]` gathers the
    /// band's pixels. `dW` is overwritten; `db` is added to. A last odd row (in no window) has
    /// `dz = 0` and is skipped. For the first layer (no input gradient). `F` a multiple of 16.
    public static func weightGradientThroughMaxPool(_ g: Geometry, x: UnsafePointer<Float>, n: Int, dy: UnsafePointer<Float>,
                                                    argmax: UnsafePointer<Int32>, pooled: UnsafePointer<Float>,
                                                    dW: UnsafeMutablePointer<Float>, db: UnsafeMutablePointer<Float>) {
        dW.update(repeating: 0, count: g.k * g.f)
        let (ph, pw) = (g.oh / 2, g.ow / 2)
        let bandPixels = 2 * g.ow, panels = g.f / 16
        guard n > 0, ph > 0, pw > 0 else { return }
        let taps = g.tapOffsets()
        withUnsafeTemporaryAllocation(of: Float.self, capacity: bandPixels * g.f) { band in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: bandPixels) { offsets in
                let band = band.baseAddress!, offsets = offsets.baseAddress!
                for s in 0..<n {
                    for i in 0..<ph {
                        let out = (s * ph + i) * pw * g.f
                        PoolKernels.maxPool2x2Backward(dy: dy + out, argmax: argmax + out, n: 1, h: 2, w: g.ow, c: g.f,
                                                       reluOutput: pooled + out, dx: band, indexBase: 2 * i * g.ow * g.f)
                        RowKernels.addColumnSums(band, rows: bandPixels, cols: g.f, into: db)
                        g.pixelOffsets(from: s * g.p + 2 * i * g.ow, count: bandPixels, into: offsets)
                        for k0 in stride(from: 0, to: g.k, by: 6) {
                            let valid = min(6, g.k - k0)
                            let rows = Rows6(x, { r in Int(taps[k0 + r]) }, count: valid)
                            for j in 0..<panels {
                                accumulateAdd(rows, aOffsets: offsets, count: bandPixels, b: band + j * 16, bStep: g.f,
                                              into: Outs6({ dW + (k0 + $0) * g.f + j * 16 }, valid: valid), valid: valid)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Output pixels per chunk of `weightGradient` (chunks may span samples): 24 KB of `dz`,
    /// whose 16-filter panel (6 KB) stays in L1 while every tap tile reads it. Measured on the
    /// kernels alone (GFLOP/s, 1 thread, conv1/2/3, tap tiles outside panels): 8 KB 45/65/65,
    /// 24 KB 47/81/81, 48 KB 47/84/82, 96 KB 49/81/79, whole batch 38/53/80; but in 2-thread
    /// training, panels outside and 24 KB chunks beat tap tiles outside and 48 KB: `stride train
    /// --threads 2` on 19,200 images, 12 alternating pairs, 11 won, mean 6,582 vs 6,372 samples/s.
    static func weightChunk(_ g: Geometry) -> Int { max(6, 6_144 / g.f) }

    /// `dW [K, F] = Σ_samples Σ_p x[p, k] · dz[p, f]` (overwritten) for `x [n, H, W, C]`, `dz [n, OH, OW, F]`.
    public static func weightGradient(_ g: Geometry, x: UnsafePointer<Float>, dz: UnsafePointer<Float>, n: Int,
                                      dW: UnsafeMutablePointer<Float>) {
        dW.update(repeating: 0, count: g.k * g.f)
        let total = n * g.p
        guard total > 0 else { return }
        let panels = g.f / 16, chunk = weightChunk(g)
        let taps = g.tapOffsets()
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: chunk) { offsets in
            for p0 in stride(from: 0, to: total, by: chunk) {
                let count = min(chunk, total - p0)
                g.pixelOffsets(from: p0, count: count, into: offsets.baseAddress!)
                // Filter panels outside, tap tiles inside: the chunk's `dz` panel stays in L1
                // across every tap tile.
                for j in 0..<panels {
                    for k0 in stride(from: 0, to: g.k, by: 6) {
                        let valid = min(6, g.k - k0)
                        let rows = Rows6(x, { r in Int(taps[k0 + r]) }, count: valid)
                        accumulateAdd(rows, aOffsets: offsets.baseAddress!, count: count, b: dz + p0 * g.f + j * 16,
                                      bStep: g.f, into: Outs6({ dW + (k0 + $0) * g.f + j * 16 }, valid: valid), valid: valid)
                    }
                }
            }
        }
    }

    /// `dx [n, H, W, C]` (overwritten) `= col2im(dz · wᵀ)` with the weights packed by `packInputGradient`.
    public static func inputGradient(_ g: Geometry, dz: UnsafePointer<Float>, n: Int, packed: UnsafePointer<Float>,
                                     dx: UnsafeMutablePointer<Float>) {
        dx.update(repeating: 0, count: n * g.inputSize)
        let total = n * g.p, strips = g.k / 16
        guard total > 0 else { return }
        let taps = (0..<strips).map { g.tapOffset($0 * 16) }
        let slab = min(total, slabPixels)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: slab) { bases in
            for p0 in stride(from: 0, to: total, by: 6) {
                let count = min(6, total - p0)
                if p0 % slab == 0 { g.pixelOffsets(from: p0, count: min(slab, total - p0), into: bases.baseAddress!) }
                let rows = Rows6(dz, { r in (p0 + r) * g.f }, count: count)
                let base = bases.baseAddress! + p0 % slab
                for q in 0..<strips {
                    let tap = taps[q]
                    accumulateAdd(rows, aOffsets: nil, count: g.f, b: packed + q * g.f * 16, bStep: 16,
                                  into: Outs6({ dx + base[$0] + tap }, valid: count), valid: count)
                }
            }
        }
    }
}

/// The register tile every convolution kernel here is built on: 6 rows × 16 columns of
/// single-precision accumulators (12 AVX2 registers), updated by
///
///     acc[r][0..<16] += Σ_t a_r[offset(t)] · b[t·bStep ..< +16]
///
/// for 6 row pointers `a_r`: each step broadcasts 6 values of A, loads 16 values of B and does
/// 12 fused multiply-adds. Each kernel is one function, never inlined, that keeps the 12
/// accumulators in locals and writes them straight to memory at the end: nothing of the caller
/// competes for the 16 vector registers (12 accumulators, 2 of B, 1 broadcast). Inlined, or
/// with the accumulators in a struct passed in and out, one accumulator was spilled and every
/// step waited on a store-to-load round trip. This module is compiled for Haswell-class x86-64
/// (AVX2 + FMA3): call it only after the engine's CPU check (`KernelSupport` in CNN).

@inline(__always) func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}

/// Six row pointers of A.
struct Rows6 {
    var a0, a1, a2, a3, a4, a5: UnsafePointer<Float>

    /// Rows `base + offsets[i]` for the first `count` offsets; missing rows repeat the last
    /// (their results are computed and dropped).
    @inline(__always) init(_ base: UnsafePointer<Float>, _ offset: (Int) -> Int, count: Int) {
        let last = count - 1
        a0 = base + offset(0)
        a1 = base + offset(min(1, last))
        a2 = base + offset(min(2, last))
        a3 = base + offset(min(3, last))
        a4 = base + offset(min(4, last))
        a5 = base + offset(min(5, last))
    }
}

/// The forward's whole tile in one call: the 6×16 accumulation over the offset table, then
/// `out[r·outStride ..< +16] = act(acc[r] + bias)` for the first `valid` rows, with ReLU when
/// `relu`. One function, so the accumulators go straight from registers to memory (for
/// conv1's 9 taps a round trip through memory cost as much as the arithmetic).
@inline(never)
func forwardTile(_ rows: Rows6, aOffsets: UnsafePointer<Int32>, count: Int, b: UnsafePointer<Float>,
                 bias: UnsafePointer<Float>?, relu: Bool, out: UnsafeMutablePointer<Float>, outStride: Int, valid: Int) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    let (a0, a1, a2, a3, a4, a5) = (rows.a0, rows.a1, rows.a2, rows.a3, rows.a4, rows.a5)
    var bp = b
    for t in 0..<count {
        let ao = Int(aOffsets[t])
        let b0 = load8(bp), b1 = load8(bp + 8)
        let s0 = SIMD8<Float>(repeating: a0[ao]), s1 = SIMD8<Float>(repeating: a1[ao])
        c00 = c00.addingProduct(s0, b0); c01 = c01.addingProduct(s0, b1)
        c10 = c10.addingProduct(s1, b0); c11 = c11.addingProduct(s1, b1)
        let s2 = SIMD8<Float>(repeating: a2[ao]), s3 = SIMD8<Float>(repeating: a3[ao])
        c20 = c20.addingProduct(s2, b0); c21 = c21.addingProduct(s2, b1)
        c30 = c30.addingProduct(s3, b0); c31 = c31.addingProduct(s3, b1)
        let s4 = SIMD8<Float>(repeating: a4[ao]), s5 = SIMD8<Float>(repeating: a5[ao])
        c40 = c40.addingProduct(s4, b0); c41 = c41.addingProduct(s4, b1)
        c50 = c50.addingProduct(s5, b0); c51 = c51.addingProduct(s5, b1)
        bp += 16
    }
    let zero = SIMD8<Float>()
    let (bias0, bias1) = bias.map { (load8($0), load8($0 + 8)) } ?? (zero, zero)
    @inline(__always) func put(_ v0: SIMD8<Float>, _ v1: SIMD8<Float>, _ r: Int) {
        var (v0, v1) = (v0 + bias0, v1 + bias1)
        // Not pointwiseMax: for SIMD it is a scalar loop with a branch per lane (NaN rules).
        if relu { v0.replace(with: zero, where: v0 .< zero); v1.replace(with: zero, where: v1 .< zero) }
        let o = out + r * outStride
        store8(v0, o); store8(v1, o + 8)
    }
    put(c00, c01, 0)
    if valid > 1 { put(c10, c11, 1) }
    if valid > 2 { put(c20, c21, 2) }
    if valid > 3 { put(c30, c31, 3) }
    if valid > 4 { put(c40, c41, 4) }
    if valid > 5 { put(c50, c51, 5) }
}

/// Six output row pointers (rows past `valid` are never written).
struct Outs6 {
    var o0, o1, o2, o3, o4, o5: UnsafeMutablePointer<Float>

    @inline(__always) init(_ pointer: (Int) -> UnsafeMutablePointer<Float>, valid: Int) {
        let last = valid - 1
        o0 = pointer(0)
        o1 = pointer(min(1, last)); o2 = pointer(min(2, last)); o3 = pointer(min(3, last))
        o4 = pointer(min(4, last)); o5 = pointer(min(5, last))
    }
}

/// `out_r[0..<16] += Σ_t a_r[aOffset(t)] · b[t·bStep ..< +16]` for the first `valid` rows, in one
/// call (the accumulators go straight from registers into memory), with A through the offset
/// table when `aOffsets` is non-nil, else contiguous (`a_r[t]`).
@inline(never)
func accumulateAdd(_ rows: Rows6, aOffsets: UnsafePointer<Int32>?, count: Int, b: UnsafePointer<Float>, bStep: Int,
                   into outs: Outs6, valid: Int) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    let (a0, a1, a2, a3, a4, a5) = (rows.a0, rows.a1, rows.a2, rows.a3, rows.a4, rows.a5)
    var bp = b
    @inline(__always) func step(_ ao: Int) {
        let b0 = load8(bp), b1 = load8(bp + 8)
        let s0 = SIMD8<Float>(repeating: a0[ao]), s1 = SIMD8<Float>(repeating: a1[ao])
        c00 = c00.addingProduct(s0, b0); c01 = c01.addingProduct(s0, b1)
        c10 = c10.addingProduct(s1, b0); c11 = c11.addingProduct(s1, b1)
        let s2 = SIMD8<Float>(repeating: a2[ao]), s3 = SIMD8<Float>(repeating: a3[ao])
        c20 = c20.addingProduct(s2, b0); c21 = c21.addingProduct(s2, b1)
        c30 = c30.addingProduct(s3, b0); c31 = c31.addingProduct(s3, b1)
        let s4 = SIMD8<Float>(repeating: a4[ao]), s5 = SIMD8<Float>(repeating: a5[ao])
        c40 = c40.addingProduct(s4, b0); c41 = c41.addingProduct(s4, b1)
        c50 = c50.addingProduct(s5, b0); c51 = c51.addingProduct(s5, b1)
        bp += bStep
    }
    if let aOffsets {
        for t in 0..<count { step(Int(aOffsets[t])) }
    } else {
        for t in 0..<count { step(t) }
    }
    @inline(__always) func add(_ v0: SIMD8<Float>, _ v1: SIMD8<Float>, _ o: UnsafeMutablePointer<Float>) {
        store8(load8(o) + v0, o); store8(load8(o + 8) + v1, o + 8)
    }
    add(c00, c01, outs.o0)
    if valid > 1 { add(c10, c11, outs.o1) }
    if valid > 2 { add(c20, c21, outs.o2) }
    if valid > 3 { add(c30, c31, outs.o3) }
    if valid > 4 { add(c40, c41, outs.o4) }
    if valid > 5 { add(c50, c51, outs.o5) }
}

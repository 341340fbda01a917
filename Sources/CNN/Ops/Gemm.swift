import COpenBLAS

/// Row-major single-precision GEMM through OpenBLAS:
/// `C[M×N] = α·op(A)·op(B) + β·C`, where `op(A)` is `M×K` (A is `K×M` when `transA`)
/// and `op(B)` is `K×N` (B is `N×K` when `transB`). Leading dimensions default to dense rows.
@inline(__always)
func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
           alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil,
           b: UnsafePointer<Float>, ldb: Int? = nil,
           beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int? = nil) {
    guard m > 0, n > 0 else { return }
    if k == 0 {
        for i in 0..<m { for j in 0..<n { c[i * (ldc ?? n) + j] *= beta } }
        return
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(lda ?? (transA ? m : k)),
                b, Int32(ldb ?? (transB ? k : n)),
                beta, c, Int32(ldc ?? n))
}

/// The plain triple loop `sgemm` is checked against (Double accumulation).
func sgemmReference(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                    alpha: Float = 1, a: [Float], b: [Float], beta: Float = 0, c: inout [Float]) {
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k {
                let av = transA ? a[p * m + i] : a[i * k + p]
                let bv = transB ? b[j * k + p] : b[p * n + j]
                s += Double(av) * Double(bv)
            }
            c[i * n + j] = alpha * Float(s) + beta * c[i * n + j]
        }
    }
}

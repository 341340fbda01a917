import CNNKernels

/// Row-wise epilogues of the conv and dense GEMMs, four columns at a time with explicit
/// SIMD (the plain loops do not vectorise: the compiler cannot prove the pointers disjoint).
/// Each falls back to a scalar loop when `cols` is not a multiple of 4.
@inline(__always) func load4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}
@inline(__always) func store4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
}

/// `z[r, j] = max(z[r, j] + bias[j], 0)` (bias + ReLU fused).
func addBiasReLU(_ z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, cols: Int) {
    guard cols % 4 == 0 else {
        for r in 0..<rows { let zr = z + r * cols; for j in 0..<cols { zr[j] = max(zr[j] + bias[j], 0) } }
        return
    }
    let zero = SIMD4<Float>(repeating: 0)
    for r in 0..<rows {
        let zr = z + r * cols
        for j in stride(from: 0, to: cols, by: 4) {
            // Not pointwiseMax: for SIMD it is a scalar loop with a branch per lane (NaN rules).
            let v = load4(zr + j) + load4(bias + j)
            store4(v.replacing(with: zero, where: v .< zero), zr + j)
        }
    }
}

/// `db[j] += Σ_r d[r, j]` (the bias gradient).
func addColumnSums(_ d: UnsafePointer<Float>, rows: Int, cols: Int, into db: UnsafeMutablePointer<Float>) {
    if cols % 8 == 0, KernelSupport.available {
        RowKernels.addColumnSums(d, rows: rows, cols: cols, into: db)
        return
    }
    guard cols % 4 == 0, cols <= 256 else {
        for r in 0..<rows { for j in 0..<cols { db[j] += d[r * cols + j] } }
        return
    }
    for j in stride(from: 0, to: cols, by: 4) {
        var acc = load4(db + j)
        for r in 0..<rows { acc += load4(d + r * cols + j) }
        store4(acc, db + j)
    }
}

/// ReLU backward fused with the bias gradient: `dz = dy · [y > 0]`, `db[j] += Σ_r dz[r, j]`.
func reluBackwardAddColumnSums(y: UnsafePointer<Float>, dy: UnsafePointer<Float>, dz: UnsafeMutablePointer<Float>,
                               rows: Int, cols: Int, into db: UnsafeMutablePointer<Float>) {
    guard cols % 4 == 0 else {
        for r in 0..<rows {
            for j in 0..<cols {
                let o = r * cols + j, d = y[o] > 0 ? dy[o] : 0
                dz[o] = d
                db[j] += d
            }
        }
        return
    }
    let zero = SIMD4<Float>(repeating: 0)
    for r in 0..<rows {
        let o = r * cols
        for j in stride(from: 0, to: cols, by: 4) {
            let d = load4(dy + o + j).replacing(with: zero, where: load4(y + o + j) .<= zero)
            store4(d, dz + o + j)
            store4(load4(db + j) + d, db + j)
        }
    }
}

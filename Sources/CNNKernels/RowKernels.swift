/// Row-wise passes for the conv backward, eight columns per AVX2 register. Call only when
/// the engine's CPU check.
public enum RowKernels {
    /// `db[j] += Σ_r d[r, j]` for `cols` a multiple of 8, rows in order (the same sums, in
    /// the same order, as a plain loop). Blocks of 32 columns keep four accumulators in
    /// registers over all rows: one pass over `d` per block instead of one per 4 columns.
    public static func addColumnSums(_ d: UnsafePointer<Float>, rows: Int, cols: Int, into db: UnsafeMutablePointer<Float>) {
        var j = 0
        while j + 32 <= cols {
            var a0 = load8(db + j), a1 = load8(db + j + 8), a2 = load8(db + j + 16), a3 = load8(db + j + 24)
            var p = d + j
            for _ in 0..<rows {
                a0 += load8(p); a1 += load8(p + 8); a2 += load8(p + 16); a3 += load8(p + 24)
                p += cols
            }
            store8(a0, db + j); store8(a1, db + j + 8); store8(a2, db + j + 16); store8(a3, db + j + 24)
            j += 32
        }
        while j < cols {
            var a = load8(db + j)
            var p = d + j
            for _ in 0..<rows { a += load8(p); p += cols }
            store8(a, db + j)
            j += 8
        }
    }
}

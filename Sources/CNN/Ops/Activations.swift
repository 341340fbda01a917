import Foundation

/// Activation forward and backward over a `rows × cols` block (the last axis is `cols`).
///
/// | name    | y = act(z)                 | ∂L/∂z from y and dy = ∂L/∂y          |
/// |---------|----------------------------|--------------------------------------|
/// | linear  | z                          | dy                                   |
/// | relu    | max(z, 0)                  | dy · [y > 0]                         |
/// | sigmoid | 1 / (1 + e^−z)             | dy · y · (1 − y)                     |
/// | tanh    | tanh z                     | dy · (1 − y²)                        |
/// | softmax | e^(z_i − m) / Σ e^(z_j − m) (per row, m = row max) | y_i · (dy_i − Σ_j dy_j y_j) |
///
/// `z` and `y` may be the same buffer; so may `dy` and `dz`.
func activationForward(_ a: Activation, z: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
    let n = rows * cols
    switch a {
    case .linear:
        if UnsafePointer(y) != z { y.update(from: z, count: n) }
    case .relu:
        for i in 0..<n { y[i] = max(z[i], 0) }
    case .sigmoid:
        for i in 0..<n { y[i] = 1 / (1 + expf(-z[i])) }
    case .tanh:
        for i in 0..<n { y[i] = tanhf(z[i]) }
    case .softmax:
        for r in 0..<rows {
            let zr = z + r * cols, yr = y + r * cols
            var m = -Float.infinity
            for j in 0..<cols { m = max(m, zr[j]) }
            var s: Float = 0
            for j in 0..<cols { let e = expf(zr[j] - m); yr[j] = e; s += e }
            let inv = 1 / s
            for j in 0..<cols { yr[j] *= inv }
        }
    }
}

/// `dz = ∂L/∂z` from the activation's output `y` and `dy = ∂L/∂y`; see `activationForward`.
func activationBackward(_ a: Activation, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                        dz: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
    let n = rows * cols
    switch a {
    case .linear:
        if UnsafePointer(dz) != dy { dz.update(from: dy, count: n) }
    case .relu:
        for i in 0..<n { dz[i] = y[i] > 0 ? dy[i] : 0 }
    case .sigmoid:
        for i in 0..<n { dz[i] = dy[i] * y[i] * (1 - y[i]) }
    case .tanh:
        for i in 0..<n { dz[i] = dy[i] * (1 - y[i] * y[i]) }
    case .softmax:
        for r in 0..<rows {
            let yr = y + r * cols, dyr = dy + r * cols, dzr = dz + r * cols
            var dot: Float = 0
            for j in 0..<cols { dot += dyr[j] * yr[j] }
            for j in 0..<cols { dzr[j] = yr[j] * (dyr[j] - dot) }
        }
    }
}

/// Adds `bias [cols]` to every row of `z [rows, cols]` and applies `a`, in place: the fused
/// epilogue of a conv or dense GEMM (one pass over the output while it is in cache).
/// For softmax, the pre-activation is first copied to `logits` (the loss needs it).
func biasActivation(_ a: Activation, z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?,
                    rows: Int, cols: Int, logits: UnsafeMutablePointer<Float>? = nil) {
    if let bias {
        if a == .relu { addBiasReLU(z, bias: bias, rows: rows, cols: cols); return }
        for r in 0..<rows {
            let zr = z + r * cols
            for j in 0..<cols { zr[j] += bias[j] }
        }
    }
    if a == .softmax, let logits { logits.update(from: z, count: rows * cols) }
    activationForward(a, z: z, y: z, rows: rows, cols: cols)
}

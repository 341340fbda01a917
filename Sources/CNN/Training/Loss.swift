import Foundation

/// Keras's classification losses, both computed from logits with a stable log-softmax.
///
/// For logits `z [N, K]` (the pre-activation of a final softmax; or the model's raw output
/// when it has no final softmax, as Keras's `from_logits=True`) and targets `t [N, K]`:
///
///     log p_nk = z_nk − m_n − log Σ_j e^(z_nj − m_n),   m_n = max_j z_nj
///     L = −(1/N) Σ_n Σ_k t_nk · log p_nk
///     ∂L/∂z_nk = (p_nk − t_nk) / N          (when Σ_k t_nk = 1: the fused softmax + CE gradient)
///
/// Sparse categorical cross-entropy is the same with `t` one-hot at the integer label.
public enum LossFunction: String, Sendable, CaseIterable {
    case categoricalCrossentropy = "categorical_crossentropy"
    case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
}

/// Mean sparse CE over `rows` samples and the number whose arg-max logit equals the label.
/// Writes `∂L/∂z` into `gradient` when non-nil, scaled by `gradientScale` (default `1/rows`;
/// a shard of a larger batch of `N` passes `1/N`, so that shard gradients simply add up).
func sparseSoftmaxCrossEntropy(logits z: UnsafePointer<Float>, rows: Int, classes k: Int,
                               labels: UnsafePointer<UInt8>, gradient: UnsafeMutablePointer<Float>?,
                               gradientScale: Float? = nil) -> (loss: Double, correct: Int) {
    var total = 0.0, correct = 0
    let invN = gradientScale ?? 1 / Float(max(rows, 1))
    for n in 0..<rows {
        let zr = z + n * k, label = Int(labels[n])
        precondition(label < k, "label \(label) ≥ number of classes \(k)")
        var m = zr[0], best = 0
        for j in 1..<k where zr[j] > m { m = zr[j]; best = j }
        if best == label { correct += 1 }
        var s: Double = 0
        for j in 0..<k { s += Double(expf(zr[j] - m)) }
        let lse = Double(m) + log(s)
        total += lse - Double(zr[label])
        if let gradient {
            let g = gradient + n * k
            for j in 0..<k { g[j] = Float(exp(Double(zr[j]) - lse)) * invN }
            g[label] -= invN
        }
    }
    return (total / Double(max(rows, 1)), correct)
}

/// Mean categorical CE against target distributions `t [rows, k]` (one-hot or soft) and the
/// number of rows whose arg-max logit equals the target's arg-max. Writes `∂L/∂z` when non-nil.
func softmaxCrossEntropy(logits z: UnsafePointer<Float>, rows: Int, classes k: Int,
                         targets t: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>?) -> (loss: Double, correct: Int) {
    var total = 0.0, correct = 0
    let invN = 1 / Float(max(rows, 1))
    for n in 0..<rows {
        let zr = z + n * k, tr = t + n * k
        var m = zr[0], best = 0, tBest = 0
        for j in 1..<k {
            if zr[j] > m { m = zr[j]; best = j }
            if tr[j] > tr[tBest] { tBest = j }
        }
        if best == tBest { correct += 1 }
        var s: Double = 0, tSum: Double = 0
        for j in 0..<k { s += Double(expf(zr[j] - m)); tSum += Double(tr[j]) }
        let lse = Double(m) + log(s)
        for j in 0..<k { total -= Double(tr[j]) * (Double(zr[j]) - lse) }
        if let gradient {
            let g = gradient + n * k
            for j in 0..<k { g[j] = (Float(tSum * exp(Double(zr[j]) - lse)) - tr[j]) * invN }
        }
    }
    return (total / Double(max(rows, 1)), correct)
}

/// Sparse categorical cross-entropy of logits `[N, K]`: `(mean loss, ∂L/∂logits, accuracy)`.
public func sparseCategoricalCrossentropy(logits: Tensor, labels: [UInt8]) -> (loss: Double, gradient: Tensor, accuracy: Double) {
    let (n, k) = (logits.shape[0], logits.count / max(logits.shape[0], 1))
    precondition(labels.count == n, "\(labels.count) labels for \(n) rows")
    let g = Tensor(shape: logits.shape)
    let r = labels.withUnsafeBufferPointer {
        sparseSoftmaxCrossEntropy(logits: logits.data, rows: n, classes: k, labels: $0.baseAddress!, gradient: g.data)
    }
    return (r.loss, g, Double(r.correct) / Double(max(n, 1)))
}

/// Categorical cross-entropy of logits `[N, K]` against targets `[N, K]`.
public func categoricalCrossentropy(logits: Tensor, targets: Tensor) -> (loss: Double, gradient: Tensor, accuracy: Double) {
    precondition(logits.shape == targets.shape, "targets \(targets.shape) for logits \(logits.shape)")
    let (n, k) = (logits.shape[0], logits.count / max(logits.shape[0], 1))
    let g = Tensor(shape: logits.shape)
    let r = softmaxCrossEntropy(logits: logits.data, rows: n, classes: k, targets: targets.data, gradient: g.data)
    return (r.loss, g, Double(r.correct) / Double(max(n, 1)))
}

import Foundation

/// Stochastic gradient descent (Keras 3 `SGD`; defaults lr 0.01, momentum 0, nesterov false).
///
///     momentum = 0:  w ← w − lr·g
///     otherwise:     m ← momentum·m − lr·g
///                    w ← w + m                         (classic)
///                    w ← w + momentum·m − lr·g         (nesterov)
public final class SGD: OptimizerSlots, Optimizer {
    public let name = "sgd"
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool

    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public var hyperParameters: [String: Double] {
        ["learning_rate": Double(learningRate), "momentum": Double(momentum), "nesterov": nesterov ? 1 : 0]
    }
    public var slotNames: [String] { momentum != 0 ? ["momentum"] : [] }
    public func build(_ parameters: [Parameter]) { makeSlots(parameters, count: slotNames.count) }

    public func update(_ parameters: [Parameter]) {
        build(parameters)
        let (lr, mu) = (learningRate, momentum)
        for (pi, p) in parameters.enumerated() {
            let w = p.value.data, g = p.gradient.data
            if mu == 0 {
                for i in 0..<p.value.count { w[i] -= lr * g[i] }
            } else {
                let m = slots[pi][0].data
                for i in 0..<p.value.count {
                    m[i] = mu * m[i] - lr * g[i]
                    w[i] += nesterov ? mu * m[i] - lr * g[i] : m[i]
                }
            }
        }
        iterations += 1
    }
}

/// RMSprop (Keras 3; defaults lr 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered).
///
///     v ← rho·v + (1 − rho)·g²
///     Δ = lr·g / sqrt(v + ε)        (Keras 3 puts ε inside the square root)
///     momentum = 0:  w ← w − Δ;   otherwise  m ← momentum·m + Δ,  w ← w − m
public final class RMSprop: OptimizerSlots, Optimizer {
    public let name = "rmsprop"
    public var learningRate: Float
    public let rho: Float
    public let momentum: Float
    public let epsilon: Float

    public init(learningRate: Float = 0.001, rho: Float = 0.9, momentum: Float = 0, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public var hyperParameters: [String: Double] {
        ["learning_rate": Double(learningRate), "rho": Double(rho), "momentum": Double(momentum), "epsilon": Double(epsilon)]
    }
    public var slotNames: [String] { momentum > 0 ? ["velocity", "momentum"] : ["velocity"] }
    public func build(_ parameters: [Parameter]) { makeSlots(parameters, count: slotNames.count) }

    public func update(_ parameters: [Parameter]) {
        build(parameters)
        let (lr, rho, mu, eps) = (learningRate, rho, momentum, epsilon)
        for (pi, p) in parameters.enumerated() {
            let w = p.value.data, g = p.gradient.data, v = slots[pi][0].data
            if mu > 0 {
                let m = slots[pi][1].data
                for i in 0..<p.value.count {
                    v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
                    m[i] = mu * m[i] + lr * g[i] / (v[i] + eps).squareRoot()
                    w[i] -= m[i]
                }
            } else {
                // Four lanes at a time (the pointers may alias as far as the compiler knows, so it
                // would not vectorise): the same operations in the same order as the scalar tail,
                // so the same bits.
                let n = p.value.count, n4 = n & ~3
                let (rho4, keep4, lr4, eps4) = (SIMD4(repeating: rho), SIMD4(repeating: 1 - rho),
                                                SIMD4(repeating: lr), SIMD4(repeating: eps))
                for i in stride(from: 0, to: n4, by: 4) {
                    let gi = load4(g + i)
                    let vi = rho4 * load4(v + i) + keep4 * gi * gi
                    store4(vi, v + i)
                    store4(load4(w + i) - lr4 * gi / (vi + eps4).squareRoot(), w + i)
                }
                for i in n4..<n {
                    v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
                    w[i] -= lr * g[i] / (v[i] + eps).squareRoot()
                }
            }
        }
        iterations += 1
    }
}

/// Adam (Keras 3; defaults lr 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7), with the bias
/// correction folded into the step size. At step `t = iterations + 1`:
///
///     α = lr · sqrt(1 − β₂ᵗ) / (1 − β₁ᵗ)
///     m ← m + (g − m)·(1 − β₁);   v ← v + (g² − v)·(1 − β₂)
///     w ← w − α·m / (sqrt(v) + ε)
public final class Adam: OptimizerSlots, Optimizer {
    public let name = "adam"
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var hyperParameters: [String: Double] {
        ["learning_rate": Double(learningRate), "beta_1": Double(beta1), "beta_2": Double(beta2), "epsilon": Double(epsilon)]
    }
    public var slotNames: [String] { ["momentum", "velocity"] }
    public func build(_ parameters: [Parameter]) { makeSlots(parameters, count: 2) }

    public func update(_ parameters: [Parameter]) {
        build(parameters)
        let t = Float(iterations + 1)
        let alpha = learningRate * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        for (pi, p) in parameters.enumerated() {
            let w = p.value.data, g = p.gradient.data, m = slots[pi][0].data, v = slots[pi][1].data
            for i in 0..<p.value.count {
                m[i] += (g[i] - m[i]) * (1 - b1)
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2)
                w[i] -= alpha * m[i] / (v[i].squareRoot() + eps)
            }
        }
        iterations += 1
    }
}

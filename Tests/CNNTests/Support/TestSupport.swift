import TestSupport
import Foundation
import Testing
@testable import CNN

/// A tensor of uniform random values in `[low, high)` from a seeded generator.
func randomTensor(_ shape: [Int], seed: UInt64, _ low: Float = -1, _ high: Float = 1) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let t = Tensor(shape: shape)
    for i in 0..<t.count { t[i] = rng.uniform(low, high) }
    return t
}

/// Expects `a ≈ b` elementwise: `|a − b| ≤ atol + rtol·max(|a|, |b|)`.
func expectClose(_ a: [Float], _ b: [Float], rtol: Float = 1e-4, atol: Float = 1e-5, _ what: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "\(what): \(a.count) vs \(b.count) values", sourceLocation: sourceLocation)
    guard a.count == b.count else { return }
    var worst = 0, worstErr: Float = 0
    for i in 0..<a.count {
        let err = abs(a[i] - b[i]) - rtol * max(abs(a[i]), abs(b[i]))
        if err > worstErr { worstErr = err; worst = i }
    }
    #expect(worstErr <= atol, "\(what): element \(worst): \(a[worst]) vs \(b[worst])", sourceLocation: sourceLocation)
}

/// Central-difference derivative of `f` with respect to `t[i]` (perturbing `t` in place).
func numericDerivative(_ t: Tensor, _ i: Int, eps: Float, _ f: () -> Double) -> Double {
    let old = t[i]
    t[i] = old + eps; let up = f()
    t[i] = old - eps; let down = f()
    t[i] = old
    return (up - down) / (2 * Double(eps))
}

/// Checks a layer's backward against central differences of `L = Σ r ⊙ layer(x)` for a fixed
/// random `r`: the input gradient and every parameter gradient (at up to `samples` elements each).
func checkLayerGradients(_ layer: any Layer, input x: Tensor, eps: Float = 1e-2, tol: Double = 2e-2, samples: Int = 40,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let y = layer.forward(x, training: false)
    let r = randomTensor(y.shape, seed: 99)
    func loss() -> Double {
        let out = layer.forward(x, training: false)
        var s = 0.0
        for i in 0..<out.count { s += Double(out[i]) * Double(r[i]) }
        return s
    }
    _ = layer.forward(x, training: false)
    let dx = layer.backward(r, preActivation: false, needInputGradient: true)!.values
    let grads = layer.parameters.map { $0.gradient.values }
    func check(_ t: Tensor, _ analytic: [Float], _ what: String) {
        let step = max(1, t.count / samples)
        for i in stride(from: 0, to: t.count, by: step) {
            let n = numericDerivative(t, i, eps: eps, loss)
            let a = Double(analytic[i])
            #expect(abs(a - n) <= tol * max(1, abs(a), abs(n)), "\(layer.name) \(what)[\(i)]: analytic \(a), numeric \(n)",
                    sourceLocation: sourceLocation)
        }
    }
    check(x, dx, "input")
    for (p, g) in zip(layer.parameters, grads) { check(p.value, g, p.name) }
}

/// Model specs used by the tests: the built-in `seed` and `small` models.
enum Specs {
    static let seed = ModelFile.builtin("seed")!
    static let small = ModelFile.builtin("small")!
}

/// The first `trainLimit` training and `testLimit` test images of MNIST (`TestData.mnist`), through `DataLocator`.
func loadMNIST(trainLimit: Int, testLimit: Int) throws -> (train: LabeledImages, test: LabeledImages) {
    let (train, test) = try DataLocator(dataDirectory: TestData.mnist).load(.mnist, trainLimit: trainLimit, testLimit: testLimit)
    return ((train.images, train.labels), (test.images, test.labels))
}

import Foundation
import Testing
@testable import CNN

@Suite("Optimizers (Keras 3 formulas)")
struct OptimizerTests {
    /// One parameter `w = [1, −2]` with the given gradient after each step.
    func run(_ opt: any Optimizer, grads: [[Float]]) -> [[Float]] {
        let p = Parameter(name: "w", shape: [2])
        p.value.copy(from: Tensor(shape: [2], values: [1, -2]))
        var out: [[Float]] = []
        for g in grads {
            p.gradient.copy(from: Tensor(shape: [2], values: g))
            opt.update([p])
            out.append(p.value.values)
        }
        return out
    }

    @Test func sgdPlainAndDefaults() {
        #expect(SGD().learningRate == 0.01 && SGD().momentum == 0 && !SGD().nesterov)
        expectClose(run(SGD(learningRate: 0.1), grads: [[0.5, -1]])[0], [0.95, -1.9])
    }

    @Test func sgdMomentum() {
        let w = run(SGD(learningRate: 0.1, momentum: 0.9), grads: [[0.5, 0.5], [0.5, 0.5]])
        // m1 = −0.05, w1 = 0.95; m2 = 0.9·(−0.05) − 0.05 = −0.095, w2 = 0.855.
        expectClose(w[0], [0.95, -2.05])
        expectClose(w[1], [0.855, -2.145])
    }

    @Test func sgdNesterov() {
        let w = run(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true), grads: [[0.5, 0], [0.5, 0]])
        // w1 = 1 + 0.9·(−0.05) − 0.05 = 0.905; m2 = −0.095, w2 = 0.905 + 0.9·(−0.095) − 0.05 = 0.7695.
        expectClose(w[0], [0.905, -2])
        expectClose(w[1], [0.7695, -2])
    }

    @Test func rmsprop() {
        let o = RMSprop(learningRate: 0.01)
        #expect(RMSprop().learningRate == 0.001 && o.rho == 0.9 && o.epsilon == 1e-7 && o.momentum == 0)
        let w = run(o, grads: [[0.5, 0], [0.5, 0]])
        // v1 = 0.1·0.25 = 0.025, w1 = 1 − 0.01·0.5/sqrt(0.025 + 1e-7) = 0.968377…
        let v1 = 0.025, w1 = 1 - 0.005 / (v1 + 1e-7).squareRoot()
        let v2 = 0.9 * v1 + 0.025, w2 = w1 - 0.005 / (v2 + 1e-7).squareRoot()
        expectClose(w[0], [Float(w1), -2])
        expectClose(w[1], [Float(w2), -2])
        #expect(abs(w1 - 0.968377) < 1e-6)
        #expect(o.iterations == 2)
    }

    @Test func rmspropMomentum() {
        let w = run(RMSprop(learningRate: 0.01, momentum: 0.5), grads: [[0.5, 0], [0.5, 0]])
        let d1 = 0.005 / (0.025 + 1e-7).squareRoot(), d2 = 0.005 / (0.0475 + 1e-7).squareRoot()
        expectClose(w[1], [Float(1 - d1 - (0.5 * d1 + d2)), -2])
    }

    @Test func adam() {
        let o = Adam(learningRate: 0.01)
        #expect(Adam().learningRate == 0.001 && o.beta1 == 0.9 && o.beta2 == 0.999 && o.epsilon == 1e-7)
        let w = run(o, grads: [[0.5, -1], [0.25, -1]])
        var ref = [1.0, -2.0], m = [0.0, 0.0], v = [0.0, 0.0]
        for (t, g) in [[0.5, -1.0], [0.25, -1.0]].enumerated() {
            let step = Double(t + 1)
            let alpha = 0.01 * (1 - pow(0.999, step)).squareRoot() / (1 - pow(0.9, step))
            for i in 0..<2 {
                m[i] += (g[i] - m[i]) * 0.1
                v[i] += (g[i] * g[i] - v[i]) * 0.001
                ref[i] -= alpha * m[i] / (v[i].squareRoot() + 1e-7)
            }
            expectClose(w[t], ref.map { Float($0) })
        }
        // The first Adam step moves each weight by about lr against its gradient's sign.
        expectClose(w[0], [0.99, -1.99], rtol: 1e-4)
        #expect(o.slots.count == 1 && o.slots[0].count == 2)
    }

    @Test func factoryRoundTrip() throws {
        for kind in OptimizerKind.allCases {
            let a = kind.make(learningRate: 0.05)
            let b = try OptimizerKind.make(name: a.name, hyperParameters: a.hyperParameters)
            #expect(a.name == kind.rawValue && b.hyperParameters == a.hyperParameters)
        }
        #expect(throws: CNNError.self) { try OptimizerKind.make(name: "adagrad", hyperParameters: [:]) }
    }
}

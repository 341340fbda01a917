import Foundation
import Testing
@testable import CNN

@Suite("Cross-entropy losses")
struct LossTests {
    @Test func handWorked() {
        // Uniform logits over 4 classes: loss = log 4; gradient (1/4 − y) / N.
        let z = Tensor(shape: [2, 4])
        let r = sparseCategoricalCrossentropy(logits: z, labels: [1, 3])
        #expect(abs(r.loss - log(4.0)) < 1e-6)
        expectClose(r.gradient.values, [0.125, -0.375, 0.125, 0.125, 0.125, 0.125, 0.125, -0.375])
    }

    @Test func stableForHugeLogits() {
        let z = Tensor(shape: [1, 3], values: [1000, 0, -1000])
        let r = sparseCategoricalCrossentropy(logits: z, labels: [2])
        #expect(r.loss.isFinite && abs(r.loss - 2000) < 1e-3)
        #expect(r.gradient.values.allSatisfy { $0.isFinite })
        #expect(r.accuracy == 0)
    }

    @Test func sparseEqualsCategoricalWithOneHot() {
        let z = randomTensor([4, 5], seed: 1, -3, 3)
        let labels: [UInt8] = [0, 4, 2, 2]
        let oneHot = Tensor(shape: [4, 5])
        for (n, l) in labels.enumerated() { oneHot[n * 5 + Int(l)] = 1 }
        let a = sparseCategoricalCrossentropy(logits: z, labels: labels), b = categoricalCrossentropy(logits: z, targets: oneHot)
        #expect(abs(a.loss - b.loss) < 1e-6 && a.accuracy == b.accuracy)
        expectClose(a.gradient.values, b.gradient.values)
    }

    @Test func gradientsMatchFiniteDifferences() {
        let z = randomTensor([3, 4], seed: 2, -2, 2)
        let labels: [UInt8] = [3, 0, 1]
        let soft = Tensor(shape: [3, 4], values: [0.1, 0.2, 0.3, 0.4, 1, 0, 0, 0, 0.25, 0.25, 0.25, 0.25])
        let gs = sparseCategoricalCrossentropy(logits: z, labels: labels).gradient
        let gc = categoricalCrossentropy(logits: z, targets: soft).gradient
        for i in 0..<z.count {
            let ns = numericDerivative(z, i, eps: 1e-2) { sparseCategoricalCrossentropy(logits: z, labels: labels).loss }
            let nc = numericDerivative(z, i, eps: 1e-2) { categoricalCrossentropy(logits: z, targets: soft).loss }
            #expect(abs(ns - Double(gs[i])) < 1e-4)
            #expect(abs(nc - Double(gc[i])) < 1e-4)
        }
    }
}

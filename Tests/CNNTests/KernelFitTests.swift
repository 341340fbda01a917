import Testing
@testable import CNN

@Suite("Kernel fit by gradient descent")
struct KernelFitTests {
    /// Seeded noise: its 3×3 patches span all 9 directions, so the fit has one answer.
    static let image: Matrix = {
        var rng = SeededGenerator(seed: 7)
        return Matrix(rows: 6, cols: 6, values: (0..<36).map { _ in rng.uniform(0, 1) })
    }()
    static let sobelX = Matrix(rows: 3, cols: 3, values: [-1, 0, 1, -2, 0, 2, -1, 0, 1])

    @Test func targetIsTheImageFiltered() throws {
        let fit = try KernelFit(image: Self.image, targetKernel: Self.sobelX, learningRate: 0.1)
        #expect(fit.target.rows == 4 && fit.target.cols == 4)
        // out[0,0] by hand: Σ x[u, v]·w[u, v] over the top-left 3×3 patch.
        var expected: Float = 0
        for u in 0..<3 { for v in 0..<3 { expected += Self.image[u, v] * Self.sobelX[u, v] } }
        #expect(abs(fit.target[0, 0] - expected) < 1e-5)
    }

    /// The gradient from the layer's backward equals the reference backward and a central
    /// finite difference of the loss.
    @Test func gradientMatchesReferenceAndFiniteDifference() throws {
        let fit = try KernelFit(image: Self.image, targetKernel: Self.sobelX, learningRate: 0.1)
        let w = fit.initialWeights(seed: 3)
        let step = try fit.step(from: w)
        // Reference: dy = 2(y − t)/M through conv2dReferenceBackward.
        let x = Tensor(shape: [1, 6, 6, 1], values: Self.image.values)
        let wt = Tensor(shape: [3, 3, 1, 1], values: w.values)
        let y = try conv2dReference(input: x, kernel: wt)
        let dy = Tensor(shape: y.shape, values: (0..<y.count).map { 2 * (y[$0] - fit.target.values[$0]) / Float(y.count) })
        let reference = try conv2dReferenceBackward(input: x, kernel: wt, dOutput: dy).dKernel
        for i in 0..<9 { #expect(abs(step.gradient.values[i] - reference[i]) < 1e-4) }
        for i in 0..<9 {
            var plus = w, minus = w
            plus.values[i] += 1e-2
            minus.values[i] -= 1e-2
            let numeric = (try fit.step(from: plus).loss - fit.step(from: minus).loss) / 2e-2
            #expect(abs(numeric - step.gradient.values[i]) < 2e-3, "tap \(i): \(numeric) vs \(step.gradient.values[i])")
        }
        for i in 0..<9 { #expect(abs(step.next.values[i] - (w.values[i] - 0.1 * step.gradient.values[i])) < 1e-6) }
    }

    @Test func lossFallsAndWeightsApproachTheTarget() throws {
        let fit = try KernelFit(image: Self.image, targetKernel: Self.sobelX, learningRate: 0.1)
        var w = fit.initialWeights(seed: 1)
        let first = try fit.step(from: w).loss
        var last = first
        for _ in 0..<3000 { let s = try fit.step(from: w); last = s.loss; w = s.next }
        #expect(last < first / 1000)
        #expect(zip(w.values, Self.sobelX.values).allSatisfy { abs($0 - $1) < 0.05 }, "\(w.values)")
    }

    @Test func refusesBadInput() throws {
        #expect(throws: CNNError.self) { try KernelFit(image: Self.image, targetKernel: Self.sobelX, learningRate: 0) }
        #expect(throws: CNNError.self) {
            try KernelFit(image: Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4]), targetKernel: Self.sobelX, learningRate: 0.1)
        }
        let fit = try KernelFit(image: Self.image, targetKernel: Self.sobelX, learningRate: 0.1)
        #expect(throws: CNNError.self) { try fit.step(from: Matrix(rows: 2, cols: 2, values: [0, 0, 0, 0])) }
    }
}

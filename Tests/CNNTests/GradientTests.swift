import Testing
@testable import CNN

@Suite("Whole-model gradients vs finite differences")
struct GradientTests {
    static let spec = ModelSpec(inputShape: [7, 6, 2], layers: [
        .conv2d(Conv2DSpec(filters: 3, kernelSize: Size2(3), padding: .same, activation: .tanh)),
        .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .conv2d(Conv2DSpec(filters: 4, kernelSize: Size2(2), activation: .sigmoid)),
        .averagePooling2d(PoolSpec(poolSize: Size2(2), padding: .same)),
        .flatten,
        .dense(DenseSpec(units: 5, activation: .tanh)),
        .dense(DenseSpec(units: 3, activation: .softmax)),
    ])

    @Test(arguments: [spec, ModelSpec(inputShape: [4], layers: [.dense(DenseSpec(units: 3)), .activation(.softmax)])])
    func fusedSoftmaxCrossEntropyModel(spec: ModelSpec) throws {
        let m = try Sequential(spec: spec, seed: 3)
        for p in m.parameters where p.name == "bias" { p.value.copy(from: randomTensor(p.value.shape, seed: 4, -0.5, 0.5)) }
        let x = randomTensor([3] + spec.inputShape, seed: 5)
        let labels: [UInt8] = [0, 2, 1]
        func loss() -> Double { labels.withUnsafeBufferPointer { m.computeGradients(x, labels: $0.baseAddress!, training: false).loss } }
        _ = loss()
        let analytic = m.parameters.map { $0.gradient.values }
        for (p, g) in zip(m.parameters, analytic) {
            for i in stride(from: 0, to: p.value.count, by: max(1, p.value.count / 15)) {
                let n = numericDerivative(p.value, i, eps: 1e-2, loss)
                #expect(abs(n - Double(g[i])) <= 1e-3 + 2e-2 * abs(n), "\(p.name)[\(i)]: numeric \(n) analytic \(g[i])")
            }
        }
    }
}

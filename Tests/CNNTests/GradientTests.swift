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

    /// `Sequential.backward` lets a max pooling apply the ReLU mask of the conv below it while
    /// it scatters; the gradients must be exactly those of the plain layer-by-layer backward
    /// (AVX2 pooling with 16 filters, the portable pooling with 3 and `same` padding).
    @Test(arguments: [(16, Padding.valid), (3, Padding.same)])
    func maxPoolingAppliesTheReLUMaskExactlyAsTheConvWould(filters: Int, padding: Padding) throws {
        let spec = ModelSpec(inputShape: [9, 8, 2], layers: [
            .conv2d(Conv2DSpec(filters: filters, kernelSize: Size2(3), activation: .relu)),
            .maxPooling2d(PoolSpec(poolSize: Size2(2), padding: padding)),
            .flatten, .dense(DenseSpec(units: 3, activation: .softmax)),
        ])
        let m = try Sequential(spec: spec, seed: 7)
        // Layer by layer below needs every layer's output: no conv–pool pass in one (those are
        // checked against this path in ConvPoolFusionTests).
        m.fusesConvPool = false
        let x = randomTensor([4, 9, 8, 2], seed: 8)
        let labels: [UInt8] = [0, 1, 2, 1]
        _ = labels.withUnsafeBufferPointer { m.computeGradients(x, labels: $0.baseAddress!) }
        let fused = m.parameters.map(\.gradient.values)
        #expect(fused[0].contains { $0 != 0 })

        m.forward(x, training: true)
        let z = m.lossLogits, dLogits = Tensor(shape: z.shape)
        _ = labels.withUnsafeBufferPointer {
            sparseSoftmaxCrossEntropy(logits: z.data, rows: 4, classes: 3, labels: $0.baseAddress!, gradient: dLogits.data)
        }
        var g: Tensor? = dLogits
        for i in stride(from: m.layers.count - 1, through: 0, by: -1) {
            g = m.layers[i].backward(g!, preActivation: i == m.layers.count - 1, needInputGradient: i > 0)
        }
        #expect(m.parameters.map(\.gradient.values) == fused)
    }
}

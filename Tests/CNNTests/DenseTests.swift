import Testing
@testable import CNN

@Suite("Dense, Conv2D layers, Flatten, Dropout")
struct DenseTests {
    @Test func denseHandWorked() throws {
        var rng = SeededGenerator(seed: 0)
        let d = try Dense(name: "dense", spec: DenseSpec(units: 2), inputShape: [3], rng: &rng)
        d.kernel.value.copy(from: Tensor(shape: [3, 2], values: [1, 2, 3, 4, 5, 6]))
        d.bias!.value.copy(from: Tensor(shape: [2], values: [0.5, -0.5]))
        let y = d.forward(Tensor(shape: [1, 3], values: [1, 1, 1]), training: false)
        #expect(y.values == [9.5, 11.5])
    }

    @Test("Dense gradients", arguments: [Activation.linear, .relu, .tanh, .sigmoid, .softmax])
    func denseGradients(activation: Activation) throws {
        var rng = SeededGenerator(seed: 1)
        let d = try Dense(name: "dense", spec: DenseSpec(units: 4, activation: activation), inputShape: [6], rng: &rng)
        d.bias!.value.copy(from: randomTensor([4], seed: 5))
        checkLayerGradients(d, input: randomTensor([3, 6], seed: 2))
    }

    @Test("Conv2D layer gradients", arguments: [Padding.valid, .same])
    func convGradients(padding: Padding) throws {
        var rng = SeededGenerator(seed: 3)
        for activation in [Activation.linear, .tanh] {
            let spec = Conv2DSpec(filters: 3, kernelSize: Size2(3, 2), strides: Size2(1, 2), padding: padding,
                                  dilation: Size2(2, 1), activation: activation)
            let c = try Conv2D(name: "conv2d", spec: spec, inputShape: [6, 7, 2], rng: &rng)
            c.bias!.value.copy(from: randomTensor([3], seed: 4))
            checkLayerGradients(c, input: randomTensor([2, 6, 7, 2], seed: 5))
        }
    }

    @Test("Conv2D + ReLU layer matches the reference (chunked and whole-batch GEMM)", arguments: [3, 4])
    func convLayerMatchesReferenceWithReLU(channels: Int) throws {
        var rng = SeededGenerator(seed: 6)
        let c = try Conv2D(name: "conv2d", spec: Conv2DSpec(filters: 4, kernelSize: Size2(3), padding: .same, activation: .relu),
                           inputShape: [5, 5, channels], rng: &rng)
        c.bias!.value.copy(from: randomTensor([4], seed: 7))
        let x = randomTensor([2, 5, 5, channels], seed: 8)
        let ref = try conv2dReference(input: x, kernel: c.kernel.value, bias: c.bias!.value,
                                      options: Conv2DOptions(padding: .same))
        expectClose(c.forward(x, training: false).values, ref.values.map { max($0, 0) })
        // ReLU backward: dz = dy where y > 0.
        let dy = randomTensor(ref.shape, seed: 9)
        let dx = c.backward(dy, needInputGradient: true)!
        let masked = Tensor(shape: dy.shape, values: (0..<dy.count).map { ref[$0] > 0 ? dy[$0] : 0 })
        let r = try conv2dReferenceBackward(input: x, kernel: c.kernel.value, dOutput: masked, options: Conv2DOptions(padding: .same))
        expectClose(dx.values, r.dInput.values)
        expectClose(c.kernel.gradient.values, r.dKernel.values)
        expectClose(c.bias!.gradient.values, r.dBias.values)
    }

    @Test func glorotUniformBounds() throws {
        var rng = SeededGenerator(seed: 10)
        let c = try Conv2D(name: "conv2d", spec: Conv2DSpec(filters: 32, kernelSize: Size2(3)), inputShape: [28, 28, 1], rng: &rng)
        let limit = (6.0 / Float(9 + 9 * 32)).squareRoot()
        #expect(c.kernel.value.values.allSatisfy { abs($0) <= limit })
        #expect(c.kernel.value.values.contains { abs($0) > limit * 0.9 })
        #expect(c.bias!.value.values.allSatisfy { $0 == 0 })
    }

    @Test func flattenKeepsNHWCOrder() {
        let f = Flatten(name: "flatten", inputShape: [2, 2, 3])
        let x = randomTensor([2, 2, 2, 3], seed: 1)
        let y = f.forward(x, training: false)
        #expect(y.shape == [2, 12] && y.values == x.values)
        #expect(f.backward(y, needInputGradient: true)!.shape == [2, 2, 2, 3])
    }

    @Test func dropoutIsInvertedAndOnlyInTraining() throws {
        let d = try Dropout(name: "dropout", rate: 0.5, inputShape: [1000], seed: 3)
        let x = Tensor(shape: [1, 1000], values: [Float](repeating: 1, count: 1000))
        #expect(d.forward(x, training: false).values == x.values)
        let y = d.forward(x, training: true).values
        #expect(y.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = y.filter { $0 == 2 }.count
        #expect(kept > 400 && kept < 600)
        let dx = d.backward(x, needInputGradient: true)!.values
        #expect(dx == y)
        #expect(throws: CNNError.self) { try Dropout(name: "d", rate: 1, inputShape: [1], seed: 0) }
    }
}

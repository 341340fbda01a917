import Testing
@testable import CNN

@Suite("Activations")
struct ActivationTests {
    func apply(_ a: Activation, _ z: [Float], cols: Int) -> [Float] {
        var y = z
        z.withUnsafeBufferPointer { zp in y.withUnsafeMutableBufferPointer {
            activationForward(a, z: zp.baseAddress!, y: $0.baseAddress!, rows: z.count / cols, cols: cols)
        } }
        return y
    }

    @Test func values() {
        #expect(apply(.relu, [-1, 0, 2], cols: 3) == [0, 0, 2])
        #expect(apply(.linear, [-1, 2], cols: 2) == [-1, 2])
        expectClose(apply(.sigmoid, [0, 100, -100], cols: 3), [0.5, 1, 0])
        expectClose(apply(.tanh, [0, 1], cols: 2), [0, 0.7615942])
        let s = apply(.softmax, [1, 2, 3, 1000, 1000, 1000], cols: 3)
        expectClose(Array(s[0..<3]), [0.09003057, 0.24472847, 0.66524096])
        expectClose(Array(s[3..<6]), [1 / 3, 1 / 3, 1 / 3])
    }

    @Test("backward matches finite differences", arguments: [Activation.linear, .sigmoid, .tanh, .softmax, .relu])
    func gradients(activation: Activation) {
        let layer = ActivationLayer(name: "activation", activation: activation, inputShape: [5])
        // Keep inputs away from ReLU's kink.
        let x = randomTensor([3, 5], seed: 3)
        for i in 0..<x.count where abs(x[i]) < 0.1 { x[i] = 0.5 }
        checkLayerGradients(layer, input: x)
    }

    @Test func fusedBiasReLU() {
        var z: [Float] = [1, -2, 3, -4]
        let b: [Float] = [-2, 3]
        z.withUnsafeMutableBufferPointer { zp in b.withUnsafeBufferPointer {
            biasActivation(.relu, z: zp.baseAddress!, bias: $0.baseAddress!, rows: 2, cols: 2)
        } }
        #expect(z == [0, 1, 1, 0])
    }
}

/// `Flatten` (Keras): `[n, H, W, C] → [n, H·W·C]` in NHWC order (Keras's channels-last order),
/// so a `Dense` after it sees the same feature order as in Keras. Backward reshapes back.
public final class Flatten: Layer {
    public let name: String
    public let kind = "Flatten"
    public let inputShape: [Int]
    public let outputShape: [Int]
    public private(set) var output = Tensor(shape: [0])
    private var dx: Tensor?
    private var maxBatch = 0

    init(name: String, inputShape: [Int]) {
        self.name = name
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
    }

    public func prepare(maxBatch: Int) {
        guard maxBatch > self.maxBatch else { return }
        self.maxBatch = maxBatch
        output = workspace(output, maxBatch, outputShape)
        dx = workspace(dx, maxBatch, inputShape)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0]
        prepare(maxBatch: n)
        output.reshape([n] + outputShape)
        output.copy(from: x)
        return output
    }

    public func backward(_ grad: Tensor, preActivation: Bool, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient else { return nil }
        dx!.reshape([grad.shape[0]] + inputShape)
        dx!.copy(from: grad)
        return dx
    }
}

/// `Activation` (Keras): `y = act(x)` elementwise (softmax over the last axis); see `activationForward`.
public final class ActivationLayer: Layer {
    public let name: String
    public let kind = "Activation"
    public let activation: Activation
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    public private(set) var output = Tensor(shape: [0])
    public private(set) var logits: Tensor?
    private var dx: Tensor?
    private var maxBatch = 0

    init(name: String, activation: Activation, inputShape: [Int]) {
        self.name = name
        self.activation = activation
        self.inputShape = inputShape
    }

    public func prepare(maxBatch: Int) {
        guard maxBatch > self.maxBatch else { return }
        self.maxBatch = maxBatch
        output = workspace(output, maxBatch, outputShape)
        if activation == .softmax { logits = workspace(logits, maxBatch, outputShape) }
        dx = workspace(dx, maxBatch, inputShape)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0]
        prepare(maxBatch: n)
        output.reshape([n] + outputShape)
        let cols = inputShape.last ?? 1
        if let logits { logits.reshape([n] + outputShape); logits.copy(from: x) }
        activationForward(activation, z: x.data, y: output.data, rows: x.count / cols, cols: cols)
        return output
    }

    public func backward(_ grad: Tensor, preActivation: Bool, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient else { return nil }
        dx!.reshape([grad.shape[0]] + inputShape)
        let cols = inputShape.last ?? 1
        if preActivation { dx!.copy(from: grad); return dx }
        activationBackward(activation, y: output.data, dy: grad.data, dz: dx!.data, rows: grad.count / cols, cols: cols)
        return dx
    }
}

/// `Dropout` (Keras, inverted): in training each element is kept with probability `1 − rate`
/// and scaled by `1/(1 − rate)`, else zeroed (`y = x ⊙ mask`, `dx = dy ⊙ mask`); at inference
/// `y = x`. The mask comes from the layer's own seeded generator (reproducible).
public final class Dropout: Layer {
    public let name: String
    public let kind = "Dropout"
    public let rate: Float
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    public private(set) var output = Tensor(shape: [0])
    private var mask: Tensor?
    private var dx: Tensor?
    private var maxBatch = 0
    private var rng: SeededGenerator
    private var masked = false

    init(name: String, rate: Float, inputShape: [Int], seed: UInt64) throws(CNNError) {
        guard rate >= 0 && rate < 1 else { throw CNNError.invalidArgument("\(name): dropout rate must be in [0, 1), not \(rate)") }
        self.name = name
        self.rate = rate
        self.inputShape = inputShape
        rng = SeededGenerator(seed: seed)
    }

    public func prepare(maxBatch: Int) {
        guard maxBatch > self.maxBatch else { return }
        self.maxBatch = maxBatch
        output = workspace(output, maxBatch, outputShape)
        mask = workspace(mask, maxBatch, outputShape)
        dx = workspace(dx, maxBatch, inputShape)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0]
        prepare(maxBatch: n)
        output.reshape([n] + outputShape)
        masked = training && rate > 0
        guard masked, let mask else { output.copy(from: x); return output }
        mask.reshape([n] + outputShape)
        let scale = 1 / (1 - rate)
        for i in 0..<x.count {
            mask[i] = rng.nextUnitFloat() < rate ? 0 : scale
            output[i] = x[i] * mask[i]
        }
        return output
    }

    public func backward(_ grad: Tensor, preActivation: Bool, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient, let dx else { return nil }
        dx.reshape([grad.shape[0]] + inputShape)
        if masked, let mask { for i in 0..<grad.count { dx[i] = grad[i] * mask[i] } } else { dx.copy(from: grad) }
        return dx
    }
}

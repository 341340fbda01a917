/// `Dense` (Keras): `y = act(x · kernel + bias)` on the last axis.
///
/// Shapes: `x [n, …, I]`, `kernel [I, U]`, `bias [U]`, `y [n, …, U]` (rows = every leading
/// index, so after `Flatten` it is the usual `[n, I] → [n, U]`).
/// Backward: `dW = xᵀ · dz`, `db = Σ_rows dz`, `dx = dz · Wᵀ`, with `dz = dy ⊙ act'`.
/// Initialisation (Keras defaults): Glorot-uniform kernel (`fan_in = I`, `fan_out = U`), zero bias.
public final class Dense: Layer {
    public let name: String
    public let kind = "Dense"
    public let spec: DenseSpec
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let kernel: Parameter
    public let bias: Parameter?
    public var activation: Activation { spec.activation }
    public var parameters: [Parameter] { [kernel] + (bias.map { [$0] } ?? []) }
    public private(set) var output = Tensor(shape: [0])
    public private(set) var logits: Tensor?
    private var dz: Tensor?
    private var dx: Tensor?
    private var input: Tensor?
    private var maxBatch = 0
    private let units: Int, inputs: Int, rowsPerSample: Int

    init(name: String, spec: DenseSpec, inputShape: [Int], rng: inout SeededGenerator) throws(CNNError) {
        guard let i = inputShape.last, i >= 1 else { throw CNNError.shapeMismatch("\(name): Dense needs a non-empty input, not \(inputShape)") }
        guard spec.units >= 1 else { throw CNNError.invalidArgument("\(name): units must be ≥ 1, not \(spec.units)") }
        self.name = name
        self.spec = spec
        self.inputShape = inputShape
        outputShape = inputShape.dropLast() + [spec.units]
        (units, inputs, rowsPerSample) = (spec.units, i, inputShape.dropLast().reduce(1, *))
        kernel = Parameter(name: "kernel", shape: [i, spec.units])
        kernel.glorotUniform(fanIn: i, fanOut: spec.units, using: &rng)
        bias = spec.useBias ? Parameter(name: "bias", shape: [spec.units]) : nil
    }

    public func prepare(maxBatch: Int) {
        guard maxBatch > self.maxBatch else { return }
        self.maxBatch = maxBatch
        output = workspace(output, maxBatch, outputShape)
        if activation == .softmax { logits = workspace(logits, maxBatch, outputShape) }
        dz = workspace(dz, maxBatch, outputShape)
        dx = workspace(dx, maxBatch, inputShape)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0], rows = n * rowsPerSample
        precondition(Array(x.shape.dropFirst()) == inputShape, "\(name): input \(x.shape), expected [n] + \(inputShape)")
        prepare(maxBatch: n)
        input = x
        output.reshape([n] + outputShape)
        logits?.reshape([n] + outputShape)
        timed(.forwardGEMM, flops: 2 * Double(rows * units * inputs)) {
            sgemm(m: rows, n: units, k: inputs, a: x.data, b: kernel.value.data, c: output.data)
        }
        biasActivation(activation, z: output.data, bias: bias.map { UnsafePointer($0.value.data) },
                       rows: rows, cols: units, logits: logits?.data)
        return output
    }

    public func backward(_ grad: Tensor, preActivation: Bool, needInputGradient: Bool) -> Tensor? {
        let n = grad.shape[0], rows = n * rowsPerSample
        let d: UnsafePointer<Float>
        if preActivation || activation == .linear {
            d = UnsafePointer(grad.data)
        } else {
            activationBackward(activation, y: output.data, dy: grad.data, dz: dz!.data, rows: rows, cols: units)
            d = UnsafePointer(dz!.data)
        }
        timed(.weightGEMM, flops: 2 * Double(rows * units * inputs)) {
            sgemm(transA: true, m: inputs, n: units, k: rows, a: input!.data, b: d, c: kernel.gradient.data)
        }
        if let bias {
            let db = bias.gradient.data
            db.update(repeating: 0, count: units)
            for r in 0..<rows { for j in 0..<units { db[j] += d[r * units + j] } }
        }
        guard needInputGradient else { return nil }
        dx!.reshape([n] + inputShape)
        timed(.inputGEMM, flops: 2 * Double(rows * units * inputs)) {
            sgemm(transB: true, m: rows, n: inputs, k: units, a: d, b: kernel.value.data, c: dx!.data)
        }
        return dx
    }
}

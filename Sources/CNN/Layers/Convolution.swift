/// `Conv2D` (Keras): `y = act(conv(x, kernel) + bias)` over NHWC input.
///
/// Shapes: `x [n, H, W, C]`, `kernel [KH, KW, C, F]`, `bias [F]`, `y [n, OH, OW, F]`.
/// Initialisation (Keras defaults): Glorot-uniform kernel with `fan_in = KH·KW·C`,
/// `fan_out = KH·KW·F`; zero bias. Runs on `Conv2DPlan` (im2col + sgemm, bias and ReLU
/// fused into the GEMM epilogue, ReLU's backward fused into the backward chunks).
public final class Conv2D: Layer {
    public let name: String
    public let kind = "Conv2D"
    public let spec: Conv2DSpec
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let kernel: Parameter
    public let bias: Parameter?
    public var activation: Activation { spec.activation }
    public var parameters: [Parameter] { [kernel] + (bias.map { [$0] } ?? []) }
    public private(set) var output = Tensor(shape: [0])
    public private(set) var logits: Tensor?
    let shape: ConvShape
    private var plan: Conv2DPlan?
    private var dz: Tensor?
    private var dx: Tensor?
    private var input: Tensor?

    init(name: String, spec: Conv2DSpec, inputShape: [Int], rng: inout SeededGenerator) throws(CNNError) {
        guard inputShape.count == 3 else {
            throw CNNError.shapeMismatch("\(name): Conv2D needs a [height, width, channels] input, not \(inputShape)")
        }
        guard spec.filters >= 1 else { throw CNNError.invalidArgument("\(name): filters must be ≥ 1, not \(spec.filters)") }
        let o = Conv2DOptions(strides: spec.strides, dilation: spec.dilation, padding: spec.padding)
        let g: ConvGeometry
        do {
            g = try o.geometry(inputRows: inputShape[0], inputCols: inputShape[1],
                               kernelRows: spec.kernelSize.rows, kernelCols: spec.kernelSize.cols)
        } catch { throw CNNError.shapeMismatch("\(name): \(error)") }
        self.name = name
        self.spec = spec
        self.inputShape = inputShape
        shape = ConvShape(h: inputShape[0], w: inputShape[1], c: inputShape[2],
                          kh: spec.kernelSize.rows, kw: spec.kernelSize.cols, f: spec.filters, g: g)
        outputShape = [g.outputRows, g.outputCols, spec.filters]
        kernel = Parameter(name: "kernel", shape: [shape.kh, shape.kw, shape.c, shape.f])
        kernel.glorotUniform(fanIn: shape.kh * shape.kw * shape.c, fanOut: shape.kh * shape.kw * shape.f, using: &rng)
        bias = spec.useBias ? Parameter(name: "bias", shape: [spec.filters]) : nil
    }

    public func prepare(maxBatch: Int) {
        if let plan, plan.maxBatch >= maxBatch { return }
        plan = Conv2DPlan(shape, maxBatch: maxBatch)
        output = workspace(output, maxBatch, outputShape)
        if activation == .softmax { logits = workspace(logits, maxBatch, outputShape) }
        if activation != .linear { dz = workspace(dz, maxBatch, outputShape) }
        if dx != nil { dx = workspace(dx, maxBatch, inputShape) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let n = x.shape[0]
        precondition(Array(x.shape.dropFirst()) == inputShape, "\(name): input \(x.shape), expected [n] + \(inputShape)")
        prepare(maxBatch: n)
        input = x
        output.reshape([n] + outputShape)
        logits?.reshape([n] + outputShape)
        plan!.forward(x: x.data, n: n, w: kernel.value.data, bias: bias.map { UnsafePointer($0.value.data) },
                      activation: activation, y: output.data, logits: logits?.data)
        return output
    }

    /// The training forward of this conv and the max pooling right after it in one pass, when
    /// they allow it (ReLU, the AVX2 kernels, 2×2/2 max pooling on them), else nil and nothing
    /// done. Fills the pool's output and arg-max (what its backward reads) without writing this
    /// layer's output, which stays stale: the backward then gets the gradient before the ReLU
    /// from the pool (`Sequential.backward`) and never reads it.
    func forwardThroughMaxPool(_ x: Tensor, pool: Pooling2D) -> Tensor? {
        guard activation == .relu, pool.pooling == .max, pool.shape.usesKernels, pool.inputShape == outputShape else { return nil }
        let n = x.shape[0]
        precondition(Array(x.shape.dropFirst()) == inputShape, "\(name): input \(x.shape), expected [n] + \(inputShape)")
        prepare(maxBatch: n)
        guard plan!.fusesMaxPool else { return nil }
        input = x
        output.reshape([n] + outputShape)
        let (pooled, argmax) = pool.fusedOutput(n: n)
        plan!.fusedMaxPoolForward(x: x.data, n: n, w: kernel.value.data, bias: bias.map { UnsafePointer($0.value.data) },
                                  pooled: pooled.data, argmax: argmax)
        return pooled
    }

    /// The backward of this conv and the max pooling right after it in one pass, for a first
    /// layer (no input gradient), when they allow it (as `forwardThroughMaxPool`), else false
    /// and nothing done: `grad` is the pooling's output gradient; fills this layer's `dW` and
    /// `db` from the pool's arg-max and output, never forming the conv-sized gradient.
    func backwardThroughMaxPool(_ grad: Tensor, pool: Pooling2D) -> Bool {
        guard activation == .relu, pool.pooling == .max, pool.shape.usesKernels, pool.inputShape == outputShape,
              let plan, plan.fusesMaxPool else { return false }
        let n = grad.shape[0]
        let (pooled, argmax) = pool.fusedOutput(n: n)
        plan.fusedMaxPoolWeightGradient(x: input!.data, dy: grad.data, argmax: argmax, pooled: pooled.data, n: n,
                                        dW: kernel.gradient.data, dB: bias?.gradient.data)
        return true
    }

    public func backward(_ grad: Tensor, preActivation: Bool, needInputGradient: Bool) -> Tensor? {
        let n = grad.shape[0]
        let act: Activation = preActivation ? .linear : activation
        if needInputGradient {
            if dx == nil { dx = workspace(nil, plan!.maxBatch, inputShape) }  // once: the first layer never needs it
            dx!.reshape([n] + inputShape)
        }
        plan!.backward(x: input!.data, dy: grad.data, y: output.data, activation: act, dz: act == .linear ? nil : dz!.data, n: n,
                       w: kernel.value.data, dW: kernel.gradient.data, dB: bias?.gradient.data,
                       dx: needInputGradient ? dx!.data : nil)
        return needInputGradient ? dx : nil
    }
}

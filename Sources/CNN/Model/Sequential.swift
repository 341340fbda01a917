/// A Keras-style `Sequential` model: layers built from a `ModelSpec`, run in order.
///
/// Input is a batch of NHWC images `[n] + spec.inputShape`; output is `[n, classes]`
/// (probabilities when the last layer ends in softmax). Layers get Keras's automatic names
/// (`conv2d`, `conv2d_1`, `max_pooling2d`, …). The same `seed` gives the same weights
/// (Glorot-uniform kernels, zero biases) and the same dropout masks.
public final class Sequential {
    public let spec: ModelSpec
    public let seed: UInt64
    public let layers: [any Layer]
    /// The batch input workspace (filled by `loadBatch`).
    private(set) var input = Tensor(shape: [0])
    private var dLogits = Tensor(shape: [0])
    private(set) var maxBatch = 0
    /// Model copies running shards `1…` of a data-parallel step (see `Sequential+DataParallel`).
    var replicas: [Sequential] = []
    /// Cores this model trains and infers on: each batch is split into this many data-parallel
    /// shards (clamped to `1…8`; default `Engine.defaultThreads`). A property of the model, not
    /// of the process, so models trained at once (tests, a dashboard beside a lesson) keep their own.
    public var threads = Engine.defaultThreads {
        didSet { threads = min(max(1, threads), 8) }
    }
    /// Whether training runs a ReLU conv and the max pooling after it as one pass (see
    /// `forward`; the same results either way, tested). Replicas follow this model's setting.
    var fusesConvPool = true
    /// Where this model's steps spend their time, when `profiling` is on (see `StepProfile.swift`).
    var recorder: StepRecorder?
    var profileReport = StepProfileReport()

    public init(spec: ModelSpec, seed: UInt64 = 0) throws(CNNError) {
        guard !spec.inputShape.isEmpty, spec.inputShape.allSatisfy({ $0 >= 1 }) else {
            throw CNNError.invalidArgument("model input shape must be positive, not \(spec.inputShape)")
        }
        guard !spec.layers.isEmpty else { throw CNNError.invalidArgument("model has no layers") }
        // Weights, gradients and one sample's activations must fit before any is allocated.
        try spec.memoryEstimate(batchSize: 1, optimizerSlots: 0).check(what: "the model")
        self.spec = spec
        self.seed = seed
        Engine.configureBLAS()
        var rng = SeededGenerator(seed: seed)
        let names = spec.layerNames  // Keras's automatic names, as `stride summary` shows them
        var shape = spec.inputShape
        var built: [any Layer] = []
        for (index, layerSpec) in spec.layers.enumerated() {
            let layer: any Layer
            switch layerSpec {
            case .conv2d(let c): layer = try Conv2D(name: names[index], spec: c, inputShape: shape, rng: &rng)
            case .maxPooling2d(let p): layer = try Pooling2D(name: names[index], kind: .max, spec: p, inputShape: shape)
            case .averagePooling2d(let p):
                layer = try Pooling2D(name: names[index], kind: .average, spec: p, inputShape: shape)
            case .flatten: layer = Flatten(name: names[index], inputShape: shape)
            case .dense(let d): layer = try Dense(name: names[index], spec: d, inputShape: shape, rng: &rng)
            case .dropout(let rate):
                layer = try Dropout(name: names[index], rate: rate, inputShape: shape,
                                    seed: SeededGenerator.derive(seed, UInt64(index + 1)))
            case .activation(let a): layer = ActivationLayer(name: names[index], activation: a, inputShape: shape)
            }
            shape = layer.outputShape
            built.append(layer)
        }
        layers = built
    }

    public var inputShape: [Int] { spec.inputShape }
    public var outputShape: [Int] { layers.last!.outputShape }
    /// Number of output classes (the last axis of the output).
    public var classes: Int { outputShape.last ?? 1 }
    /// Every trainable parameter with its model-wide name (`conv2d/kernel`, `dense_1/bias`, …).
    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.flatMap { l in l.parameters.map { ("\(l.name)/\($0.name)", $0) } }
    }
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Allocates every workspace for batches of up to `maxBatch` (only grows).
    public func prepare(maxBatch: Int) {
        guard maxBatch > self.maxBatch else { return }
        self.maxBatch = maxBatch
        input = workspace(input, maxBatch, inputShape)
        dLogits = workspace(dLogits, maxBatch, outputShape)
        for l in layers { l.prepare(maxBatch: maxBatch) }
    }

    /// Copies samples `indices` of `images` (`count × H·W·C`, NHWC) into the input workspace
    /// (bytes scaled to [0, 1], see `PixelValue`).
    func loadBatch<P: PixelValue>(_ images: UnsafeBufferPointer<P>, _ indices: ArraySlice<Int>) -> Tensor {
        prepare(maxBatch: indices.count)
        let size = inputShape.reduce(1, *)
        input.reshape([indices.count] + inputShape)
        for (k, i) in indices.enumerated() {
            P.load(images.baseAddress! + i * size, into: input.data + k * size, count: size)
        }
        return input
    }


    /// Runs every layer; returns the last layer's output `[n] + outputShape`. In training, a
    /// ReLU conv and the 2×2 max pooling after it run as one pass where they allow it
    /// (`Conv2D.forwardThroughMaxPool`): the conv's own output is then not written (inference
    /// keeps every layer's output, for the screens that show them).
    @discardableResult
    public func forward(_ x: Tensor, training: Bool = false) -> Tensor {
        var t = x
        let recorder = StepRecorder.current
        var i = 0
        while i < layers.count {
            recorder?.layer = i
            let t0 = recorder == nil ? 0 : monotonicNanoseconds()
            if training, fusesConvPool, i + 1 < layers.count, let conv = layers[i] as? Conv2D, let pool = layers[i + 1] as? Pooling2D,
               let pooled = conv.forwardThroughMaxPool(t, pool: pool) {
                t = pooled
                recorder?.add(.layerForward, nanoseconds: monotonicNanoseconds() - t0)
                i += 2
                continue
            }
            t = layers[i].forward(t, training: training)
            recorder?.add(.layerForward, nanoseconds: monotonicNanoseconds() - t0)
            i += 1
        }
        recorder?.layer = -1
        return t
    }

    /// What the loss reads: the logits of a final softmax, else the raw output (`from_logits`).
    var lossLogits: Tensor { layers.last!.logits ?? layers.last!.output }

    /// One training step on samples `indices` of `images` over `shards` data-parallel shards:
    /// forward, sparse CE (fused with a final softmax), backward, one optimizer update of the
    /// summed gradient.
    /// Returns the batch's mean loss and number of correct predictions.
    func trainStep<P: PixelValue>(images: UnsafeBufferPointer<P>, indices: ArraySlice<Int>, labels: UnsafePointer<UInt8>,
                   optimizer: any Optimizer, shards: Int) -> (loss: Double, correct: Int) {
        let t0 = monotonicNanoseconds()
        let r = shardedGradients(images: images, indices: indices, labels: labels, shards: shards)
        StepRecorder.with(recorder) { timed(.optimizer) { optimizer.update(parameters) } }
        if recorder != nil {
            profileReport.steps += 1
            profileReport.wallNanoseconds += monotonicNanoseconds() - t0
            profileReport.shards = max(1, min(shards, indices.count))
        }
        return r
    }

    /// Forward (training mode), sparse CE and backward: fills every parameter's gradient.
    /// The gradient is of `(1/lossRows)·Σ_batch CE` (default `lossRows` = the batch size, the
    /// mean); a shard passes its whole batch's size, so shard gradients add up to the batch's.
    func computeGradients(_ x: Tensor, labels: UnsafePointer<UInt8>, training: Bool = true,
                          lossRows: Int? = nil) -> (loss: Double, correct: Int) {
        let n = x.shape[0]
        prepare(maxBatch: n)
        forward(x, training: training)
        let z = lossLogits
        dLogits.reshape(z.shape)
        let r = timed(.loss) {
            sparseSoftmaxCrossEntropy(logits: z.data, rows: n, classes: classes, labels: labels, gradient: dLogits.data,
                                      gradientScale: 1 / Float(max(lossRows ?? n, 1)))
        }
        backward(dLogits)
        return r
    }

    /// Backpropagates `∂L/∂logits` (see `lossLogits`) through every layer, filling parameter gradients.
    func backward(_ dLogits: Tensor) {
        var g: Tensor? = dLogits
        let last = layers.count - 1
        let recorder = StepRecorder.current
        var preActivation = layers[last].logits != nil
        for i in stride(from: last, through: 0, by: -1) {
            guard let grad = g else { break }
            recorder?.layer = i
            let t0 = recorder == nil ? 0 : monotonicNanoseconds()
            // The first conv and the pooling after it in one pass (no input gradient to make).
            if i == 1, fusesConvPool, let pool = layers[1] as? Pooling2D, let conv = layers[0] as? Conv2D,
               conv.backwardThroughMaxPool(grad, pool: pool) {
                recorder?.layer = 0
                recorder?.add(.layerBackward, nanoseconds: monotonicNanoseconds() - t0)
                break
            }
            // A max pooling right after a ReLU conv applies the ReLU's mask itself as it scatters
            // (the same values, one pass fewer over the conv's output).
            if i > 0, let pool = layers[i] as? Pooling2D, pool.pooling == .max,
               let conv = layers[i - 1] as? Conv2D, conv.activation == .relu {
                g = pool.backward(grad, throughReLU: true, needInputGradient: true)
                preActivation = true
            } else {
                g = layers[i].backward(grad, preActivation: preActivation, needInputGradient: i > 0)
                preActivation = false
            }
            recorder?.add(.layerBackward, nanoseconds: monotonicNanoseconds() - t0)
        }
        recorder?.layer = -1
    }
}

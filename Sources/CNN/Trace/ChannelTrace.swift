/// A multi-channel convolution layer on small matrices, for teaching: `C` input channels,
/// `F` filters of `C` kernel slices each, one bias per filter (valid padding, stride 1).
///
///     y_f[i, j] = Σ_c (x_c ⋆ w_{f,c})[i, j] + b_f
///
/// `slices[f][c]` is the single-channel trace of channel `c` under filter `f`; `outputs[f]`
/// the feature map of filter `f`. Parameters: `k·k·C·F + F`.
public struct ChannelTrace: Equatable, Sendable {
    public let inputs: [Matrix]
    public let kernels: [[Matrix]]
    public let biases: [Float]
    public let slices: [[ConvTrace]]
    public let outputs: [Matrix]

    public init(inputs: [Matrix], kernels: [[Matrix]], biases: [Float]) throws(CNNError) {
        guard !inputs.isEmpty, !kernels.isEmpty else { throw CNNError.invalidArgument("need at least one channel and one filter") }
        guard kernels.allSatisfy({ $0.count == inputs.count }), biases.count == kernels.count else {
            throw CNNError.shapeMismatch("each filter needs one kernel slice per input channel and one bias")
        }
        var slices: [[ConvTrace]] = []
        for filter in kernels {
            var row: [ConvTrace] = []
            for (x, w) in zip(inputs, filter) { row.append(try ConvTrace(input: x, kernel: w)) }
            slices.append(row)
        }
        let shape = (slices[0][0].output.rows, slices[0][0].output.cols)
        guard slices.allSatisfy({ $0.allSatisfy { ($0.output.rows, $0.output.cols) == shape } }) else {
            throw CNNError.shapeMismatch("every channel must give the same output size")
        }
        self.inputs = inputs
        self.kernels = kernels
        self.biases = biases
        self.slices = slices
        self.outputs = slices.enumerated().map { f, traces in
            Matrix(rows: shape.0, cols: shape.1, values: (0..<(shape.0 * shape.1)).map { k in
                traces.reduce(0) { $0 + $1.steps[k].sum } + biases[f]
            })
        }
    }

    /// `k·k·C·F + F`: the layer's weights plus one bias per filter.
    public var parameterCount: Int {
        let k = kernels[0][0]
        return k.rows * k.cols * inputs.count * kernels.count + kernels.count
    }

    /// Small whole numbers from the engine's seeded generator: inputs in −1…3, weights in
    /// −1…1, biases in −1…1, so every sum can be checked by hand.
    public static func example(channels: Int, filters: Int, size: Int, kernelSize: Int, seed: UInt64) throws(CNNError) -> ChannelTrace {
        var rng = SeededGenerator(seed: seed)
        func matrix(_ n: Int, _ low: Int, _ high: Int) -> Matrix {
            Matrix(rows: n, cols: n, values: (0..<(n * n)).map { _ in Float(low + rng.nextIndex(below: high - low + 1)) })
        }
        let inputs = (0..<channels).map { _ in matrix(size, -1, 3) }
        let kernels = (0..<filters).map { _ in (0..<channels).map { _ in matrix(kernelSize, -1, 1) } }
        let biases = (0..<filters).map { _ in Float(rng.nextIndex(below: 3) - 1) }
        return try ChannelTrace(inputs: inputs, kernels: kernels, biases: biases)
    }
}

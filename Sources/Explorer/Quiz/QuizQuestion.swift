import CNN

/// The kinds of quiz question: six with a numeric answer the engine computes, and two
/// conceptual ones (`choice`: one of 2–5 options; `truefalse`). `mixed` and `concept` are
/// quiz settings, not question kinds.
public enum QuizKind: String, Codable, Sendable, CaseIterable {
    case size, chain, params, cell, pool, channels, choice, truefalse

    /// The kinds whose answer is a number computed by the engine.
    public static let numeric: [QuizKind] = [.size, .chain, .params, .cell, .pool, .channels]
    /// The kinds `mixed` draws: the five numeric kinds there were before `channels`, so a seed
    /// given to a class before still gives the same quiz.
    public static let mixed: [QuizKind] = [.size, .chain, .params, .cell, .pool]
}

/// What a quiz asks for: one kind, `mixed` (the five numeric kinds of the first quizzes, so a
/// seed still gives the same quiz) or `concept` (the bundled conceptual questions, `choice`
/// and `truefalse`, in an order drawn from the seed).
public enum QuizTopic: String, Codable, Sendable, CaseIterable {
    case size, chain, params, cell, pool, channels, mixed, concept, choice, truefalse

    public var kinds: [QuizKind] {
        switch self {
        case .size: [.size]
        case .chain: [.chain]
        case .params: [.params]
        case .cell: [.cell]
        case .pool: [.pool]
        case .channels: [.channels]
        case .mixed: QuizKind.mixed
        case .concept: [.choice, .truefalse]
        case .choice: [.choice]
        case .truefalse: [.truefalse]
        }
    }
}

/// One quiz question, as data: generated, read from a lesson's `quiz` block (YAML), or
/// written as one JSON object by `stride quiz --plain --json`. The fields are those of
/// /work/notes/blocks.md (lessons/README.md): `kind` plus the question's numbers.
public struct QuizQuestion: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        case size(SizeQuestion)
        case chain(ChainQuestion)
        case params(ParamsQuestion)
        case cell(CellQuestion)
        case pool(PoolQuestion)
        case channels(ChannelsQuestion)
        case choice(ChoiceQuestion)
        case truefalse(TrueFalseQuestion)
    }

    public var body: Body
    /// A sentence written by a lesson author; nil = the generated sentence.
    public var text: String?

    public init(_ body: Body, text: String? = nil) {
        self.body = body
        self.text = text
    }

    public var kind: QuizKind {
        switch body {
        case .size: .size
        case .chain: .chain
        case .params: .params
        case .cell: .cell
        case .pool: .pool
        case .channels: .channels
        case .choice: .choice
        case .truefalse: .truefalse
        }
    }
}

/// `size`: the output size of one convolution axis, `floor((n + 2p − d(k−1) − 1) / s) + 1`.
public struct SizeQuestion: Sendable, Hashable {
    public var n: Int
    public var k: Int
    public var p: Padding
    public var s: Int
    public var d: Int

    public init(n: Int, k: Int, p: Padding = .valid, s: Int = 1, d: Int = 1) {
        self.n = n; self.k = k; self.p = p; self.s = s; self.d = d
    }
}

/// `chain`: the spatial size after a few conv/pool layers applied to an `n×n` input.
public struct ChainQuestion: Sendable, Hashable {
    public struct Layer: Sendable, Hashable {
        public enum LayerType: String, Codable, Sendable { case conv, pool }
        public var type: LayerType
        public var k: Int
        public var p: Padding
        /// The stride (when not given: 1 for conv, `k` for pool).
        public var s: Int

        public init(type: LayerType, k: Int, p: Padding = .valid, s: Int? = nil) {
            self.type = type; self.k = k; self.p = p; self.s = s ?? (type == .conv ? 1 : k)
        }

        public var stride: Int { s }
    }

    public var n: Int
    public var layers: [Layer]

    public init(n: Int, layers: [Layer]) {
        self.n = n
        self.layers = layers
    }
}

/// `params`: the parameter count of a conv (`k·k·c_in·c_out + c_out`) or dense
/// (`inputs·units + units`) layer.
public enum ParamsQuestion: Sendable, Hashable {
    case conv(k: Int, cIn: Int, cOut: Int)
    case dense(inputs: Int, units: Int)
}

/// `cell`: one cell of a single-channel convolution.
public struct CellQuestion: Sendable, Hashable {
    public var input: Matrix
    public var kernel: Matrix
    public var mode: ConvMode
    public var p: Padding
    public var s: Int
    public var i: Int
    public var j: Int

    public init(input: Matrix, kernel: Matrix, mode: ConvMode = .correlate, p: Padding = .valid, s: Int = 1, i: Int, j: Int) {
        self.input = input; self.kernel = kernel; self.mode = mode; self.p = p; self.s = s; self.i = i; self.j = j
    }
}

/// `pool`: one cell of max or average pooling.
public struct PoolQuestion: Sendable, Hashable {
    public var input: Matrix
    public var pool: PoolTrace.Kind
    public var size: Int
    /// The stride (when not given: `size`).
    public var s: Int
    public var i: Int
    public var j: Int

    public init(input: Matrix, pool: PoolTrace.Kind, size: Int = 2, s: Int? = nil, i: Int, j: Int) {
        self.input = input; self.pool = pool; self.size = size; self.s = s ?? size; self.i = i; self.j = j
    }

    public var stride: Int { s }
}

/// `channels`: one cell of a multi-channel convolution layer (valid, stride 1, Keras's
/// cross-correlation), the engine's `ChannelTrace`:
///
///     y[i, j] = Σ_c (x_c ⋆ w_c)[i, j] + b
///
/// `inputs` holds one matrix per input channel, `kernel` the asked filter's slice for each
/// channel and `bias` its bias; `others` the layer's other filters (a kernel slice per
/// channel and a bias each), which only make the `wrong-filter` mistake diagnosable.
public struct ChannelsQuestion: Sendable, Hashable {
    /// Another filter of the same layer.
    public struct Filter: Sendable, Hashable {
        public var kernel: [Matrix]
        public var bias: Float

        public init(kernel: [Matrix], bias: Float = 0) {
            self.kernel = kernel
            self.bias = bias
        }
    }

    public var inputs: [Matrix]
    public var kernel: [Matrix]
    public var bias: Float
    public var others: [Filter]
    public var i: Int
    public var j: Int

    public init(inputs: [Matrix], kernel: [Matrix], bias: Float = 0, others: [Filter] = [], i: Int, j: Int) {
        self.inputs = inputs; self.kernel = kernel; self.bias = bias; self.others = others; self.i = i; self.j = j
    }

    /// Most input channels (and filters in all) a question may state.
    public static let maxChannels = 8
}

import CNN

/// Generates quiz questions from the engine's seeded generator (`SeededGenerator`), so the
/// same seed gives the same quiz on every machine. Ranges (small, MNIST-like):
///
/// - `size`: n 5…32, k ∈ {1, 2, 3, 4, 5, 7}, p valid / same / full / 0…3, s 1…3, d 1 (or 2,
///   one time in five); `same` with s > 1 and numerators not divisible by s occur.
/// - `chain`: n 12…32; conv (k 3 or 5, valid/same) → pool 2 → (half the time) conv 3.
/// - `params`: conv k ∈ {1, 3, 5}, c_in ∈ {1, 3, 8, 16, 32, 64}, c_out ∈ {8, 16, 32, 64, 128};
///   dense inputs ∈ {64, 128, 256, 576, 784, 1024, 1600, 3136}, units ∈ {10, 32, 64, 128}.
/// - `cell`: input 3…5 square of integers −2…6, kernel 2 or 3 of integers −1…2, correlate
///   (or convolve one time in four), padding valid / 1 / same, stride 1 or 2.
/// - `pool`: a 4×4 (or 6×6) input of integers 0…9, max or average, size 2 (3 on 6×6), stride = size.
/// - `channels`: 2 or 3 channels of 3×3 or 4×4 integers −1…3, 2×2 kernels of −1…1, bias −1…2,
///   and half the time one other filter (so `wrong-filter` can be named).
///
/// - `choice`, `truefalse`: drawn from `QuizConceptBank` (`concept`: the whole bank in an
///   order drawn from the seed, no question twice until every one has been asked).
///
/// Every question is checked with the engine; a draw the engine rejects (output < 1) is
/// drawn again, so no question is impossible.
public struct QuizGenerator: Sendable {
    private var rng: SeededGenerator

    public init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// `count` questions of `topic` (`mixed`: each numeric kind drawn uniformly; `concept`,
    /// `choice`, `truefalse`: the bank's questions of those kinds, shuffled, dealt in turn).
    public static func questions(_ topic: QuizTopic, count: Int, seed: UInt64) -> [QuizQuestion] {
        var generator = QuizGenerator(seed: seed)
        let kinds = topic.kinds
        if kinds.allSatisfy({ !QuizKind.numeric.contains($0) }) {
            let bank = QuizConceptBank.questions.filter { kinds.contains($0.kind) }
            var deck: [QuizQuestion] = []
            return (0..<max(0, count)).map { _ in
                if deck.isEmpty { deck = generator.shuffled(bank) }
                return deck.removeFirst()
            }
        }
        return (0..<max(0, count)).map { _ in generator.next(topic) }
    }

    /// `items` in an order drawn from the seeded stream (Fisher–Yates).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(i, int(0..<(i + 1)))
        }
        return result
    }

    public mutating func next(_ topic: QuizTopic) -> QuizQuestion {
        let kinds = topic.kinds
        return next(kinds[int(0..<kinds.count)])
    }

    /// One answerable question of `kind`.
    public mutating func next(_ kind: QuizKind) -> QuizQuestion {
        while true {
            let question = draw(kind)
            if (try? question.expected()) != nil { return question }
        }
    }

    private mutating func draw(_ kind: QuizKind) -> QuizQuestion {
        switch kind {
        case .size: QuizQuestion(.size(drawSize()))
        case .chain: QuizQuestion(.chain(drawChain()))
        case .params: QuizQuestion(.params(drawParams()))
        case .cell: QuizQuestion(.cell(drawCell()))
        case .pool: QuizQuestion(.pool(drawPool()))
        case .channels: QuizQuestion(.channels(drawChannels()))
        case .choice, .truefalse: pick(QuizConceptBank.questions.filter { $0.kind == kind })
        }
    }

    private mutating func drawSize() -> SizeQuestion {
        let n = int(5..<33)
        let k = pick([1, 2, 3, 4, 5, 7])
        let padding: Padding
        switch int(0..<20) {
        case 0..<6: padding = .valid
        case 6..<11: padding = .same
        case 11: padding = .full
        default: padding = .explicit(int(0..<4))
        }
        let s = int(1..<4)
        let d = int(0..<5) == 0 ? 2 : 1
        return SizeQuestion(n: n, k: k, p: padding, s: s, d: d)
    }

    private mutating func drawChain() -> ChainQuestion {
        let n = int(12..<33)
        var layers = [ChainQuestion.Layer(type: .conv, k: pick([3, 5]), p: pick([.valid, .same])),
                      ChainQuestion.Layer(type: .pool, k: 2)]
        if int(0..<2) == 0 { layers.append(ChainQuestion.Layer(type: .conv, k: 3, p: pick([.valid, .same]))) }
        return ChainQuestion(n: n, layers: layers)
    }

    private mutating func drawParams() -> ParamsQuestion {
        if int(0..<2) == 0 {
            return .conv(k: pick([1, 3, 5]), cIn: pick([1, 3, 8, 16, 32, 64]), cOut: pick([8, 16, 32, 64, 128]))
        }
        return .dense(inputs: pick([64, 128, 256, 576, 784, 1024, 1600, 3136]), units: pick([10, 32, 64, 128]))
    }

    private mutating func drawCell() -> CellQuestion {
        let n = int(3..<6)
        let k = min(n, int(2..<4))
        let input = matrix(n, n, -2...6)
        let kernel = matrix(k, k, -1...2)
        let mode: ConvMode = int(0..<4) == 0 ? .convolve : .correlate
        let padding: Padding = pick([.valid, .valid, .valid, .explicit(1), .same])
        let s = int(0..<10) < 7 ? 1 : 2
        var question = CellQuestion(input: input, kernel: kernel, mode: mode, p: padding, s: s, i: 0, j: 0)
        if let output = try? question.trace().output {
            question.i = int(0..<output.rows)
            question.j = int(0..<output.cols)
        }
        return question
    }

    private mutating func drawPool() -> PoolQuestion {
        let n = int(0..<10) < 7 ? 4 : 6
        let size = n == 6 && int(0..<2) == 0 ? 3 : 2
        var question = PoolQuestion(input: matrix(n, n, 0...9), pool: int(0..<2) == 0 ? .max : .average, size: size, i: 0, j: 0)
        if let output = try? question.trace().output {
            question.i = int(0..<output.rows)
            question.j = int(0..<output.cols)
        }
        return question
    }

    private mutating func drawChannels() -> ChannelsQuestion {
        let (c, n, k) = (int(2..<4), int(3..<5), 2)
        let inputs = (0..<c).map { _ in matrix(n, n, -1...3) }
        func slices() -> [Matrix] { (0..<c).map { _ in matrix(k, k, -1...1) } }
        let others = int(0..<2) == 0 ? [ChannelsQuestion.Filter(kernel: slices(), bias: Float(int(-1..<2)))] : []
        let kernel = slices()
        return ChannelsQuestion(inputs: inputs, kernel: kernel, bias: Float(int(-1..<3)), others: others,
                                i: int(0..<(n - k + 1)), j: int(0..<(n - k + 1)))
    }

    // MARK: Draws from the seeded stream

    private mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + rng.nextIndex(below: range.count) }
    private mutating func pick<T>(_ choices: [T]) -> T { choices[int(0..<choices.count)] }
    private mutating func matrix(_ rows: Int, _ cols: Int, _ values: ClosedRange<Int>) -> Matrix {
        Matrix(rows: rows, cols: cols, values: (0..<(rows * cols)).map { _ in Float(int(values.lowerBound..<(values.upperBound + 1))) })
    }
}

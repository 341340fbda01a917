import CNN

/// An answer or expected value in a quiz: a whole number (sizes, parameter counts), a real
/// one (cell values), an option of a `choice` question, or true/false.
///
/// JSON: numbers as numbers, an option as its letter (`"b"`), true/false as a JSON bool.
public enum QuizValue: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    /// 0-based option index.
    case option(Int)
    case truth(Bool)

    /// The number, for the numeric cases (an option's index, 1 or 0 for true/false).
    public var doubleValue: Double {
        switch self {
        case .integer(let n): Double(n)
        case .real(let x): x
        case .option(let i): Double(i)
        case .truth(let b): b ? 1 : 0
        }
    }

    /// `13`, `4.5` (reals through the engine's `formatNumber`), `b`, `true`.
    public var description: String {
        switch self {
        case .integer(let n): String(n)
        case .real(let x): formatNumber(Float(x))
        case .option(let i): ChoiceQuestion.letter(i)
        case .truth(let b): b ? "true" : "false"
        }
    }

    /// `description`, with true/false in the screen's language (`참`, `거짓`).
    public func display(_ language: Language) -> String {
        if case .truth(let b) = self { return TruthWords.name(b)[language] }
        return description
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) { self = .integer(n) }
        else if let x = try? c.decode(Double.self) { self = .real(x) }
        else if let b = try? c.decode(Bool.self) { self = .truth(b) }
        else {
            let text = try c.decode(String.self)
            guard text.count == 1, let scalar = text.unicodeScalars.first, ("a"..."z").contains(scalar) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number, true/false or an option letter, not '\(text)'")
            }
            self = .option(Int(scalar.value) - 97)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .integer(let n): try c.encode(n)
        case .real(let x):
            // The engine computes in Float: print its shortest decimal (0.1, not 0.10000000149).
            if x == x.rounded(), abs(x) < 1e15 { try c.encode(Int(x)) } else { try c.encode(Double(Float(x).description) ?? x) }
        case .option(let i): try c.encode(ChoiceQuestion.letter(i))
        case .truth(let b): try c.encode(b)
        }
    }
}

/// What kind of answer a question takes, for parsing what is typed.
public enum QuizAnswerFormat: Sendable, Equatable {
    /// A whole number ≥ 0 (`204,928` with thousands commas is read too).
    case whole
    /// Any real number.
    case real
    /// One of `count` options, by letter (`b`) or number (`2`).
    case option(count: Int)
    /// True or false (`t`/`f`, `true`/`false`, `y`/`n`, `o`/`x`, `참`/`거짓`).
    case truth

    /// Whether the answer is an option or true/false (not a number).
    public var isConceptual: Bool {
        switch self {
        case .whole, .real: false
        case .option, .truth: true
        }
    }
}

/// Why a question cannot be asked (the engine rejects it, or the cell lies outside the output).
public struct QuizQuestionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }
}

extension QuizQuestion {
    /// What kind of answer the question takes.
    public var answerFormat: QuizAnswerFormat {
        switch body {
        case .size, .chain, .params: .whole
        case .cell, .pool, .channels: .real
        case .choice(let q): .option(count: q.options.count)
        case .truefalse: .truth
        }
    }

    /// Whether the answer is a whole number (compared exactly).
    public var wantsInteger: Bool { answerFormat == .whole }

    /// Real answers are right within this distance of the engine's value.
    public static let tolerance = 1e-3

    /// The answer, computed by the engine: `AxisGeometry` for sizes, the layer specs'
    /// parameter counts, `ConvTrace`, `PoolTrace` and `ChannelTrace` for cells; the author's for `choice` and
    /// `truefalse`. Throws when the question cannot be answered (output smaller than 1, cell
    /// outside the output, an option that does not exist, …).
    public func expected() throws(QuizQuestionError) -> QuizValue {
        do {
            switch body {
            case .size(let q): return .integer(try q.geometry().outputSize)
            case .chain(let q): return .integer(try q.geometries().last!.outputSize)
            case .params(let q): return .integer(try q.paramCount())
            case .cell(let q): return .real(Double(try q.step().result))
            case .pool(let q): return .real(Double(try q.step().result))
            case .channels(let q): return .real(Double(try q.value()))
            case .choice(let q):
                guard ChoiceQuestion.optionCounts.contains(q.options.count) else {
                    throw QuizQuestionError("a choice question needs 2 to 5 options, not \(q.options.count)")
                }
                guard q.options.indices.contains(q.answer) else {
                    throw QuizQuestionError("the answer '\(ChoiceQuestion.letter(q.answer))' is not one of the \(q.options.count) options")
                }
                return .option(q.answer)
            case .truefalse(let q): return .truth(q.answer)
            }
        } catch let error as QuizQuestionError {
            throw error
        } catch {
            throw QuizQuestionError("\(error)")
        }
    }

    /// Whether `answer` is right: exactly for whole numbers, options and true/false, within
    /// `tolerance` for reals.
    public func isCorrect(_ answer: QuizValue, expected: QuizValue) -> Bool {
        switch expected {
        case .integer, .real: isCorrect(answer.doubleValue, expected: expected)
        case .option, .truth: answer == expected
        }
    }

    /// Whether a numeric `answer` is right: exactly for whole numbers, within `tolerance` for reals.
    public func isCorrect(_ answer: Double, expected: QuizValue) -> Bool {
        switch expected {
        case .integer(let n): answer == Double(n)
        case .real(let x): abs(answer - x) <= Self.tolerance
        case .option, .truth: false
        }
    }
}

extension SizeQuestion {
    /// The engine's geometry for these numbers.
    public func geometry() throws(CNNError) -> AxisGeometry {
        try AxisGeometry(input: n, kernel: k, stride: s, dilation: d, padding: p)
    }
}

extension ChainQuestion {
    /// One `AxisGeometry` per layer, each taking the previous output size as its input.
    public func geometries() throws -> [AxisGeometry] {
        var size = n
        var result: [AxisGeometry] = []
        for (index, layer) in layers.enumerated() {
            do {
                let g = try AxisGeometry(input: size, kernel: layer.k, stride: layer.stride, padding: layer.p)
                result.append(g)
                size = g.outputSize
            } catch {
                throw QuizQuestionError("layer \(index + 1) (\(layer.type.rawValue) k=\(layer.k)) on size \(size): \(error.description)")
            }
        }
        guard !result.isEmpty else { throw QuizQuestionError("a chain needs at least one layer") }
        return result
    }
}

extension ParamsQuestion {
    /// The layer as the engine describes it, with an input shape that fits.
    public var modelSpec: ModelSpec {
        switch self {
        case .conv(let k, let cIn, let cOut):
            ModelSpec(inputShape: [k, k, cIn], layers: [.conv2d(Conv2DSpec(filters: cOut, kernelSize: Size2(k)))])
        case .dense(let inputs, let units):
            ModelSpec(inputShape: [1, 1, inputs], layers: [.flatten, .dense(DenseSpec(units: units))])
        }
    }

    /// The parameter count from the engine's layer specs (`ModelSpec.layerInfos`).
    public func paramCount() throws(CNNError) -> Int {
        try modelSpec.layerInfos().last!.paramCount
    }
}

extension CellQuestion {
    public func trace() throws(CNNError) -> ConvTrace {
        try ConvTrace(input: input, kernel: kernel, padding: p, stride: s, mode: mode)
    }

    /// The traced output cell `(i, j)`.
    public func step() throws -> ConvStep {
        let t = try trace()
        guard i >= 0, j >= 0, i < t.output.rows, j < t.output.cols else {
            throw QuizQuestionError("cell (\(i), \(j)) is outside the \(t.output.rows)×\(t.output.cols) output")
        }
        return t.steps[i * t.output.cols + j]
    }
}

extension PoolQuestion {
    public func trace() throws(CNNError) -> PoolTrace {
        try PoolTrace(input: input, kind: pool, size: size, stride: stride)
    }

    /// The traced output cell `(i, j)`.
    public func step() throws -> PoolStep {
        let t = try trace()
        guard i >= 0, j >= 0, i < t.output.rows, j < t.output.cols else {
            throw QuizQuestionError("cell (\(i), \(j)) is outside the \(t.output.rows)×\(t.output.cols) output")
        }
        return t.steps[i * t.output.cols + j]
    }
}

extension ChannelsQuestion {
    /// The layer as the engine traces it: the asked filter first (map 1), then the others.
    public func trace() throws(CNNError) -> ChannelTrace {
        try ChannelTrace(inputs: inputs, kernels: [kernel] + others.map(\.kernel), biases: [bias] + others.map(\.bias))
    }

    /// Cell `(i, j)` of the asked filter's feature map.
    public func value() throws -> Float {
        let t = try trace()
        let map = t.outputs[0]
        guard i >= 0, j >= 0, i < map.rows, j < map.cols else {
            throw QuizQuestionError("cell (\(i), \(j)) is outside the \(map.rows)×\(map.cols) feature map")
        }
        return map[i, j]
    }
}

import CNN
import Terminal

/// The question's fields, flat, as in a lesson's `quiz` block and the `question` lines of
/// `stride quiz --plain --json`:
///
/// - `size`: `n`, `k`, `p` (int or `valid`/`same`/`full`, default valid), `s` (1), `d` (1)
/// - `chain`: `n`, `layers: [{type: conv|pool, k, p, s}]`
/// - `params`: `layer: conv` with `k`, `c_in`, `c_out`; or `layer: dense` with `inputs`, `units`
/// - `cell`: `input`, `kernel` (matrices), `mode` (correlate), `p` (valid), `s` (1), `i`, `j`
/// - `pool`: `input`, `pool: max|avg`, `size` (2), `s` (= size), `i`, `j`
/// - `channels`: `input` and `kernel` (one matrix per input channel), `bias` (0),
///   `other_filters` (optional: `[{kernel: [...], bias}]`), `i`, `j` (`ChannelsQuestion`)
///
/// plus an optional `text`; and the conceptual kinds, texts as `{en: …, ko: …}` (or one
/// string for both languages):
///
/// - `choice`: `question`, `options` (2–5, each `{en, ko}` with an optional `feedback: {en, ko}`
///   shown when it is picked and `diagnosis: CODE`), `answer` (a letter `a`…, or 1…5), `explain`
/// - `truefalse`: `question`, `answer` (true/false), `feedback` (shown when wrong), `diagnosis`, `explain`
///
/// Decoding checks ranges (naming the key) but not whether the
/// question can be answered; `QuizQuestion.expected()` does that with the engine.
extension QuizQuestion: Codable {
    /// Largest size, kernel, stride or dilation a question may state.
    public static let maxDimension = 4096
    /// Largest channel, unit or input count of a `params` question.
    public static let maxCount = 1_000_000

    /// Every key a question may carry, per kind (for "unknown key" messages).
    public static func keys(of kind: QuizKind) -> [String] {
        let common = ["kind", "text"]
        switch kind {
        case .size: return common + ["n", "k", "p", "s", "d"]
        case .chain: return common + ["n", "layers"]
        case .params: return common + ["layer", "k", "c_in", "c_out", "inputs", "units"]
        case .cell: return common + ["input", "kernel", "mode", "p", "s", "i", "j"]
        case .pool: return common + ["input", "pool", "size", "s", "i", "j"]
        case .channels: return common + ChannelsQuestion.keys
        case .choice: return ["kind", "question", "options", "answer", "explain"]
        case .truefalse: return ["kind", "question", "answer", "feedback", "diagnosis", "explain"]
        }
    }

    /// Longest text (a question, an option, feedback) in one language, in characters.
    public static let maxTextLength = 600

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        let kindText = try c.choice(SettingKey("kind"), default: "", in: QuizKind.allCases.map(\.rawValue))
        guard let kind = QuizKind(rawValue: kindText) else {
            throw SettingsProblem("kind", "missing: one of \(QuizKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let allowed = Self.keys(of: kind)
        if let unknown = c.allKeys.map(\.stringValue).first(where: { !allowed.contains($0) }) {
            throw SettingsProblem(unknown, "not a field of a \(kind.rawValue) question (fields: \(allowed.joined(separator: ", ")))")
        }
        text = try c.decodeIfPresent(String.self, forKey: SettingKey("text")).map { TerminalSafe.text(String($0.prefix(Self.maxTextLength))) }
        let dim = 1...Self.maxDimension
        switch kind {
        case .size:
            body = .size(SizeQuestion(
                n: try c.required("n", in: dim), k: try c.required("k", in: dim),
                p: try c.padding(SettingKey("p"), default: .valid),
                s: try c.integer(SettingKey("s"), default: 1, in: dim), d: try c.integer(SettingKey("d"), default: 1, in: dim)))
        case .chain:
            guard c.contains(SettingKey("layers")) else { throw SettingsProblem("layers", "missing: a list of {type: conv|pool, k, p, s}") }
            let layers = try c.decode([ChainQuestion.Layer].self, forKey: SettingKey("layers"))
            guard (1...8).contains(layers.count) else { throw SettingsProblem("layers", "expected 1 to 8 layers, not \(layers.count)") }
            body = .chain(ChainQuestion(n: try c.required("n", in: dim), layers: layers))
        case .params:
            let count = 1...Self.maxCount
            switch try c.choice(SettingKey("layer"), default: "", in: ["conv", "dense"]) {
            case "conv":
                body = .params(.conv(k: try c.required("k", in: 1...64), cIn: try c.required("c_in", in: count),
                                     cOut: try c.required("c_out", in: count)))
            case "dense":
                body = .params(.dense(inputs: try c.required("inputs", in: count), units: try c.required("units", in: count)))
            default:
                throw SettingsProblem("layer", "missing: conv or dense")
            }
        case .cell:
            let fallback = Matrix(rows: 1, cols: 1)
            guard c.contains(SettingKey("input")) else { throw SettingsProblem("input", "missing: a matrix such as \"1 2; 3 4\"") }
            guard c.contains(SettingKey("kernel")) else { throw SettingsProblem("kernel", "missing: a matrix such as \"1 0; 0 1\"") }
            let mode = try c.choice(SettingKey("mode"), default: "correlate", in: ConvMode.allCases.map(\.rawValue))
            body = .cell(CellQuestion(
                input: try c.matrix(SettingKey("input"), default: fallback),
                kernel: try c.matrix(SettingKey("kernel"), default: fallback, maxSize: SettingsLimits.maxKernel),
                mode: ConvMode(rawValue: mode) ?? .correlate,
                p: try c.padding(SettingKey("p"), default: .valid),
                s: try c.integer(SettingKey("s"), default: 1, in: 1...SettingsLimits.maxStride),
                i: try c.required("i", in: 0...SettingsLimits.maxInput), j: try c.required("j", in: 0...SettingsLimits.maxInput)))
        case .pool:
            guard c.contains(SettingKey("input")) else { throw SettingsProblem("input", "missing: a matrix such as \"1 2; 3 4\"") }
            let kindText = try c.choice(SettingKey("pool"), default: "max", in: ["max", "avg", "average"])
            let size = try c.integer(SettingKey("size"), default: 2, in: 1...SettingsLimits.maxKernel)
            body = .pool(PoolQuestion(
                input: try c.matrix(SettingKey("input"), default: Matrix(rows: 1, cols: 1)),
                pool: kindText == "max" ? .max : .average, size: size,
                s: c.contains(SettingKey("s")) ? try c.integer(SettingKey("s"), default: size, in: 1...SettingsLimits.maxStride) : nil,
                i: try c.required("i", in: 0...SettingsLimits.maxInput), j: try c.required("j", in: 0...SettingsLimits.maxInput)))
        case .channels:
            body = .channels(try ChannelsQuestion(from: c))
        case .choice:
            let question = try c.localized("question")
            guard c.contains(SettingKey("options")) else { throw SettingsProblem("options", "missing: a list of 2 to 5 options, each {en: …, ko: …}") }
            let options: [ChoiceQuestion.Option]
            do { options = try c.decode([OptionField].self, forKey: SettingKey("options")).map(\.option) }
            catch let problem as SettingsProblem { throw problem }
            catch { throw SettingsProblem("options", "expected a list of options, each {en: …, ko: …} (with optional feedback and diagnosis)") }
            guard ChoiceQuestion.optionCounts.contains(options.count) else {
                throw SettingsProblem("options", "a choice question needs 2 to 5 options, not \(options.count)")
            }
            let letters = options.indices.map(ChoiceQuestion.letter)
            let answer: Int
            if let letter = try? c.decode(String.self, forKey: SettingKey("answer")), let i = letters.firstIndex(of: letter.lowercased()) {
                answer = i
            } else if let n = try? c.decode(Int.self, forKey: SettingKey("answer")), (1...options.count).contains(n) {
                answer = n - 1
            } else {
                throw SettingsProblem("answer", c.contains(SettingKey("answer"))
                    ? "expected one of \(letters.joined(separator: ", ")) (or 1 to \(options.count))"
                    : "missing: the right option's letter (\(letters.joined(separator: ", ")))")
            }
            if options[answer].feedback != nil || options[answer].diagnosis != nil {
                throw SettingsProblem("answer", "option \(letters[answer]) is the right one, so it cannot carry feedback or a diagnosis (those are for wrong options)")
            }
            body = .choice(ChoiceQuestion(question, options: options, answer: answer, explain: try c.localizedIfPresent("explain")))
        case .truefalse:
            let question = try c.localized("question")
            guard let answer = try? c.decode(Bool.self, forKey: SettingKey("answer")) else {
                throw SettingsProblem("answer", c.contains(SettingKey("answer")) ? "expected true or false" : "missing: true or false")
            }
            body = .truefalse(TrueFalseQuestion(question, answer: answer, feedback: try c.localizedIfPresent("feedback"),
                                                diagnosis: try c.mistakeCode("diagnosis"), explain: try c.localizedIfPresent("explain")))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SettingKey.self)
        try c.encode(kind.rawValue, forKey: SettingKey("kind"))
        switch body {
        case .size(let q):
            try c.encode(q.n, forKey: SettingKey("n"))
            try c.encode(q.k, forKey: SettingKey("k"))
            try c.encode(PaddingField(q.p), forKey: SettingKey("p"))
            try c.encode(q.s, forKey: SettingKey("s"))
            try c.encode(q.d, forKey: SettingKey("d"))
        case .chain(let q):
            try c.encode(q.n, forKey: SettingKey("n"))
            try c.encode(q.layers, forKey: SettingKey("layers"))
        case .params(.conv(let k, let cIn, let cOut)):
            try c.encode("conv", forKey: SettingKey("layer"))
            try c.encode(k, forKey: SettingKey("k"))
            try c.encode(cIn, forKey: SettingKey("c_in"))
            try c.encode(cOut, forKey: SettingKey("c_out"))
        case .params(.dense(let inputs, let units)):
            try c.encode("dense", forKey: SettingKey("layer"))
            try c.encode(inputs, forKey: SettingKey("inputs"))
            try c.encode(units, forKey: SettingKey("units"))
        case .cell(let q):
            try c.encode(q.input.nestedRows, forKey: SettingKey("input"))
            try c.encode(q.kernel.nestedRows, forKey: SettingKey("kernel"))
            try c.encode(q.mode.rawValue, forKey: SettingKey("mode"))
            try c.encode(PaddingField(q.p), forKey: SettingKey("p"))
            try c.encode(q.s, forKey: SettingKey("s"))
            try c.encode(q.i, forKey: SettingKey("i"))
            try c.encode(q.j, forKey: SettingKey("j"))
        case .pool(let q):
            try c.encode(q.input.nestedRows, forKey: SettingKey("input"))
            try c.encode(q.pool == .max ? "max" : "avg", forKey: SettingKey("pool"))
            try c.encode(q.size, forKey: SettingKey("size"))
            try c.encode(q.stride, forKey: SettingKey("s"))
            try c.encode(q.i, forKey: SettingKey("i"))
            try c.encode(q.j, forKey: SettingKey("j"))
        case .channels(let q):
            try q.encode(into: &c)
        case .choice(let q):
            try c.encode(LocalizedField(q.question), forKey: SettingKey("question"))
            try c.encode(q.options.map(OptionField.init), forKey: SettingKey("options"))
            try c.encode(ChoiceQuestion.letter(q.answer), forKey: SettingKey("answer"))
            try c.encodeIfPresent(q.explain.map(LocalizedField.init), forKey: SettingKey("explain"))
        case .truefalse(let q):
            try c.encode(LocalizedField(q.statement), forKey: SettingKey("question"))
            try c.encode(q.answer, forKey: SettingKey("answer"))
            try c.encodeIfPresent(q.feedback.map(LocalizedField.init), forKey: SettingKey("feedback"))
            try c.encodeIfPresent(q.diagnosis?.rawValue, forKey: SettingKey("diagnosis"))
            try c.encodeIfPresent(q.explain.map(LocalizedField.init), forKey: SettingKey("explain"))
        }
    }
}

extension ChainQuestion.Layer: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        let allowed = ["type", "k", "p", "s"]
        if let unknown = c.allKeys.map(\.stringValue).first(where: { !allowed.contains($0) }) {
            throw SettingsProblem("layers", "'\(unknown)' is not a layer field (fields: type, k, p, s)")
        }
        let typeText = try c.choice(SettingKey("type"), default: "", in: ["conv", "pool"])
        guard let type = LayerType(rawValue: typeText) else { throw SettingsProblem("layers", "each layer needs type: conv or pool") }
        let k = try c.required("k", in: 1...QuizQuestion.maxDimension, reportAs: "layers")
        self.init(type: type, k: k, p: try c.padding(SettingKey("p"), default: .valid),
                  s: c.contains(SettingKey("s")) ? try c.integer(SettingKey("s"), default: 1, in: 1...QuizQuestion.maxDimension) : nil)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SettingKey.self)
        try c.encode(type.rawValue, forKey: SettingKey("type"))
        try c.encode(k, forKey: SettingKey("k"))
        try c.encode(PaddingField(p), forKey: SettingKey("p"))
        try c.encode(stride, forKey: SettingKey("s"))
    }
}

/// Padding as JSON/YAML: an integer, or `"valid"`, `"same"`, `"full"`.
struct PaddingField: Encodable {
    let padding: Padding
    init(_ padding: Padding) { self.padding = padding }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if case .explicit(let p) = padding { try c.encode(p) } else { try c.encode(padding.description) }
    }
}

extension KeyedDecodingContainer where Key == SettingKey {
    /// A required whole number in `range`.
    func required(_ name: String, in range: ClosedRange<Int>, reportAs: String? = nil) throws -> Int {
        guard contains(SettingKey(name)) else {
            throw SettingsProblem(reportAs ?? name, reportAs == nil ? "missing" : "each layer needs \(name)")
        }
        return try integer(SettingKey(name), default: range.lowerBound, in: range)
    }
}

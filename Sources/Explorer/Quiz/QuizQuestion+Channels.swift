import CNN

/// A `channels` question's fields, as in a lesson's `quiz` block or a quiz file:
///
///     kind: channels
///     input: ["1 0 2; 0 1 1; 2 1 0", "0 1 1; 1 0 2; 1 1 0"]   # one matrix per input channel
///     kernel: ["1 0; 0 1", "0 1; 1 0"]                       # the filter's slice per channel
///     bias: 1                                                # default 0
///     other_filters:                                         # optional: the layer's other filters
///       - {kernel: ["1 1; 0 0", "0 0; 1 1"], bias: -1}
///     i: 0
///     j: 1
///
/// Each matrix is a string (`"1 2; 3 4"`), rows of numbers (`[[1, 2], [3, 4]]`) or a number.
/// Every channel has the same size; each filter has one kernel per channel, all the same size.
extension ChannelsQuestion {
    static let keys = ["input", "kernel", "bias", "other_filters", "i", "j"]

    init(from c: KeyedDecodingContainer<SettingKey>) throws {
        let channels = 1...Self.maxChannels
        let inputs = try c.matrices("input", count: channels, maxSize: SettingsLimits.maxInput,
                                    what: "one matrix per input channel, such as [\"1 2; 3 4\", \"0 1; 1 0\"]")
        let kernel = try c.matrices("kernel", count: channels, maxSize: SettingsLimits.maxKernel,
                                    what: "one kernel per input channel, such as [\"1 0; 0 1\", \"0 1; 1 0\"]")
        if let other = inputs.first(where: { $0.rows != inputs[0].rows || $0.cols != inputs[0].cols }) {
            throw SettingsProblem("input", "every channel must have the same size: \(Self.shape(inputs[0])) and \(Self.shape(other))")
        }
        func checkSlices(_ slices: [Matrix], key: String, name: String) throws {
            guard slices.count == inputs.count else {
                throw SettingsProblem(key, "\(name) has \(counted(slices.count, "kernel")) for \(counted(inputs.count, "input channel")): give one per channel")
            }
            if let other = slices.first(where: { $0.rows != kernel[0].rows || $0.cols != kernel[0].cols }) {
                throw SettingsProblem(key, "every kernel must have the same size: \(Self.shape(kernel[0])) and \(Self.shape(other))")
            }
        }
        try checkSlices(kernel, key: "kernel", name: "the filter")
        var others: [Filter] = []
        if c.contains(SettingKey("other_filters")) {
            let fields: [OtherFilterField]
            do { fields = try c.decode([OtherFilterField].self, forKey: SettingKey("other_filters")) }
            catch let problem as SettingsProblem { throw problem }
            catch { throw SettingsProblem("other_filters", "expected a list of {kernel: [one matrix per channel], bias: number}") }
            guard fields.count < Self.maxChannels else {
                throw SettingsProblem("other_filters", "at most \(Self.maxChannels - 1) other filters, not \(fields.count)")
            }
            for (n, field) in fields.enumerated() {
                try checkSlices(field.filter.kernel, key: "other_filters", name: "filter \(n + 2)")
                others.append(field.filter)
            }
        }
        self.init(inputs: inputs, kernel: kernel, bias: try c.number(SettingKey("bias"), default: 0), others: others,
                  i: try c.required("i", in: 0...SettingsLimits.maxInput), j: try c.required("j", in: 0...SettingsLimits.maxInput))
    }

    func encode(into c: inout KeyedEncodingContainer<SettingKey>) throws {
        try c.encode(inputs.map(\.nestedRows), forKey: SettingKey("input"))
        try c.encode(kernel.map(\.nestedRows), forKey: SettingKey("kernel"))
        try c.encode(bias, forKey: SettingKey("bias"))
        if !others.isEmpty { try c.encode(others.map(OtherFilterField.init), forKey: SettingKey("other_filters")) }
        try c.encode(i, forKey: SettingKey("i"))
        try c.encode(j, forKey: SettingKey("j"))
    }

    static func shape(_ m: Matrix) -> String { "\(m.rows)×\(m.cols)" }

    // MARK: Text

    /// `2 input channels of 3×3, a 2×2 kernel per channel (w1.1, w1.2) and bias 1 (…). What is
    /// cell [0, 1] of the filter's feature map y1 (counting from 0)?` (`y2`, … are the other
    /// filters' maps, as the diagnoses' working names them.)
    var prompt: Localized {
        let x = inputs[0], w = kernel[0]
        let names = kernel.indices.map { "w1.\($0 + 1)" }.joined(separator: ", ")
        let b = formatNumber(bias)
        let layer = others.isEmpty ? Localized(en: "", ko: "")
            : Localized(en: " The layer has \(counted(others.count + 1, "filter")); this one is filter 1.",
                        ko: " 이 층의 필터는 \(others.count + 1)개이고, 묻는 것은 필터 1입니다.")
        return Localized(
            en: "\(counted(inputs.count, "input channel")) of \(Self.shape(x)) (ch 1…), one \(Self.shape(w)) kernel per channel (\(names)) and bias \(b).\(layer.en) What is cell [\(i), \(j)] of the filter's feature map y1 (counting from 0)?",
            ko: "\(Self.shape(x)) 입력 채널 \(inputs.count)개(채널 1…), 채널마다 \(Self.shape(w)) 커널 하나(\(names)), 절편 \(b).\(layer.ko) 이 필터의 특성 맵 y1의 [\(i), \(j)] 칸의 값은? (0부터 셈)")
    }

    /// The channels, then each filter's kernels (`w1.2`: filter 1's kernel for channel 2), then
    /// the other filters' biases.
    func figures(_ language: Language) -> [(caption: String, lines: [String])] {
        let channel = Localized(en: "ch", ko: "채널")[language]
        var figures = inputs.enumerated().map { ("\(channel) \($0.offset + 1)", matrixLines($0.element)) }
        for (f, slices) in ([kernel] + others.map(\.kernel)).enumerated() {
            figures += slices.enumerated().map { ("w\(f + 1).\($0.offset + 1)", matrixLines($0.element)) }
        }
        if !others.isEmpty {
            let biases = ([bias] + others.map(\.bias)).enumerated().map { "b\($0.offset + 1) = \(formatNumber($0.element))" }
            figures.append((Localized(en: "biases", ko: "절편")[language], biases))
        }
        return figures
    }

    /// Each channel's window and its sum, then the channel sums and the bias added up.
    func worked(_ language: Language) -> [String] {
        guard let trace = try? trace(), (try? value()) != nil else { return [] }
        let cell = i * trace.outputs[0].cols + j
        let channel = Localized(en: "ch", ko: "채널")[language]
        var lines = [Localized(en: "one window per channel, multiplied by that channel's kernel:",
                               ko: "채널마다 창 하나에 그 채널의 커널을 곱합니다:")[language]]
        var sums: [String] = []
        for (c, slice) in trace.slices[0].enumerated() {
            let step = slice.steps[cell]
            lines.append("\(channel) \(c + 1): \(step.equation(times: "·"))")
            sums.append(step.sum < 0 ? "(\(formatNumber(step.sum)))" : formatNumber(step.sum))
        }
        // The same line as the diagnoses' "right: …" (`Diagnosis.channelMistakes`), so a wrong
        // answer's feedback does not write it twice.
        let parts = sums + (bias != 0 ? [bias < 0 ? "(\(formatNumber(bias)))" : formatNumber(bias)] : [])
        let terms = parts.count > 1 ? "\(parts.joined(separator: " + ")) = " : ""
        lines.append("y1[\(i),\(j)] = \(terms)\(formatNumber(trace.outputs[0][i, j]))")
        return lines
    }
}

/// One of the layer's other filters: `{kernel: [one matrix per channel], bias: number}`.
struct OtherFilterField: Codable {
    let filter: ChannelsQuestion.Filter
    init(_ filter: ChannelsQuestion.Filter) { self.filter = filter }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        if let unknown = c.allKeys.map(\.stringValue).first(where: { !["kernel", "bias"].contains($0) }) {
            throw SettingsProblem("other_filters", "'\(unknown)' is not a filter field (fields: kernel, bias)")
        }
        guard c.contains(SettingKey("kernel")) else { throw SettingsProblem("other_filters", "each filter needs kernel: one matrix per channel") }
        let kernel: [Matrix]
        do {
            kernel = try c.matrices("kernel", count: 1...ChannelsQuestion.maxChannels, maxSize: SettingsLimits.maxKernel,
                                    what: "one matrix per input channel")
        } catch let problem as SettingsProblem {
            throw SettingsProblem("other_filters", "kernel: \(problem.message)")
        }
        let bias: Float
        do { bias = try c.number(SettingKey("bias"), default: 0) } catch let problem as SettingsProblem {
            throw SettingsProblem("other_filters", "bias: \(problem.message)")
        }
        filter = ChannelsQuestion.Filter(kernel: kernel, bias: bias)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SettingKey.self)
        try c.encode(filter.kernel.map(\.nestedRows), forKey: SettingKey("kernel"))
        try c.encode(filter.bias, forKey: SettingKey("bias"))
    }
}

/// One matrix of a list: `"1 2; 3 4"`, `[[1, 2], [3, 4]]` or a number.
private struct MatrixField: Decodable {
    let matrix: Matrix

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) {
            matrix = try Matrix(parsing: text)
        } else if let rows = try? c.decode([[Float]].self) {
            matrix = try Matrix(rows)
        } else if let number = try? c.decode(Float.self) {
            matrix = Matrix(rows: 1, cols: 1, values: [number])
        } else {
            throw SettingsProblem(nil, "expected a matrix such as \"1 2; 3 4\" or [[1, 2], [3, 4]]")
        }
    }
}

extension KeyedDecodingContainer where Key == SettingKey {
    /// A required list of `count` matrices, each at most `maxSize` on a side; `what` says
    /// what the list holds when it is missing or not a list.
    func matrices(_ name: String, count: ClosedRange<Int>, maxSize: Int, what: String) throws -> [Matrix] {
        let key = SettingKey(name)
        guard contains(key) else { throw SettingsProblem(name, "missing: \(what)") }
        let list: [Matrix]
        do {
            list = try decode([MatrixField].self, forKey: key).map(\.matrix)
        } catch let error as CNNError {
            throw SettingsProblem(name, error.description)
        } catch let problem as SettingsProblem {
            throw SettingsProblem(name, problem.message)
        } catch {
            throw SettingsProblem(name, "expected a list: \(what)")
        }
        guard count.contains(list.count) else {
            throw SettingsProblem(name, "expected \(count.lowerBound) to \(count.upperBound) matrices, not \(list.count)")
        }
        if let (n, m) = list.enumerated().first(where: { $0.element.rows > maxSize || $0.element.cols > maxSize }) {
            throw SettingsProblem(name, "matrix \(n + 1) is \(ChannelsQuestion.shape(m)), too large: at most \(maxSize)×\(maxSize) here")
        }
        return list
    }
}

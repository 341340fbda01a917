import CNN
import Terminal

/// Channels and filters: a C-channel input meets a filter of C kernel slices; each slice's
/// window products are summed per channel, the channel sums and one bias make one value of
/// the filter's feature map; F filters stack F maps into the output's depth. Steps go
/// through filter 1's cells, then filter 2's, …; the parameter count is written out.
/// Every number comes from the engine's `ChannelTrace`. Step 0 places no window. Predict
/// mode asks each value of each map before it is shown.
public struct ChannelsScene: Screen {
    public let trace: ChannelTrace
    public let language: Language
    public private(set) var stepper: Stepper
    /// Predict mode (nil: the normal mode); `revealed` counts values, filter by filter.
    public private(set) var predict: PredictProgress?

    public init(settings: ChannelsSettings = ChannelsSettings(), language: Language = .en, predict: Bool = false) throws(CNNError) {
        if predict { self.predict = PredictProgress(asksSize: false) }
        trace = try settings.trace()
        self.language = language
        stepper = Stepper(count: trace.kernels.count * cellCount(trace))
    }

    public var title: String { Localized(en: "Channels and filters", ko: "채널과 필터")[language] }
    public var status: String { predict?.status(language, then: stepper.status(language)) ?? stepper.status(language) }
    public var bindings: [KeyBinding] { predict?.bindings(question) ?? Stepper.bindings }
    public var tickInterval: Duration? { stepper.tickInterval }
    public var wantsText: Bool { predict?.wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predict?.cursor(question, language: language) }

    /// Predict mode's open question: value `revealed` (filter by filter, row-major).
    public var question: PredictQuestion? {
        guard let predict, predict.revealed < stepper.count else { return nil }
        let (f, cell) = (predict.revealed / cells, predict.revealed % cells)
        let map = trace.outputs[f]
        return PredictQuestion(Localized(en: cellName("map\(f + 1)", cell / map.cols, cell % map.cols),
                                         ko: cellName("맵 \(f + 1)", cell / map.cols, cell % map.cols)), .value(map.values[cell]))
    }

    func hint(_ guess: PredictGuess) -> Localized {
        guard case .value(let x) = guess, let predict else { return "" }
        return PredictFeedback.channels(trace, filter: predict.revealed / cells, cell: predict.revealed % cells, guess: x)
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        predict?.observe(message)
        if var predict, let question {
            let routing = predict.route(message, question: question, hint: hint)
            self.predict = predict
            if routing == .advance { stepper.set(step: predict.revealed) }
            return .none
        }
        _ = stepper.handle(message)
        return .none
    }

    var cells: Int { cellCount(trace) }
    /// The value whose windows are placed: step `k ≥ 1` shows value `k − 1`, predict mode the
    /// value asked; nil at step 0 (no window yet).
    var placed: Int? {
        if question != nil, let predict { return predict.revealed }
        return stepper.step > 0 ? stepper.step - 1 : nil
    }
    /// The (filter, output cell) shown: value `k` is cell `k mod cells` of filter `k / cells`.
    var focus: (filter: Int, cell: Int) { let k = placed ?? 0; return (k / cells, k % cells) }

    var grids: GridRow {
        let l = language
        let (f, cell) = focus
        var items: [(title: String, grid: GridView)] = []
        for (c, x) in trace.inputs.enumerated() {
            var styles: [GridPosition: Style] = [:]
            let step = trace.slices[f][c].steps[cell]
            let n = trace.kernels[f][c].cols
            for (t, term) in (placed == nil ? [] : step.terms).enumerated() { styles[GridPosition(row: term.inputRow, col: term.inputCol)] = ConvPanel.rowStyle(t / n) }
            items.append(("\(Localized(en: "ch", ko: "채널")[l]) \(c + 1)", GridView(cells: x.nestedRows.map { $0.map { formatNumber($0) } }, styles: styles)))
        }
        for (c, w) in trace.kernels[f].enumerated() {
            var styles: [GridPosition: Style] = [:]
            for u in 0..<w.rows { for v in 0..<w.cols { styles[GridPosition(row: u, col: v)] = ConvPanel.rowStyle(u) } }
            items.append(("w\(f + 1).\(c + 1)", GridView(cells: w.nestedRows.map { $0.map { formatNumber($0) } }, styles: styles)))
        }
        return GridRow(items: items, gap: 2, densities: [.roomy, .compact, .lineless])
    }

    var maps: GridRow {
        let l = language
        let (f, cell) = focus
        let perMap = cells
        let step = stepper.step
        let width = trace.outputs.flatMap(\.values).map { formatNumber($0).count }.max()
        var items: [(title: String, grid: GridView)] = []
        for (g, map) in trace.outputs.enumerated() {
            let cols = map.cols
            var texts: [[String]] = []
            for r in 0..<map.rows {
                var row: [String] = []
                for c in 0..<cols {
                    let index: Int = g * perMap + r * cols + c
                    row.append(index < step ? formatNumber(map[r, c]) : "")
                }
                texts.append(row)
            }
            var styles: [GridPosition: Style] = [:]
            if placed != nil && g == f { styles[GridPosition(row: cell / cols, col: cell % cols)] = Palette.current }
            let title = "\(Localized(en: "map", ko: "특성 맵")[l]) \(g + 1) (b=\(formatNumber(trace.biases[g])))"
            items.append((title, GridView(cells: texts, styles: styles, cellWidth: width)))
        }
        return GridRow(items: items, gap: 3, densities: [.roomy, .compact, .lineless])
    }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predict != nil)
        if let promptArea { predict?.render(question, language: language, into: &buffer, area: promptArea) }
        let l = language
        let inner = area.inset(left: 1, right: 1)
        let x = trace.inputs[0], k = trace.kernels[0][0]
        let (C, F) = (trace.inputs.count, trace.kernels.count)
        buffer.writeLine(Localized(
            en: "input \(x.rows)×\(x.cols)×\(C) · \(counted(F, "filter")) of \(k.rows)×\(k.cols)×\(C) · parameters = \(k.rows)·\(k.cols)·\(C)·\(F) + \(F) = \(trace.parameterCount)",
            ko: "입력 \(x.rows)×\(x.cols)×\(C) · 필터 \(F)개 (\(k.rows)×\(k.cols)×\(C)) · 파라미터 = \(k.rows)·\(k.cols)·\(C)·\(F) + \(F) = \(trace.parameterCount)")[l],
                     x: inner.x, y: inner.y, width: inner.width)
        var lines: [StyledLine] = []
        let (f, cell) = focus
        if let question {
            lines.append(StyledLine(Localized(
                en: "\(question.label[l]) = ?  In each channel multiply the highlighted window by its kernel slice w\(f + 1).c, add all the products, then the bias b.",
                ko: "\(question.label[l]) = ?  채널마다 강조된 창에 커널 조각 w\(f + 1).c를 곱해 모두 더하고 절편 b를 더하세요.")[l], style: Palette.note))
        } else if stepper.step == 0 {
            lines.append(StyledLine(Localized(en: "Press → to compute filter 1's first value: one window per channel, summed.",
                                              ko: "→ 키를 누르면 필터 1의 첫 값을 계산합니다: 채널마다 창 하나, 모두 더합니다.")[l], style: Palette.note))
        } else {
            var sums: [String] = []
            for c in 0..<C {
                let step = trace.slices[f][c].steps[cell]
                let n = k.cols
                var spans = [Span("\(Localized(en: "ch", ko: "채널 ")[l])\(c + 1): ", style: Style(bold: true))]
                for (t, term) in step.terms.enumerated() {
                    if t > 0 { spans.append(Span(" + ")) }
                    spans.append(Span(ConvPanel.product(term), style: ConvPanel.rowStyle(t / n)))
                }
                spans.append(Span(" = \(formatNumber(step.sum))"))
                lines.append(StyledLine(spans))
                sums.append(step.sum < 0 ? "(\(formatNumber(step.sum)))" : formatNumber(step.sum))
            }
            let value = trace.outputs[f].values[cell]
            let bias = trace.biases[f]
            lines.append(StyledLine([Span("\(Localized(en: "map", ko: "맵 ")[l])\(f + 1)[\(cell / trace.outputs[f].cols),\(cell % trace.outputs[f].cols)] = \(sums.joined(separator: " + ")) + (\(formatNumber(bias))) = "),
                                     Span(formatNumber(value), style: Palette.current)]))
        }
        // The channels and kernels get every row the arithmetic and the maps (densest) leave.
        var y = inner.y + 2
        let mapRows = maps.height(.lineless)
        let textRows = Text(lines: lines).height(forWidth: max(1, inner.width), charset: buffer.charset)
        y += grids.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y - textRows - mapRows - 2))) + 1
        let textArea = Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y - mapRows - 1))
        Text(lines: lines).render(in: textArea, buffer: &buffer)
        y += min(textArea.height, Text(lines: lines).height(forWidth: inner.width, charset: buffer.charset)) + 1
        maps.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)))
    }

    public var contentSize: (width: Int, height: Int) {
        (max(grids.width(.roomy), maps.width(.roomy)) + 2, grids.height(.roomy) + maps.height(.roomy) + 10 + (predict == nil ? 0 : PredictPrompt.rows))
    }
}

private func cellCount(_ trace: ChannelTrace) -> Int { trace.outputs[0].rows * trace.outputs[0].cols }

/// The channels scene's settings: `channels` (1–4, default 3), `filters` (1–4, default 2),
/// `size` (input side, 2–6, default 4), `kernel_size` (1–3, default 3, at most `size`),
/// `seed` (the engine's generator picks small whole numbers; default 1).
public struct ChannelsSettings: SceneSettings, Equatable {
    public var channels = 3, filters = 2, size = 4, kernelSize = 3
    public var seed: UInt64 = 1

    public static let settings: [SettingSpec] = [.channels, .filters, .inputSize, .kernelSize, .exampleSeed]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        channels = try c.integer(.channels, default: 3)
        filters = try c.integer(.filters, default: 2)
        size = try c.integer(.inputSize, default: 4)
        kernelSize = try c.integer(.kernelSize, default: 3)
        seed = UInt64(try c.integer(.exampleSeed, default: 1))
    }

    public func validate() throws(SettingsProblem) {
        guard kernelSize <= size else { throw SettingsProblem("kernel_size", "\(kernelSize) is larger than the input size \(size)") }
    }

    public func trace() throws(CNNError) -> ChannelTrace {
        try ChannelTrace.example(channels: channels, filters: filters, size: size, kernelSize: kernelSize, seed: seed)
    }
}

extension ChannelsScene {
    public static let entry = ScreenEntry.checkedScene(
        "channels", Predictable<ChannelsSettings>.self,
        title: Localized(en: "Channels and filters", ko: "채널과 필터"),
        summary: Localized(en: "3 channels summed with one bias; filters stack into depth",
                           ko: "3채널을 더하고 절편 하나를 더해 한 값; 필터가 깊이를 쌓습니다")
    ) { settings, language throws(CNNError) in try ChannelsScene(settings: settings.base, language: language, predict: settings.predict) }
}

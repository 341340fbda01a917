import CNN
import Terminal

/// Max and average pooling side by side on the same input, one window per step: the window
/// on the input, the maximum it picks (the argmax mask: marked `▲` and coloured), the
/// average's arithmetic, and both outputs filling in. Every number comes from `PoolTrace`.
/// Step 0 places no window. Predict mode asks each window's max, then its average.
public struct PoolingScene: Screen {
    public let settings: PoolingSettings
    public let language: Language
    public let maxTrace: PoolTrace
    public let averageTrace: PoolTrace
    public private(set) var stepper: Stepper
    /// Predict mode (nil: the normal mode). Its `revealed` counts questions: window
    /// `revealed / 2`'s max when even, its average when odd.
    public private(set) var predict: PredictProgress?

    public init(settings: PoolingSettings = PoolingSettings(), language: Language = .en, predict: Bool = false) throws(CNNError) {
        if predict { self.predict = PredictProgress(asksSize: false) }
        self.settings = settings
        self.language = language
        maxTrace = try settings.trace(.max)
        averageTrace = try settings.trace(.average)
        stepper = Stepper(count: maxTrace.steps.count)
    }

    public var title: String { Localized(en: "Pooling", ko: "풀링")[language] }
    public var status: String { predict?.status(language, then: stepper.status(language)) ?? stepper.status(language) }
    public var bindings: [KeyBinding] { predict?.bindings(question) ?? Stepper.bindings }
    public var tickInterval: Duration? { stepper.tickInterval }
    public var wantsText: Bool { predict?.wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predict?.cursor(question, language: language) }

    /// Predict mode's open question: window `revealed / 2`'s max, then its average.
    public var question: PredictQuestion? {
        guard let predict, predict.revealed < 2 * maxTrace.steps.count else { return nil }
        let (trace, prefix) = predict.revealed % 2 == 0 ? (maxTrace, "max") : (averageTrace, "avg")
        let s = trace.steps[predict.revealed / 2]
        return PredictQuestion(cellName(prefix, s.outputRow, s.outputCol), .value(s.result))
    }

    func hint(_ guess: PredictGuess) -> Localized {
        guard case .value(let x) = guess, let predict else { return "" }
        let (trace, prefix) = predict.revealed % 2 == 0 ? (maxTrace, "max") : (averageTrace, "avg")
        return PredictFeedback.pool(trace, index: predict.revealed / 2, guess: x, prefix: prefix)
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        predict?.observe(message)
        if var predict, let question {
            let routing = predict.route(message, question: question, hint: hint)
            self.predict = predict
            if routing == .advance { stepper.set(step: predict.revealed / 2) }
            return .none
        }
        _ = stepper.handle(message)
        return .none
    }

    /// The window shown: output `step − 1`, or the one asked in predict mode; nil at step 0.
    var window: Int? {
        if question != nil, let predict { return predict.revealed / 2 }
        return stepper.step > 0 ? stepper.step - 1 : nil
    }
    var current: Int { window ?? 0 }
    /// Whether the window's max is shown (▲): always, except while predict mode asks it.
    var showsMax: Bool { window != nil && (question == nil || (predict?.revealed ?? 0) % 2 == 1) }

    var grids: GridRow {
        let l = language
        let g = maxTrace.geometry
        let step = maxTrace.steps[current]
        var styles: [GridPosition: Style] = [:]
        var cells = settings.input.nestedRows.map { $0.map { formatNumber($0) } }
        if window != nil {
            for cell in step.cells { styles[GridPosition(row: cell.row, col: cell.col)] = Palette.window }
        }
        if showsMax {
            let best = step.cells[step.argmax]
            styles[GridPosition(row: best.row, col: best.col)] = Palette.accent
            cells[best.row][best.col] += "▲"
        }
        let width = settings.input.values.map { formatNumber($0).count }.max()! + 1
        func output(_ t: PoolTrace) -> GridView {
            let cols = g.outputCols
            // Outputs shown: the steps done, and in predict mode the max once answered.
            let shown = question == nil ? stepper.step : current + (t.kind == .max && showsMax ? 1 : 0)
            let cells = (0..<g.outputRows).map { r in
                (0..<cols).map { c in r * cols + c < shown ? formatNumber(t.steps[r * cols + c].result) : "" }
            }
            var styles: [GridPosition: Style] = [:]
            if window != nil { styles[GridPosition(row: step.outputRow, col: step.outputCol)] = Palette.current }
            return GridView(cells: cells, styles: styles, cellWidth: t.output.values.map { formatNumber($0).count }.max())
        }
        return GridRow(items: [
            ("\(Localized(en: "Input", ko: "입력")[l]) \(settings.input.rows)×\(settings.input.cols)",
             GridView(cells: cells, styles: styles, cellWidth: width)),
            ("\(Localized(en: "Max", ko: "최대")[l]) \(g.outputRows)×\(g.outputCols)", output(maxTrace)),
            ("\(Localized(en: "Average", ko: "평균")[l]) \(g.outputRows)×\(g.outputCols)", output(averageTrace)),
        ])
    }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predict != nil)
        if let promptArea { predict?.render(question, language: language, into: &buffer, area: promptArea) }
        let l = language
        let inner = area.inset(left: 1, right: 1)
        let g = maxTrace.geometry
        let stride = g.rows.stride
        let header = Localized(
            en: "window \(settings.size)×\(settings.size) · stride \(stride) · padding \(settings.padding)",
            ko: "창 \(settings.size)×\(settings.size) · 스트라이드 \(stride) · 패딩 \(settings.padding)")[l]
        buffer.writeLine(header, x: inner.x, y: inner.y, width: inner.width)
        var y = inner.y + 2
        let textRows = 6
        y += grids.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: max(0, min(inner.maxY - y, max(3, inner.maxY - y - textRows))))) + 1
        var lines: [StyledLine] = []
        if let question {
            let rule = question.label.en.hasPrefix("max")
                ? Localized(en: "Keep the largest value in the highlighted window.", ko: "강조된 창에서 가장 큰 값을 남기세요.")
                : Localized(en: "Add the highlighted window's values and divide by their count.", ko: "강조된 창의 값을 더해 개수로 나누세요.")
            lines.append(StyledLine("\(question.label[l]) = ?  " + rule[l], style: Palette.note))
        } else if stepper.step == 0 {
            lines.append(StyledLine(Localized(en: "Press → to place the window and pool the first cells.",
                                              ko: "→ 키를 누르면 창을 놓고 첫 칸을 풀링합니다.")[l], style: Palette.note))
        } else {
            let m = maxTrace.steps[current], a = averageTrace.steps[current]
            lines.append(StyledLine([Span("max[\(m.outputRow),\(m.outputCol)] = "), Span(m.equation, style: Style(bold: true)),
                                     Span("   ▲ = " + Localized(en: "the cell max pooling keeps", ko: "최대 풀링이 고른 칸")[l], style: Palette.note)]))
            lines.append(StyledLine([Span("avg[\(a.outputRow),\(a.outputCol)] = "), Span(a.equation, style: Style(bold: true))]))
        }
        let name = Localized(en: "output size", ko: "출력 크기")[l]
        lines.append(StyledLine("\(name): \(g.rows.compactFormula)"))
        if g.rows != g.cols { lines.append(StyledLine("\(name) (\(Localized(en: "cols", ko: "열")[l])): \(g.cols.compactFormula)")) }
        lines.append(StyledLine(""))
        lines.append(StyledLine(Localized(
            en: "Pooling has no weights: it keeps the strongest (max) or the mean (average) of each window, shrinking the map so later layers see more of the image at once.",
            ko: "풀링에는 가중치가 없습니다. 창마다 가장 큰 값(최대) 또는 평균을 남겨 특성 맵을 줄이므로, 다음 층은 이미지를 더 넓게 봅니다.")[l], style: Palette.note))
        if settings.padding == .same {
            lines.append(StyledLine(Localized(en: "With same padding, windows at the edge average only the real cells (as Keras does).",
                                              ko: "same 패딩에서는 가장자리 창의 평균을 실제 칸만으로 냅니다(케라스와 같음).")[l], style: Palette.note))
        }
        Text(lines: lines).render(in: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)), buffer: &buffer)
    }

    public var contentSize: (width: Int, height: Int) {
        let row = grids
        return (row.width(.roomy) + 2, row.height(.roomy) + 9 + (predict == nil ? 0 : PredictPrompt.rows))
    }
}

extension PoolingScene {
    public static let entry = ScreenEntry.checkedScene(
        "pooling", Predictable<PoolingSettings>.self,
        title: Localized(en: "Pooling", ko: "풀링"),
        summary: Localized(en: "max and average pooling side by side, window by window",
                           ko: "최대 풀링과 평균 풀링을 창마다 나란히 봅니다")
    ) { settings, language throws(CNNError) in try PoolingScene(settings: settings.base, language: language, predict: settings.predict) }
}

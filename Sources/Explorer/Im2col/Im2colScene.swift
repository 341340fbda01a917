import CNN
import Terminal

/// Convolution as one matrix product (im2col): each window of the input becomes a row of
/// the patch matrix, the kernel becomes a column, and patch row k · kernel column is output
/// cell k — the same feature map the sliding kernel makes. Step k highlights window k, its
/// patch row and the output it gives. The matrices come from the engine's trace
/// (`patchMatrix`, `kernelColumn`). The patch matrix fills in row by row as windows are
/// unrolled (step 0: none yet). Predict mode asks each output before it is shown.
public struct Im2colScene: Screen {
    public let trace: ConvTrace
    public let language: Language
    public private(set) var stepper: Stepper
    /// Predict mode (nil: the normal mode); `revealed` counts outputs.
    public private(set) var predict: PredictProgress?

    public init(settings: ConvSettings = ConvSettings(), language: Language = .en, predict: Bool = false) throws(CNNError) {
        if predict { self.predict = PredictProgress(asksSize: false) }
        self.trace = try settings.trace()
        self.language = language
        stepper = Stepper(count: trace.steps.count)
    }

    public var title: String { "im2col" }
    public var status: String { predict?.status(language, then: stepper.status(language)) ?? stepper.status(language) }
    public var bindings: [KeyBinding] { predict?.bindings(question) ?? Stepper.bindings }
    public var tickInterval: Duration? { stepper.tickInterval }
    public var wantsText: Bool { predict?.wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predict?.cursor(question, language: language) }

    /// Predict mode's open question: output `revealed` (patch row `revealed + 1` · w).
    public var question: PredictQuestion? {
        guard let predict, predict.revealed < trace.steps.count else { return nil }
        let s = trace.steps[predict.revealed]
        return PredictQuestion(cellName("out", s.outputRow, s.outputCol), .value(s.result))
    }

    func hint(_ guess: PredictGuess) -> Localized {
        guard case .value(let x) = guess, let predict else { return "" }
        return PredictFeedback.conv(trace, index: predict.revealed, guess: x)
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

    /// The window unrolled last: output `step − 1`, or the one asked; nil at step 0.
    var placed: Int? {
        if question != nil, let predict { return predict.revealed }
        return stepper.step > 0 ? stepper.step - 1 : nil
    }
    var current: Int { placed ?? 0 }
    /// Patch rows filled in: every window unrolled so far.
    var unrolled: Int { placed.map { $0 + 1 } ?? 0 }

    var grids: GridRow {
        let l = language
        let g = trace.geometry
        let taps = trace.kernelColumn.rows
        let n = trace.appliedKernel.cols
        let step = trace.steps[current]
        // The padded input with the window.
        var inputStyles: [GridPosition: Style] = [:]
        let input = (0..<g.rows.paddedSize).map { r in
            (0..<g.cols.paddedSize).map { c in trace.inputValue(paddedRow: r, paddedCol: c).map { formatNumber($0) } ?? "0" }
        }
        for r in 0..<g.rows.paddedSize { for c in 0..<g.cols.paddedSize where trace.inputValue(paddedRow: r, paddedCol: c) == nil {
            inputStyles[GridPosition(row: r, col: c)] = Palette.padding
        } }
        for (t, term) in (placed == nil ? [] : step.terms).enumerated() { inputStyles[GridPosition(row: term.paddedRow, col: term.paddedCol)] = ConvPanel.rowStyle(t / n) }
        // The patch matrix, the current row in the window's colours.
        let patches = trace.patchMatrix
        var patchStyles: [GridPosition: Style] = [:]
        if placed != nil { for t in 0..<taps { patchStyles[GridPosition(row: current, col: t)] = ConvPanel.rowStyle(t / n) } }
        // Rows not unrolled yet stay blank, as wide as they will be.
        let patchCells = (0..<patches.rows).map { k in (0..<patches.cols).map { t in k < unrolled ? formatNumber(patches[k, t]) : "" } }
        let patchWidth = patches.values.map { formatNumber($0).count }.max()
        var kernelStyles: [GridPosition: Style] = [:]
        for t in 0..<taps { kernelStyles[GridPosition(row: t, col: 0)] = ConvPanel.rowStyle(t / n) }
        let column = (0..<trace.steps.count).map { k in [k < stepper.step ? formatNumber(trace.steps[k].result) : ""] }
        var outputStyles: [GridPosition: Style] = [:]
        if placed != nil { outputStyles[GridPosition(row: current, col: 0)] = Palette.current }
        let map = (0..<g.outputRows).map { r in
            (0..<g.outputCols).map { c in r * g.outputCols + c < stepper.step ? formatNumber(trace.steps[r * g.outputCols + c].result) : "" }
        }
        var mapStyles: [GridPosition: Style] = [:]
        if placed != nil { mapStyles[GridPosition(row: step.outputRow, col: step.outputCol)] = Palette.current }
        let resultWidth = trace.output.values.map { formatNumber($0).count }.max()
        func cells(_ m: Matrix) -> [[String]] { m.nestedRows.map { $0.map { formatNumber($0) } } }
        return GridRow(items: [
            ("\(Localized(en: "Input", ko: "입력")[l]) \(g.rows.paddedSize)×\(g.cols.paddedSize)", GridView(cells: input, styles: inputStyles)),
            ("\(Localized(en: "Patches", ko: "패치")[l]) \(patches.rows)×\(patches.cols)", GridView(cells: patchCells, styles: patchStyles, cellWidth: patchWidth)),
            ("w \(taps)×1", GridView(cells: cells(trace.kernelColumn), styles: kernelStyles)),
            ("= \(trace.steps.count)×1", GridView(cells: column, styles: outputStyles, cellWidth: resultWidth)),
            ("\(Localized(en: "Output", ko: "출력")[l]) \(g.outputRows)×\(g.outputCols)", GridView(cells: map, styles: mapStyles, cellWidth: resultWidth)),
        ], gap: 2, densities: [.roomy, .compact, .lineless])
    }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predict != nil)
        if let promptArea { predict?.render(question, language: language, into: &buffer, area: promptArea) }
        let l = language
        let inner = area.inset(left: 1, right: 1)
        let p = trace.patchMatrix
        var lines: [StyledLine] = []
        if let question {
            lines.append(StyledLine(Localized(
                en: "\(question.label[l]) = ?  Multiply patch row \(current + 1) by the column w, add the products, and type the sum below.",
                ko: "\(question.label[l]) = ?  패치 \(current + 1)행에 w 열을 곱해 모두 더한 값을 아래에 입력하세요.")[l], style: Palette.note))
        } else if stepper.step == 0 {
            lines.append(StyledLine(Localized(en: "Press → to unroll the first window into the first row of the patch matrix.",
                                              ko: "→ 키를 누르면 첫 번째 창을 패치 행렬의 첫 행으로 펼칩니다.")[l], style: Palette.note))
        } else {
            var panel = ConvPanel(trace: trace, shown: stepper.step, language: l)
            panel.focus = current
            lines.append(StyledLine([Span(Localized(en: "row \(current + 1) · w: ", ko: "\(current + 1)행 · w: ")[l], style: Style(bold: true))]
                                    + panel.equationSpans(trace.steps[current])))
        }
        lines.append(StyledLine(""))
        lines.append(StyledLine(Localized(
            en: "Each row of the patch matrix is one window, read row by row; the same numbers the sliding kernel multiplies. Libraries build this matrix so one fast matrix product (GEMM) computes every output — Stride's engine does the same.",
            ko: "패치 행렬의 각 행은 창 하나를 행 순서로 펼친 것으로, 슬라이딩 커널이 곱하는 수와 같습니다. 라이브러리는 이 행렬을 만들어 빠른 행렬 곱(GEMM) 한 번으로 모든 출력을 계산합니다. Stride 엔진도 그렇게 합니다.")[l], style: Palette.note))
        // The grids get every row but the equation's (the note below takes what is left).
        let equationRows = Text(lines: [lines[0]]).height(forWidth: max(1, inner.width), charset: buffer.charset)
        let spacing = Self.spacing(gridRows: grids.height(.lineless), equationRows: equationRows, height: inner.height)
        if spacing.header {
            buffer.writeLine(Localized(
                en: "(\(p.rows)×\(p.cols) patches) · (\(p.cols)×1 kernel) = \(p.rows)×1, reshaped to \(trace.output.rows)×\(trace.output.cols): one matrix product",
                ko: "(\(p.rows)×\(p.cols) 패치) · (\(p.cols)×1 커널) = \(p.rows)×1 → 모양 변경: \(trace.output.rows)×\(trace.output.cols) · 행렬 곱 한 번")[l],
                             x: inner.x, y: inner.y, width: inner.width)
        }
        var y = inner.y + (spacing.header ? 1 : 0) + (spacing.blanks ? 1 : 0)
        let gap = spacing.blanks ? 1 : 0
        y += grids.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y - equationRows - gap))) + gap
        Text(lines: lines).render(in: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)), buffer: &buffer)
    }

    /// What the picture keeps above and around the grids in `height` rows: the header line
    /// and the blank rows under it and under the grids, while the grids (`gridRows`, titles
    /// included, at their densest) and the equation still fit; else the blanks go, then the
    /// header (at 80×24 under predict mode's prompt the nine patch rows need both gone or
    /// the blanks). Never the grids' rows: nothing is cropped while any layout fits.
    static func spacing(gridRows: Int, equationRows: Int, height: Int) -> (header: Bool, blanks: Bool) {
        if 2 + gridRows + 1 + equationRows <= height { return (true, true) }
        if 1 + gridRows + equationRows <= height { return (true, false) }
        return (false, false)
    }

    public var contentSize: (width: Int, height: Int) { (grids.width(.roomy) + 2, grids.height(.roomy) + 8 + (predict == nil ? 0 : PredictPrompt.rows)) }
}

extension Im2colScene {
    public static let entry = ScreenEntry.checkedScene(
        "im2col", Predictable<ConvSettings>.self,
        title: Localized(en: "im2col", ko: "im2col"),
        summary: Localized(en: "convolution as one matrix product: windows become rows",
                           ko: "합성곱을 행렬 곱 한 번으로: 창이 행렬의 행이 됩니다")
    ) { settings, language throws(CNNError) in try Im2colScene(settings: settings.base, language: language, predict: settings.predict) }
}

import CNN
import Terminal

/// True convolution versus cross-correlation. Page 1: the kernel turns 180° in two flips
/// (steps 1–2), then both computations run side by side, the output cells where they differ
/// marked `≠`. Page 2 (`n`): the 1-D example x = [1, 3, 2, 2, 0, 2, 3], w = [−1, 0, 1].
public struct FlipScene: Screen {
    public let language: Language
    public private(set) var page: Int
    /// Page 1's and page 2's computations: (cross-correlation, convolution).
    public let pages: [(correlate: ConvTrace, convolve: ConvTrace)]
    public private(set) var steppers: [Stepper]
    /// Predict mode, one per page (nil: the normal mode): after the two flips, each
    /// convolution output is asked before it is shown.
    public private(set) var predicts: [PredictProgress]?

    /// Steps before the computations on each page: the two flips of the kernel.
    static let rotationSteps = 2

    public init(settings: FlipSettings = FlipSettings(), language: Language = .en, predict: Bool = false) throws(CNNError) {
        self.language = language
        self.page = settings.page - 1
        func pair(_ s: ConvSettings) throws(CNNError) -> (ConvTrace, ConvTrace) {
            var a = s, b = s
            a.mode = .correlate
            b.mode = .convolve
            return (try a.trace(), try b.trace())
        }
        pages = [try pair(settings.conv), try pair(FlipSettings.oneD)]
        steppers = pages.map { Stepper(count: Self.rotationSteps + $0.correlate.steps.count) }
        if predict { predicts = pages.map { _ in PredictProgress(asksSize: false) } }
    }

    /// Predict mode's open question on this page: convolution output `revealed`, once the
    /// kernel has been flipped; nil before that and when done.
    public var question: PredictQuestion? {
        guard let p = predicts?[page], stepper.step >= Self.rotationSteps else { return nil }
        let trace = traces.convolve
        guard p.revealed < trace.steps.count else { return nil }
        let s = trace.steps[p.revealed]
        return PredictQuestion(cellName("conv", s.outputRow, s.outputCol), .value(s.result))
    }

    func hint(_ guess: PredictGuess) -> Localized {
        guard case .value(let x) = guess else { return "" }
        return PredictFeedback.conv(traces.convolve, index: predicts?[page].revealed ?? 0, guess: x, prefix: "conv")
    }

    var stepper: Stepper { steppers[page] }
    var traces: (correlate: ConvTrace, convolve: ConvTrace) { pages[page] }
    /// Outputs filled in on this page.
    var shown: Int { max(0, stepper.step - Self.rotationSteps) }

    public var title: String {
        page == 0 ? Localized(en: "Flip: convolution vs cross-correlation", ko: "뒤집기: 합성곱과 교차상관")[language]
                  : Localized(en: "Flip: the 1-D example", ko: "뒤집기: 1차원 예")[language]
    }
    public var status: String {
        let steps = stepper.status(language)
        return "\(page + 1)/2 · " + (predicts.map { $0[page].status(language, then: steps) } ?? steps)
    }
    static let pageKey = KeyBinding([.char("n"), .tab], "n", Localized(en: "other page", ko: "다른 페이지"))
    public var bindings: [KeyBinding] {
        if let keys = predicts?[page].bindings(question) { return keys + [Self.pageKey.helpOnly, SlidingScene.notesKey] }
        return [Self.pageKey] + Stepper.bindings + [SlidingScene.notesKey]
    }
    public var wantsText: Bool { predicts?[page].wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predicts?[page].cursor(question, language: language) }
    /// Whether every note replaces the picture (`i`).
    public private(set) var showsNotes = false
    public var tickInterval: Duration? { stepper.tickInterval }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        if predicts != nil {
            for i in predicts!.indices { predicts![i].observe(message) }
        }
        if var predict = predicts?[page], let question {
            let routing = predict.route(message, question: question, hint: hint)
            predicts?[page] = predict
            switch routing {
            case .consumed: break
            case .advance: steppers[page].set(step: Self.rotationSteps + predict.revealed)
            case .sceneKey(let key):
                if Self.pageKey.matches(key) { page = 1 - page }
                if SlidingScene.notesKey.matches(key) { showsNotes.toggle() }
            }
            return .none
        }
        if steppers[page].handle(message) {
            // Predict mode: stepping flips the kernel but never shows an output not yet asked.
            if let p = predicts?[page], p.revealed < traces.convolve.steps.count, stepper.step > Self.rotationSteps + p.revealed {
                steppers[page].set(step: Self.rotationSteps + p.revealed)
            }
            return .none
        }
        if case .key(let key) = message, Self.pageKey.matches(key) { page = 1 - page }
        if case .key(let key) = message, SlidingScene.notesKey.matches(key) { showsNotes.toggle() }
        return .none
    }

    var kernels: GridRow {
        let l = language
        let w = traces.correlate.kernel
        func grid(_ m: Matrix) -> GridView { GridView(cells: m.nestedRows.map { $0.map { formatNumber($0) } }) }
        var items: [(title: String, grid: GridView)] = [(Localized(en: "Kernel w", ko: "커널 w")[l], grid(w))]
        if stepper.step >= 1 { items.append((Localized(en: "↕ rows flipped", ko: "↕ 위아래 뒤집기")[l], grid(w.flippedUpDown))) }
        if stepper.step >= 2 { items.append((Localized(en: "↔ = rotated 180°", ko: "↔ = 180° 회전")[l], grid(w.rotated180))) }
        return GridRow(items: items, densities: [.compact, .lineless])
    }

    /// Both computations side by side; `compact` writes their (equal) output-size formulas once.
    func panels(compact: Bool = false) -> TwoPanels {
        let (a, b) = traces
        var left = ConvPanel.compared(a, step: shown, language: language)
        var right = ConvPanel.compared(b, step: shown, language: language)
        if question != nil {
            left.pending = shown
            right.pending = shown
        }
        let l = language
        left.outputTitle = Localized(en: "correlate", ko: "교차상관")[l]
        right.outputTitle = Localized(en: "convolve", ko: "합성곱")[l]
        var marks: [GridPosition: Style] = [:]
        let cols = a.geometry.outputCols
        for cell in a.differingCells(from: b) where cell.row * cols + cell.col < shown {
            marks[GridPosition(row: cell.row, col: cell.col)] = Palette.accent
        }
        left.extraOutputStyles = marks
        right.extraOutputStyles = marks
        var panels = TwoPanels(left: left, right: right, leftLabel: Localized(en: "corr", ko: "교차상관")[l],
                               rightLabel: Localized(en: "conv", ko: "합성곱")[l])
        panels.mergesEqualFormulas = compact
        if let question {
            panels.note = Localized(
                en: "\(question.label[l]) = ?  Multiply the highlighted cells by the kernel rotated 180° (above), add them up, and type the sum below.",
                ko: "\(question.label[l]) = ?  강조된 칸에 180° 돌린 커널(위)을 곱해 모두 더한 값을 아래에 입력하세요.")[l]
        }
        return panels
    }

    var notes: [String] {
        let l = language
        let (a, b) = traces
        let differ = a.differingCells(from: b).count
        var notes = [Localized(
            en: "Cross-correlation slides w as it is (Keras's Conv2D); true convolution first rotates w by 180° — flip the rows, then the columns.",
            ko: "교차상관은 w를 그대로 밀어 계산하고(케라스 Conv2D), 진짜 합성곱은 먼저 w를 180° 돌립니다 — 위아래를 뒤집고 좌우를 뒤집습니다.")[l]]
        if shown > 0 || stepper.isAtEnd {
            notes.append(Localized(en: "Cells that differ (highlighted): \(differ) of \(a.steps.count). Only a kernel equal to its 180° rotation (a box blur) gives the same output both ways; a network learns the flipped weights either way.",
                                   ko: "다른 칸(강조): \(a.steps.count)칸 중 \(differ)칸. 180° 돌려도 같은 커널(평균 블러)만 두 방식의 결과가 같고, 신경망은 어느 쪽이든 뒤집힌 가중치를 학습하면 됩니다.")[l])
            let w = a.kernel
            if w.rotated180 == w {
                notes.append(Localized(en: "This kernel equals its 180° rotation, so no cell differs.",
                                       ko: "이 커널은 180° 돌려도 같아서 다른 칸이 없습니다.")[l])
            } else if w.rotated180.values == w.values.map({ -$0 }) {
                notes.append(Localized(en: "This kernel's 180° rotation is its negative (as for Sobel x, mirror-symmetric yet not rotation-symmetric): every output changes sign.",
                                       ko: "이 커널은 180° 돌리면 부호만 바뀝니다(소벨 x처럼 좌우 대칭이지만 회전 대칭은 아님): 모든 출력의 부호가 바뀝니다.")[l])
            }
        }
        return notes.map { "· " + $0 }
    }

    /// Rows the kernels' grids take in a body of `height` rows: with grid lines only where
    /// the computations below keep their room.
    private func kernelRows(height: Int) -> Int {
        let k = traces.correlate.kernel
        return height >= 26 ? 1 + k.rows * 2 + 1 : 1 + k.rows
    }

    /// Rows the picture needs to show every cell of every grid at `width` columns: the
    /// header line and a blank (unless `compact`), the kernels and a blank, then the hint
    /// (before the flips) or both panels with the text under them.
    func neededRows(width: Int, height: Int, compact: Bool, charset: Charset = .unicode) -> Int {
        let top = (compact ? 0 : 2) + kernelRows(height: height) + 1
        guard stepper.step >= Self.rotationSteps else { return top + 2 }
        return top + panels(compact: compact).minimumRows(width: width, language: language, step: shown, charset: charset)
    }

    /// Draws the header (the input or the 1-D sequences), the kernel and its two flips, then
    /// both computations side by side. Where the full layout would crop a grid (at 80×24
    /// under predict mode's three rows), the compact one drops the header — the panels show
    /// the input and the kernels row shows w — and writes the two equal output-size formulas
    /// once; every cell stays on screen.
    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predicts != nil)
        if let promptArea { predicts?[page].render(question, language: language, into: &buffer, area: promptArea) }
        let inner = area.inset(left: 1, right: 1)
        let compact = !showsNotes && neededRows(width: inner.width, height: inner.height, compact: false, charset: buffer.charset) > inner.height
        var y = inner.y
        let (a, _) = traces
        if !compact {
            let input = a.input.nestedRows.map { $0.map { formatNumber($0) }.joined(separator: " ") }.joined(separator: "; ")
            buffer.writeLine(page == 0 ? Localized(en: "input [\(input)]", ko: "입력 [\(input)]")[language]
                                   : "x = [\(input)], w = [\(a.kernel.values.map { formatNumber($0) }.joined(separator: ", "))]",
                         x: inner.x, y: y, width: inner.width)
            y += 2
        }
        if showsNotes {
            Text(lines: notes).render(in: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)), buffer: &buffer)
            return
        }
        y += kernels.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width,
                                                      height: min(kernelRows(height: inner.height), max(0, inner.maxY - y)))) + 1
        if stepper.step < Self.rotationSteps {
            Text(Localized(en: "Press → to flip the kernel: first the rows, then the columns.",
                           ko: "→ 키를 누르면 커널을 뒤집습니다: 먼저 위아래, 다음은 좌우.")[language], style: Palette.note)
                .render(in: Rect(x: inner.x, y: y, width: inner.width, height: min(2, max(0, inner.maxY - y))), buffer: &buffer)
            return
        }
        let end = panels(compact: compact).render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)),
                                                  language: language, step: shown)
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[language])
            .render(in: Rect(x: inner.x, y: end + 1, width: inner.width, height: max(0, inner.maxY - end - 1)), buffer: &buffer)
    }

    public var contentSize: (width: Int, height: Int) {
        let size = panels().preferredSize
        return (size.width, size.height + 14 + (predicts == nil ? 0 : PredictPrompt.rows))
    }
}

/// The flip scene's settings: `ConvSettings`' keys (default: the 4×4 input 1…16 and the
/// kernel 1 2; 3 4, which the flip changes) plus `page` (1, or 2 for the 1-D example).
public struct FlipSettings: SceneSettings, Equatable {
    public var conv: ConvSettings
    public var page: Int

    public static let settings = SettingSpec.convolution + [.page]

    public static let example = ConvSettings(input: Matrix(rows: 4, cols: 4, values: (1...16).map(Float.init)),
                                             kernel: Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4]))
    /// The 1-D example of the notes.
    public static let oneD = ConvSettings(input: Matrix(rows: 1, cols: 7, values: [1, 3, 2, 2, 0, 2, 3]),
                                          kernel: Matrix(rows: 1, cols: 3, values: [-1, 0, 1]))

    public init() {
        conv = Self.example
        page = 1
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        conv = try ConvSettings(from: decoder)
        if !c.contains(SettingKey("input")) { conv.input = Self.example.input }
        if !c.contains(SettingKey("kernel")) { conv.kernel = Self.example.kernel }
        page = try c.integer(.page, default: 1)
    }

    public func validate() throws(SettingsProblem) { try conv.validate() }
}

extension FlipScene {
    public static let entry = ScreenEntry.checkedScene(
        "flip", Predictable<FlipSettings>.self,
        title: Localized(en: "Flip", ko: "뒤집기"),
        summary: Localized(en: "true convolution (kernel rotated 180°) vs cross-correlation",
                           ko: "진짜 합성곱(커널 180° 회전)과 교차상관 비교")
    ) { settings, language throws(CNNError) in try FlipScene(settings: settings.base, language: language, predict: settings.predict) }
}

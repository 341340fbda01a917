import CNN
import Terminal

/// Stride 1 versus stride s on the same input: the window jumps s cells; when
/// (n + 2p − d(k−1) − 1) is not divisible by s, the rows and columns no window reaches are
/// marked `×` and the note shows why the formula floors.
public struct StrideScene: Screen {
    public let settings: ConvSettings
    public let language: Language
    public let single: ConvTrace
    public let strided: ConvTrace
    public private(set) var stepper: Stepper
    /// Whether every note replaces the picture (`i`).
    public private(set) var showsNotes = false
    /// Predict mode (nil: the normal mode): the strided output's size, then its cells are asked.
    public private(set) var predict: PredictProgress?

    /// The default: a 6×6 input, a 3×3 kernel, stride 2 (one row and column left over).
    public static let example: ConvSettings = {
        var s = ConvSettings(input: Matrix(rows: 6, cols: 6, values: (1...36).map(Float.init)),
                             kernel: Matrix(rows: 3, cols: 3, values: [1, 0, 1, 0, 1, 0, 1, 0, 1]))
        s.stride = 2
        return s
    }()

    /// Throws when the engine cannot trace these settings (stride 1 fits whenever stride s does).
    public init(settings: ConvSettings, language: Language = .en, predict: Bool = false) throws(CNNError) {
        if predict { self.predict = PredictProgress(asksSize: true) }
        self.settings = settings
        self.language = language
        var one = settings
        one.stride = 1
        single = try one.trace()
        strided = try settings.trace()
        stepper = Stepper(count: max(single.steps.count, strided.steps.count))
    }

    public var title: String { Localized(en: "Stride", ko: "스트라이드")[language] }
    public var status: String { predict?.status(language, then: stepper.status(language)) ?? stepper.status(language) }
    public var bindings: [KeyBinding] { (predict?.bindings(question) ?? Stepper.bindings) + [SlidingScene.notesKey] }
    public var tickInterval: Duration? { stepper.tickInterval }
    public var wantsText: Bool { predict?.wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predict?.cursor(question, language: language) }

    /// Predict mode's open question: the strided output's size, then its cell `revealed`.
    public var question: PredictQuestion? {
        guard let predict else { return nil }
        let g = strided.geometry
        if predict.asksSize { return PredictQuestion(PredictStrings.outputSize, .size(rows: g.outputRows, cols: g.outputCols)) }
        guard predict.revealed < strided.steps.count else { return nil }
        let s = strided.steps[predict.revealed]
        return PredictQuestion(cellName("out", s.outputRow, s.outputCol), .value(s.result))
    }

    func hint(_ guess: PredictGuess) -> Localized {
        switch guess {
        case .size(let r, let c): PredictFeedback.size(strided.geometry, padding: settings.padding, guess: (r, c))
        case .value(let x): PredictFeedback.conv(strided, index: predict?.revealed ?? 0, guess: x)
        }
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        predict?.observe(message)
        if var predict, let question {
            let routing = predict.route(message, question: question, hint: hint)
            self.predict = predict
            switch routing {
            case .consumed: break
            case .advance: stepper.set(step: predict.revealed)
            case .sceneKey(let key): if SlidingScene.notesKey.matches(key) { showsNotes.toggle() }
            }
            return .none
        }
        if stepper.handle(message) { return .none }
        if case .key(let key) = message, SlidingScene.notesKey.matches(key) { showsNotes.toggle() }
        return .none
    }

    /// Padded rows (and columns) that no window of `trace` covers: read off the trace's terms.
    static func uncovered(_ trace: ConvTrace) -> (rows: [Int], cols: [Int]) {
        let terms = trace.steps.flatMap(\.terms)
        let rows = Set(terms.map(\.paddedRow)), cols = Set(terms.map(\.paddedCol))
        return ((0..<trace.geometry.rows.paddedSize).filter { !rows.contains($0) },
                (0..<trace.geometry.cols.paddedSize).filter { !cols.contains($0) })
    }

    var panels: TwoPanels {
        let s = settings.stride
        // While predicting, the stride-1 side shows no outputs (it holds every strided value).
        var left = ConvPanel.compared(single, step: question == nil ? stepper.step : 0, language: language)
        var right = ConvPanel.compared(strided, step: stepper.step, language: language)
        left.outputTitle = "s=1 → \(single.geometry.outputRows)×\(single.geometry.outputCols)"
        right.outputTitle = "s=\(s) → \(strided.geometry.outputRows)×\(strided.geometry.outputCols)"
        let (rows, cols) = Self.uncovered(strided)
        let g = strided.geometry
        var marks: [GridPosition: Style] = [:]
        for r in rows { for c in 0..<g.cols.paddedSize { marks[GridPosition(row: r, col: c)] = Palette.warning } }
        for c in cols { for r in 0..<g.rows.paddedSize { marks[GridPosition(row: r, col: c)] = Palette.warning } }
        if !(predict?.asksSize ?? false) { right.extraInputStyles = marks }
        var panels = TwoPanels(left: left, right: right, leftLabel: "s=1", rightLabel: "s=\(s)")
        if let question, let predict {
            if predict.asksSize {
                panels.right.hidesOutputSize = true
                panels.note = PredictStrings.sizeNote[language]
            } else {
                panels.right.pending = predict.revealed
                panels.note = PredictStrings.cellNote(question.label[language], kernel: strided.appliedKernel)[language]
            }
        }
        return panels
    }

    var notes: [String] {
        let l = language, g = strided.geometry.rows, s = settings.stride
        var notes = [Localized(en: "Stride \(s): the window jumps \(counted(s, "cell")), so the output has about 1/\(s) as many rows and columns.",
                               ko: "스트라이드 \(s): 창이 한 번에 \(s)칸씩 건너뛰므로 출력의 행과 열이 약 1/\(s)로 줄어듭니다.")[l]]
        let leftover = g.numerator % s
        let (rows, cols) = Self.uncovered(strided)
        // While the size is asked, the notes do not work it out.
        let asksSize = predict?.asksSize ?? false
        if leftover != 0 && !asksSize {
            notes.append(Localized(
                en: "(n + 2p − d(k−1) − 1) = \(g.numerator) is not divisible by \(s): \(g.numerator) / \(s) leaves \(leftover), too few cells for another window, so the formula floors to \(g.numerator / s) + 1 = \(g.outputSize).",
                ko: "(n + 2p − d(k−1) − 1) = \(g.numerator): \(KoreanParticle.ro(String(s))) 나누면 나머지 \(leftover) — 창 하나를 더 놓기에 모자라 내림하여 \(g.numerator / s) + 1 = \(g.outputSize)입니다.")[l])
        }
        if (!rows.isEmpty || !cols.isEmpty) && !asksSize {
            notes.append(Localized(
                en: "Marked cells: \(counted(rows.count, "row")) and \(counted(cols.count, "column")) that no window reaches; their values never affect the output.",
                ko: "표시된 칸: 어떤 창도 닿지 않는 행 \(rows.count)개와 열 \(cols.count)개. 이 값들은 출력에 영향을 주지 않습니다.")[l])
        }
        return notes.map { "· " + $0 }
    }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predict != nil)
        if let promptArea { predict?.render(question, language: language, into: &buffer, area: promptArea) }
        let inner = area.inset(left: 1, right: 1)
        buffer.writeLine(SlidingStrings.parameters(strided)[language], x: inner.x, y: inner.y, width: inner.width)
        let body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
        if showsNotes {
            Text(lines: notes).render(in: body, buffer: &buffer)
            return
        }
        let panels = self.panels
        // The grids and their arithmetic first; the notes (or the hint that there are more) below.
        let end = panels.render(into: &buffer, area: body, language: language, step: stepper.step)
        let notesTop = end + 1
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[language])
            .render(in: Rect(x: inner.x, y: notesTop, width: inner.width, height: max(0, inner.maxY - notesTop)), buffer: &buffer)
    }

    public var contentSize: (width: Int, height: Int) {
        let size = panels.preferredSize
        return (size.width, size.height + 10 + (predict == nil ? 0 : PredictPrompt.rows))
    }
}

/// The stride scene's settings: `ConvSettings`' keys with the stride-2 example as default.
public struct StrideSettings: SceneSettings, Equatable {
    public var conv: ConvSettings
    public static let settings = SettingSpec.convolution
    public init() { conv = StrideScene.example }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        let d = StrideScene.example
        conv = try ConvSettings(from: decoder)
        if !c.contains(SettingKey("input")) { conv.input = d.input }
        if !c.contains(SettingKey("kernel")) { conv.kernel = d.kernel }
        if !c.contains(SettingKey("stride")) { conv.stride = d.stride }
    }

    public func validate() throws(SettingsProblem) { try conv.validate() }
}

extension StrideScene {
    public static let entry = ScreenEntry.checkedScene(
        "stride", Predictable<StrideSettings>.self,
        title: Localized(en: "Stride", ko: "스트라이드"),
        summary: Localized(en: "stride 1 vs s: the window jumps, the formula floors",
                           ko: "스트라이드 1과 s 비교: 창이 건너뛰고 공식은 내림합니다")
    ) { settings, language throws(CNNError) in try StrideScene(settings: settings.base.conv, language: language, predict: settings.predict) }
}

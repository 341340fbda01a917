import CNN
import Terminal

/// The kernel sliding over the input, one output cell per step.
///
/// State: a `Stepper` over the trace's outputs. Step 0 shows the kernel on the first
/// window with nothing computed; step `k ≥ 1` shows outputs `0..<k` filled and the
/// arithmetic of output `k − 1`. Every number comes from the engine's `ConvTrace`.
///
/// Predict mode (`predictor` set): first the output size is asked, then each output before
/// it is shown — the window placed without its products, the answer typed at the bottom
/// (`PredictPrompt`); a right value or Tab reveals it and moves on.
public struct SlidingScene: Screen {
    public let trace: ConvTrace
    public let language: Language
    public private(set) var stepper: Stepper
    /// Whether the notes page (every note on what the options do) replaces the picture.
    public private(set) var showsNotes = false
    /// Predict mode's state (nil: the normal mode).
    public private(set) var predictor: Predictor?
    /// Predict mode: whether the output size is still asked (before the first cell).
    public private(set) var asksSize = false
    /// Predict mode: outputs revealed so far (by a right answer or Tab).
    public private(set) var revealed = 0
    /// The area's size, for the cursor (from `.resize`).
    private var areaSize = (width: 80, height: 22)

    public init(trace: ConvTrace, language: Language = .en, predict: Bool = false) {
        self.trace = trace
        self.language = language
        self.stepper = Stepper(count: trace.steps.count)
        if predict {
            predictor = Predictor()
            asksSize = true
        }
    }

    /// Throws when the engine cannot trace these settings (decoded settings are validated,
    /// so the registry's factory never sees it).
    public init(settings: ConvSettings, language: Language, predict: Bool = false) throws(CNNError) {
        self.init(trace: try settings.trace(), language: language, predict: predict)
    }

    /// Predict mode's open question: the output size, then output `revealed`; nil when done.
    public var question: PredictQuestion? {
        guard predictor != nil else { return nil }
        let g = trace.geometry
        if asksSize { return PredictQuestion(PredictStrings.outputSize, .size(rows: g.outputRows, cols: g.outputCols)) }
        guard revealed < trace.steps.count else { return nil }
        let s = trace.steps[revealed]
        return PredictQuestion(cellName("out", s.outputRow, s.outputCol), .value(s.result))
    }

    /// The hint for a wrong guess (`PredictFeedback`).
    func hint(_ guess: PredictGuess) -> Localized {
        switch guess {
        case .size(let r, let c): PredictFeedback.size(trace.geometry, padding: trace.padding, guess: (r, c))
        case .value(let x): PredictFeedback.conv(trace, index: revealed, guess: x)
        }
    }

    public var step: Int { stepper.step }
    public var count: Int { stepper.count }

    public var title: String { SlidingStrings.title[language] }
    public var status: String {
        guard let predictor else { return stepper.status(language) }
        return asksSize ? predictor.status(language) : predictor.status(language) + " · " + stepper.status(language)
    }

    static let notesKey = KeyBinding([.char("i")], "i", Localized(en: "notes", ko: "설명"))
    public var bindings: [KeyBinding] {
        if let predictor, question != nil { return predictor.bindings + [Self.notesKey] }
        return Stepper.bindings + [Self.notesKey]
    }

    public var wantsText: Bool { question != nil && predictor?.focused == true }

    public var cursor: (x: Int, y: Int)? {
        guard let predictor else { return nil }
        return PredictPrompt(predictor: predictor, question: question, language: language)
            .cursor(width: areaSize.width, height: areaSize.height)
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        if case .resize(let width, let height) = message { areaSize = (width, height) }
        if var predictor, let question {
            let routing = predictor.route(message, question: question, hint: hint)
            self.predictor = predictor
            switch routing {
            case .consumed: break
            case .advance:
                if asksSize { asksSize = false } else { revealed += 1; stepper.set(step: revealed) }
            case .sceneKey(let key):
                if Self.notesKey.matches(key) { showsNotes.toggle() }
            }
            return .none
        }
        if stepper.handle(message) { return .none }
        if case .key(let key) = message, Self.notesKey.matches(key) { showsNotes.toggle() }
        return .none
    }

    public var tickInterval: Duration? { stepper.tickInterval }

    public var contentSize: (width: Int, height: Int) {
        let panel = self.panel.preferredSize
        return (panel.width + 2, panel.height + 3 + (predictor == nil ? 0 : PredictPrompt.rows))
    }

    var panel: ConvPanel {
        var panel = ConvPanel(trace: trace, shown: step, language: language)
        if let question {
            if asksSize {
                panel.hidesOutputSize = true
                panel.note = PredictStrings.sizeNote[language]
            } else {
                panel.pending = revealed
                panel.note = PredictStrings.cellNote(question.label[language])[language]
            }
        }
        return panel
    }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predictor != nil)
        if let promptArea, let predictor {
            PredictPrompt(predictor: predictor, question: question, language: language).render(into: &buffer, area: promptArea)
        }
        let inner = area.inset(left: 1, right: 1)
        buffer.writeLine(SlidingStrings.parameters(trace)[language], x: inner.x, y: inner.y, width: inner.width)
        let notes = SlidingStrings.notes(for: trace).map { "· " + $0[language] }
        if showsNotes {
            Text(lines: notes).render(in: inner.inset(top: 2), buffer: &buffer)
            return
        }
        let body = inner.inset(top: 2)
        let panel = self.panel
        // The panel takes what its layout needs, leaving at least a row for the notes (or their hint).
        let room = Rect(x: body.x, y: body.y, width: body.width, height: max(0, body.height - 1))
        let panelArea = Rect(x: body.x, y: body.y, width: body.width, height: panel.usedHeight(in: room))
        panel.render(into: &buffer, area: panelArea)
        var notesTop = min(panelArea.maxY + 1, body.maxY - 1)
        if step == count && count > 0 && notesTop < body.maxY {
            buffer.write(SlidingStrings.done[language], x: body.x, y: notesTop, style: Palette.heading, maxWidth: body.width)
            notesTop += 1
        }
        let notesArea = Rect(x: body.x, y: notesTop, width: body.width, height: body.maxY - notesTop)
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[language]).render(in: notesArea, buffer: &buffer)
    }
}

/// Dim notes under a picture; when they do not all fit, the last row says how to see the rest.
struct NotesView {
    let notes: [String]
    let moreHint: String

    func render(in area: Rect, buffer: inout Buffer) {
        guard area.height > 0 else { return }
        let text = Text(lines: notes, style: Palette.note)
        let rows = text.height(forWidth: area.width, charset: buffer.charset)
        if rows <= area.height {
            text.render(in: area, buffer: &buffer)
        } else {
            text.render(in: area.inset(bottom: 1), buffer: &buffer)
            buffer.write(moreHint, x: area.x, y: area.maxY - 1, style: Style(bold: true), maxWidth: area.width)
        }
    }
}

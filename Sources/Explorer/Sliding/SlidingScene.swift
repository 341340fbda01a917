import CNN
import Terminal

/// The kernel sliding over the input, one output cell per step.
///
/// State: a `Stepper` over the trace's outputs. Step 0 shows the kernel on the first
/// window with nothing computed; step `k ≥ 1` shows outputs `0..<k` filled and the
/// arithmetic of output `k − 1`. Every number comes from the engine's `ConvTrace`.
///
/// Predict mode (`predict` set): first the output size is asked, then each output before
/// it is shown — the window placed without its products, the answer typed at the bottom
/// (`PredictPrompt`); a right value or Tab reveals it and moves on.
public struct SlidingScene: Screen {
    public let trace: ConvTrace
    public let language: Language
    public private(set) var stepper: Stepper
    /// Whether the notes page (every note on what the options do) replaces the picture.
    public private(set) var showsNotes = false
    /// Predict mode's state (nil: the normal mode).
    public private(set) var predict: PredictProgress?

    public init(trace: ConvTrace, language: Language = .en, predict: Bool = false) {
        self.trace = trace
        self.language = language
        self.stepper = Stepper(count: trace.steps.count)
        if predict { self.predict = PredictProgress(asksSize: true) }
    }

    /// Throws when the engine cannot trace these settings (decoded settings are validated,
    /// so the registry's factory never sees it).
    public init(settings: ConvSettings, language: Language, predict: Bool = false) throws(CNNError) {
        self.init(trace: try settings.trace(), language: language, predict: predict)
    }

    /// Predict mode's open question: the output size, then output `revealed`; nil when done.
    public var question: PredictQuestion? {
        guard let predict else { return nil }
        let g = trace.geometry
        if predict.asksSize { return PredictQuestion(PredictStrings.outputSize, .size(rows: g.outputRows, cols: g.outputCols)) }
        guard predict.revealed < trace.steps.count else { return nil }
        let s = trace.steps[predict.revealed]
        return PredictQuestion(cellName("out", s.outputRow, s.outputCol), .value(s.result))
    }

    /// The hint for a wrong guess (`PredictFeedback`).
    func hint(_ guess: PredictGuess) -> Localized {
        switch guess {
        case .size(let r, let c): PredictFeedback.size(trace.geometry, padding: trace.padding, guess: (r, c))
        case .value(let x): PredictFeedback.conv(trace, index: predict?.revealed ?? 0, guess: x)
        }
    }

    public var step: Int { stepper.step }
    public var count: Int { stepper.count }

    public var title: String { SlidingStrings.title[language] }
    public var status: String {
        predict?.status(language, then: stepper.status(language)) ?? stepper.status(language)
    }

    static let notesKey = KeyBinding([.char("i")], "i", Localized(en: "notes", ko: "설명"))
    public var bindings: [KeyBinding] {
        if let keys = predict?.bindings(question) { return keys + [Self.notesKey] }
        return Stepper.bindings + [Self.notesKey]
    }

    public var wantsText: Bool { predict?.wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predict?.cursor(question, language: language) }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        predict?.observe(message)
        if var predict, let question {
            let routing = predict.route(message, question: question, hint: hint)
            self.predict = predict
            switch routing {
            case .consumed: break
            case .advance: stepper.set(step: predict.revealed)
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
        return (panel.width + 2, panel.height + 3 + (predict == nil ? 0 : PredictPrompt.rows))
    }

    var panel: ConvPanel {
        var panel = ConvPanel(trace: trace, shown: step, language: language)
        if let question, let predict {
            if predict.asksSize {
                panel.hidesOutputSize = true
                panel.note = PredictStrings.sizeNote[language]
            } else {
                panel.pending = predict.revealed
                panel.note = PredictStrings.cellNote(question.label[language])[language]
            }
        }
        return panel
    }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predict != nil)
        if let promptArea { predict?.render(question, language: language, into: &buffer, area: promptArea) }
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

import CNN
import Terminal

/// The kernel sliding over the input, one output cell per step.
///
/// State: a `Stepper` over the trace's outputs. Step 0 shows the kernel on the first
/// window with nothing computed; step `k ≥ 1` shows outputs `0..<k` filled and the
/// arithmetic of output `k − 1`. Every number comes from the engine's `ConvTrace`.
public struct SlidingScene: Screen {
    public let trace: ConvTrace
    public let language: Language
    public private(set) var stepper: Stepper
    /// Whether the notes page (every note on what the options do) replaces the picture.
    public private(set) var showsNotes = false

    public init(trace: ConvTrace, language: Language = .en) {
        self.trace = trace
        self.language = language
        self.stepper = Stepper(count: trace.steps.count)
    }

    /// Throws when the engine cannot trace these settings (decoded settings are validated,
    /// so the registry's factory never sees it).
    public init(settings: ConvSettings, language: Language) throws(CNNError) {
        self.init(trace: try settings.trace(), language: language)
    }

    public var step: Int { stepper.step }
    public var count: Int { stepper.count }

    public var title: String { SlidingStrings.title[language] }
    public var status: String { stepper.status(language) }

    static let notesKey = KeyBinding([.char("i")], "i", Localized(en: "notes", ko: "설명"))
    public var bindings: [KeyBinding] { Stepper.bindings + [Self.notesKey] }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        if stepper.handle(message) { return .none }
        if case .key(let key) = message, Self.notesKey.matches(key) { showsNotes.toggle() }
        return .none
    }

    public var tickInterval: Duration? { stepper.tickInterval }

    public var contentSize: (width: Int, height: Int) {
        let panel = self.panel.preferredSize
        return (panel.width + 2, panel.height + 3)
    }

    var panel: ConvPanel { ConvPanel(trace: trace, shown: step, language: language) }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
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

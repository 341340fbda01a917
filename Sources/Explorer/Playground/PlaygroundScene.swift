import CNN
import Terminal

/// Free exploration: edit the input and kernel cell by cell and change every option; all
/// outputs are recomputed by the engine at once. The cursor on an output cell shows its
/// receptive field (the window) and its arithmetic.
///
/// Keys: arrows move the cursor, Tab switches input → kernel → output, `+`/`-` add or
/// subtract 1, a digit (or `e`) starts typing a value (Enter sets it, Esc cancels); `-` then a
/// digit types a negative value (the −1 is taken back), `[`/`]` input size, `{`/`}` kernel
/// size, `p` padding, `s` stride, `d` dilation, `m` mode, `k` the next kernel preset (asked
/// twice when the kernel has edits it would overwrite); a click selects an input cell.
public struct PlaygroundScene: Screen {
    public enum Focus: Int, Sendable, CaseIterable { case input, kernel, output }

    public let language: Language
    public private(set) var settings: ConvSettings
    public private(set) var trace: ConvTrace
    public private(set) var focus: Focus = .input
    /// Cursor per focus: (row, col).
    public private(set) var cursors: [Focus: GridPosition] = [.input: .init(row: 0, col: 0), .kernel: .init(row: 0, col: 0), .output: .init(row: 0, col: 0)]
    /// The value being typed, when editing.
    public private(set) var editor: TextField?
    /// Why the last change was refused (shown in place of the hint), if any.
    public private(set) var problem: String?
    private var presetIndex = -1
    /// Set by `-`: the settings before its −1, taken back when a digit follows (`-3` types −3).
    private var minusUndo: (settings: ConvSettings, trace: ConvTrace, kernelEdited: Bool)?
    /// The kernel was edited since the last preset (`k` then asks before overwriting it).
    public private(set) var kernelEdited = false
    /// `k` was pressed once over edits: the next `k` overwrites them.
    private var presetArmed = false
    private var area = Rect(x: 0, y: 0, width: 80, height: 21)

    public init(settings: PlaygroundSettings = PlaygroundSettings(), language: Language = .en) throws(CNNError) {
        self.language = language
        self.settings = settings.conv
        self.trace = try settings.conv.trace()
    }

    public var title: String { Localized(en: "Playground", ko: "놀이터")[language] }
    public var status: String { "\(Localized(en: "output", ko: "출력")[language]) \(trace.output.rows)×\(trace.output.cols)" }
    public var wantsText: Bool { editor != nil }

    static let move = KeyBinding([.up, .down, .left, .right], "arrows", Localized(en: "move", ko: "이동"))
    static let tab = KeyBinding([.tab], "Tab", Localized(en: "input/kernel/output", ko: "입력/커널/출력"))
    static let plus = KeyBinding([.char("+"), .char("=")], "+/-", Localized(en: "±1", ko: "±1"))
    static let minus = KeyBinding([.char("-"), .char("_")], "-", Localized(en: "subtract 1", ko: "1 빼기"), footer: false)
    static let edit = KeyBinding([.char("e"), .enter], "0-9/e", Localized(en: "type a value (-3 too; e: start empty)", ko: "값 입력 (-3도 됨; e: 빈 칸에서 시작)"))
    static let inputSize = KeyBinding([.char("["), .char("]")], "[ ]", Localized(en: "input size", ko: "입력 크기"), footer: false)
    static let kernelSize = KeyBinding([.char("{"), .char("}")], "{ }", Localized(en: "kernel size", ko: "커널 크기"), footer: false)
    static let padding = KeyBinding([.char("p")], "p", Localized(en: "padding", ko: "패딩"))
    static let stride = KeyBinding([.char("s")], "s", Localized(en: "stride", ko: "스트라이드"))
    static let dilation = KeyBinding([.char("d")], "d", Localized(en: "dilation", ko: "팽창"), footer: false)
    static let mode = KeyBinding([.char("m")], "m", Localized(en: "mode", ko: "모드"))
    static let preset = KeyBinding([.char("k")], "k", Localized(en: "kernel preset", ko: "커널 프리셋"), footer: false)

    public var bindings: [KeyBinding] {
        if editor != nil {
            return [KeyBinding([.enter], "Enter", Localized(en: "set", ko: "설정")),
                    KeyBinding([.escape], "Esc", Localized(en: "cancel", ko: "취소"))]
        }
        return Self.keyMap.bindings
    }

    enum Action: Sendable {
        case up, down, left, right, nextFocus, plus, minus, edit
        case smallerInput, largerInput, smallerKernel, largerKernel, padding, stride, dilation, mode, preset
    }

    /// The playground's keys and their actions (typing a digit starts a value: see `handle`).
    static let keyMap = KeyMap<Action>([
        .init(move.label, move.help, [(.up, .up), (.down, .down), (.left, .left), (.right, .right)]),
        .init(tab.keys, tab.label, tab.help, .nextFocus),
        .init(plus.keys, plus.label, plus.help, .plus),
        .init(minus.keys, minus.label, minus.help, footer: false, .minus),
        .init(edit.keys, edit.label, edit.help, .edit),
        .init(padding.keys, padding.label, padding.help, .padding),
        .init(stride.keys, stride.label, stride.help, .stride),
        .init(mode.keys, mode.label, mode.help, .mode),
        .init(inputSize.label, inputSize.help, footer: false, [(.char("["), .smallerInput), (.char("]"), .largerInput)]),
        .init(kernelSize.label, kernelSize.help, footer: false, [(.char("{"), .smallerKernel), (.char("}"), .largerKernel)]),
        .init(dilation.keys, dilation.label, dilation.help, footer: false, .dilation),
        .init(preset.keys, preset.label, preset.help, footer: false, .preset),
    ])

    // MARK: Update

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        switch message {
        case .resize(let w, let h): area = Rect(x: 0, y: 0, width: w, height: h)
        case .mouse(let mouse) where mouse.kind == .press: select(atX: mouse.x, y: mouse.y)
        case .key(let key): return handle(key)
        default: break
        }
        return .none
    }

    private mutating func handle(_ key: Key) -> ScreenCommand {
        if var field = editor {
            switch field.handle(key) {
            case .submitted(let text):
                editor = nil
                if let value = Float(text.trimmingCharacters(in: .whitespaces)), value.isFinite {
                    setCell { _ in value }
                } else {
                    problem = Localized(en: "'\(text)' is not a number", ko: "'\(text)': 숫자가 아닙니다")[language]
                }
            case .cancelled: editor = nil
            default: editor = field
            }
            return .none
        }
        problem = nil
        let undo = minusUndo
        minusUndo = nil
        let armed = presetArmed
        presetArmed = false
        if case .char(let c) = key, c.isNumber || c == "." {
            guard focus != .output else { return .none }
            var text = String(c)
            if let undo {  // `-` then a digit: a negative entry, not −1 then an entry
                settings = undo.settings
                trace = undo.trace
                kernelEdited = undo.kernelEdited
                text = "-" + text
            }
            editor = TextField(text: text, maxLength: 12)
            return .none
        }
        switch Self.keyMap.action(for: key) {
        case .up: moveCursor(-1, 0)
        case .down: moveCursor(1, 0)
        case .left: moveCursor(0, -1)
        case .right: moveCursor(0, 1)
        case .nextFocus: focus = Focus(rawValue: (focus.rawValue + 1) % Focus.allCases.count) ?? .input
        case .plus: setCell { $0 + 1 }
        case .minus:
            let before = (settings, trace, kernelEdited)
            setCell { $0 - 1 }
            if focus != .output, problem == nil { minusUndo = before }
        case .edit: if focus != .output { editor = TextField(maxLength: 12) }
        case .smallerInput: resizeInput(by: -1)
        case .largerInput: resizeInput(by: 1)
        case .smallerKernel: resizeKernel(by: -1)
        case .largerKernel: resizeKernel(by: 1)
        case .padding:
            let order: [Padding] = [.valid, .same, .full, .explicit(1), .explicit(2)]
            let i = order.firstIndex(of: settings.padding) ?? -1
            change { $0.padding = order[(i + 1) % order.count] }
        case .stride: change { $0.stride = $0.stride % 3 + 1 }
        case .dilation: change { $0.dilation = $0.dilation % 3 + 1 }
        case .mode: change { $0.mode = $0.mode == .correlate ? .convolve : .correlate }
        case .preset:
            let nextIndex = (presetIndex + 1) % KernelPreset.allCases.count
            let preset = KernelPreset.allCases[nextIndex]
            if kernelEdited && !armed {
                presetArmed = true
                problem = Localized(en: "k again replaces your edited kernel with \(preset.title[.en]); any other key keeps it",
                                    ko: "k를 한 번 더 누르면 고친 커널이 \(KoreanParticle.ro(preset.title[.ko])) 바뀝니다. 다른 키는 그대로 둡니다")[language]
                return .none
            }
            presetIndex = nextIndex
            change { $0.kernel = preset.kernel }
            kernelEdited = false
            problem = "\(Localized(en: "kernel", ko: "커널")[language]): \(preset.title[language])"
        case nil: break
        }
        return .none
    }

    /// Applies `edit` to the settings when the engine accepts the result; otherwise keeps
    /// the old settings and says why.
    private mutating func change(_ edit: (inout ConvSettings) -> Void) {
        var next = settings
        edit(&next)
        do {
            trace = try next.trace()
            settings = next
            clampCursors()
        } catch {
            problem = error.description
        }
    }

    private mutating func setCell(_ f: (Float) -> Float) {
        let p = cursors[focus]!
        switch focus {
        case .input: change { $0.input[p.row, p.col] = f($0.input[p.row, p.col]) }
        case .kernel:
            let before = settings.kernel
            change { $0.kernel[p.row, p.col] = f($0.kernel[p.row, p.col]) }
            if settings.kernel != before { kernelEdited = true }
        case .output: break
        }
    }

    private func size(of focus: Focus) -> (rows: Int, cols: Int) {
        switch focus {
        case .input: (settings.input.rows, settings.input.cols)
        case .kernel: (settings.kernel.rows, settings.kernel.cols)
        case .output: (trace.output.rows, trace.output.cols)
        }
    }

    private mutating func moveCursor(_ dr: Int, _ dc: Int) {
        let s = size(of: focus)
        let p = cursors[focus]!
        cursors[focus] = GridPosition(row: min(max(p.row + dr, 0), s.rows - 1), col: min(max(p.col + dc, 0), s.cols - 1))
    }

    private mutating func clampCursors() {
        for f in Focus.allCases {
            let s = size(of: f), p = cursors[f]!
            cursors[f] = GridPosition(row: min(p.row, s.rows - 1), col: min(p.col, s.cols - 1))
        }
    }

    /// Square input of side n ± 1 (2...SettingsLimits.maxInput), keeping values, new cells 0.
    private mutating func resizeInput(by delta: Int) {
        let n = min(max(settings.input.rows + delta, 2), 12)
        change { $0.input = Self.resized($0.input, to: n) }
    }

    private mutating func resizeKernel(by delta: Int) {
        let k = min(max(settings.kernel.rows + delta, 1), 5)
        let before = settings.kernel
        change { $0.kernel = Self.resized($0.kernel, to: k) }
        if settings.kernel != before { kernelEdited = true }
    }

    static func resized(_ m: Matrix, to n: Int) -> Matrix {
        var out = Matrix(rows: n, cols: n)
        for r in 0..<min(n, m.rows) { for c in 0..<min(n, m.cols) { out[r, c] = m[r, c] } }
        return out
    }

    private mutating func select(atX x: Int, y: Int) {
        let placement = panel.inputPlacement(in: panelArea(in: area))
        // The input grid is drawn over the padded input; map back to input cells.
        guard let p = placement.grid.cell(atX: x, y: y, origin: placement.origin, density: placement.density) else { return }
        let r = p.row - trace.geometry.rows.padBefore, c = p.col - trace.geometry.cols.padBefore
        guard r >= 0, r < settings.input.rows, c >= 0, c < settings.input.cols else { return }
        focus = .input
        cursors[.input] = GridPosition(row: r, col: c)
    }

    // MARK: Render

    var panel: ConvPanel {
        var panel = ConvPanel(trace: trace, shown: trace.steps.count, language: language)
        let out = cursors[.output]!
        panel.focus = out.row * trace.output.cols + out.col
        let cursor = Style(bold: true, reverse: true)
        switch focus {
        case .input:
            let p = cursors[.input]!
            panel.extraInputStyles = [GridPosition(row: p.row + trace.geometry.rows.padBefore, col: p.col + trace.geometry.cols.padBefore): cursor]
        case .kernel: panel.extraKernelStyles = [cursors[.kernel]!: cursor]
        case .output: break
        }
        return panel
    }

    func panelArea(in area: Rect) -> Rect { area.inset(top: 2, left: 1, bottom: 2, right: 1) }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let inner = area.inset(left: 1, right: 1)
        buffer.writeLine(SlidingStrings.parameters(trace)[language], x: inner.x, y: inner.y, width: inner.width)
        panel.render(into: &buffer, area: panelArea(in: area))
        let bottom = area.maxY - 1
        if let note = paddingNote { buffer.writeLine(note, x: inner.x, y: bottom - 1, style: Palette.note, width: inner.width) }
        let focusName = self.focusName
        if let editor {
            let label = editLabel
            let x = inner.x + buffer.write(label, x: inner.x, y: bottom, style: Palette.heading, maxWidth: inner.width)
            if x < inner.maxX { _ = editor.render(into: &buffer, x: x, y: bottom, width: min(14, inner.maxX - x)) }
        } else {
            let hint = problem ?? Localized(en: "cursor on \(focusName) · Tab switches · the output cursor picks the window shown",
                                            ko: "커서: \(focusName) · Tab 전환 · 출력 커서가 보여 줄 창을 고릅니다")[language]
            buffer.write(hint, x: inner.x, y: bottom, style: problem == nil ? Palette.note : Style(bold: true), maxWidth: inner.width)
        }
    }

    private var focusName: String {
        [Localized(en: "input", ko: "입력"), Localized(en: "kernel", ko: "커널"), Localized(en: "output", ko: "출력")][focus.rawValue][language]
    }

    /// `value for kernel[1,2] › ` before the text field: the cell the value goes to (row, column from 0).
    var editLabel: String {
        let p = cursors[focus]!
        return Localized(en: "value for \(focusName)[\(p.row),\(p.col)] › ", ko: "\(focusName)[\(p.row),\(p.col)] 값 › ")[language]
    }

    /// What the padding in the parameter line means: `same (0/1)` is 0 rows and columns of
    /// zeros before (top, left) and 1 after (bottom, right). Nil without padding.
    var paddingNote: String? {
        let r = trace.geometry.rows, c = trace.geometry.cols
        guard trace.geometry.hasPadding else { return nil }
        let label = SlidingStrings.paddingDescription(trace)
        guard r.padBefore == c.padBefore, r.padAfter == c.padAfter else {
            return Localized(en: "padding \(label): zeros added top \(r.padBefore), bottom \(r.padAfter), left \(c.padBefore), right \(c.padAfter)",
                             ko: "패딩 \(label): 덧댄 0 — 위 \(r.padBefore), 아래 \(r.padAfter), 왼쪽 \(c.padBefore), 오른쪽 \(c.padAfter)줄")[language]
        }
        if r.padBefore == r.padAfter {
            return Localized(en: "padding \(label): \(counted(r.padBefore, "ring")) of zeros around the input",
                             ko: "패딩 \(label): 입력 둘레에 0을 \(r.padBefore)겹 덧댑니다")[language]
        }
        return Localized(en: "padding \(label): zeros added \(r.padBefore) before (top, left), \(r.padAfter) after (bottom, right)",
                         ko: "패딩 \(label): 0을 위·왼쪽에 \(r.padBefore)줄, 아래·오른쪽에 \(r.padAfter)줄 덧댑니다")[language]
    }

    public var cursor: (x: Int, y: Int)? {
        guard let editor else { return nil }
        return (1 + displayWidth(editLabel) + editor.cursorColumn, area.height - 1)
    }

    public var contentSize: (width: Int, height: Int) {
        let p = panel.preferredSize
        return (p.width + 2, p.height + 4)
    }
}

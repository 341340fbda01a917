import CNN
import Terminal

/// Valid versus another padding on the same input and kernel, side by side: the zero
/// border drawn, both outputs filling in step by step, each with its output-size formula.
/// `p` cycles the right-hand padding: same → full → 1 → 2 → valid. When `same` needs an odd
/// total, pad_total = max((ceil(n/s) − 1)·s + d(k−1) + 1 − n, 0) (an even kernel, or a stride
/// that does not divide), a note says where Keras puts the extra row and column (bottom/right).
public struct PaddingScene: Screen {
    public let settings: ConvSettings
    public let language: Language
    public private(set) var padding: Padding
    /// The valid computation; nil when the kernel does not fit the input without padding.
    public private(set) var valid: ConvTrace?
    /// Why there is no valid computation, said in its place.
    public let validProblem: String?
    public private(set) var padded: ConvTrace
    public private(set) var stepper: Stepper
    /// Whether every note replaces the picture (`i`).
    public private(set) var showsNotes = false
    private var problem: String?

    /// The right-hand paddings `p` cycles through.
    static let cycle: [Padding] = [.same, .full, .explicit(1), .explicit(2), .valid]

    /// Throws when the right-hand padding cannot be traced. Valid padding may be impossible
    /// (a kernel larger than the input): the scene then says so in its place.
    public init(settings: ConvSettings = ConvSettings(), language: Language = .en) throws(CNNError) {
        self.settings = settings
        self.language = language
        padding = settings.padding == .valid ? .same : settings.padding
        var validSettings = settings
        validSettings.padding = .valid
        do {
            valid = try validSettings.trace()
            validProblem = nil
        } catch {
            valid = nil
            validProblem = Self.validProblem(settings, error: error, language: language)
        }
        var right = settings
        right.padding = padding
        padded = try right.trace()
        stepper = Stepper(count: max(valid?.steps.count ?? 0, padded.steps.count))
    }

    /// "valid: the 3×3 kernel is larger than the 2×2 input" (the engine's reason otherwise).
    static func validProblem(_ s: ConvSettings, error: CNNError, language: Language) -> String {
        let k = s.kernel, n = s.input
        let reach = (rows: s.dilation * (k.rows - 1) + 1, cols: s.dilation * (k.cols - 1) + 1)
        guard reach.rows > n.rows || reach.cols > n.cols else { return "valid: \(error.description)" }
        let kernel = s.dilation == 1 ? "\(k.rows)×\(k.cols)" : "\(k.rows)×\(k.cols) (dilation \(s.dilation): \(reach.rows)×\(reach.cols))"
        return Localized(en: "valid: the \(kernel) kernel is larger than the \(n.rows)×\(n.cols) input, so there is no output without padding.",
                         ko: "valid: \(kernel) 커널이 \(n.rows)×\(n.cols) 입력보다 커서 패딩 없이는 출력이 없습니다.")[language]
    }

    public var title: String { Localized(en: "Padding", ko: "패딩")[language] }
    public var status: String { stepper.status(language) }
    static let cyclePadding = KeyBinding([.char("p")], "p", Localized(en: "padding", ko: "패딩"))
    public var bindings: [KeyBinding] { Stepper.bindings + [SlidingScene.notesKey] + [Self.cyclePadding] }
    public var tickInterval: Duration? { stepper.tickInterval }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        if stepper.handle(message) { return .none }
        if case .key(let key) = message, SlidingScene.notesKey.matches(key) { showsNotes.toggle(); return .none }
        if case .key(let key) = message, Self.cyclePadding.matches(key) {
            let start = Self.cycle.firstIndex(of: padding) ?? -1
            for offset in 1...Self.cycle.count {
                var next = settings
                next.padding = Self.cycle[(start + offset) % Self.cycle.count]
                if let trace = try? next.trace() {
                    padding = next.padding
                    padded = trace
                    stepper.reset(count: max(valid?.steps.count ?? 0, padded.steps.count), step: stepper.isAtEnd ? .max : stepper.step)
                    break
                }
            }
        }
        return .none
    }

    var labels: (String, String) {
        ("valid", "\(padding)" + (padded.geometry.hasPadding ? " (\(SlidingStrings.paddingDescription(padded)))" : ""))
    }

    var panels: TwoPanels {
        let l = language
        var left = valid.map { ConvPanel.compared($0, step: stepper.step, language: language) }
        if let valid {
            left?.outputTitle = "valid → \(valid.geometry.outputRows)×\(valid.geometry.outputCols)"
            left?.inputTitle = "\(Localized(en: "Input", ko: "입력")[l]) \(valid.geometry.rows.paddedSize)×\(valid.geometry.cols.paddedSize)"
        }
        var right = ConvPanel.compared(padded, step: stepper.step, language: language)
        right.outputTitle = "\(padding) → \(padded.geometry.outputRows)×\(padded.geometry.outputCols)"
        right.inputTitle = "\(Localized(en: "+ padding", ko: "+ 패딩")[l]) \(padded.geometry.rows.paddedSize)×\(padded.geometry.cols.paddedSize)"
        return TwoPanels(left: left, right: right, leftLabel: "valid", rightLabel: "\(padding)", leftProblem: validProblem)
    }

    var notes: [String] {
        let l = language, g = padded.geometry
        var notes = [Localized(en: "Padding adds zero cells (dim 0) around the input so windows can sit on the edges; valid adds none, and at stride 1 the output shrinks by k − 1.",
                               ko: "패딩은 입력 둘레에 0(흐린 0)을 채워 창이 가장자리에도 놓이게 합니다. valid는 채우지 않아 스트라이드 1에서 출력이 k − 1만큼 줄어듭니다.")[l]]
        switch padding {
        case .same: notes.append(Localized(en: "same: out = ceil(n / s), the size of the input when s = 1.",
                                           ko: "same: 출력 = ceil(n / s). 스트라이드 1이면 입력과 같은 크기입니다.")[l])
        case .full: notes.append(Localized(en: "full: k − 1 zeros on each side, so every overlap of window and input is visited.",
                                           ko: "full: 양쪽에 k − 1칸씩 채워 창과 입력이 겹치는 모든 위치를 계산합니다.")[l])
        default: break
        }
        if g.rows.padBefore != g.rows.padAfter || g.cols.padBefore != g.cols.padAfter {
            notes.insert(Localized(
                en: "The padding total is odd, so Keras puts the extra row at the bottom (top \(g.rows.padBefore), bottom \(g.rows.padAfter)) and the extra column on the right (left \(g.cols.padBefore), right \(g.cols.padAfter)).",
                ko: "패딩 합이 홀수라 케라스는 남는 행을 아래(위 \(g.rows.padBefore), 아래 \(g.rows.padAfter)), 남는 열을 오른쪽(왼쪽 \(g.cols.padBefore), 오른쪽 \(g.cols.padAfter))에 둡니다.")[l], at: 0)
        }
        return notes.map { "· " + $0 }
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let inner = area.inset(left: 1, right: 1)
        let k = settings.kernel
        let kernelText = k.nestedRows.map { $0.map { formatNumber($0) }.joined(separator: " ") }.joined(separator: "; ")
        buffer.writeLine("\(Localized(en: "kernel", ko: "커널")[language]) \(k.rows)×\(k.cols) [\(kernelText)] · \(SlidingStrings.stride[language]) \(settings.stride) · p: \(Localized(en: "change padding", ko: "패딩 바꾸기")[language])",
                     x: inner.x, y: inner.y, width: inner.width)
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
        return (size.width, size.height + 9)
    }
}

extension PaddingScene {
    public static let entry = ScreenEntry.checkedScene(
        "padding", ConvSettings.self,
        title: Localized(en: "Padding", ko: "패딩"),
        summary: Localized(en: "valid vs same (and full, explicit) side by side",
                           ko: "valid와 same(그리고 full, 직접 지정) 패딩을 나란히 비교합니다")
    ) { settings, language throws(CNNError) in try PaddingScene(settings: settings, language: language) }
}

import CNN
import Terminal

/// Backpropagation through one convolution, as convolutions. Four views (Tab / n):
///
/// 1. the forward pass `y = x ⋆ w` and the upstream gradient `∂L/∂y`, edited cell by cell
///    (arrows, a digit or `e` types a value, `+`/`-` ±1, `o` one-hot on the cursor, `a` all ones);
/// 2. `∂L/∂x`, stepped: the kernel rotated 180° slides over `∂L/∂y` zero-stuffed by the stride
///    and padded (a true convolution);
/// 3. `∂L/∂w`, stepped: `∂L/∂y` (cells `s` apart) slides over `x` (a cross-correlation);
/// 4. `∂L/∂b = Σ ∂L/∂y` and a finite-difference check on one input cell (arrows pick it).
///
/// Every number comes from the engine: the traces from `ConvBackwardTrace`, the gradients
/// from `conv2dGradients` (the training backward), the check from `FiniteDifference`.
public struct BackpropScene: Screen {
    public enum View: Int, Sendable, CaseIterable { case forward, inputGradient, kernelGradient, check }

    public let settings: BackpropSettings
    public let language: Language
    public private(set) var view: View
    public private(set) var upstream: Matrix
    public private(set) var trace: ConvBackwardTrace
    /// The training backward's gradients (what the traces are checked against).
    public private(set) var gradients: ConvGradients
    /// The finite-difference check of `∂L/∂x` at `checkCell`.
    public private(set) var check: FiniteDifference
    public private(set) var inputStepper: Stepper
    public private(set) var kernelStepper: Stepper
    /// The upstream cell being edited.
    public private(set) var upstreamCursor = GridPosition(row: 0, col: 0)
    /// The input cell the finite difference nudges.
    public private(set) var checkCell: GridPosition
    public private(set) var editor: TextField?
    /// Why the last edit was refused, if it was.
    public private(set) var problem: String?
    /// Whether every note replaces the picture (`i`).
    public private(set) var showsNotes = false
    private(set) var area = Rect(x: 0, y: 0, width: 80, height: 22)

    /// The finite-difference step.
    public static let h: Float = 0.01

    public init(settings: BackpropSettings = BackpropSettings(), language: Language = .en) throws(CNNError) {
        self.settings = settings
        self.language = language
        view = View(rawValue: settings.view - 1) ?? .forward
        upstream = try settings.upstreamMatrix()
        checkCell = GridPosition(row: settings.input.rows / 2, col: settings.input.cols / 2)
        let (t, g, c) = try Self.compute(settings, upstream, checkCell)
        (trace, gradients, check) = (t, g, c)
        inputStepper = Stepper(count: t.inputGradient.steps.count)
        kernelStepper = Stepper(count: t.kernelGradient.steps.count)
    }

    /// The engine's trace, training-backward gradients and finite difference for `upstream`.
    static func compute(_ s: BackpropSettings, _ upstream: Matrix, _ cell: GridPosition) throws(CNNError)
        -> (ConvBackwardTrace, ConvGradients, FiniteDifference) {
        let trace = try ConvBackwardTrace(input: s.input, kernel: s.kernel, upstream: upstream, padding: s.padding,
                                          stride: s.stride, dilation: s.dilation)
        let grads = try conv2dGradients(input: s.input, kernel: s.kernel, upstream: upstream, padding: s.padding,
                                        stride: s.stride, dilation: s.dilation)
        let check = try FiniteDifference(cell: .input(row: cell.row, col: cell.col), h: h, input: s.input, kernel: s.kernel,
                                         upstream: upstream, padding: s.padding, stride: s.stride, dilation: s.dilation)
        return (trace, grads, check)
    }

    public var title: String { BackpropStrings.title[language] }
    public var status: String {
        let page = "\(view.rawValue + 1)/\(View.allCases.count)"
        switch view {
        case .inputGradient: return page + " · " + inputStepper.status(language)
        case .kernelGradient: return page + " · " + kernelStepper.status(language)
        default: return page
        }
    }
    public var wantsText: Bool { editor != nil }
    public var tickInterval: Duration? {
        switch view {
        case .inputGradient: inputStepper.tickInterval
        case .kernelGradient: kernelStepper.tickInterval
        default: nil
        }
    }

    // MARK: Keys

    enum Action: Sendable { case up, down, left, right, nextView, plus, minus, edit, oneHot, allOnes, notes }

    static let viewKey = KeyMap<Action>.Entry([.tab, .char("n")], "Tab/n", Localized(en: "next view", ko: "다음 화면"), .nextView)
    static let notesKey = KeyMap<Action>.Entry([.char("i")], "i", Localized(en: "notes", ko: "설명"), .notes)
    static let move = KeyMap<Action>.Entry("arrows", Localized(en: "move", ko: "이동"),
                                          [(.up, .up), (.down, .down), (.left, .left), (.right, .right)])
    /// The forward view's keys: editing `∂L/∂y`.
    static let editMap = KeyMap<Action>([
        move, viewKey,
        .init("0-9/e", Localized(en: "type a value", ko: "값 입력"), [(.char("e"), .edit), (.enter, .edit)]),
        .init("+/-", Localized(en: "±1", ko: "±1"), [(.char("+"), .plus), (.char("="), .plus), (.char("-"), .minus), (.char("_"), .minus)]),
        .init([.char("o")], "o", Localized(en: "one-hot", ko: "원-핫"), .oneHot),
        .init([.char("a")], "a", Localized(en: "all ones", ko: "모두 1"), .allOnes),
        notesKey,
    ])
    /// The check view's keys: arrows pick the nudged input cell.
    static let checkMap = KeyMap<Action>([
        .init("arrows", Localized(en: "pick x cell", ko: "x 칸 고르기"), [(.up, .up), (.down, .down), (.left, .left), (.right, .right)]),
        viewKey, notesKey,
    ])
    /// The stepped views' own keys (after the stepper's).
    static let stepMap = KeyMap<Action>([viewKey, notesKey])

    public var bindings: [KeyBinding] {
        if editor != nil {
            return [KeyBinding([.enter], "Enter", Localized(en: "set", ko: "설정"))]  // the app shows Esc
        }
        switch view {
        case .forward: return Self.editMap.bindings
        case .check: return Self.checkMap.bindings
        default: return Stepper.bindings + Self.stepMap.bindings
        }
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        switch message {
        case .resize(let w, let h): area = Rect(x: 0, y: 0, width: w, height: h)
        case .tick:
            if view == .inputGradient { _ = inputStepper.handle(message) }
            if view == .kernelGradient { _ = kernelStepper.handle(message) }
        case .key(let key): handle(key)
        default: break
        }
        return .none
    }

    private mutating func handle(_ key: Key) {
        let p = upstreamCursor
        if var field = editor {
            switch field.handle(key) {
            case .submitted(let text):
                editor = nil
                if let value = Float(text.trimmingCharacters(in: .whitespaces)), value.isFinite {
                    setUpstream { $0[p.row, p.col] = value }
                } else {
                    problem = Localized(en: "'\(text)' is not a number", ko: "'\(text)': 숫자가 아닙니다")[language]
                }
            case .cancelled: editor = nil
            default: editor = field
            }
            return
        }
        problem = nil
        switch view {
        case .inputGradient where inputStepper.handle(.key(key)): return
        case .kernelGradient where kernelStepper.handle(.key(key)): return
        case .forward:
            if case .char(let c) = key, c.isNumber || c == "." {
                editor = TextField(text: String(c), maxLength: 12)
                return
            }
        default: break
        }
        let map = view == .forward ? Self.editMap : view == .check ? Self.checkMap : Self.stepMap
        switch map.action(for: key) {
        case .up: move(-1, 0)
        case .down: move(1, 0)
        case .left: move(0, -1)
        case .right: move(0, 1)
        case .nextView: view = View(rawValue: (view.rawValue + 1) % View.allCases.count) ?? .forward
        case .plus: setUpstream { $0[p.row, p.col] += 1 }
        case .minus: setUpstream { $0[p.row, p.col] -= 1 }
        case .edit: editor = TextField(maxLength: 12)
        case .oneHot:
            setUpstream { m in
                m = Matrix(rows: m.rows, cols: m.cols)
                m[p.row, p.col] = 1
            }
        case .allOnes: setUpstream { m in m = Matrix(rows: m.rows, cols: m.cols, repeating: 1) }
        case .notes: showsNotes.toggle()
        case nil: break
        }
    }

    private mutating func move(_ dr: Int, _ dc: Int) {
        if view == .check {
            let x = settings.input
            checkCell = GridPosition(row: min(max(checkCell.row + dr, 0), x.rows - 1), col: min(max(checkCell.col + dc, 0), x.cols - 1))
            recompute(upstream)
        } else {
            upstreamCursor = GridPosition(row: min(max(upstreamCursor.row + dr, 0), upstream.rows - 1), col: min(max(upstreamCursor.col + dc, 0), upstream.cols - 1))
        }
    }

    private mutating func setUpstream(_ edit: (inout Matrix) -> Void) {
        var next = upstream
        edit(&next)
        guard next.values.allSatisfy(\.isFinite) else {
            problem = Localized(en: "∂L/∂y must stay finite", ko: "∂L/∂y는 유한한 수여야 합니다")[language]
            return
        }
        recompute(next)
    }

    /// Recomputes everything the engine shows for `next` (the geometry does not change, so
    /// the steps keep their places).
    private mutating func recompute(_ next: Matrix) {
        do {
            let (t, g, c) = try Self.compute(settings, next, checkCell)
            (upstream, trace, gradients, check) = (next, t, g, c)
        } catch {
            problem = error.description
        }
    }
}

extension BackpropScene {
    public static let entry = ScreenEntry.checkedScene(
        "backprop", BackpropSettings.self,
        title: BackpropStrings.title,
        summary: Localized(en: "gradients are convolutions: ∂L/∂x uses the flipped kernel; a finite-difference check",
                           ko: "기울기도 합성곱: ∂L/∂x는 뒤집은 커널을 씁니다; 유한 차분 검산")
    ) { settings, language throws(CNNError) in try BackpropScene(settings: settings, language: language) }
}

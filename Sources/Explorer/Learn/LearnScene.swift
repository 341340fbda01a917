import Foundation
import CNN
import Terminal

/// Kernels are learned: a 3×3 kernel fitted by gradient descent so that the image filtered by
/// it matches the image filtered by a classic kernel (Sobel x by default). Each step shows the
/// weights, the target, the gradient and the loss, all from the engine's `KernelFit` (the
/// `Conv2D` forward and backward that train the models, and its SGD): → one step, space runs,
/// g (or r) starts again, t changes the target.
public struct LearnScene: Screen {
    public let language: Language
    public private(set) var settings: LearnSettings
    public private(set) var fit: KernelFit
    /// `history[k]`: step `k` (the weights after `k` updates, their loss and gradient).
    public private(set) var history: [KernelFit.Step] = []
    public private(set) var stepper: Stepper
    /// Whether every note replaces the picture (`i`).
    public private(set) var showsNotes = false
    /// Why the fit could not run (shown in its place).
    public private(set) var problem: String?
    /// Predict mode (nil: the normal mode): the first three updates are typed before they are shown.
    public private(set) var predict: PredictProgress?

    /// Steps the scene goes to (End jumps there).
    public static let maxSteps = 600
    /// A weight counts as learned within this of the target's.
    public static let tolerance: Float = 0.01

    /// The picture the kernel is learned on: 12×12, a square, a disc, a diagonal and a ramp
    /// (edges in every direction, so every weight has something to learn from).
    public static let image: Matrix = {
        let n = 12
        var values: [Float] = []
        for r in 0..<n {
            for c in 0..<n {
                var v: Float = 0
                if (2...5).contains(r) && (2...5).contains(c) { v = 1 }
                if (r - 8) * (r - 8) + (c - 8) * (c - 8) <= 5 { v = 0.8 }
                if r + c == n - 1 && r < 7 { v = 0.6 }
                if r >= 7 { v += 0.25 * Float(c) / Float(n - 1) }
                values.append(v)
            }
        }
        return Matrix(rows: n, cols: n, values: values)
    }()

    public init(settings: LearnSettings = LearnSettings(), language: Language = .en, predict: Bool = false) throws(CNNError) {
        if predict { self.predict = PredictProgress(asksSize: false) }
        self.language = language
        self.settings = settings
        fit = try KernelFit(image: Self.image, targetKernel: settings.target.kernel, learningRate: settings.rate)
        stepper = Stepper(count: Self.maxSteps)
        try compute(through: 0)
    }

    /// Computes steps until `history` holds step `index`.
    mutating func compute(through index: Int) throws(CNNError) {
        while history.count <= index {
            let start = history.last?.next ?? fit.initialWeights(seed: UInt64(settings.seed))
            history.append(try fit.step(from: start))
        }
    }

    public var title: String { Localized(en: "Learning a kernel", ko: "커널 학습")[language] }
    public var status: String { predict?.status(language, then: stepper.status(language)) ?? stepper.status(language) }
    public var tickInterval: Duration? { stepper.isPlaying ? .milliseconds(60) : nil }
    public var wantsText: Bool { predict?.wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predict?.cursor(question, language: language) }

    enum Action: Sendable { case reset, target }
    static let keyMap = KeyMap<Action>([
        .init([.char("r")], "r", Localized(en: "start again", ko: "처음부터"), .reset),
        .init([.char("t")], "t", Localized(en: "next target", ko: "다음 목표"), .target),
    ])
    public var bindings: [KeyBinding] {
        if let keys = predict?.bindings(question) { return keys + [SlidingScene.notesKey] }
        return Stepper.bindings + Self.keyMap.bindings + [SlidingScene.notesKey]
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        predict?.observe(message)
        if var predict, let question {
            // While an update is asked, the step shown stays and the target cannot change.
            let routing = predict.route(message, question: question, hint: hint)
            self.predict = predict
            switch routing {
            case .consumed: return .none
            case .advance: stepper.set(step: predict.revealed); return sync()
            case .sceneKey(let key): if SlidingScene.notesKey.matches(key) { showsNotes.toggle() }; return .none
            }
        }
        if stepper.handle(message) { return sync() }
        guard case .key(let key) = message else { return .none }
        if SlidingScene.notesKey.matches(key) { showsNotes.toggle(); return .none }
        switch Self.keyMap.action(for: key) {
        case .reset: stepper.set(step: 0)
        case .target:
            let all = KernelPreset.allCases
            settings.target = all[((all.firstIndex(of: settings.target) ?? 0) + 1) % all.count]
            do {
                fit = try KernelFit(image: Self.image, targetKernel: settings.target.kernel, learningRate: settings.rate)
            } catch {
                return .notice(error.description)
            }
            history = []
            stepper.set(step: 0)
            return sync()
        case nil: break
        }
        return .none
    }

    /// Makes sure the shown step is computed.
    private mutating func sync() -> ScreenCommand {
        do { try compute(through: stepper.step) } catch {
            problem = error.description
            stepper.set(step: max(0, history.count - 1))
        }
        return .none
    }

    var current: KernelFit.Step { history[min(stepper.step, history.count - 1)] }

    /// The first step at which every weight is within `tolerance` of the target (among those computed).
    var convergedStep: Int? {
        let target = settings.target.kernel.values
        return history.firstIndex { zip($0.weights.values, target).allSatisfy { abs($0 - $1) <= Self.tolerance } }
    }

    // MARK: Drawing

    func grid(_ m: Matrix, marks: [GridPosition: Style] = [:]) -> GridView {
        GridView(cells: m.nestedRows.map { $0.map { Self.fixed($0) } }, styles: marks, cellWidth: 6)
    }

    /// `-1.234`, `0.000`: three decimals, no minus sign on a value that rounds to zero.
    static func fixed(_ x: Float) -> String {
        let text = String(format: "%.3f", x)
        return text == "-0.000" ? "0.000" : text
    }

    /// The loss: four decimals, or `1.2e-05` once it is that small.
    static func loss(_ x: Float) -> String { x.isFinite && x < 0.001 ? String(format: "%.1e", x) : formatNumber(x, digits: 4) }

    var grids: GridRow {
        let l = language, s = current
        let target = settings.target.kernel
        var marks: [GridPosition: Style] = [:]
        for r in 0..<target.rows { for c in 0..<target.cols where abs(s.weights[r, c] - target[r, c]) <= Self.tolerance {
            marks[GridPosition(row: r, col: c)] = Palette.accent
        } }
        // Predict mode: the asked cell, in the weights and the gradient.
        var asked: [GridPosition: Style] = [:]
        if let step = askedStep {
            let (r, c) = Self.predictCells[step]
            asked[GridPosition(row: r, col: c)] = Palette.current
            marks[GridPosition(row: r, col: c)] = Palette.current
        }
        return GridRow(items: [
            (Localized(en: "weights w (step \(stepper.step))", ko: "가중치 w (\(stepper.step)단계)")[l], grid(s.weights, marks: marks)),
            (Localized(en: "gradient ∂L/∂w", ko: "기울기 ∂L/∂w")[l], grid(s.gradient, marks: asked)),
            (Localized(en: "target: \(settings.target.title[l])", ko: "목표: \(settings.target.title[l])")[l], grid(target)),
        ], gap: 2, densities: [.roomy, .compact, .lineless])
    }

    var notes: [String] {
        if let step = askedStep { return ["· " + questionNote(step: step)] }
        let l = language, s = current
        let m = fit.target.values.count
        let size = "\(fit.image.rows) − \(fit.kernelRows) + 1 = \(fit.target.rows)"
        var notes = [Localized(
            en: "loss L = mean((x ⋆ w − t)²) over the \(m) output cells (output size \(size)) = \(Self.loss(s.loss)); each step w ← w − \(formatNumber(settings.rate)) · ∂L/∂w, the gradient from Conv2D's backward.",
            ko: "손실 L = \(m)개 출력 칸(출력 크기 \(size))의 평균((x ⋆ w − t)²) = \(Self.loss(s.loss)); 매 단계 w ← w − \(formatNumber(settings.rate)) · ∂L/∂w, 기울기는 Conv2D의 역전파에서 옵니다.")[l]]
        notes.append(Localized(
            en: "w[0,0]: \(formatNumber(s.weights[0, 0], digits: 4)) − \(formatNumber(settings.rate)) × \(formatNumber(s.gradient[0, 0], digits: 4)) = \(formatNumber(s.next[0, 0], digits: 4)) at the next step.",
            ko: "w[0,0]: \(formatNumber(s.weights[0, 0], digits: 4)) − \(formatNumber(settings.rate)) × \(formatNumber(s.gradient[0, 0], digits: 4)) = 다음 단계의 \(formatNumber(s.next[0, 0], digits: 4)).")[l])
        if let done = convergedStep, done <= stepper.step {
            notes.append(Localized(en: "Learned: from step \(done) every weight is within \(formatNumber(Self.tolerance)) of \(settings.target.title[l]) (highlighted).",
                                   ko: "학습 완료: \(done)단계부터 모든 가중치가 \(settings.target.title[l])와 \(formatNumber(Self.tolerance)) 이내입니다(강조).")[l])
        } else {
            notes.append(Localized(en: "Weights within \(formatNumber(Self.tolerance)) of the target are highlighted; → steps, space runs, G jumps to step \(Self.maxSteps).",
                                   ko: "목표와 \(formatNumber(Self.tolerance)) 이내인 가중치는 강조됩니다. → 한 단계, space 연속 실행, G는 \(Self.maxSteps)단계로.")[l])
        }
        if !s.loss.isFinite || s.loss > (history.first?.loss ?? 0) * 10 {
            notes.append(Localized(en: "The loss grows: the learning rate \(formatNumber(settings.rate)) is too large for this image, and each step overshoots.",
                                   ko: "손실이 커집니다: 학습률 \(formatNumber(settings.rate))이 이 이미지에 너무 커서 매 단계 지나칩니다.")[l])
        }
        return notes.map { "· " + $0 }
    }

    /// Loss so far, one column per step range, as a bar of ▁…█ on a log scale.
    func lossCurve(width: Int) -> String {
        let shown = Array(history.prefix(stepper.step + 1)).map { Double(max($0.loss, 1e-12)) }
        guard let top = shown.first, width > 0, top.isFinite else { return "" }
        let bars = Array("▁▂▃▄▅▆▇█")
        let low = log10(max(1e-8, shown.filter(\.isFinite).min() ?? top)), high = log10(max(top, shown.filter(\.isFinite).max() ?? top))
        let per = max(1, (Self.maxSteps + width) / width)
        var text = ""
        for start in stride(from: 0, to: shown.count, by: per) {
            let v = shown[start]
            let level = v.isFinite && high > low ? (log10(v) - low) / (high - low) : 1
            text.append(bars[min(bars.count - 1, max(0, Int((level * Double(bars.count - 1)).rounded())))])
        }
        return text
    }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predict != nil)
        if let promptArea { predict?.render(question, language: language, into: &buffer, area: promptArea) }
        let inner = area.inset(left: 1, right: 1)
        let l = language, s = current
        buffer.writeLine(Localized(en: "learn \(settings.target.title[l]) from the image · rate \(formatNumber(settings.rate)) · loss \(Self.loss(s.loss))",
                                   ko: "이미지에서 \(settings.target.title[l]) 학습 · 학습률 \(formatNumber(settings.rate)) · 손실 \(Self.loss(s.loss))")[l],
                         x: inner.x, y: inner.y, width: inner.width)
        if let problem {
            Text(problem, style: Style(bold: true)).render(in: inner.inset(top: 2), buffer: &buffer)
            return
        }
        var y = inner.y + 2
        if showsNotes {
            Text(lines: notes).render(in: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)), buffer: &buffer)
            return
        }
        // Framed grids when the whole scene has its 22 rows, else denser ones (a lesson's block).
        let gridRows = inner.height >= 21 ? 8 : 4
        y += grids.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: min(gridRows, max(0, inner.maxY - y)))) + 1
        // The image, the target t = x ⋆ w*, and the output x ⋆ w now, half-block pictures.
        let pictures: [(String, Matrix)] = [
            (Localized(en: "image x", ko: "이미지 x")[l], fit.image),
            (Localized(en: "target t", ko: "목표 t")[l], fit.target),
            (Localized(en: "x ⋆ w now", ko: "지금 x ⋆ w")[l], s.output),
        ]
        let range = (fit.target.values.min() ?? -1)...(fit.target.values.max() ?? 1)
        var x = inner.x
        if y + 1 + (fit.image.rows + 1) / 2 <= inner.maxY {
            for (index, (caption, m)) in pictures.enumerated() {
                let picture = PixelImage(pixels: m.values, height: m.rows, width: m.cols,
                                         range: index == 0 ? 0...1 : (range.lowerBound < range.upperBound ? range : 0...1), twoTone: index > 0)
                buffer.writeLine(caption, x: x, y: y, style: Palette.heading, width: max(0, min(14, inner.maxX - x)))
                if x + picture.size.width <= inner.maxX { picture.render(into: &buffer, x: x, y: y + 1) }
                x += 16
            }
            // The loss curve beside the pictures.
            let curveX = x
            if curveX + 10 < inner.maxX {
                let width = inner.maxX - curveX
                buffer.writeLine(Localized(en: "loss (log scale)", ko: "손실 (로그 눈금)")[l], x: curveX, y: y, style: Palette.heading, width: width)
                buffer.writeLine(lossCurve(width: width), x: curveX, y: y + 1, width: width)
                let first = history.first?.loss ?? 0
                buffer.writeLine("\(Self.loss(first)) → \(Self.loss(s.loss))", x: curveX, y: y + 2, style: Palette.note, width: width)
            }
            y += 1 + (fit.image.rows + 1) / 2 + 1
        }
        guard y < inner.maxY else { return }
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[l])
            .render(in: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), buffer: &buffer)
    }

    public var contentSize: (width: Int, height: Int) { (76, 22 + (predict == nil ? 0 : PredictPrompt.rows)) }
}

extension LearnScene {
    public static let entry = ScreenEntry.checkedScene(
        "learn", Predictable<LearnSettings>.self,
        title: Localized(en: "Learning a kernel", ko: "커널 학습"),
        summary: Localized(en: "gradient descent finds Sobel's weights from an image and its edges",
                           ko: "경사 하강법이 이미지와 그 에지에서 소벨 가중치를 찾아냅니다")
    ) { settings, language throws(CNNError) in try LearnScene(settings: settings.base, language: language, predict: settings.predict) }
}

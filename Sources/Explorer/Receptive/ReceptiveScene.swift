import Foundation
import CNN
import Terminal

/// The receptive field, layer by layer: a stack of convolutions and poolings over an n×n
/// input, a table of each layer's output size, field `r` and jump `j` (from the engine's
/// `ReceptiveField`), and the input with the region the middle cell of the shown layer sees.
/// → / ← step through the layers; the stack is editable (add, remove, conv/pool, kernel,
/// stride). The notes give the step's arithmetic and why networks downsample: the last map's
/// size and what a Dense layer of `denseUnits` on it would cost (the engine's parameter counts).
public struct ReceptiveScene: Screen {
    public let language: Language
    public let inputSize: Int
    public private(set) var layers: [WindowLayer]
    public private(set) var field: ReceptiveField
    public private(set) var stack: ReceptiveStack
    public private(set) var stepper: Stepper
    /// Whether every note replaces the picture (`i`).
    public private(set) var showsNotes = false
    /// Predict mode (nil: the normal mode): each layer's field is asked before it is shown.
    public private(set) var predict: PredictProgress?
    /// How many layers predict mode asks about (the stack it started with).
    let predictCount: Int

    /// Units of the Dense layer the downsampling note puts on the last map (the notes' example).
    public static let denseUnits = 512
    /// Largest stack the table shows.
    public static let maxLayers = 8
    static let kernels = 1...7
    static let strides = 1...4

    public init(settings: ReceptiveSettings = ReceptiveSettings(), language: Language = .en, predict: Bool = false) throws(CNNError) {
        self.language = language
        inputSize = settings.size
        stack = settings.stack
        layers = settings.stack.layers
        field = try ReceptiveField(inputSize: settings.size, layers: layers)
        stepper = Stepper(count: layers.count)
        predictCount = predict ? layers.count : 0
        if predict && !layers.isEmpty {
            self.predict = PredictProgress(asksSize: false)
            stepper.set(step: 1)
        }
    }

    public var title: String { Localized(en: "Receptive field", ko: "수용 필드")[language] }
    public var status: String { predict?.status(language, then: stepper.status(language)) ?? stepper.status(language) }
    public var wantsText: Bool { predict?.wantsText(question) ?? false }
    public var cursor: (x: Int, y: Int)? { predict?.cursor(question, language: language) }
    public var tickInterval: Duration? { stepper.tickInterval }

    enum Edit: Sendable { case add, remove, kind, kernelUp, kernelDown, strideUp, strideDown, preset }
    static let editKeys = KeyMap<Edit>([
        .init([.char("a")], "a", Localized(en: "add a layer", ko: "층 추가"), .add),
        .init([.char("x"), .delete], "x", Localized(en: "remove the layer", ko: "층 삭제"), footer: false, .remove),
        .init([.char("t")], "t", Localized(en: "conv / pool", ko: "합성곱 / 풀링"), footer: false, .kind),
        .init("k/K", Localized(en: "kernel + / −", ko: "커널 + / −"), footer: false, [(.char("k"), .kernelUp), (.char("K"), .kernelDown)]),
        .init("s/S", Localized(en: "stride + / −", ko: "스트라이드 + / −"), footer: false, [(.char("s"), .strideUp), (.char("S"), .strideDown)]),
        .init([.char("n")], "n", Localized(en: "next stack", ko: "다음 층 구성"), footer: false, .preset),
    ])
    public var bindings: [KeyBinding] {
        if let keys = predict?.bindings(question) { return keys + [SlidingScene.notesKey] }
        return Stepper.bindings + Self.editKeys.bindings + [SlidingScene.notesKey]
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        predict?.observe(message)
        if var predict, let question {
            // While a field is asked, the stack cannot change and the stepper stays on that layer.
            let routing = predict.route(message, question: question, hint: hint)
            self.predict = predict
            switch routing {
            case .consumed: break
            case .advance: stepper.set(step: min(predict.revealed + (predict.revealed < predictCount ? 1 : 0), layers.count))
            case .sceneKey(let key): if SlidingScene.notesKey.matches(key) { showsNotes.toggle() }
            }
            return .none
        }
        if stepper.handle(message) { return .none }
        guard case .key(let key) = message else { return .none }
        if SlidingScene.notesKey.matches(key) { showsNotes.toggle(); return .none }
        guard let edit = Self.editKeys.action(for: key) else { return .none }
        return apply(edit)
    }

    /// The layer an edit changes: the one shown (the first when the input is shown).
    var editedIndex: Int { max(stepper.step, 1) - 1 }

    mutating func apply(_ edit: Edit) -> ScreenCommand {
        var next = layers
        var step = stepper.step
        let i = editedIndex
        switch edit {
        case .preset:
            let all = ReceptiveStack.allCases
            let preset = all[((all.firstIndex(of: stack) ?? 0) + 1) % all.count]
            guard let f = try? ReceptiveField(inputSize: inputSize, layers: preset.layers) else {
                stack = preset
                return .notice(Localized(en: "\(preset.rawValue): does not fit a \(inputSize)×\(inputSize) input",
                                         ko: "\(preset.rawValue): \(inputSize)×\(inputSize) 입력에 맞지 않습니다")[language])
            }
            stack = preset
            layers = preset.layers
            field = f
            stepper.reset(count: layers.count, step: min(stepper.step, layers.count))
            return .none
        case .add:
            guard next.count < Self.maxLayers else {
                return .notice(Localized(en: "at most \(Self.maxLayers) layers here", ko: "층은 최대 \(Self.maxLayers)개까지입니다")[language])
            }
            next.insert(WindowLayer(.conv, kernel: 3), at: stepper.step)
            step = stepper.step + 1
        case .remove:
            guard !next.isEmpty else { return .none }
            next.remove(at: i)
            step = min(max(stepper.step, 1), next.count)
        case .kind:
            guard i < next.count else { return .none }
            next[i].kind = next[i].kind == .conv ? .pool : .conv
        case .kernelUp, .kernelDown:
            guard i < next.count else { return .none }
            next[i].kernel = min(max(next[i].kernel + (edit == .kernelUp ? 1 : -1), Self.kernels.lowerBound), Self.kernels.upperBound)
        case .strideUp, .strideDown:
            guard i < next.count else { return .none }
            next[i].stride = min(max(next[i].stride + (edit == .strideUp ? 1 : -1), Self.strides.lowerBound), Self.strides.upperBound)
        }
        do {
            field = try ReceptiveField(inputSize: inputSize, layers: next)
        } catch {
            return .notice(error.description)
        }
        layers = next
        stepper.reset(count: next.count, step: step)
        return .none
    }

    /// `conv 3×3 s1`, `pool 2×2 s2`.
    func name(_ layer: WindowLayer) -> String {
        let kind = layer.kind == .conv ? Localized(en: "conv", ko: "합성곱")[language] : Localized(en: "pool", ko: "풀링")[language]
        return "\(kind) \(layer.kernel)×\(layer.kernel) s\(layer.stride)"
    }

    // MARK: Drawing

    /// The table: one row per level, the shown one marked.
    var tableLines: [StyledLine] {
        let l = language
        let header = StyledLine(Localized(en: "  #  layer          out     field  jump", ko: "  #  층             출력    영역   간격")[l], style: Palette.heading)
        var lines = [header]
        let asked = askedLevel
        for (index, level) in field.levels.enumerated() {
            let what = index == 0 ? Localized(en: "input", ko: "입력")[l] : name(layers[index - 1])
            // Predict mode: the asked layer's field is `?`, the layers above show no numbers.
            let hidden = asked.map { index > $0 } ?? false, isAsked = asked == index
            let out = hidden ? "" : "\(level.outputSize)×\(level.outputSize)"
            let seen = hidden ? "" : isAsked ? "?" : "\(level.size)×\(level.size)"
            let jump = hidden || isAsked ? "" : "\(level.jump)"
            let text = (index == stepper.step ? "▸" : " ") + pad("\(index)", toWidth: 2, alignment: .right) + "  "
                + pad(what, toWidth: 14) + " " + pad(out, toWidth: 7) + " "
                + pad(seen, toWidth: 6) + " " + jump
            let style: Style = index == stepper.step ? Style(bold: true) : (index > stepper.step ? Palette.note : .plain)
            lines.append(StyledLine(text, style: style))
        }
        return lines
    }

    /// The step's arithmetic, the region seen, and why networks downsample.
    var notes: [String] {
        let l = language
        if let asked = askedLevel { return ["· " + questionNote(level: asked)] }
        let level = stepper.step
        var notes: [String] = []
        let now = field.levels[level]
        if level == 0 {
            notes.append(Localized(en: "Each input cell sees itself: r₀ = 1, j₀ = 1. → adds the layers one by one.",
                                   ko: "입력의 각 칸은 자기 자신만 봅니다: r₀ = 1, j₀ = 1. → 키로 층을 하나씩 쌓습니다.")[l])
        } else {
            let before = field.levels[level - 1], layer = layers[level - 1]
            let k = layer.dilation * (layer.kernel - 1) + 1
            let size = "floor((\(before.outputSize) − \(k))/\(layer.stride)) + 1 = \(now.outputSize)"
            notes.append(Localized(
                en: "output size \(size); r\(level) = r\(level - 1) + (k − 1)·j\(level - 1) = \(before.size) + \(k - 1)·\(before.jump) = \(now.size); j\(level) = j\(level - 1)·s = \(before.jump)·\(layer.stride) = \(now.jump).",
                ko: "출력 크기 \(size); r\(level) = r\(level - 1) + (k − 1)·j\(level - 1) = \(before.size) + \(k - 1)·\(before.jump) = \(now.size); j\(level) = j\(level - 1)·s = \(before.jump)·\(layer.stride) = \(now.jump).")[l])
        }
        let c = field.centre(level: level)
        if let region = field.region(cell: c, level: level) {
            notes.append(Localized(
                en: "Cell (\(c), \(c)) of this layer sees input rows and columns \(region.lowerBound)–\(region.upperBound): \(region.count)×\(region.count) of \(inputSize)×\(inputSize).",
                ko: "이 층의 (\(c), \(c)) 칸은 입력의 \(region.lowerBound)–\(region.upperBound)행·열, 즉 \(inputSize)×\(inputSize) 중 \(region.count)×\(region.count) 영역을 봅니다.")[l])
        }
        if let skipped = layers.prefix(level).first(where: { $0.stride > $0.kernel }) {
            notes.append(Localized(en: "\(name(skipped)): the stride is larger than the window, so some cells inside the region are never read.",
                                   ko: "\(name(skipped)): 스트라이드가 창보다 커서 영역 안의 일부 칸은 읽히지 않습니다.")[l])
        }
        notes.append(contentsOf: downsamplingNotes)
        return notes.map { "· " + $0 }
    }

    /// The last map's size and a Dense layer's parameters on it, for this stack and for the
    /// same convolutions without downsampling (pools removed, strides 1).
    var downsamplingNotes: [String] {
        let l = language, units = Self.denseUnits
        guard let this = Self.denseCost(layers, inputSize: inputSize) else { return [] }
        let plain = layers.filter { $0.kind == .conv }.map { WindowLayer(.conv, kernel: $0.kernel, dilation: $0.dilation) }
        let downsamples = plain != layers
        var notes = [Localized(
            en: "Last map \(this.shape) = \(groupThousands(this.values)) values; a Dense layer of \(units) units on it has \(groupThousands(this.values)) × \(units) = \(groupThousands(this.weights)) weights (+ \(units) biases).",
            ko: "마지막 특성 맵 \(this.shape) = 값 \(groupThousands(this.values))개; 여기에 유닛 \(units)개짜리 밀집층을 놓으면 가중치가 \(groupThousands(this.values)) × \(units) = \(groupThousands(this.weights))개입니다(+ 절편 \(units)개).")[l]]
        if downsamples, !plain.isEmpty, let flat = Self.denseCost(plain, inputSize: inputSize) {
            notes.append(Localized(
                en: "Why downsample: the same convolutions without pooling or stride end in \(flat.shape) = \(groupThousands(flat.values)) values, and that Dense layer would need \(groupThousands(flat.weights)) weights (\(millions(flat.weights))) — \(ratio(flat.weights, this.weights)) as many — while each last cell would see only \(flat.field)×\(flat.field) of the input instead of \(this.field)×\(this.field).",
                ko: "다운샘플링하는 이유: 같은 합성곱을 풀링이나 스트라이드 없이 쌓으면 마지막 맵이 \(flat.shape) = 값 \(groupThousands(flat.values))개가 되어 그 밀집층에 가중치 \(groupThousands(flat.weights))개(\(millionsKo(flat.weights)), \(ratio(flat.weights, this.weights)))가 필요하고, 마지막 칸 하나는 입력의 \(this.field)×\(this.field)이 아닌 \(flat.field)×\(flat.field)만 봅니다.")[l])
        } else if !downsamples {
            notes.append(Localized(en: "This stack does not downsample: add a pool (a, then t) or a stride (s) and watch the last map and the Dense layer shrink.",
                                   ko: "이 구성은 다운샘플링을 하지 않습니다: 풀링(a 다음 t)이나 스트라이드(s)를 더해 마지막 맵과 밀집층이 줄어드는 것을 보세요.")[l])
        }
        return notes
    }

    /// `15.9 million` (one decimal).
    func millions(_ n: Int) -> String { String(format: "%.1f million", Double(n) / 1e6) }
    /// `약 1,586만` (Korean counts in 만, ten thousands).
    func millionsKo(_ n: Int) -> String { "약 \(groupThousands(Int((Double(n) / 1e4).rounded())))만" }

    /// `×12.3`: how many times larger.
    func ratio(_ a: Int, _ b: Int) -> String {
        guard b > 0 else { return "" }
        let x = Double(a) / Double(b)
        return "×" + (x >= 10 ? "\(Int(x.rounded()))" : String(format: "%.1f", x))
    }

    /// The stack as Keras layers (first conv 32 filters, the others 64, as in the notes'
    /// convnet), flattened into a Dense layer: the last map's shape and size, the Dense
    /// layer's weights (`ModelSpec.layerInfos`), and the last layer's receptive field.
    static func denseCost(_ layers: [WindowLayer], inputSize: Int) -> (shape: String, values: Int, weights: Int, field: Int)? {
        var convs = 0
        var specs: [LayerSpec] = []
        for layer in layers {
            specs.append(layer.layerSpec(filters: convs == 0 && layer.kind == .conv ? 32 : 64))
            if layer.kind == .conv { convs += 1 }
        }
        // The Dense layer without its bias: its parameter count is its weights.
        let spec = ModelSpec(inputShape: [inputSize, inputSize, 1], layers: specs + [.flatten, .dense(DenseSpec(units: denseUnits, useBias: false))])
        guard let infos = try? spec.layerInfos(), infos.count >= 2,
              let field = try? ReceptiveField(inputSize: inputSize, layers: layers) else { return nil }
        let last = layers.isEmpty ? [inputSize, inputSize, 1] : infos[infos.count - 3].outputShape
        return (last.map(String.init).joined(separator: "×"), infos[infos.count - 2].outputShape[0], infos[infos.count - 1].paramCount,
                field.levels[layers.count].size)
    }

    /// Rows the picture takes at `scale` (its title, the pixels two rows per cell, its caption).
    func pictureRows(scale: Int) -> Int { 2 + ((inputSize + scale - 1) / scale + 1) / 2 }

    /// The input, two pixels per cell (upper and lower half), the region seen filled; at
    /// `scale` 2 each half is 2×2 pixels, filled when it overlaps the region (for short areas).
    func renderPicture(into buffer: inout Buffer, x: Int, y: Int, maxY: Int, scale: Int = 1) {
        // Predict mode: what a cell of the layer below the asked one sees.
        let level = askedLevel.map { $0 - 1 } ?? stepper.step
        let c = field.centre(level: level)
        let region = field.region(cell: c, level: level) ?? 0...(-1)
        let n = inputSize, side = (n + scale - 1) / scale
        func overlaps(_ block: Int) -> Bool { block * scale <= region.upperBound && block * scale + scale - 1 >= region.lowerBound }
        func inside(_ r: Int, _ col: Int) -> Bool { r < side && overlaps(r) && overlaps(col) }
        buffer.writeLine(Localized(en: "input \(n)×\(n)", ko: "입력 \(n)×\(n)")[language], x: x, y: y, style: Palette.heading, width: n)
        let seen = Localized(en: "cell (\(c), \(c)) sees \(region.count)×\(region.count)", ko: "(\(c), \(c)) 칸이 보는 영역 \(region.count)×\(region.count)")[language]
        let rows = (side + 1) / 2
        if y + 1 + rows < maxY { buffer.writeLine(seen, x: x, y: y + 1 + rows, style: Style(bold: true), width: n) }
        for row in 0..<rows where y + 1 + row < maxY {
            for col in 0..<side {
                let (top, bottom) = (inside(2 * row, col), inside(2 * row + 1, col))
                let glyph = top && bottom ? "█" : top ? "▀" : bottom ? "▄" : "·"
                buffer.write(glyph, x: x + col, y: y + 1 + row, style: top || bottom ? Style(foreground: .yellow, bold: true) : Palette.note)
            }
        }
    }

    /// Columns the picture takes (the input's side, at least its caption's share).
    var pictureWidth: Int { inputSize }

    public func render(into buffer: inout Buffer, area whole: Rect) {
        guard !whole.isEmpty else { return }
        let (area, promptArea) = PredictPrompt.split(whole, predicting: predict != nil)
        if let promptArea { predict?.render(question, language: language, into: &buffer, area: promptArea) }
        let inner = area.inset(left: 1, right: 1)
        let l = language
        let last = field.levels[layers.count]
        let headline = askedLevel == nil
            ? Localized(en: "\(stack.title[l]) · a cell of the last layer sees \(last.size)×\(last.size) of the \(inputSize)×\(inputSize) input",
                        ko: "\(stack.title[l]) · 마지막 층의 한 칸은 \(inputSize)×\(inputSize) 입력 중 \(last.size)×\(last.size) 영역을 봅니다")
            : Localized(en: "\(stack.title[l]) · predict each layer's field r before it is shown",
                        ko: "\(stack.title[l]) · 층마다 영역 r을 보기 전에 예측하세요")
        buffer.writeLine(headline[l], x: inner.x, y: inner.y, width: inner.width)
        if askedLevel == nil {  // the stack is fixed while a field is asked
            buffer.writeLine(Localized(en: "a add · x remove · t conv/pool · k/K kernel · s/S stride · n next stack",
                                       ko: "a 추가 · x 삭제 · t 합성곱/풀링 · k/K 커널 · s/S 스트라이드 · n 다음 구성")[l],
                             x: inner.x, y: inner.y + 1, style: Palette.note, width: inner.width)
        }
        let body = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: max(0, inner.height - 3))
        if showsNotes {
            Text(lines: notes).render(in: body, buffer: &buffer)
            return
        }
        // The picture on the right when it fits beside a 40-column table, else under the table.
        let beside = body.width >= 40 + 2 + pictureWidth
        let tableWidth = beside ? body.width - pictureWidth - 2 : body.width
        let table = Text(lines: tableLines)
        let tableRect = Rect(x: body.x, y: body.y, width: tableWidth, height: min(body.height, tableLines.count))
        table.render(in: tableRect, buffer: &buffer)
        var notesTop = tableRect.maxY + 1
        if beside {
            let scale = pictureRows(scale: 1) <= body.height ? 1 : 2
            renderPicture(into: &buffer, x: body.x + tableWidth + 2, y: body.y, maxY: body.maxY, scale: scale)
        } else if notesTop + 1 < body.maxY {
            let scale = pictureRows(scale: 1) <= body.maxY - notesTop ? 1 : 2
            renderPicture(into: &buffer, x: body.x, y: notesTop, maxY: body.maxY, scale: scale)
            notesTop += pictureRows(scale: scale) + 1
        }
        guard notesTop < body.maxY else { return }
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[l])
            .render(in: Rect(x: body.x, y: notesTop, width: tableWidth, height: body.maxY - notesTop), buffer: &buffer)
    }

    public var contentSize: (width: Int, height: Int) {
        (2 + 40 + 2 + pictureWidth, 3 + max(1 + (inputSize + 1) / 2, tableLines.count + 1 + 6) + (predict == nil ? 0 : PredictPrompt.rows))
    }
}

extension ReceptiveScene {
    public static let entry = ScreenEntry.checkedScene(
        "receptive", Predictable<ReceptiveSettings>.self,
        title: Localized(en: "Receptive field", ko: "수용 필드"),
        summary: Localized(en: "what one cell of a deep layer sees of the input, layer by layer; why we downsample",
                           ko: "깊은 층의 한 칸이 입력에서 보는 영역을 층마다; 다운샘플링하는 이유")
    ) { settings, language throws(CNNError) in try ReceptiveScene(settings: settings.base, language: language, predict: settings.predict) }
}

import CNN
import Terminal

/// Transposed convolution (Keras Conv2DTranspose) as scattering: step `t` takes input cell
/// `t − 1` (row-major), scales the kernel by its value and adds the copy into the output at
/// `(i·s, j·s)` (less the `same` crop); overlapping cells sum. Every number comes from the
/// engine's `TransposedConvTrace`; the note checks it against `transposedConv2d`, which the
/// engine computes as the input gradient of a strided convolution.
public struct TransposedScene: Screen {
    public let settings: TransposedSettings
    public let language: Language
    public let trace: TransposedConvTrace
    /// The engine's `transposedConv2d` (the training backward of a strided convolution).
    public let viaGradient: Matrix
    public private(set) var stepper: Stepper
    /// Whether every note replaces the picture (`i`).
    public private(set) var showsNotes = false

    public init(settings: TransposedSettings = TransposedSettings(), language: Language = .en) throws(CNNError) {
        self.settings = settings
        self.language = language
        trace = try settings.trace()
        viaGradient = try transposedConv2d(settings.input, settings.kernel, stride: settings.stride, padding: settings.padding)
        stepper = Stepper(count: trace.steps.count)
    }

    public var title: String { TransposedStrings.title[language] }
    public var status: String { stepper.status(language) }
    public var bindings: [KeyBinding] { Stepper.bindings + [SlidingScene.notesKey] }
    public var tickInterval: Duration? { stepper.tickInterval }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        if stepper.handle(message) { return .none }
        if case .key(let key) = message, SlidingScene.notesKey.matches(key) { showsNotes.toggle() }
        return .none
    }

    /// The step shown: nil before the first.
    var current: TransposedStep? { stepper.step > 0 ? trace.steps[stepper.step - 1] : nil }

    /// Input | kernel | the current scaled copy | the output so far.
    var grids: GridRow {
        let l = language
        func text(_ x: Float) -> String { formatNumber(x) }
        var inputStyles: [GridPosition: Style] = [:]
        var outputStyles: [GridPosition: Style] = [:]
        var copyCells = trace.kernel.nestedRows.map { $0.map { _ in "" } }
        var copyTitle = TransposedStrings.copy[l]
        if let step = current {
            inputStyles[GridPosition(row: step.inputRow, col: step.inputCol)] = Palette.current
            copyTitle = "x[\(step.inputRow),\(step.inputCol)]·w"
            for term in step.terms {
                copyCells[term.kernelRow][term.kernelCol] = text(term.product)
                if !term.isCropped { outputStyles[GridPosition(row: term.outputRow, col: term.outputCol)] = Palette.window }
            }
        }
        let reached = reachedCells(before: stepper.step)
        let partial = current?.partial ?? Matrix(rows: trace.rows.outputSize, cols: trace.cols.outputSize)
        let outputCells = (0..<partial.rows).map { r in (0..<partial.cols).map { c in reached.contains(r * partial.cols + c) ? text(partial[r, c]) : "" } }
        let outputWidth = trace.output.values.map { text($0).count }.max() ?? 1
        let copyWidth = trace.steps.flatMap(\.terms).map { text($0.product).count }.max() ?? 1
        let kernelStyles = Dictionary(uniqueKeysWithValues: (0..<trace.kernel.rows).flatMap { u in
            (0..<trace.kernel.cols).map { v in (GridPosition(row: u, col: v), current == nil ? Style.plain : Palette.window) } })
        return GridRow(items: [
            ("\(TransposedStrings.input[l]) \(trace.input.rows)×\(trace.input.cols)",
             GridView(cells: trace.input.nestedRows.map { $0.map(text) }, styles: inputStyles)),
            ("\(TransposedStrings.kernel[l]) w \(trace.kernel.rows)×\(trace.kernel.cols)",
             GridView(cells: trace.kernel.nestedRows.map { $0.map(text) })),
            (copyTitle, GridView(cells: copyCells, styles: kernelStyles, cellWidth: copyWidth)),
            ("\(TransposedStrings.output[l]) \(partial.rows)×\(partial.cols)",
             GridView(cells: outputCells, styles: outputStyles, cellWidth: outputWidth)),
        ])
    }

    /// Output cells (row-major indices) the first `count` copies reach.
    func reachedCells(before count: Int) -> Set<Int> {
        var cells = Set<Int>()
        for step in trace.steps.prefix(max(0, count)) {
            for term in step.terms where !term.isCropped { cells.insert(term.outputRow * trace.cols.outputSize + term.outputCol) }
        }
        return cells
    }

    /// The current step's arithmetic: where the copy goes, then the cells it adds to.
    var stepLines: [StyledLine] {
        let l = language
        guard let step = current else { return [StyledLine(TransposedStrings.start[l], style: Palette.note)] }
        let kept = step.terms.filter { !$0.isCropped }
        let rows = kept.map(\.outputRow), cols = kept.map(\.outputCol)
        let value = formatNumber(step.value)
        var where_ = TransposedStrings.nowhere[l]
        if let r0 = rows.min(), let r1 = rows.max(), let c0 = cols.min(), let c1 = cols.max() {
            where_ = Localized(en: "into rows \(r0)–\(r1), columns \(c0)–\(c1)", ko: "\(r0)–\(r1)행, \(c0)–\(c1)열에")[l]
        }
        let cut = step.terms.count - kept.count
        var first = Localized(en: "x[\(step.inputRow),\(step.inputCol)] = \(value): \(value)·w added \(where_)",
                              ko: "x[\(step.inputRow),\(step.inputCol)] = \(value): \(value)·w를 \(where_) 더합니다")[l]
        if cut > 0 { first += Localized(en: " (\(counted(cut, "cell")) cut off)", ko: " (\(cut)칸은 잘림)")[l] }
        let earlier = reachedCells(before: stepper.step - 1)
        let overlaps = kept.filter { earlier.contains($0.outputRow * trace.cols.outputSize + $0.outputCol) }
        let adding = overlaps.filter { $0.product != 0 }
        var sums = adding.prefix(4).map { "out[\($0.outputRow),\($0.outputCol)] = \(formatNumber($0.before)) + \(factor($0.product)) = \(formatNumber($0.before + $0.product))" }
        if adding.count > 4 { sums.append("…") }
        let second = overlaps.isEmpty ? TransposedStrings.noOverlap[l]
            : sums.isEmpty ? TransposedStrings.zeroOverlap[l] : TransposedStrings.overlaps[l] + sums.joined(separator: ", ")
        return [StyledLine([Span(first, style: Style(bold: true))]), StyledLine(second)]
    }

    private func factor(_ x: Float) -> String { x < 0 ? "(\(formatNumber(x)))" : formatNumber(x) }

    /// `output size: (n − 1)·s + k = (2 − 1)·2 + 3 = 5`, per axis when they differ.
    var formulaLines: [String] {
        let l = language
        func formula(_ a: TransposedAxis) -> String {
            switch settings.padding {
            case .valid where a.kernelSize >= a.stride:
                return "(n − 1)·s + k = (\(a.inputSize) − 1)·\(a.stride) + \(a.kernelSize) = \(a.outputSize)"
            case .valid:
                return "(n − 1)·s + max(k, s) = (\(a.inputSize) − 1)·\(a.stride) + \(a.stride) = \(a.outputSize)"
            case .same:
                let cut = a.scatterSize - a.outputSize
                let crop = cut > 0 ? Localized(en: " (the scatter's \(a.scatterSize) cut by \(cut): \(a.cropBefore) before, \(cut - a.cropBefore) after)",
                                               ko: " (흩뿌린 \(a.scatterSize)칸에서 \(cut)칸 잘라냄: 앞 \(a.cropBefore), 뒤 \(cut - a.cropBefore))")[l] : ""
                return "n·s = \(a.inputSize)·\(a.stride) = \(a.outputSize)" + crop
            }
        }
        let name = SlidingStrings.outputSize[l]
        if formula(trace.rows) == formula(trace.cols) { return ["\(name): \(formula(trace.rows))"] }
        return ["\(name) (\(SlidingStrings.rows[l])): \(formula(trace.rows))", "\(name) (\(SlidingStrings.cols[l])): \(formula(trace.cols))"]
    }

    /// Notes true for these settings: how copies overlap, and the link to the gradient.
    var notes: [String] {
        let l = language, s = settings.stride
        var notes = [Localized(en: "Each input cell adds a copy of the kernel scaled by its value; copies start s = \(s) \(s == 1 ? "cell" : "cells") apart.",
                               ko: "입력 한 칸마다 그 값만큼 곱한 커널 사본을 출력에 더합니다. 사본은 s = \(s)칸 간격으로 놓입니다.")[l]]
        let size = "\(trace.kernel.rows)×\(trace.kernel.cols)"
        let (overlaps, gaps) = (axes { $0.kernelSize > $0.stride }, axes { $0.kernelSize < $0.stride })
        if let axis = overlaps {
            notes.append(Localized(en: "Kernel \(size), stride \(s): neighbouring copies overlap \(axis.en) and the overlapping cells add up.",
                                   ko: "커널 \(size), 스트라이드 \(s): 이웃한 사본이 \(axis.ko) 겹치고 겹친 칸은 더해집니다.")[l])
        }
        if let axis = gaps {
            notes.append(Localized(en: "Kernel \(size), stride \(s): copies leave gaps of zeros between them \(axis.en).",
                                   ko: "커널 \(size), 스트라이드 \(s): 사본 사이에 0인 틈이 \(axis.ko) 생깁니다.")[l])
        }
        if settings.padding == .valid, trace.rows.kernelSize < s || trace.cols.kernelSize < s {
            notes.append(Localized(en: "Valid keeps (n − 1)·s + max(k, s) cells, as Keras does: after the last copy, s − k rows or columns stay 0.",
                                   ko: "valid는 Keras처럼 (n − 1)·s + max(k, s)칸을 남깁니다: 마지막 사본 뒤의 s − k행이나 열은 0입니다.")[l])
        }
        if overlaps == nil && gaps == nil {
            notes.append(Localized(en: "No two copies overlap or leave gaps here: they tile the output.",
                                   ko: "여기서는 사본이 겹치지도 틈을 남기지도 않고 출력을 빈틈없이 덮습니다.")[l])
        }
        let diff = zip(trace.output.values, viaGradient.values).map { abs($0 - $1) }.max() ?? 0
        let agree = diff <= 1e-4 * max(1, trace.output.values.map(abs).max() ?? 1)
        notes.append(Localized(
            en: "It is the gradient of a stride-\(s) convolution (padding \(settings.padding.rawValue)) with respect to its input: the engine computes it so, with x as ∂L/∂y — \(agree ? "the same output" : "max difference \(formatNumber(diff))"). See the backprop scene.",
            ko: "이는 스트라이드 \(s) 합성곱(패딩 \(settings.padding.rawValue))의 입력에 대한 기울기입니다. 엔진은 x를 ∂L/∂y로 넣어 이렇게 계산하며 \(agree ? "결과가 같습니다" : "최대 차이 \(formatNumber(diff))"). 역전파 장면을 보세요.")[l])
        return notes.map { "· " + $0 }
    }

    /// The axes (`along rows`, `along columns`, `along both`) with more than one input cell where
    /// `holds` is true of the axis's geometry; nil when there is none.
    func axes(_ holds: (TransposedAxis) -> Bool) -> (en: String, ko: String)? {
        let rows = trace.rows.inputSize > 1 && holds(trace.rows), cols = trace.cols.inputSize > 1 && holds(trace.cols)
        switch (rows, cols) {
        case (true, true): return ("along rows and columns", "행과 열 방향으로")
        case (true, false): return ("along rows", "행 방향으로")
        case (false, true): return ("along columns", "열 방향으로")
        case (false, false): return nil
        }
    }

    /// `transposed convolution (Keras Conv2DTranspose) · stride 2 · padding valid`.
    var parameters: String {
        let l = language
        return "\(TransposedStrings.kind[l]) · \(SlidingStrings.stride[l]) \(settings.stride) · \(SlidingStrings.padding[l]) \(settings.padding.rawValue)"
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let inner = area.inset(left: 1, right: 1)
        buffer.writeLine(parameters, x: inner.x, y: inner.y, width: inner.width)
        let body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
        if showsNotes {
            Text(lines: notes).render(in: body, buffer: &buffer)
            return
        }
        let text = Text(lines: stepLines + formulaLines.map { StyledLine($0) })
        let textRows = text.height(forWidth: max(1, body.width), charset: buffer.charset)
        let grids = self.grids
        let used = grids.render(into: &buffer, area: Rect(x: body.x, y: body.y, width: body.width, height: max(0, body.height - textRows - 2)))
        let top = body.y + used + 1
        text.render(in: Rect(x: body.x, y: top, width: body.width, height: max(0, body.maxY - top)), buffer: &buffer)
        let notesTop = top + textRows + 1
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[language])
            .render(in: Rect(x: body.x, y: notesTop, width: body.width, height: max(0, body.maxY - notesTop)), buffer: &buffer)
    }

    public var contentSize: (width: Int, height: Int) {
        let g = grids
        return (g.width(.roomy) + 2, g.height(.roomy) + 10)
    }
}

/// The transposed scene's words, in English and Korean.
enum TransposedStrings {
    static let title = Localized(en: "Transposed convolution", ko: "전치 합성곱")
    static let kind = Localized(en: "transposed convolution (Keras Conv2DTranspose)", ko: "전치 합성곱 (케라스 Conv2DTranspose)")
    static let input = Localized(en: "Input", ko: "입력")
    static let kernel = Localized(en: "Kernel", ko: "커널")
    static let output = Localized(en: "Output", ko: "출력")
    static let copy = Localized(en: "Copy x·w", ko: "사본 x·w")
    static let start = Localized(en: "Press → to scatter the first input cell's copy of the kernel.",
                                 ko: "→ 키를 누르면 첫 입력 칸의 커널 사본을 흩뿌립니다.")
    static let nowhere = Localized(en: "nowhere (all of it is cut off)", ko: "어디에도 (모두 잘림)")
    static let noOverlap = Localized(en: "No cell of this copy was reached before: nothing to sum.",
                                     ko: "이 사본이 닿는 칸 중 이미 채워진 칸이 없어 더할 것이 없습니다.")
    static let overlaps = Localized(en: "overlaps: ", ko: "겹친 칸: ")
    static let zeroOverlap = Localized(en: "Where this copy overlaps earlier ones it adds only zeros (the kernel's zero weights).",
                                       ko: "이 사본이 앞 사본과 겹치는 칸에는 0만 더해집니다(커널의 0인 가중치).")
}

extension TransposedScene {
    public static let entry = ScreenEntry.checkedScene(
        "transposed", TransposedSettings.self,
        title: TransposedStrings.title,
        summary: Localized(en: "each input cell scatters a scaled kernel; the gradient of a strided convolution",
                           ko: "입력 칸마다 커널 사본을 흩뿌림; 스트라이드 합성곱의 기울기")
    ) { settings, language throws(CNNError) in try TransposedScene(settings: settings, language: language) }
}

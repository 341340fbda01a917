import CNN
import Terminal

/// One convolution at one step, drawn into a rectangle: the (padded) input with the kernel
/// on its window — each covered cell shows `value·weight` — the kernel (and its 180°
/// rotation in convolve mode), the output so far, then the current cell's arithmetic and
/// the output-size formula with the trace's numbers.
///
/// Each kernel row has its own colour, used on the kernel, on the window cells it meets
/// and on its products in the arithmetic, so every product is linked to its cell (the
/// `value·weight` text links them without colour too). The densest layout that fits is
/// chosen; an input too large for the area pans to keep the window in view.
public struct ConvPanel: Sendable {
    public var trace: ConvTrace
    /// Outputs `0..<shown` are filled in; the window shown is output `shown − 1` (the first at 0).
    public var shown: Int
    /// Title of the input grid (default: "Input" / "Input + padding" with its size).
    public var inputTitle: String?
    public var outputTitle: String?
    /// Title of the kernel grid (default: "Kernel" with its size).
    public var kernelTitle: String?
    public var language: Language
    /// Show the kernel grid(s) between input and output.
    public var showsKernel = true
    /// Show the arithmetic and formula rows under the grids.
    public var showsArithmetic = true
    /// Extra styles on padded-input cells (e.g. rows never covered, a cursor), over the window's.
    public var extraInputStyles: [GridPosition: Style] = [:]
    /// Extra styles on output cells (e.g. cells that differ from another panel).
    public var extraOutputStyles: [GridPosition: Style] = [:]
    /// Extra styles on kernel cells (e.g. a cursor), over the row colours.
    public var extraKernelStyles: [GridPosition: Style] = [:]
    /// The output whose window and arithmetic are shown (default: the last one filled in).
    public var focus: Int?
    /// Predict mode: the output being asked. Its window is placed (coloured, without the
    /// `value·weight` marks) and its output cell highlighted but empty.
    public var pending: Int?
    /// Predict mode, while the output size is asked: the output grid and its size are hidden
    /// and the formula is written in symbols.
    public var hidesOutputSize = false
    /// Said in the arithmetic rows instead of the hint or the equation (predict mode's question).
    public var note: String?

    public init(trace: ConvTrace, shown: Int, language: Language) {
        self.trace = trace
        self.shown = min(max(0, shown), trace.steps.count)
        self.language = language
    }

    static let gap = 3

    /// The output whose window is on the input: `pending`, `focus`, else output `shown − 1`;
    /// nil before the first step (no window is placed yet).
    public var windowIndex: Int? {
        if let i = pending ?? focus { return i }
        return shown > 0 ? shown - 1 : nil
    }

    /// The step whose window is drawn (the first one before any is placed, for panning).
    public var currentStep: ConvStep { trace.steps[min(max(windowIndex ?? 0, 0), trace.steps.count - 1)] }

    /// Colour of kernel row `u`: yellow, cyan, lilac (palette 177, #d787ff; bright magenta on
    /// 16 colours). Black text on each keeps ≥ 4.5:1 and each stays ≥ 1.5:1 from a white or a
    /// black terminal background (xterm's light grey #e5e5e5, used before, was 1.3:1 on white).
    public static func rowStyle(_ u: Int) -> Style {
        let colours: [Color] = [.yellow, .cyan, .indexed(177)]
        return Style(foreground: .trueBlack, background: colours[u % colours.count], bold: true, underline: true)
    }

    // MARK: Grids

    /// The padded input: values, `0` for padding, `value·weight` under the window.
    func inputGrid(annotated: Bool) -> GridView {
        let g = trace.geometry
        var cells = (0..<g.rows.paddedSize).map { pr in
            (0..<g.cols.paddedSize).map { pc in trace.inputValue(paddedRow: pr, paddedCol: pc).map { formatNumber($0) } ?? "0" }
        }
        let values = (0..<g.rows.paddedSize).map { pr in
            (0..<g.cols.paddedSize).map { pc in trace.inputValue(paddedRow: pr, paddedCol: pc) }
        }
        var styles = extraInputStyles
        for pr in 0..<g.rows.paddedSize {
            for pc in 0..<g.cols.paddedSize where trace.inputValue(paddedRow: pr, paddedCol: pc) == nil && styles[GridPosition(row: pr, col: pc)] == nil {
                styles[GridPosition(row: pr, col: pc)] = Palette.padding
            }
        }
        let n = trace.kernel.cols
        for (t, term) in (windowIndex == nil ? [] : currentStep.terms).enumerated() {
            let p = GridPosition(row: term.paddedRow, col: term.paddedCol)
            styles[p] = Self.rowStyle(t / n)
            if annotated && pending == nil { cells[p.row][p.col] = Self.product(term) }
        }
        styles.merge(extraInputStyles) { $1 }  // a cursor or a marked row wins over the window
        // Wide enough for every step's `value·weight`, so the grid keeps its size while stepping.
        let width = annotated ? trace.steps.flatMap(\.terms).map { Self.product($0).count }.max() ?? 1 : nil
        let valueWidth = cells.flatMap { $0 }.map(\.count).max() ?? 1
        return GridView(cells: cells, values: values, styles: styles, cellWidth: width.map { max($0, valueWidth) })
    }

    /// `6·1`, `5·(-2)`, `(-1)·3`: an input value times the weight it meets (negatives in parentheses).
    static func product(_ term: ConvTerm) -> String {
        func factor(_ x: Float) -> String { x < 0 ? "(\(formatNumber(x)))" : formatNumber(x) }
        return "\(factor(term.inputValue))·\(factor(term.weight))"
    }

    func kernelGrid(_ m: Matrix, rowColoured: Bool, extras: [GridPosition: Style] = [:]) -> GridView {
        var styles: [GridPosition: Style] = [:]
        if rowColoured {
            for u in 0..<m.rows { for v in 0..<m.cols { styles[GridPosition(row: u, col: v)] = Self.rowStyle(u) } }
        }
        styles.merge(extras) { $1 }
        return GridView(cells: m.nestedRows.map { $0.map { formatNumber($0) } }, styles: styles)
    }

    var outputGrid: GridView {
        let g = trace.geometry
        var styles = extraOutputStyles
        if windowIndex != nil { styles[GridPosition(row: currentStep.outputRow, col: currentStep.outputCol)] = Palette.current }
        let cells = (0..<g.outputRows).map { r in
            (0..<g.outputCols).map { c in r * g.outputCols + c < shown ? formatNumber(trace.steps[r * g.outputCols + c].result) : "" }
        }
        let width = trace.output.values.map { formatNumber($0).count }.max() ?? 1
        return GridView(cells: cells, values: cells.map { $0.map { _ in nil } }, styles: styles, cellWidth: width)
    }

    var titles: (input: String, kernel: String, rotated: String, output: String) {
        let l = language, g = trace.geometry
        let input = inputTitle ?? (g.hasPadding
            ? "\(Localized(en: "Input + padding", ko: "입력 + 패딩")[l]) \(g.rows.paddedSize)×\(g.cols.paddedSize)"
            : "\(Localized(en: "Input", ko: "입력")[l]) \(g.rows.inputSize)×\(g.cols.inputSize)")
        return (input,
                kernelTitle ?? "\(Localized(en: "Kernel", ko: "커널")[l]) \(trace.kernel.rows)×\(trace.kernel.cols)",
                Localized(en: "Rotated 180°", ko: "180° 회전")[l],
                hidesOutputSize ? "\(Localized(en: "Output", ko: "출력")[l]) ?×?"
                    : outputTitle ?? "\(Localized(en: "Output", ko: "출력")[l]) \(g.outputRows)×\(g.outputCols)")
    }

    /// The parts laid out at a density: widths of the grid columns and the height of the grids.
    struct Layout {
        let density: GridDensity
        let input: GridView
        let kernels: [GridView]
        let output: GridView
        let columnWidths: [Int]
        let gridHeight: Int
        var width: Int { columnWidths.reduce(0, +) + ConvPanel.gap * (columnWidths.count - 1) }
    }

    /// A layout at `density`; `annotated` puts `value·weight` in the window's cells.
    func layout(_ density: GridDensity, annotated: Bool = true) -> Layout {
        let input = inputGrid(annotated: annotated && density != .heatmap)
        var kernels: [GridView] = []
        if showsKernel {
            kernels.append(kernelGrid(trace.kernel, rowColoured: trace.mode == .correlate, extras: extraKernelStyles))
            if trace.mode == .convolve { kernels.append(kernelGrid(trace.appliedKernel, rowColoured: true)) }
        }
        let output = outputGrid
        let kernelDensity = density == .heatmap ? GridDensity.lineless : density
        let t = titles
        var widths = [max(input.size(density).width, displayWidth(t.input))]
        widths += kernels.enumerated().map { i, k in max(k.size(kernelDensity).width, displayWidth(i == 0 ? t.kernel : t.rotated)) }
        widths.append(max(output.size(kernelDensity).width, displayWidth(t.output)))
        let height = max(input.size(density).height, output.size(kernelDensity).height,
                         kernels.map { $0.size(kernelDensity).height }.max() ?? 0)
        return Layout(density: density, input: input, kernels: kernels, output: output, columnWidths: widths, gridHeight: height)
    }

    /// Rows under the grids at 78 columns (see `textRows(width:)`).
    var textRows: Int { textRows(width: 78) }

    /// Rows under the grids at `width` columns: a blank, two of arithmetic, then the
    /// output-size formula (one line per differing axis, wrapped).
    func textRows(width: Int) -> Int {
        guard showsArithmetic else { return 0 }
        return 3 + formulaLines.map { Text($0).height(forWidth: max(1, width)) }.reduce(0, +)
    }

    /// `output size: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2`, per axis when they differ.
    var formulaLines: [String] {
        let l = language, g = trace.geometry
        let name = Localized(en: "output size", ko: "출력 크기")[l]
        if hidesOutputSize { return ["\(name): \(Self.symbolicFormula)"] }
        if g.rows == g.cols { return ["\(name): \(g.rows.compactFormula)"] }
        return ["\(name) (\(Localized(en: "rows", ko: "행")[l])): \(g.rows.compactFormula)",
                "\(name) (\(Localized(en: "cols", ko: "열")[l])): \(g.cols.compactFormula)"]
    }

    /// The output-size formula in symbols (predict mode asks for its value).
    static let symbolicFormula = "floor((n + 2p − d(k−1) − 1) / s) + 1 = ?"

    /// The size at the roomy density (what the panel would like; larger areas get spacious cells).
    public var preferredSize: (width: Int, height: Int) {
        let l = layout(.roomy)
        return (l.width, 1 + l.gridHeight + textRows(width: l.width))
    }

    /// The roomiest layout that fits `area` (or the densest one, then panned).
    func bestLayout(for area: Rect) -> Layout {
        var choices: [(GridDensity, Bool)] = [(.spacious, true), (.roomy, true), (.compact, true), (.lineless, true), (.lineless, false)]
        if trace.geometry.rows.paddedSize > 8 || trace.geometry.cols.paddedSize > 8 { choices.append((.heatmap, false)) }
        for (d, annotated) in choices {
            let l = layout(d, annotated: annotated)
            if l.width <= area.width && 1 + l.gridHeight + textRows(width: area.width) <= area.height { return l }
        }
        return layout(choices.last!.0, annotated: false)
    }

    /// The rows the panel uses when drawn in `area` (at most the area's height).
    public func usedHeight(in area: Rect) -> Int {
        min(area.height, 1 + bestLayout(for: area).gridHeight + textRows(width: area.width))
    }

    /// Where the input grid is drawn, for hit-testing: its origin and density.
    public func inputPlacement(in area: Rect) -> (origin: (x: Int, y: Int), density: GridDensity, grid: GridView) {
        let l = bestLayout(for: area)
        return (panOrigin(l, area: area), l.density, l.input)
    }

    /// The input grid's origin: at the area's corner, or shifted so the window stays in view.
    private func panOrigin(_ l: Layout, area: Rect) -> (x: Int, y: Int) {
        let top = area.y + 1
        let size = l.input.size(l.density)
        let room = (width: area.width - (l.width - l.columnWidths[0]) - (l.columnWidths.count > 1 ? 0 : 0),
                    height: area.height - 1 - textRows(width: area.width))
        var origin = (x: area.x, y: top)
        let s = currentStep
        let first = l.input.cellRect(GridPosition(row: s.windowRow, col: s.windowCol), origin: (0, 0), density: l.density)
        let lastTerm = s.terms.last!
        let last = l.input.cellRect(GridPosition(row: lastTerm.paddedRow, col: lastTerm.paddedCol), origin: (0, 0), density: l.density)
        if size.width > room.width, room.width > 0 {
            let centre = (first.x + last.maxX) / 2
            origin.x = area.x - min(max(0, centre - room.width / 2), size.width - room.width)
        }
        if size.height > room.height, room.height > 0 {
            let centre = (first.y + last.maxY) / 2
            origin.y = top - min(max(0, centre - room.height / 2), size.height - room.height)
        }
        return origin
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else {
            // Nothing fits: say so in the buffer's record, so a layout can tell it from "all shown".
            let l = layout(.lineless, annotated: false)
            for grid in [l.input] + l.kernels + [l.output] { grid.recordHidden(in: &buffer) }
            return
        }
        let l = bestLayout(for: area)
        let t = titles
        let kernelDensity = l.density == .heatmap ? GridDensity.lineless : l.density
        // Columns after the input are placed from the right of the input column, or from
        // the area's right edge when the input is panned.
        let inputRoom = max(0, area.width - (l.width - l.columnWidths[0]))
        let inputWidth = min(l.columnWidths[0], inputRoom)
        let gridTop = area.y + 1
        let gridsClip = Rect(x: area.x, y: gridTop, width: inputWidth, height: max(0, area.height - 1 - textRows(width: area.width)))
        buffer.write(t.input, x: area.x, y: area.y, style: Palette.heading, maxWidth: inputWidth)
        l.input.render(into: &buffer, origin: panOrigin(l, area: area), density: l.density, clip: gridsClip)

        var x = area.x + inputWidth + Self.gap
        let gridRows = Rect(x: area.x, y: gridTop, width: area.width, height: max(0, area.height - 1 - textRows(width: area.width)))
        for (i, kernel) in l.kernels.enumerated() {
            guard x < area.maxX else { kernel.recordHidden(in: &buffer); continue }
            let w = l.columnWidths[1 + i]
            buffer.write(i == 0 ? t.kernel : t.rotated, x: x, y: area.y, style: Palette.heading, maxWidth: min(w, area.maxX - x))
            kernel.render(into: &buffer, origin: (x, gridTop), density: kernelDensity, clip: gridRows.intersection(area))
            x += w + Self.gap
        }
        if x < area.maxX {
            buffer.write(t.output, x: x, y: area.y, style: Palette.heading, maxWidth: area.maxX - x)
            if !hidesOutputSize {
                l.output.render(into: &buffer, origin: (x, gridTop), density: kernelDensity, clip: gridRows.intersection(area))
            }
        } else {
            l.output.recordHidden(in: &buffer)
        }

        if showsArithmetic {
            let top = gridTop + min(l.gridHeight, gridRows.height) + 1
            renderArithmetic(into: &buffer, area: Rect(x: area.x, y: top, width: area.width, height: max(0, area.maxY - top)))
        }
    }

    /// `out[0,1] = 1·1 + 2·0 + … = 44` with each product in its kernel row's colour (2 rows),
    /// then the output-size formula.
    func renderArithmetic(into buffer: inout Buffer, area: Rect) {
        let l = language
        let equation = Rect(x: area.x, y: area.y, width: area.width, height: min(2, area.height))
        if let note {
            Text(note, style: Palette.note).render(in: equation, buffer: &buffer)
        } else if windowIndex == nil {
            Text(Localized(en: "Press → to place the kernel on the first window and compute the first output.",
                           ko: "→ 키를 누르면 커널을 첫 번째 창에 놓고 첫 출력을 계산합니다.")[l], style: Palette.note)
                .render(in: equation, buffer: &buffer)
        } else {
            Text(spans: [equationSpans(currentStep)]).render(in: equation, buffer: &buffer)
        }
        var y = area.y + 2
        for line in formulaLines where y < area.maxY {
            let text = Text(line)
            text.render(in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), buffer: &buffer)
            y += text.height(forWidth: max(1, area.width), charset: buffer.charset)
        }
    }

    /// The arithmetic of one output cell as spans, products in their row colours.
    public func equationSpans(_ step: ConvStep) -> [Span] {
        var spans = [Span("out[\(step.outputRow),\(step.outputCol)] = ")]
        let n = trace.kernel.cols
        for (t, term) in step.terms.enumerated() {
            if t > 0 { spans.append(Span(" + ")) }
            spans.append(Span(Self.product(term), style: Self.rowStyle(t / n)))
        }
        if step.bias != 0 { spans.append(Span(" + \(formatNumber(step.bias))")) }
        spans.append(Span(" = "))
        spans.append(Span(formatNumber(step.result), style: Palette.current))
        return spans
    }
}

import CNN
import Terminal

/// Two convolutions of the same input compared side by side, stepped together: step `k`
/// fills outputs `0..<k` of each (each stops at its own count), and each panel's arithmetic
/// and output-size formula are written below. When the left computation is impossible
/// (valid padding with a kernel larger than the input), `leftProblem` is said in its place.
struct TwoPanels {
    var left: ConvPanel?
    var right: ConvPanel
    var leftLabel: String
    var rightLabel: String
    /// Why there is no left panel, shown in its half.
    var leftProblem: String?
    /// Said instead of the hint or the arithmetic (predict mode's question).
    var note: String?
    /// Write one output-size formula, without labels, when both panels have the same
    /// geometry (the flip scene's two computations always do), saving a row where space is short.
    var mergesEqualFormulas = false

    init(left: ConvPanel?, right: ConvPanel, leftLabel: String, rightLabel: String, leftProblem: String? = nil) {
        self.left = left
        self.right = right
        self.leftLabel = leftLabel
        self.rightLabel = rightLabel
        self.leftProblem = leftProblem
    }

    /// Both panels' preferred sizes side by side: their widths, the divider and a margin (5
    /// columns); the taller height. A missing left panel counts as wide as the right.
    var preferredSize: (width: Int, height: Int) {
        let r = right.preferredSize
        let l = left?.preferredSize ?? r
        return (l.width + r.width + 5, max(l.height, r.height))
    }

    /// The panels that exist, with their labels.
    private var labelled: [(label: String, panel: ConvPanel)] {
        (left.map { [(leftLabel, $0)] } ?? []) + [(rightLabel, right)]
    }

    /// The lines under the panels: the hint (step 0) or each panel's arithmetic, then each
    /// output-size formula.
    func textLines(language: Language, step: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let note {
            lines.append(StyledLine(note, style: Palette.note))
        } else if step == 0 {
            lines.append(StyledLine(Localized(en: "Press → to step both at once; End fills every output.",
                                              ko: "→ 키로 두 계산을 함께 진행합니다. End 키는 모든 출력을 채웁니다.")[language], style: Palette.note))
        } else {
            for (label, panel) in labelled {
                lines.append(StyledLine([Span("\(label): ", style: Style(bold: true))] + panel.equationSpans(panel.currentStep)))
            }
        }
        let name = Localized(en: "output size", ko: "출력 크기")[language]
        if mergesEqualFormulas, let left, left.trace.geometry == right.trace.geometry, !left.hidesOutputSize, !right.hidesOutputSize {
            let g = right.trace.geometry
            lines.append(StyledLine("\(name): \(g.rows.compactFormula)"
                + (g.rows == g.cols ? "" : "  (\(Localized(en: "cols", ko: "열")[language]): \(g.cols.compactFormula))")))
            return lines
        }
        for (label, panel) in labelled {
            let g = panel.trace.geometry
            if panel.hidesOutputSize {
                lines.append(StyledLine("\(label) · \(name): \(ConvPanel.symbolicFormula)"))
                continue
            }
            lines.append(StyledLine("\(label) · \(name): \(g.rows.compactFormula)"
                + (g.rows == g.cols ? "" : "  (\(Localized(en: "cols", ko: "열")[language]): \(g.cols.compactFormula))")))
        }
        return lines
    }

    /// Rows the text under the panels takes at `width` (a blank row, then the lines).
    func textRows(width: Int, language: Language, step: Int, charset: Charset = .unicode) -> Int {
        1 + Text(lines: textLines(language: language, step: step)).height(forWidth: max(1, width), charset: charset)
    }

    /// The halves of `area` (width) the panels take: left, right, and the divider's column.
    private func halves(_ area: Rect, height: Int) -> (left: Rect, right: Rect, divider: Int) {
        let parts = Layout.horizontal([.fill(1), .length(3), .fill(1)]).split(Rect(x: area.x, y: area.y, width: area.width, height: height))
        return (parts[0], parts[2], parts[1].x + 1)
    }

    /// Rows the left problem takes in a half of `width` columns.
    private func problemRows(width: Int, charset: Charset) -> Int {
        leftProblem.map { Text($0).height(forWidth: max(1, width), charset: charset) } ?? 0
    }

    /// Rows the panels need at `width` to show every cell at the densest layout (lineless,
    /// no `value·weight` marks): their titles and grids, then the text under them.
    func minimumRows(width: Int, language: Language, step: Int, charset: Charset = .unicode) -> Int {
        let grids = labelled.map { 1 + $0.panel.layout(.lineless, annotated: false).gridHeight }.max() ?? 0
        return grids + textRows(width: width, language: language, step: step, charset: charset)
    }

    /// Rows the pictures take in `area` after the text's rows are set aside.
    func usedRows(area: Rect, language: Language, step: Int, charset: Charset = .unicode) -> Int {
        let h = max(0, area.height - textRows(width: area.width, language: language, step: step, charset: charset))
        let (l, r, _) = halves(area, height: h)
        let leftRows = left?.usedHeight(in: l) ?? min(h, problemRows(width: l.width, charset: charset))
        return max(leftRows, right.usedHeight(in: r))
    }

    /// Draws both panels and the text under them; returns the first row below what it drew.
    @discardableResult
    func render(into buffer: inout Buffer, area: Rect, language: Language, step: Int) -> Int {
        guard !area.isEmpty else { return area.y }
        let used = usedRows(area: area, language: language, step: step, charset: buffer.charset)
        let (l, r, divider) = halves(area, height: used)
        if let left {
            left.render(into: &buffer, area: l)
        } else if let leftProblem {
            Text(leftProblem, style: Style(bold: true)).render(in: l, buffer: &buffer)
        }
        right.render(into: &buffer, area: r)
        if divider < area.maxX {
            for y in area.y..<(area.y + used) { buffer.write("│", x: divider, y: y, style: Palette.note) }
        }
        let top = min(area.maxY, area.y + used + 1)
        let text = Text(lines: textLines(language: language, step: step))
        let rect = Rect(x: area.x, y: top, width: area.width, height: max(0, area.maxY - top))
        text.render(in: rect, buffer: &buffer)
        return min(area.maxY, top + text.height(forWidth: max(1, area.width), charset: buffer.charset))
    }
}

extension ConvPanel {
    /// A panel for side-by-side comparisons: no kernel grid, no arithmetic of its own.
    static func compared(_ trace: ConvTrace, step: Int, language: Language) -> ConvPanel {
        var panel = ConvPanel(trace: trace, shown: min(step, trace.steps.count), language: language)
        panel.showsKernel = false
        panel.showsArithmetic = false
        return panel
    }
}

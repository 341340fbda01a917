import CNN
import Terminal

/// Two convolutions of the same input compared side by side, stepped together: step `k`
/// fills outputs `0..<k` of each (each stops at its own count), and the focused (right)
/// panel's arithmetic and both output-size formulas are written below.
struct TwoPanels {
    var left: ConvPanel
    var right: ConvPanel
    var leftLabel: String
    var rightLabel: String

    /// Rows below the panels: blank, arithmetic (2, each may wrap once), formulas (2).
    static let textRows = 7

    /// Draws both panels and the text under them; returns the first row below what it drew.
    @discardableResult
    func render(into buffer: inout Buffer, area: Rect, language: Language, step: Int) -> Int {
        let half = (area.width - 3) / 2
        let panelHeight = max(0, area.height - Self.textRows)
        let leftArea = Rect(x: area.x, y: area.y, width: half, height: panelHeight)
        let rightArea = Rect(x: area.x + half + 3, y: area.y, width: area.width - half - 3, height: panelHeight)
        let used = max(left.usedHeight(in: leftArea), right.usedHeight(in: rightArea))
        left.render(into: &buffer, area: Rect(x: leftArea.x, y: leftArea.y, width: leftArea.width, height: used))
        right.render(into: &buffer, area: Rect(x: rightArea.x, y: rightArea.y, width: rightArea.width, height: used))
        for y in area.y..<(area.y + used) { buffer.write("│", x: area.x + half + 1, y: y, style: Palette.note) }
        var y = area.y + used + 1
        let text = Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y))
        if step == 0 {
            Text(Localized(en: "Press → to step both at once; End fills every output.",
                           ko: "→ 키로 두 계산을 함께 진행합니다. End 키는 모든 출력을 채웁니다.")[language], style: Palette.note)
                .render(in: Rect(x: text.x, y: y, width: text.width, height: 1), buffer: &buffer)
            y += 1
        } else {
            for (label, panel) in [(leftLabel, left), (rightLabel, right)] where y < area.maxY {
                let spans = [Span("\(label): ", style: Style(bold: true))] + panel.equationSpans(panel.currentStep)
                let t = Text(spans: [spans])
                t.render(in: Rect(x: text.x, y: y, width: text.width, height: max(0, area.maxY - y)), buffer: &buffer)
                y += t.height(forWidth: text.width, charset: buffer.charset)
            }
        }
        let name = Localized(en: "output size", ko: "출력 크기")[language]
        for (label, panel) in [(leftLabel, left), (rightLabel, right)] where y < area.maxY {
            let g = panel.trace.geometry
            let line = "\(label) · \(name): \(g.rows.compactFormula)" + (g.rows == g.cols ? "" : "  (\(Localized(en: "cols", ko: "열")[language]): \(g.cols.compactFormula))")
            let t = Text(line)
            t.render(in: Rect(x: text.x, y: y, width: text.width, height: max(0, area.maxY - y)), buffer: &buffer)
            y += t.height(forWidth: text.width, charset: buffer.charset)
        }
        return min(y, area.maxY)
    }

    /// Rows the picture takes (for the scene's notes below it).
    func usedRows(area: Rect) -> Int {
        let half = (area.width - 3) / 2
        let h = max(0, area.height - Self.textRows)
        return max(left.usedHeight(in: Rect(x: 0, y: 0, width: half, height: h)),
                   right.usedHeight(in: Rect(x: 0, y: 0, width: area.width - half - 3, height: h)))
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

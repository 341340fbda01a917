import Terminal

extension LessonScreen {
    public func render(into buffer: inout Buffer, area: Rect) {
        if isBlank || area.isEmpty { return }  // an instructor's black screen: nothing but the title bar
        if isComplete && jumpField == nil { return renderCompletion(into: &buffer, area: area) }
        let margin = isPresenting ? 2 : 1
        let header = area.inset(left: margin, right: margin)
        if let jumpField {
            let x = header.x + buffer.write(jumpLabel, x: header.x, y: header.y, style: Palette.heading, maxWidth: header.width)
            if x < header.maxX { jumpField.render(into: &buffer, x: x, y: header.y, width: min(4, header.maxX - x)) }
        } else {
            buffer.write(step.title, x: header.x, y: header.y, style: Style(bold: true, underline: true), maxWidth: header.width)
        }
        let layout = self.layout(in: area)
        let p = layout.prose
        renderProse(into: &buffer, area: Rect(x: p.x + margin, y: p.y, width: max(0, p.width - 2 * margin + (layout.sideBySide ? margin - 1 : 0)), height: p.height))
        guard step.block != nil else { return }
        let d = layout.divider
        if layout.sideBySide {
            for y in d.y..<d.maxY { buffer.write("│", x: d.x, y: y, style: Palette.note, maxWidth: d.width) }
        } else if d.height > 0 {
            buffer.write(String(repeating: "─", count: max(0, d.width)), x: d.x, y: d.y, style: Palette.note)
        }
        let rect = layout.embed
        if let embedded {
            embedded.render(into: &buffer, area: rect)
        } else if let blockProblem {
            Text(blockProblem, style: Style(bold: true)).render(in: rect.inset(left: 1), buffer: &buffer)
        }
    }

    /// The step's paragraphs, wrapped, a blank line between them; scrolled by Ctrl-D/U, with
    /// a hint on the last row when more is below.
    func renderProse(into buffer: inout Buffer, area: Rect) {
        guard area.width > 0, area.height > 0 else { return }
        var lines: [StyledLine] = []
        for (i, paragraph) in proseParagraphs.enumerated() {
            if i > 0 { lines.append(StyledLine("")) }
            lines.append(contentsOf: paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0)) })
        }
        if step.block == nil && proseParagraphs.isEmpty { return }
        var sheet = Buffer(width: area.width, height: 400, charset: buffer.charset)
        let text = Text(lines: lines)
        let rows = text.height(forWidth: area.width, charset: buffer.charset)
        text.render(in: sheet.area, buffer: &sheet)
        let maxScroll = max(0, rows - area.height)
        let scroll = min(proseScroll, maxScroll)
        let more = scroll < maxScroll
        let visible = more ? area.height - 1 : area.height
        var window = Buffer(width: area.width, height: visible, charset: buffer.charset)
        window.draw(sheet, at: (0, -scroll))
        buffer.draw(window, at: (area.x, area.y))
        if more {
            buffer.write(Localized(en: "↓ more: Ctrl-D", ko: "↓ 더 보기: Ctrl-D")[language], x: area.x, y: area.maxY - 1, style: Style(bold: true), maxWidth: area.width)
        }
    }
}

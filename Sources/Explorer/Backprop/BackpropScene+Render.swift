import CNN
import Terminal

extension BackpropScene {
    /// The ∂L/∂x panel: the stuffed, padded ∂L/∂y under the rotated kernel. Stuffed zeros off
    /// the window are drawn like padding, so the ∂L/∂y cells stand out.
    var inputPanel: ConvPanel {
        let l = language, t = trace.inputGradient, g = t.geometry
        var panel = ConvPanel(trace: t, shown: inputStepper.step, language: l)
        panel.inputTitle = "\(BackpropStrings.stuffedPadded[l]) \(g.rows.paddedSize)×\(g.cols.paddedSize)"
        panel.kernelTitle = "w \(t.kernel.rows)×\(t.kernel.cols)"
        panel.outputTitle = "∂L/∂x \(g.outputRows)×\(g.outputCols)"
        panel.showsArithmetic = false
        let window = Set(panel.currentStep.terms.map { GridPosition(row: $0.paddedRow, col: $0.paddedCol) })
        for pr in 0..<g.rows.paddedSize {
            for pc in 0..<g.cols.paddedSize {
                let r = pr - g.rows.padBefore, c = pc - g.cols.padBefore
                guard r >= 0, r < trace.stuffed.rows, c >= 0, c < trace.stuffed.cols, trace.isStuffedZero(row: r, col: c) else { continue }
                let p = GridPosition(row: pr, col: pc)
                if !window.contains(p) { panel.extraInputStyles[p] = Palette.padding }
            }
        }
        return panel
    }

    /// The ∂L/∂w panel: ∂L/∂y, its cells `s` apart, sliding over the (padded) input.
    var kernelPanel: ConvPanel {
        let l = language, t = trace.kernelGradient
        var panel = ConvPanel(trace: t, shown: kernelStepper.step, language: l)
        panel.kernelTitle = "∂L/∂y \(t.kernel.rows)×\(t.kernel.cols)"
        panel.outputTitle = "∂L/∂w \(t.geometry.outputRows)×\(t.geometry.outputCols)"
        panel.showsArithmetic = false
        return panel
    }

    /// `∂L/∂x[1,2] = 0·1 + …`: the panel's arithmetic under the gradient's own name.
    func equation(_ panel: ConvPanel, name: String, shown: Int) -> StyledLine {
        guard shown > 0 else { return StyledLine(BackpropStrings.start[language], style: Palette.note) }
        let step = panel.currentStep
        return StyledLine([Span("\(name)[\(step.outputRow),\(step.outputCol)] = ")] + panel.equationSpans(step).dropFirst())
    }

    /// Forward: x, w, y and the editable ∂L/∂y.
    var forwardGrids: GridRow {
        let f = trace.forward
        func grid(_ m: Matrix, _ styles: [GridPosition: Style] = [:]) -> GridView {
            GridView(cells: m.nestedRows.map { $0.map { formatNumber($0) } }, styles: styles)
        }
        let cursorStyle = editor == nil ? Style(bold: true, reverse: true) : Palette.current
        return GridRow(items: [
            ("x \(f.input.rows)×\(f.input.cols)", grid(f.input)),
            ("w \(f.kernel.rows)×\(f.kernel.cols)", grid(f.kernel)),
            ("y = x ⋆ w \(f.output.rows)×\(f.output.cols)", grid(f.output)),
            ("∂L/∂y \(upstream.rows)×\(upstream.cols)", grid(upstream, [upstreamCursor: cursorStyle])),
        ])
    }

    /// Check: the training backward's ∂L/∂x (the checked cell marked) and ∂L/∂w.
    var resultGrids: GridRow {
        func grid(_ m: Matrix, _ styles: [GridPosition: Style] = [:]) -> GridView {
            GridView(cells: m.nestedRows.map { $0.map { formatNumber($0) } }, styles: styles)
        }
        return GridRow(items: [
            ("∂L/∂x \(gradients.input.rows)×\(gradients.input.cols)", grid(gradients.input, [checkCell: Palette.current])),
            ("∂L/∂w \(gradients.kernel.rows)×\(gradients.kernel.cols)", grid(gradients.kernel)),
        ])
    }

    /// `1 forward · 2 ∂L/∂x · 3 ∂L/∂w · 4 ∂L/∂b, check`, the current view in reverse video.
    var tabs: StyledLine {
        var spans: [Span] = []
        for (i, name) in BackpropStrings.views.enumerated() {
            if i > 0 { spans.append(Span("  ")) }
            spans.append(Span(" \(i + 1) \(name[language]) ", style: i == view.rawValue ? Palette.selected : Palette.note))
        }
        return StyledLine(spans)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let inner = area.inset(left: 1, right: 1)
        buffer.writeLine(SlidingStrings.parameters(trace.forward)[language], x: inner.x, y: inner.y, width: inner.width)
        if inner.height > 1 { Text(lines: [tabs], wrap: false).render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 1), buffer: &buffer) }
        let body = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: max(0, inner.height - 3))
        if showsNotes {
            Text(lines: notes).render(in: body, buffer: &buffer)
            return
        }
        switch view {
        case .forward: renderForward(into: &buffer, body)
        case .inputGradient:
            let panel = inputPanel
            renderStepped(panel, equation(panel, name: "∂L/∂x", shown: inputStepper.step), into: &buffer, body)
        case .kernelGradient:
            let panel = kernelPanel
            renderStepped(panel, equation(panel, name: "∂L/∂w", shown: kernelStepper.step), into: &buffer, body)
        case .check: renderCheck(into: &buffer, body)
        }
    }

    /// A gradient panel, its arithmetic (two rows) and the notes.
    private func renderStepped(_ panel: ConvPanel, _ line: StyledLine, into buffer: inout Buffer, _ body: Rect) {
        let room = Rect(x: body.x, y: body.y, width: body.width, height: max(0, body.height - 4))
        let used = panel.usedHeight(in: room)
        panel.render(into: &buffer, area: Rect(x: body.x, y: body.y, width: body.width, height: used))
        let top = body.y + used + 1
        let equation = Text(lines: [line])
        let rows = min(2, equation.height(forWidth: max(1, body.width), charset: buffer.charset))
        equation.render(in: Rect(x: body.x, y: top, width: body.width, height: max(0, min(rows, body.maxY - top))), buffer: &buffer)
        let notesTop = top + rows
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[language])
            .render(in: Rect(x: body.x, y: notesTop, width: body.width, height: max(0, body.maxY - notesTop)), buffer: &buffer)
    }

    private func renderForward(into buffer: inout Buffer, _ body: Rect) {
        let l = language
        let formulas = trace.forward.geometry.rows == trace.forward.geometry.cols
            ? ["\(SlidingStrings.outputSize[l]): \(trace.forward.geometry.rows.compactFormula)"]
            : ["\(SlidingStrings.outputSize[l]) (\(SlidingStrings.rows[l])): \(trace.forward.geometry.rows.compactFormula)",
               "\(SlidingStrings.outputSize[l]) (\(SlidingStrings.cols[l])): \(trace.forward.geometry.cols.compactFormula)"]
        let text = Text(lines: formulas)
        let textRows = text.height(forWidth: max(1, body.width), charset: buffer.charset)
        let used = forwardGrids.render(into: &buffer, area: Rect(x: body.x, y: body.y, width: body.width, height: max(0, body.height - textRows - 4)))
        var y = body.y + used + 1
        text.render(in: Rect(x: body.x, y: y, width: body.width, height: max(0, body.maxY - y)), buffer: &buffer)
        y += textRows + 1
        guard y < body.maxY else { return }
        if let editor {
            let label = editLabel
            let x = body.x + buffer.write(label, x: body.x, y: y, style: Palette.heading, maxWidth: body.width)
            if x < body.maxX { _ = editor.render(into: &buffer, x: x, y: y, width: min(14, body.maxX - x)) }
        } else {
            buffer.writeLine(problem ?? BackpropStrings.editHint[l], x: body.x, y: y, style: problem == nil ? Palette.note : Style(bold: true), width: body.width)
        }
        let notesTop = y + 2
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[l])
            .render(in: Rect(x: body.x, y: notesTop, width: body.width, height: max(0, body.maxY - notesTop)), buffer: &buffer)
    }

    /// `value for ∂L/∂y[0,1] › `: the cell the typed value goes to.
    var editLabel: String {
        Localized(en: "value for ∂L/∂y[\(upstreamCursor.row),\(upstreamCursor.col)] › ", ko: "∂L/∂y[\(upstreamCursor.row),\(upstreamCursor.col)] 값 › ")[language]
    }

    private func renderCheck(into buffer: inout Buffer, _ body: Rect) {
        let l = language
        var y = body.y
        buffer.writeLine(biasLine, x: body.x, y: y, width: body.width)
        y += 2
        let lines = checkLines
        let used = resultGrids.render(into: &buffer, area: Rect(x: body.x, y: y, width: body.width, height: max(0, body.maxY - y - lines.count - 1)))
        y += used + 1
        for line in lines where y < body.maxY {
            Text(lines: [line], wrap: false).render(in: Rect(x: body.x, y: y, width: body.width, height: 1), buffer: &buffer)
            y += 1
        }
        NotesView(notes: notes, moreHint: SlidingStrings.moreNotes[l])
            .render(in: Rect(x: body.x, y: y + 1, width: body.width, height: max(0, body.maxY - y - 1)), buffer: &buffer)
    }

    public var cursor: (x: Int, y: Int)? {
        guard let editor, view == .forward else { return nil }
        // The field sits on the row after the grids and the formula; found as render finds it.
        var probe = Buffer(width: max(1, area.width), height: max(1, area.height))
        render(into: &probe, area: Rect(x: 0, y: 0, width: area.width, height: area.height))
        let label = editLabel
        for row in 0..<probe.height where probe.line(row).hasPrefix(" " + label) {
            return (1 + displayWidth(label) + editor.cursorColumn, row)
        }
        return nil
    }

    public var contentSize: (width: Int, height: Int) {
        let panel = inputPanel.preferredSize
        return (max(panel.width, forwardGrids.width(.roomy)) + 2, max(panel.height, forwardGrids.height(.roomy) + 2) + 9)
    }
}

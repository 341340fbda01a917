import CNN
import Terminal

extension SlidingScene {
    static let windowStyle = Style(foreground: .black, background: .yellow, bold: true)
    static let paddingStyle = Style(foreground: .brightBlack, dim: true)
    static let currentOutputStyle = Style(foreground: .black, background: .green, bold: true)
    static let headerStyle = Style(bold: true)

    public func render(into buffer: inout Buffer) {
        let layout = SlidingLayout(trace: trace)
        let l = language
        renderHeader(into: &buffer)

        let x = layout.columnX
        let titleY = SlidingLayout.top - 1
        let gridY = SlidingLayout.top
        let g = trace.geometry
        let padded = g.hasPadding
        let inputTitle = "\((padded ? SlidingStrings.paddedInput : SlidingStrings.input)[l]) \(g.rows.paddedSize)×\(g.cols.paddedSize)"
        buffer.write(inputTitle, x: x[0], y: titleY, style: Self.headerStyle, maxWidth: layout.columnWidths[0])
        MatrixGrid(cells: inputCells, cellWidth: layout.cellWidth, cellStyles: inputStyles)
            .render(in: Rect(x: x[0], y: gridY, width: layout.inputSize.width, height: layout.inputSize.height), buffer: &buffer)

        var column = 1
        let kernelTitle = "\(SlidingStrings.kernel[l]) \(trace.kernel.rows)×\(trace.kernel.cols)"
        renderMatrix(trace.kernel, title: kernelTitle, at: x[column], layout: layout, buffer: &buffer)
        if layout.showsRotated {
            column += 1
            renderMatrix(trace.appliedKernel, title: SlidingStrings.rotated[l], at: x[column], layout: layout, buffer: &buffer)
        }
        column += 1
        let outputTitle = "\(SlidingStrings.output[l]) \(g.outputRows)×\(g.outputCols)"
        buffer.write(outputTitle, x: x[column], y: titleY, style: Self.headerStyle, maxWidth: layout.columnWidths[column])
        MatrixGrid(cells: outputCells, cellWidth: layout.cellWidth, cellStyles: outputStyles)
            .render(in: Rect(x: x[column], y: gridY, width: layout.outputSize.width, height: layout.outputSize.height), buffer: &buffer)
        if padded {
            buffer.write(SlidingStrings.legend[l], x: x[column], y: gridY + layout.outputSize.height + 1,
                         style: Self.paddingStyle, maxWidth: buffer.width - x[column])
        }

        renderExplanation(into: &buffer, top: gridY + layout.gridHeight + 1)
    }

    private func renderHeader(into buffer: inout Buffer) {
        let l = language
        buffer.write(" Stride · \(SlidingStrings.title[l])", x: 0, y: 0, style: Self.headerStyle)
        let status = isPlaying ? "\(SlidingStrings.playing[l]) \(formatSeconds(Self.speeds[speedIndex]))" : ""
        let right = "\(status)  \(SlidingStrings.step[l]) \(step)/\(count) "
        buffer.write(right, x: max(0, buffer.width - displayWidth(right)), y: 0, style: Self.headerStyle)
        let g = trace.geometry
        var parameters = [
            SlidingStrings.mode(trace.mode)[l],
            "\(SlidingStrings.padding[l]) \(paddingDescription)",
            "\(SlidingStrings.stride[l]) \(g.rows.stride)",
            "\(SlidingStrings.dilation[l]) \(g.rows.dilation)",
        ]
        if trace.bias != 0 { parameters.append("\(SlidingStrings.bias[l]) \(formatNumber(trace.bias))") }
        buffer.write(" " + parameters.joined(separator: " · "), x: 0, y: 1)
    }

    /// `valid`, `same (1)`, `same (0/1)`, `full (2)`, `1`: the padding asked for, then the cells
    /// added per side (before/after when they differ).
    private var paddingDescription: String {
        let r = trace.geometry.rows
        if case .explicit = trace.padding { return trace.padding.description }
        guard trace.geometry.hasPadding else { return trace.padding.description }
        let cells = r.padBefore == r.padAfter ? "\(r.padBefore)" : "\(r.padBefore)/\(r.padAfter)"
        return "\(trace.padding) (\(cells))"
    }

    private func renderMatrix(_ m: Matrix, title: String, at x: Int, layout: SlidingLayout, buffer: inout Buffer) {
        buffer.write(title, x: x, y: SlidingLayout.top - 1, style: Self.headerStyle, maxWidth: SlidingLayout.minColumn + SlidingLayout.gap - 1)
        let cells = m.nestedRows.map { $0.map { formatNumber($0) } }
        MatrixGrid(cells: cells, cellWidth: layout.cellWidth)
            .render(in: Rect(x: x, y: SlidingLayout.top, width: layout.kernelSize.width, height: layout.kernelSize.height),
                    buffer: &buffer)
    }

    /// Below the grids: the current cell's arithmetic (2 rows), a status row, the size
    /// formula (1–2 rows), then notes on what the options do, as far as the room allows.
    private func renderExplanation(into buffer: inout Buffer, top: Int) {
        let l = language
        let width = buffer.width - 2
        let equation: String
        if step == 0 {
            equation = SlidingStrings.start[l]
        } else {
            let s = currentStep
            equation = "out[\(s.outputRow),\(s.outputCol)] = \(s.equation)"
        }
        Text(equation).render(in: Rect(x: 1, y: top, width: width, height: 2), buffer: &buffer)
        if step == count {
            buffer.write(SlidingStrings.done[l], x: 1, y: top + 2, style: Style(bold: true), maxWidth: width)
        }

        let g = trace.geometry
        var formula = [formulaLine(g.rows, label: g.rows == g.cols ? nil : SlidingStrings.rows[l])]
        if g.rows != g.cols { formula.append(formulaLine(g.cols, label: SlidingStrings.cols[l])) }
        for (i, line) in formula.enumerated() {
            buffer.write(line, x: 1, y: top + 3 + i, maxWidth: width)
        }
        let notesTop = top + 3 + formula.count + 1
        let notes = SlidingStrings.notes(for: trace).map { "· " + $0[l] }
        Text(lines: notes, style: Style(dim: true))
            .render(in: Rect(x: 1, y: notesTop, width: width, height: max(0, buffer.height - 1 - notesTop)), buffer: &buffer)
    }

    private func formulaLine(_ axis: AxisGeometry, label: String?) -> String {
        let prefix = SlidingStrings.outputSize[language] + (label.map { " (\($0))" } ?? "")
        return "\(prefix): \(axis.compactFormula)"
    }

    // MARK: Grid contents

    /// The padded input: real values, and "0" for padding cells.
    var inputCells: [[String]] {
        let g = trace.geometry
        return (0..<g.rows.paddedSize).map { pr in
            (0..<g.cols.paddedSize).map { pc in trace.inputValue(paddedRow: pr, paddedCol: pc).map { formatNumber($0) } ?? "0" }
        }
    }

    /// Padding cells dim; the cells under the current window highlighted.
    var inputStyles: [GridPosition: Style] {
        let g = trace.geometry
        var styles: [GridPosition: Style] = [:]
        for pr in 0..<g.rows.paddedSize {
            for pc in 0..<g.cols.paddedSize where trace.inputValue(paddedRow: pr, paddedCol: pc) == nil {
                styles[GridPosition(row: pr, col: pc)] = Self.paddingStyle
            }
        }
        for term in currentStep.terms {
            styles[GridPosition(row: term.paddedRow, col: term.paddedCol)] = Self.windowStyle
        }
        return styles
    }

    /// Computed outputs so far; the rest blank.
    var outputCells: [[String]] {
        let cols = trace.geometry.outputCols
        return (0..<trace.geometry.outputRows).map { r in
            (0..<cols).map { c in
                let index = r * cols + c
                return index < step ? formatNumber(trace.steps[index].result) : ""
            }
        }
    }

    var outputStyles: [GridPosition: Style] {
        guard step > 0 else { return [:] }
        let s = currentStep
        return [GridPosition(row: s.outputRow, col: s.outputCol): Self.currentOutputStyle]
    }
}

/// `1.5s`, `600ms`.
func formatSeconds(_ d: Duration) -> String {
    let ms = Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    return ms >= 1000 ? "\(formatNumber(Float(ms) / 1000))s" : "\(ms)ms"
}

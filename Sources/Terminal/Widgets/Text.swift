/// Lines of styled text in a rectangle: aligned, optionally word-wrapped by
/// terminal columns (Korean wraps at spaces, long words between characters), and
/// clipped to the area (rows past the bottom are dropped; without wrapping, long
/// lines are cut at the right edge).
public struct Text: Widget {
    public var lines: [StyledLine]
    public var alignment: Alignment
    public var wrap: Bool

    public init(lines: [StyledLine], alignment: Alignment = .left, wrap: Bool = true) {
        self.lines = lines
        self.alignment = alignment
        self.wrap = wrap
    }

    /// Plain text in one style; "\n" separates lines.
    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left, wrap: Bool = true) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            StyledLine(String($0), style: style)
        }
        self.init(lines: lines, alignment: alignment, wrap: wrap)
    }

    /// Plain lines in one style.
    public init(lines: [String], style: Style = .plain, alignment: Alignment = .left, wrap: Bool = true) {
        self.init(lines: lines.map { StyledLine($0, style: style) }, alignment: alignment, wrap: wrap)
    }

    /// Lines given as spans.
    public init(spans: [[Span]], alignment: Alignment = .left, wrap: Bool = true) {
        self.init(lines: spans.map { StyledLine($0) }, alignment: alignment, wrap: wrap)
    }

    /// The rows this text occupies at `width` columns (after wrapping), each with its alignment.
    func layout(width: Int, charset: Charset = .unicode) -> [(chars: [StyledCharacter], alignment: Alignment)] {
        guard width > 0 else { return [] }
        var rows: [(chars: [StyledCharacter], alignment: Alignment)] = []
        for line in lines {
            var chars: [StyledCharacter] = []
            for span in line.spans {
                for c in displayedText(span.text, charset: charset) where c != "\n" {
                    chars.append(StyledCharacter(character: c, style: span.style))
                }
            }
            let align = line.alignment ?? alignment
            if wrap {
                for row in wrapStyled(chars, width: width) { rows.append((row, align)) }
            } else {
                rows.append((chars, align))
            }
        }
        return rows
    }

    /// The number of rows needed at `width` columns (after wrapping) in `charset`.
    public func height(forWidth width: Int, charset: Charset = .unicode) -> Int {
        layout(width: width, charset: charset).count
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        for (i, row) in layout(width: area.width, charset: buffer.charset).enumerated() {
            let y = area.y + i
            if y >= area.maxY { break }
            let rowWidth = row.chars.reduce(0) { $0 + displayWidth($1.character) }
            let spare = max(0, area.width - rowWidth)
            var x: Int
            switch row.alignment {
            case .left: x = area.x
            case .center: x = area.x + spare / 2
            case .right: x = area.x + spare
            }
            for sc in row.chars {
                let advanced = buffer.write(String(sc.character), x: x, y: y, style: sc.style, clip: clip)
                if advanced == 0 && displayWidth(sc.character) > 0 { break }
                x += advanced
            }
        }
    }
}

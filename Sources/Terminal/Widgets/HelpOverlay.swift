/// A framed help box centred in the area, clearing what is under it:
///
///     ┌ Help ──────────────┐
///     │ →/l  next step     │
///     │ q    quit          │
///     │                    │
///     │   Esc or ? closes  │
///     └────────────────────┘
///
/// Keys are left-aligned in a column as wide as the widest key, then two spaces and
/// the description. The box is as small as its content allows, shrunk to the area
/// (descriptions are truncated, rows past the bottom dropped; the hint stays last
/// when there is room for it).
public struct HelpOverlay: Widget {
    public var title: String
    public var rows: [(key: String, description: String)]
    public var hint: String
    public var style: Style
    public var keyStyle: Style
    public var hintStyle: Style

    public init(
        title: String = "Help", rows: [(key: String, description: String)], hint: String = "Esc or ? closes",
        style: Style = .plain, keyStyle: Style = Style(bold: true), hintStyle: Style = Style(dim: true)
    ) {
        self.title = title
        self.rows = rows
        self.hint = hint
        self.style = style
        self.keyStyle = keyStyle
        self.hintStyle = hintStyle
    }

    var keyColumnWidth: Int { rows.map { displayWidth($0.key) }.max() ?? 0 }

    /// The box's preferred size (before shrinking to the area).
    public var preferredSize: (width: Int, height: Int) {
        let rowWidth = rows.map { keyColumnWidth + 2 + displayWidth($0.description) }.max() ?? 0
        let content = max(rowWidth, displayWidth(hint), displayWidth(title) + 2)
        let hintRows = hint.isEmpty ? 0 : 2
        return (content + 4, rows.count + hintRows + 2)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        if buffer.charset == .ascii, !isDisplayed(in: .ascii) {
            displayed(in: .ascii).render(in: area, buffer: &buffer)
            return
        }
        let preferred = preferredSize
        let box = area.centered(width: preferred.width, height: preferred.height)
        buffer.fill(box.intersection(clip), style: style)
        Box(title: title, style: style, titleStyle: style.patched(with: Style(bold: true))).render(in: box, buffer: &buffer)
        let inner = Box.inner(of: box).inset(left: 1, right: 1)
        let content = inner.intersection(clip)
        guard !inner.isEmpty else { return }

        let showsHint = !hint.isEmpty && inner.height >= 1
        let rowsShown = min(rows.count, showsHint ? max(0, inner.height - 2) : inner.height)
        let keyWidth = keyColumnWidth
        for (i, row) in rows.prefix(rowsShown).enumerated() {
            let y = inner.y + i
            buffer.write(row.key, x: inner.x, y: y, style: style.patched(with: keyStyle), clip: content)
            let descX = inner.x + keyWidth + 2
            let desc = truncate(row.description, toWidth: inner.maxX - descX, ellipsis: buffer.borders.ellipsis)
            buffer.write(desc, x: descX, y: y, style: style, clip: content)
        }
        if showsHint {
            let shown = truncate(hint, toWidth: inner.width, ellipsis: buffer.borders.ellipsis)
            let x = inner.x + (inner.width - displayWidth(shown)) / 2
            buffer.write(shown, x: x, y: inner.maxY - 1, style: style.patched(with: hintStyle), clip: content)
        }
    }

    /// This overlay with its texts as a buffer with `charset` stores them.
    func displayed(in charset: Charset) -> HelpOverlay {
        var copy = self
        copy.title = displayedText(title, charset: charset)
        copy.hint = displayedText(hint, charset: charset)
        copy.rows = rows.map { (displayedText($0.key, charset: charset), displayedText($0.description, charset: charset)) }
        return copy
    }

    private func isDisplayed(in charset: Charset) -> Bool {
        let texts = [title, hint] + rows.flatMap { [$0.key, $0.description] }
        return texts.allSatisfy { displayedText($0, charset: charset) == $0 }
    }
}

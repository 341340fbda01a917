/// A one-line list of key bindings: `→/l next  ←/h prev  ? help  q quit`.
///
/// Each key is drawn in `keyStyle`, followed by a space and its label in `labelStyle`;
/// items are separated by two spaces. Drawn on the area's first row; when it does not
/// fit, it is cut at the right edge, ending in "…" ("~" in ascii).
public struct KeyFooter: Widget {
    public var items: [(key: String, label: String)]
    public var keyStyle: Style
    public var labelStyle: Style

    public init(
        _ items: [(key: String, label: String)],
        keyStyle: Style = Style(bold: true, reverse: true), labelStyle: Style = .plain
    ) {
        self.items = items
        self.keyStyle = keyStyle
        self.labelStyle = labelStyle
    }

    /// The footer as spans (before truncation).
    var spans: [Span] {
        var spans: [Span] = []
        for (i, item) in items.enumerated() {
            if i > 0 { spans.append(Span("  ", style: labelStyle)) }
            spans.append(Span(item.key, style: keyStyle))
            spans.append(Span(" " + item.label, style: labelStyle))
        }
        return spans
    }

    /// The footer's full width in columns.
    public var width: Int { spans.reduce(0) { $0 + displayWidth($1.text) } }

    public func render(in area: Rect, buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty, area.width > 0 else { return }
        let ellipsis = buffer.borders.ellipsis
        let spans = self.spans.map { Span(buffer.displayed($0.text), style: $0.style) }
        let width = spans.reduce(0) { $0 + displayWidth($1.text) }
        let fits = width <= area.width
        let room = fits ? area.width : area.width - displayWidth(ellipsis)
        var x = area.x
        var used = 0
        outer: for span in spans {
            for c in span.text {
                let w = displayWidth(c)
                if used + w > room { break outer }
                x += buffer.write(String(c), x: x, y: area.y, style: span.style, clip: clip)
                used += w
            }
        }
        if !fits, room >= 0 {
            buffer.write(ellipsis, x: x, y: area.y, style: labelStyle, clip: clip)
        }
    }
}

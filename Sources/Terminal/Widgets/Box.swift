/// A frame around a rectangle, with an optional title in the top border and an
/// optional child drawn in the inner area.
///
///     ┌ Title ─────┐      +Title-------+   (ascii charset: "+ Title ----+")
///     │child       │
///     └────────────┘
///
/// Areas smaller than 2×2 get no frame (the child still gets the empty inner area).
/// The title is truncated with "…" to fit between the corners.
public struct Box: Widget {
    public var title: String?
    /// The style of the border lines.
    public var style: Style
    /// The style of the title text.
    public var titleStyle: Style
    public var child: (any Widget)?

    public init(title: String? = nil, style: Style = .plain, titleStyle: Style? = nil, child: (any Widget)? = nil) {
        self.title = title
        self.style = style
        self.titleStyle = titleStyle ?? style
        self.child = child
    }

    /// The content area inside a box drawn in `area`: one cell in from each side.
    public static func inner(of area: Rect) -> Rect {
        area.inset(by: 1)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        buffer.drawFrame(area, style: style, clip: clip)
        if let title, !title.isEmpty, area.width >= 4, area.height >= 2 {
            // " Title " between the corners, keeping at least one border cell on the right.
            let room = area.width - 3
            let shown = truncate(buffer.displayed(title), toWidth: room - 2, ellipsis: buffer.borders.ellipsis)
            if !shown.isEmpty {
                var x = area.x + 1
                x += buffer.write(" ", x: x, y: area.y, style: style, clip: clip)
                x += buffer.write(shown, x: x, y: area.y, style: titleStyle, clip: clip)
                buffer.write(" ", x: x, y: area.y, style: style, clip: clip)
            }
        }
        child?.render(in: Box.inner(of: area), buffer: &buffer)
    }
}

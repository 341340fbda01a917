/// A horizontal bar filled to `fraction` (0...1): `█` for the done part and `░` for the
/// rest in Unicode (eighth blocks `▏…▉` for the partial cell), `#` and `.` in ASCII.
/// Filled cells = fraction × width (rounded down to the nearest eighth of a cell).
public struct ProgressBar: Widget {
    public var fraction: Double
    public var style: Style
    public var emptyStyle: Style

    public init(fraction: Double, style: Style = .plain, emptyStyle: Style = Style(dim: true)) {
        self.fraction = fraction
        self.style = style
        self.emptyStyle = emptyStyle
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard area.width > 0, area.height > 0 else { return }
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let eighths = Int((f * Double(area.width * 8)).rounded(.down))
        let full = eighths / 8, partial = eighths % 8
        let unicode = buffer.charset == .unicode
        for row in area.y..<area.maxY {
            buffer.write(String(repeating: unicode ? "█" : "#", count: full), x: area.x, y: row, style: style)
            var x = area.x + full
            if partial > 0, unicode, x < area.maxX {
                let glyph = Character(Unicode.Scalar(0x2590 - UInt32(partial))!)  // ▏ (1/8) … ▉ (7/8)
                buffer.write(String(glyph), x: x, y: row, style: style)
                x += 1
            }
            if x < area.maxX {
                buffer.write(String(repeating: unicode ? "░" : ".", count: area.maxX - x), x: x, y: row, style: emptyStyle)
            }
        }
    }
}

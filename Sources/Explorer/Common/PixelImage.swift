import Terminal

/// A greyscale picture in half blocks: each cell shows two pixels stacked (top and bottom).
///
/// Values are mapped to 0...1 by `range` (lower bound black, upper bound white) after
/// averaging `scale × scale` blocks. A cell's glyph follows which halves are bright (≥ 0.4):
/// ` `, `▀`, `▄` or `█`, coloured with the pixels' greys, so a digit's shape survives
/// NO_COLOR; in ASCII a character ramp ` .:-=+*#%@` of the pair's mean stands in.
struct PixelImage {
    var pixels: [Float]
    var height: Int
    var width: Int
    var range: ClosedRange<Float> = 0...1
    /// Each cell column covers `scale` pixels; each cell row `2 × scale`.
    var scale = 1
    /// Always `▀` in the two greys (exact tones, for weights and maps), instead of glyphs
    /// chosen by brightness (shapes that survive NO_COLOR, for digits).
    var twoTone = false

    /// Cells needed: ⌈width / scale⌉ × ⌈⌈height / scale⌉ / 2⌉.
    var size: (width: Int, height: Int) {
        let w = (width + scale - 1) / scale, h = (height + scale - 1) / scale
        return (w, (h + 1) / 2)
    }

    /// The mean of the block at (row, col) of the scaled image, mapped to 0...1.
    func level(_ row: Int, _ col: Int) -> Double {
        var sum: Float = 0, n = 0
        for r in (row * scale)..<min((row + 1) * scale, height) {
            for c in (col * scale)..<min((col + 1) * scale, width) where r * width + c < pixels.count {
                sum += pixels[r * width + c]
                n += 1
            }
        }
        guard n > 0 else { return 0 }
        let span = range.upperBound - range.lowerBound
        let v = span > 0 ? (sum / Float(n) - range.lowerBound) / span : 0.5
        return v.isFinite ? Double(min(max(v, 0), 1)) : 0
    }

    func render(into buffer: inout Buffer, x: Int, y: Int) {
        let (w, h) = size
        let rows = (height + scale - 1) / scale
        let ramp = Array(" .:-=+*#%@")
        for cy in 0..<h {
            for cx in 0..<w {
                let top = level(cy * 2, cx)
                let bottom = cy * 2 + 1 < rows ? level(cy * 2 + 1, cx) : 0
                if buffer.charset == .ascii {
                    let mean = (top + bottom) / 2
                    buffer.write(String(ramp[min(ramp.count - 1, Int(mean * Double(ramp.count - 1) + 0.5))]), x: x + cx, y: y + cy)
                    continue
                }
                let (glyph, style): (String, Style)
                if twoTone {
                    buffer.write("▀", x: x + cx, y: y + cy, style: Style(foreground: .grey(level: top), background: .grey(level: bottom)))
                    continue
                }
                switch (top >= 0.4, bottom >= 0.4) {
                case (true, true): (glyph, style) = ("█", Style(foreground: .grey(level: max(top, bottom)), background: .grey(level: min(top, bottom))))
                case (true, false): (glyph, style) = ("▀", Style(foreground: .grey(level: top), background: .grey(level: bottom)))
                case (false, true): (glyph, style) = ("▄", Style(foreground: .grey(level: bottom), background: .grey(level: top)))
                case (false, false): (glyph, style) = (" ", Style(foreground: .grey(level: top), background: .grey(level: (top + bottom) / 2)))
                }
                buffer.write(glyph, x: x + cx, y: y + cy, style: style)
            }
        }
    }
}

/// The glyphs for frames and grid lines in one charset.
struct BorderSet: Sendable {
    let horizontal: Character
    let vertical: Character
    let topLeft: Character
    let topRight: Character
    let bottomLeft: Character
    let bottomRight: Character
    let teeDown: Character  // ┬
    let teeUp: Character  // ┴
    let teeRight: Character  // ├
    let teeLeft: Character  // ┤
    let cross: Character  // ┼
    /// What `truncate` appends when it cuts text.
    let ellipsis: String

    static let unicode = BorderSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤", cross: "┼", ellipsis: "…")
    static let ascii = BorderSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+", cross: "+", ellipsis: "~")

    static func forCharset(_ charset: Charset) -> BorderSet {
        charset == .ascii ? .ascii : .unicode
    }
}

extension Buffer {
    /// The border glyphs for this buffer's charset.
    var borders: BorderSet { BorderSet.forCharset(charset) }

    /// Puts a one-column character at (x, y) if that cell is inside `clip`.
    mutating func put(_ c: Character, x: Int, y: Int, style: Style, clip: Rect) {
        if clip.contains(x: x, y: y) { put(c, x: x, y: y, style: style) }
    }

    /// Writes `text` at (x, y), clipped to `clip` (rows and columns); returns columns advanced.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, style: Style, clip: Rect) -> Int {
        guard y >= clip.y, y < clip.maxY else { return 0 }
        return write(text, x: x, y: y, style: style, clipMinX: clip.x, clipMaxX: clip.maxX)
    }

    /// Draws a frame on the edge of `rect`, clipped to `clip`. Needs at least 2×2.
    mutating func drawFrame(_ rect: Rect, style: Style, clip: Rect) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let b = borders
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x + 1..<right {
            put(b.horizontal, x: x, y: rect.y, style: style, clip: clip)
            put(b.horizontal, x: x, y: bottom, style: style, clip: clip)
        }
        for y in rect.y + 1..<bottom {
            put(b.vertical, x: rect.x, y: y, style: style, clip: clip)
            put(b.vertical, x: right, y: y, style: style, clip: clip)
        }
        put(b.topLeft, x: rect.x, y: rect.y, style: style, clip: clip)
        put(b.topRight, x: right, y: rect.y, style: style, clip: clip)
        put(b.bottomLeft, x: rect.x, y: bottom, style: style, clip: clip)
        put(b.bottomRight, x: right, y: bottom, style: style, clip: clip)
    }
}

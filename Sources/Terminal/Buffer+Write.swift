/// Writing text and filling rectangles.
extension Buffer {
    /// Writes `text` at (x, y) in terminal columns and returns the columns advanced from x.
    ///
    /// Wide characters take two cells (the second a continuation). Output stops at
    /// `x + maxWidth` (default: no limit) and at the right edge of `clip`; a wide character
    /// that does not fit entirely is not drawn (and ends the write). Zero-width characters
    /// (controls, lone combining marks) are dropped. In `.ascii` charset every character goes
    /// through `asciiFallback(_:)`. Never writes outside `clip`: text that reaches outside it
    /// (left of it, past its right edge, on a row outside it) is dropped and counted once in
    /// `clipViolations`; stopping at `maxWidth` is not a violation.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { x + max(0, $0) } ?? Int.max
        return write(text, x: x, y: y, style: style, clipMinX: Int.min, clipMaxX: limit)
    }

    /// `write` limited by the caller to the columns `clipMinX..<clipMaxX`: characters left of
    /// `clipMinX` are skipped (counted in the result), the write ends at `clipMaxX`, and
    /// neither is a violation. Within those limits, columns outside `clip` are.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, style: Style, clipMinX: Int, clipMaxX: Int) -> Int {
        let rowInside = y >= clip.y && y < clip.maxY
        var column = x
        var outside = false
        defer { if outside { clipViolations += 1 } }
        for character in text {
            for c in charsetMapped(character) {
                let w = displayWidth(c)
                if w == 0 { continue }
                if column + w > clipMaxX { return column - x }
                if column >= clipMinX {
                    if !rowInside || column < clip.x {
                        outside = true
                        if !rowInside { return 0 }
                    } else if column + w > clip.maxX {
                        outside = true
                        return column - x
                    } else if w == 1 {
                        put(c, x: column, y: y, style: style)
                    } else {
                        putWide(c, x: column, y: y, style: style)
                    }
                }
                column += w
            }
        }
        return column - x
    }

    /// Writes one line of `text` in `width` columns, ending it with an ellipsis (`…`, `~` in
    /// ASCII) when it is wider, so a cut line says it was cut. Returns the columns advanced.
    @discardableResult
    public mutating func writeLine(_ text: String, x: Int, y: Int, style: Style = .plain, width: Int) -> Int {
        write(truncate(displayed(text), toWidth: width, ellipsis: borders.ellipsis), x: x, y: y, style: style, maxWidth: width)
    }

    /// `text` as this buffer will store it: unchanged in `.unicode`, mapped through
    /// `asciiFallback(_:)` in `.ascii`. Widgets measure this form so layouts match.
    public func displayed(_ text: String) -> String {
        displayedText(text, charset: charset)
    }

    /// The characters to store for `c` in this buffer's charset.
    func charsetMapped(_ c: Character) -> [Character] {
        if charset == .unicode || c.isASCII { return [c] }
        return Array(asciiFallback(c))
    }

    /// Fills `rect` with `character` in `style`; cells outside `clip` are dropped and counted.
    ///
    /// A character that is not one column wide (after the ASCII fallback in `.ascii`
    /// charset) fills with spaces instead.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: Style = .plain) {
        let mapped = charsetMapped(character)
        let c: Character = mapped.count == 1 && displayWidth(mapped[0]) == 1 ? mapped[0] : " "
        let r = clippedForWrite(rect)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX {
                put(c, x: x, y: y, style: style)
            }
        }
    }

    /// Sets the style of every cell in `rect`, keeping the characters; cells outside `clip`
    /// are left alone and counted.
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = clippedForWrite(rect)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX {
                self[x, y].style = style
            }
        }
    }

    /// Adds `style`'s colours and attributes to every cell in `rect` (see `Style.patched(with:)`).
    /// Cells outside `clip` are left alone and counted.
    public mutating func patchStyle(_ rect: Rect, style: Style) {
        let r = clippedForWrite(rect)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX {
                self[x, y].style = self[x, y].style.patched(with: style)
            }
        }
    }

    /// `rect ∩ clip`, counting the cells of `rect` left outside as violations.
    private mutating func clippedForWrite(_ rect: Rect) -> Rect {
        let r = rect.intersection(clip)
        countViolations(rect.area - r.area)
        return r
    }

    /// Draws `widget` into `area` (a convenience for `widget.render(in:buffer:)`).
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, buffer: &self)
    }
}

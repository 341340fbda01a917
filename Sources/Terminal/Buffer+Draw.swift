/// Composing buffers: a child drawn on its own, then copied into part of a parent.
extension Buffer {
    /// Copies `other` into this buffer with its top-left cell at (x, y), clipped to this
    /// buffer (and to `clip`, when given: cutting a sheet to the buffer or to `clip` is the
    /// caller's choice, not a violation). Cells of that region outside the buffer's own
    /// `clip` are dropped and counted in `clipViolations`. Wide characters cut by an edge
    /// are blanked so no half character remains.
    public mutating func draw(_ other: Buffer, at origin: (x: Int, y: Int), clip: Rect? = nil) {
        let wanted = Rect(x: origin.x, y: origin.y, width: other.width, height: other.height)
            .intersection(clip.map { $0.intersection(area) } ?? area)
        let target = wanted.intersection(self.clip)
        countViolations(wanted.area - target.area)
        guard !target.isEmpty else { return }
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX {
                let cell = other[x - origin.x, y - origin.y]
                if cell.isContinuation {
                    // Its leading half was clipped away: leave a blank.
                    if x == target.x { put(" ", x: x, y: y, style: cell.style) }
                    continue
                }
                if displayWidth(cell.character) == 2 {
                    if x + 1 < target.maxX {
                        putWide(cell.character, x: x, y: y, style: cell.style)
                    } else {
                        put(" ", x: x, y: y, style: cell.style)
                    }
                } else {
                    put(cell.character, x: x, y: y, style: cell.style)
                }
            }
        }
    }
}

extension Buffer {
    /// Renders `body` on an off-screen sheet with room for at least `room` cells, then copies
    /// the sheet's top-left corner, the area's size, into `area`. For a screen whose picture
    /// has a fixed size (a 28×28 canvas, a digit): in an area too small for it, it is cut at
    /// the area's edges on purpose instead of writing outside. `body` gets the area moved to
    /// the sheet's origin.
    public mutating func renderCropped(into area: Rect, room: (width: Int, height: Int), _ body: (inout Buffer, Rect) -> Void) {
        guard !area.isEmpty else { return }
        var sheet = Buffer(width: Swift.max(area.width, room.width), height: Swift.max(area.height, room.height), charset: charset)
        body(&sheet, Rect(x: 0, y: 0, width: area.width, height: area.height))
        draw(sheet, at: (area.x, area.y), clip: area)
    }
}

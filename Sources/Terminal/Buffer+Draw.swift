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

import Terminal

/// Titled grids side by side, drawn at the roomiest density that fits the area (the same
/// density for all), with `gap` columns between them. Used by scenes that show several
/// matrices in a row (pooling, channels).
struct GridRow {
    var items: [(title: String, grid: GridView)]
    var gap = 3
    var densities: [GridDensity] = [.spacious, .roomy, .compact, .lineless]

    func widths(_ d: GridDensity) -> [Int] { items.map { max($0.grid.size(d).width, displayWidth($0.title)) } }
    func width(_ d: GridDensity) -> Int { widths(d).reduce(0, +) + gap * max(0, items.count - 1) }
    func height(_ d: GridDensity) -> Int { 1 + (items.map { $0.grid.size(d).height }.max() ?? 0) }

    /// The roomiest density whose width fits `width` and height fits `height`.
    func density(width: Int, height: Int) -> GridDensity {
        densities.first { self.width($0) <= width && self.height($0) <= height } ?? densities.last!
    }

    /// Draws the row; returns the rows used.
    @discardableResult
    func render(into buffer: inout Buffer, area: Rect) -> Int {
        guard !area.isEmpty else {
            for item in items { item.grid.recordHidden(in: &buffer) }
            return 0
        }
        let d = density(width: area.width, height: area.height)
        var x = area.x
        for (item, w) in zip(items, widths(d)) {
            guard x < area.maxX else { item.grid.recordHidden(in: &buffer); continue }
            buffer.write(item.title, x: x, y: area.y, style: Palette.heading, maxWidth: max(0, area.maxX - x))
            item.grid.render(into: &buffer, origin: (x, area.y + 1), density: d,
                             clip: Rect(x: x, y: area.y + 1, width: max(0, min(w, area.maxX - x)), height: max(0, area.height - 1)))
            x += w + gap
        }
        return min(area.height, height(d))
    }
}

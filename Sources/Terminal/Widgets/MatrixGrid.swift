/// A cell of a `MatrixGrid`, by row and column (0-based).
public struct GridPosition: Sendable, Hashable {
    public var row: Int
    public var col: Int

    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
}

/// A grid of string cells with grid lines, each cell right-aligned in a fixed width:
///
///     Title
///     ┌─────┬─────┐
///     │ 1.0 │ -2  │      (ascii charset: + - |)
///     ├─────┼─────┤
///     │   3 │     │      empty strings are allowed (not yet computed)
///     └─────┴─────┘
///
/// Each cell's inside is `padding + cellWidth + padding` columns; `cellStyles` restyles
/// whole insides (highlighted, padding, current cells), `textStyle` is the default.
/// Rows are ragged-safe: missing entries render empty. Entries wider than `cellWidth`
/// are truncated. Clipped to the area; rendered from its top-left corner.
public struct MatrixGrid: Widget {
    public var cells: [[String]]
    /// Columns for the text of each cell; nil = the widest entry (at least 1).
    public var cellWidth: Int?
    public var cellStyles: [GridPosition: Style]
    public var title: String?
    public var titleStyle: Style
    public var textStyle: Style
    public var gridStyle: Style
    /// Spaces on each side of a cell's text.
    public var padding: Int

    public init(
        cells: [[String]], cellWidth: Int? = nil, cellStyles: [GridPosition: Style] = [:],
        title: String? = nil, titleStyle: Style = Style(bold: true), textStyle: Style = .plain,
        gridStyle: Style = .plain, padding: Int = 1
    ) {
        self.cells = cells
        self.cellWidth = cellWidth
        self.cellStyles = cellStyles
        self.title = title
        self.titleStyle = titleStyle
        self.textStyle = textStyle
        self.gridStyle = gridStyle
        self.padding = padding
    }

    public var rowCount: Int { cells.count }
    public var columnCount: Int { cells.map(\.count).max() ?? 0 }

    /// The text width of a cell: `cellWidth`, or the widest entry (at least 1).
    public var resolvedCellWidth: Int {
        if let cellWidth { return max(1, cellWidth) }
        return max(1, cells.flatMap { $0 }.map(displayWidth).max() ?? 1)
    }

    /// The columns and rows a grid takes, grid lines included (plus one row for a title).
    public static func size(rows: Int, cols: Int, cellWidth: Int, padding: Int = 1, hasTitle: Bool = false)
        -> (width: Int, height: Int)
    {
        let r = max(0, rows), c = max(0, cols)
        guard r > 0, c > 0 else { return (0, hasTitle ? 1 : 0) }
        let inside = max(1, cellWidth) + 2 * max(0, padding)
        return (c * (inside + 1) + 1, r * 2 + 1 + (hasTitle ? 1 : 0))
    }

    /// This grid's size (see `size(rows:cols:cellWidth:padding:hasTitle:)`).
    public var size: (width: Int, height: Int) {
        MatrixGrid.size(
            rows: rowCount, cols: columnCount, cellWidth: resolvedCellWidth, padding: padding,
            hasTitle: title != nil)
    }

    /// The rectangle of a cell's inside when the grid is drawn at `origin` (title included).
    public func cellRect(_ position: GridPosition, origin: (x: Int, y: Int)) -> Rect {
        let inside = resolvedCellWidth + 2 * max(0, padding)
        let top = origin.y + (title != nil ? 1 : 0)
        return Rect(x: origin.x + 1 + position.col * (inside + 1), y: top + 1 + position.row * 2, width: inside, height: 1)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        var top = area.y
        if let title {
            let shown = truncate(title, toWidth: area.width, ellipsis: buffer.borders.ellipsis)
            buffer.write(shown, x: area.x, y: top, style: titleStyle, clip: clip)
            top += 1
        }
        let rows = rowCount, cols = columnCount
        guard rows > 0, cols > 0 else { return }
        let width = resolvedCellWidth, padCount = max(0, padding)
        let inside = width + 2 * padCount
        drawLines(rows: rows, cols: cols, inside: inside, x0: area.x, y0: top, clip: clip, buffer: &buffer)

        for r in 0..<rows {
            for c in 0..<cols {
                let position = GridPosition(row: r, col: c)
                let rect = cellRect(position, origin: (area.x, area.y))
                let style = cellStyles[position] ?? textStyle
                let entry = c < cells[r].count ? cells[r][c] : ""
                let text = pad(truncate(entry, toWidth: width, ellipsis: buffer.borders.ellipsis), toWidth: width, alignment: .right)
                let spaces = String(repeating: " ", count: padCount)
                buffer.write(spaces + text + spaces, x: rect.x, y: rect.y, style: style, clip: clip)
            }
        }
    }

    /// Draws the grid lines for `rows × cols` cells whose top-left corner is (x0, y0).
    private func drawLines(rows: Int, cols: Int, inside: Int, x0: Int, y0: Int, clip: Rect, buffer: inout Buffer) {
        let b = buffer.borders
        let right = x0 + cols * (inside + 1)
        let bottom = y0 + rows * 2
        for y in y0...bottom {
            let isBorderRow = (y - y0) % 2 == 0
            for x in x0...right {
                let isBorderCol = (x - x0) % (inside + 1) == 0
                let glyph: Character
                if isBorderRow && isBorderCol {
                    glyph = junction(top: y == y0, bottom: y == bottom, left: x == x0, right: x == right, b)
                } else if isBorderRow {
                    glyph = b.horizontal
                } else if isBorderCol {
                    glyph = b.vertical
                } else {
                    continue
                }
                buffer.put(glyph, x: x, y: y, style: gridStyle, clip: clip)
            }
        }
    }

    private func junction(top: Bool, bottom: Bool, left: Bool, right: Bool, _ b: BorderSet) -> Character {
        switch (top, bottom, left, right) {
        case (true, _, true, _): b.topLeft
        case (true, _, _, true): b.topRight
        case (true, _, _, _): b.teeDown
        case (_, true, true, _): b.bottomLeft
        case (_, true, _, true): b.bottomRight
        case (_, true, _, _): b.teeUp
        case (_, _, true, _): b.teeRight
        case (_, _, _, true): b.teeLeft
        default: b.cross
        }
    }
}

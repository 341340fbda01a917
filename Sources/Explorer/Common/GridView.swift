import CNN
import Terminal

/// How much room a grid of numbers takes; scenes pick the roomiest that fits.
public enum GridDensity: Int, Sendable, CaseIterable, Comparable {
    /// Grid lines and two spaces on each side of a value (large terminals, projectors).
    case spacious
    /// Grid lines and a space on each side of a value.
    case roomy
    /// Grid lines, no spaces.
    case compact
    /// No grid lines: values separated by one space, one text row per matrix row.
    case lineless
    /// One shaded two-column cell per value (for inputs such as a 28×28 digit).
    case heatmap

    public static func < (a: GridDensity, b: GridDensity) -> Bool { a.rawValue < b.rawValue }
}

/// A matrix drawn at a density, with per-cell styles; knows its size and where each cell
/// lands, so scenes can hit-test clicks and pan large inputs.
public struct GridView: Sendable {
    /// The text of each cell (ragged rows render blank).
    public var cells: [[String]]
    /// Values for the heatmap (nil cells are blank); same shape as `cells`.
    public var values: [[Float?]]
    public var styles: [GridPosition: Style]
    /// Text columns per cell (the widest entry when nil).
    public var cellWidth: Int?

    public init(cells: [[String]], values: [[Float?]] = [], styles: [GridPosition: Style] = [:], cellWidth: Int? = nil) {
        self.cells = cells
        self.values = values
        self.styles = styles
        self.cellWidth = cellWidth
    }

    public var rows: Int { cells.count }
    public var cols: Int { cells.map(\.count).max() ?? 0 }
    /// Measures every cell (O(cells)): callers that need it per cell compute it once.
    var textWidth: Int { max(1, cellWidth ?? cells.flatMap { $0 }.map(displayWidth).max() ?? 1) }

    public func size(_ density: GridDensity) -> (width: Int, height: Int) {
        guard rows > 0, cols > 0 else { return (0, 0) }
        switch density {
        case .spacious: return MatrixGrid.size(rows: rows, cols: cols, cellWidth: textWidth, padding: 2)
        case .roomy: return MatrixGrid.size(rows: rows, cols: cols, cellWidth: textWidth, padding: 1)
        case .compact: return MatrixGrid.size(rows: rows, cols: cols, cellWidth: textWidth, padding: 0)
        case .lineless: return (cols * (textWidth + 1) - 1, rows)
        case .heatmap: return (cols * 2, rows)
        }
    }

    /// The rectangle of cell (row, col) when the grid's top-left corner is at `origin`.
    public func cellRect(_ p: GridPosition, origin: (x: Int, y: Int), density: GridDensity) -> Rect {
        cellRect(p, origin: origin, density: density, width: textWidth)
    }

    /// `cellRect` with the text width already measured: a loop over every cell measuring it
    /// again per cell was O(cells²) (60 ms a frame for a padded 12×12 input in a debug build,
    /// so a pasted burst of keys froze the screen).
    func cellRect(_ p: GridPosition, origin: (x: Int, y: Int), density: GridDensity, width: Int) -> Rect {
        switch density {
        case .spacious, .roomy, .compact:
            return grid(density, width: width).cellRect(p, origin: origin)
        case .lineless:
            return Rect(x: origin.x + p.col * (width + 1), y: origin.y + p.row, width: width, height: 1)
        case .heatmap:
            return Rect(x: origin.x + p.col * 2, y: origin.y + p.row, width: 2, height: 1)
        }
    }

    /// The cell under (x, y), if any.
    public func cell(atX x: Int, y: Int, origin: (x: Int, y: Int), density: GridDensity) -> GridPosition? {
        let width = textWidth
        for r in 0..<rows {
            for c in 0..<cols where cellRect(GridPosition(row: r, col: c), origin: origin, density: density, width: width).contains(x: x, y: y) {
                return GridPosition(row: r, col: c)
            }
        }
        return nil
    }

    private func grid(_ density: GridDensity, width: Int? = nil) -> MatrixGrid {
        MatrixGrid(cells: cells, cellWidth: width ?? textWidth, cellStyles: styles,
                   padding: density == .spacious ? 2 : density == .roomy ? 1 : 0)
    }

    /// Draws the grid with its top-left corner at `origin`, clipped to `clip`.
    public func render(into buffer: inout Buffer, origin: (x: Int, y: Int), density: GridDensity, clip: Rect) {
        let full = size(density)
        guard full.width > 0 else { return recordHidden(in: &buffer) }
        // Draw off-screen at full size, then copy the visible part (clipping never reflows).
        var sheet = Buffer(width: full.width, height: full.height, charset: buffer.charset)
        switch density {
        case .spacious, .roomy, .compact:
            grid(density).render(in: sheet.area, buffer: &sheet)
        case .lineless:
            let width = textWidth
            for r in 0..<rows {
                for c in 0..<cols {
                    let rect = cellRect(GridPosition(row: r, col: c), origin: (0, 0), density: density, width: width)
                    let text = c < cells[r].count ? cells[r][c] : ""
                    let shown = pad(truncate(text, toWidth: width, ellipsis: "…"), toWidth: width, alignment: .right)
                    sheet.write(shown, x: rect.x, y: rect.y, style: styles[GridPosition(row: r, col: c)] ?? .plain)
                }
            }
        case .heatmap:
            renderHeatmap(into: &sheet)
        }
        buffer.draw(sheet, at: origin, clip: clip)
        recordCells(in: &buffer, origin: origin, density: density, clip: clip)
    }

    /// Records in `buffer` that none of the grid's cells is shown (its caller had no room).
    func recordHidden(in buffer: inout Buffer) {
        buffer.recordDrawn(DrawnPart(label: "grid \(rows)×\(cols)", shown: 0, total: rows * cols))
    }

    /// Records in `buffer` how many of the grid's cells lie wholly inside `clip` (and the
    /// buffer's own clip): the grid was cropped when that is fewer than rows × cols.
    func recordCells(in buffer: inout Buffer, origin: (x: Int, y: Int), density: GridDensity, clip: Rect) {
        let visible = clip.intersection(buffer.clip)
        var shown = 0
        let width = textWidth  // measured once: per cell it would make this O(cells²)
        for r in 0..<rows {
            for c in 0..<cols {
                let rect = cellRect(GridPosition(row: r, col: c), origin: origin, density: density, width: width)
                if rect.intersection(visible) == rect { shown += 1 }
            }
        }
        buffer.recordDrawn(DrawnPart(label: "grid \(rows)×\(cols)", shown: shown, total: rows * cols))
    }

    /// Shade characters (so the picture survives NO_COLOR) on a grey ramp scaled to the
    /// values' range; highlighted cells keep their style and show `▐▌` brackets.
    private func renderHeatmap(into sheet: inout Buffer) {
        let all = values.flatMap { $0 }.compactMap { $0 }
        let lo = all.min() ?? 0, hi = all.max() ?? 1
        let shades: [Character] = [" ", "░", "▒", "▓", "█"]
        for r in 0..<rows {
            for c in 0..<cols {
                let p = GridPosition(row: r, col: c)
                let rect = cellRect(p, origin: (0, 0), density: .heatmap)
                guard r < values.count, c < values[r].count, let v = values[r][c] else {
                    sheet.write("··", x: rect.x, y: rect.y, style: Palette.padding)
                    continue
                }
                let level = hi > lo ? Double((v - lo) / (hi - lo)) : 0.5
                let shade = shades[min(shades.count - 1, Int(level * Double(shades.count - 1) + 0.5))]
                if let style = styles[p] {
                    sheet.write("▐▌", x: rect.x, y: rect.y, style: style)
                } else {
                    sheet.write(String([shade, shade]), x: rect.x, y: rect.y,
                                style: Style(foreground: .grey(level: level), background: .grey(level: level * 0.5)))
                }
            }
        }
    }
}

/// A rectangle of terminal cells: columns `x..<x+width`, rows `y..<y+height`.
///
/// Negative widths or heights are treated as empty by every helper; no helper traps.
public struct Rect: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// A rectangle at the origin.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// True when the rectangle covers no cells.
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    /// One past the last column.
    public var maxX: Int { x + max(0, width) }
    /// One past the last row.
    public var maxY: Int { y + max(0, height) }
    /// The number of cells covered.
    public var area: Int { isEmpty ? 0 : width * height }

    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    /// Whether the cell (x, y) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rectangles (empty, with zero size, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    /// Shrinks by `n` cells on every side (never below zero size).
    public func inset(by n: Int) -> Rect {
        inset(top: n, left: n, bottom: n, right: n)
    }

    /// Shrinks by the given amounts on each side (never below zero size).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(
            x: x + left, y: y + top,
            width: max(0, width - left - right), height: max(0, height - top - bottom))
    }

    /// A rectangle of the given size centred in this one, clipped to it.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = max(0, min(w, width)), ch = max(0, min(h, height))
        return Rect(x: x + (max(0, width) - cw) / 2, y: y + (max(0, height) - ch) / 2, width: cw, height: ch)
    }

    /// Splits into rows stacked top to bottom.
    ///
    /// Each entry is a row height; `nil` entries share the space left over equally
    /// (earlier ones get the remainder). `spacing` empty rows separate consecutive parts.
    /// Parts that run past the bottom are clipped (possibly to zero height); the result
    /// always has one rectangle per entry.
    public func splitVertically(heights: [Int?], spacing: Int = 0) -> [Rect] {
        Rect.split(total: max(0, height), sizes: heights, spacing: spacing).map {
            Rect(x: x, y: y + $0.offset, width: max(0, width), height: $0.size)
        }
    }

    /// Splits into columns left to right; see `splitVertically(heights:spacing:)`.
    public func splitHorizontally(widths: [Int?], spacing: Int = 0) -> [Rect] {
        Rect.split(total: max(0, width), sizes: widths, spacing: spacing).map {
            Rect(x: x + $0.offset, y: y, width: $0.size, height: max(0, height))
        }
    }

    /// Lays out `sizes` along one axis of length `total`.
    static func split(total: Int, sizes: [Int?], spacing: Int) -> [(offset: Int, size: Int)] {
        guard !sizes.isEmpty else { return [] }
        let gap = max(0, spacing)
        let fixed = sizes.reduce(0) { $0 + max(0, $1 ?? 0) } + gap * (sizes.count - 1)
        let flexible = sizes.filter { $0 == nil }.count
        let spare = max(0, total - fixed)
        var flexIndex = 0
        var offset = 0
        var result: [(offset: Int, size: Int)] = []
        for size in sizes {
            var wanted: Int
            if let size {
                wanted = max(0, size)
            } else {
                wanted = spare / flexible + (flexIndex < spare % flexible ? 1 : 0)
                flexIndex += 1
            }
            let start = min(offset, total)
            wanted = max(0, min(wanted, total - start))
            result.append((start, wanted))
            offset = start + wanted + gap
        }
        return result
    }
}

/// How big one part of a `Layout` wants to be, along the layout's direction (ratatui's
/// `Constraint`).
public enum Constraint: Sendable, Equatable, Hashable {
    /// Exactly `n` cells (less only when the whole is too small).
    case length(Int)
    /// At least `n` cells; grows with the space left over when no part is `fill`.
    case min(Int)
    /// At most `n` cells: takes the space left over, up to `n`, before any `fill` part does.
    case max(Int)
    /// `p` % of the whole (rounded down).
    case percentage(Int)
    /// A share of the space left over, in proportion to its weight (`fill(2)` gets twice
    /// `fill(1)`).
    case fill(Int)

    /// The cells the part takes before any space left over is shared out.
    func base(total: Int) -> Int {
        switch self {
        case .length(let n), .min(let n): return Swift.max(0, n)
        case .max: return 0
        case .percentage(let p): return Swift.max(0, total * Swift.max(0, p) / 100)
        case .fill: return 0
        }
    }
}

/// Splits a `Rect` into parts stacked top to bottom (`.vertical`) or placed left to right
/// (`.horizontal`), each sized by its `Constraint`, with `spacing` empty cells between
/// consecutive parts (ratatui's `Layout`).
///
/// Sizing, along the direction, for a whole of `T` cells:
/// 1. every part gets its base: `length(n)` and `min(n)` n, `percentage(p)` ⌊T·p/100⌋,
///    `max` and `fill` 0;
/// 2. the space left, `T − Σ base − spacing·(parts − 1)`, goes first to the `max(n)` parts
///    (equal shares, each up to n), then to the `fill(w)` parts in proportion to w (the
///    first ones get the remainder), or, with no `fill` part, equally to the `min` parts;
///    any still left stays empty at the end;
/// 3. when the whole is too small, parts are cut from the end (the last ones first, down to
///    zero), so a header keeps its rows and the part below gives way.
///
/// The result always has one rectangle per constraint, each inside `area`. `required(for:)`
/// gives the length at which every part gets at least what its content needs, so the size a
/// screen reports and the rects it draws in come from the same constraints.
public struct Layout: Sendable, Equatable {
    public enum Direction: Sendable, Equatable { case vertical, horizontal }

    public var direction: Direction
    public var constraints: [Constraint]
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = Swift.max(0, spacing)
    }

    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout { Layout(.vertical, constraints, spacing: spacing) }
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout { Layout(.horizontal, constraints, spacing: spacing) }

    /// The parts of `area`, one per constraint.
    public func split(_ area: Rect) -> [Rect] {
        let total = Swift.max(0, direction == .vertical ? area.height : area.width)
        return sizes(total: total).map { offset, size in
            direction == .vertical
                ? Rect(x: area.x, y: area.y + offset, width: Swift.max(0, area.width), height: size)
                : Rect(x: area.x + offset, y: area.y, width: size, height: Swift.max(0, area.height))
        }
    }

    /// The length along the direction at which part i gets at least `content[i]` cells
    /// (and every `length`/`min` its n): Σ max(content, base) + spacing·(parts − 1), where a
    /// `percentage(p)` part needs the whole to be ⌈100·content/p⌉ on its own.
    public func required(for content: [Int]) -> Int {
        var sum = spacing * Swift.max(0, constraints.count - 1)
        var wholeForPercentages = 0
        for (i, constraint) in constraints.enumerated() {
            let need = Swift.max(0, i < content.count ? content[i] : 0)
            switch constraint {
            case .length(let n): sum += Swift.max(n, need)
            case .min(let n): sum += Swift.max(n, need)
            case .max(let n): sum += Swift.min(Swift.max(0, n), need)
            case .fill: sum += need
            case .percentage(let p):
                sum += need
                if p > 0 { wholeForPercentages = Swift.max(wholeForPercentages, (100 * need + p - 1) / p) }
            }
        }
        return Swift.max(sum, wholeForPercentages)
    }

    /// (offset, size) of each part along a whole of `total` cells.
    func sizes(total: Int) -> [(offset: Int, size: Int)] {
        guard !constraints.isEmpty else { return [] }
        var sizes = constraints.map { $0.base(total: total) }
        var spare = total - sizes.reduce(0, +) - spacing * (constraints.count - 1)
        if spare > 0 { spare = grow(&sizes, spare: spare) }
        var result: [(offset: Int, size: Int)] = []
        var offset = 0
        for size in sizes {
            let start = Swift.min(offset, total)
            let cut = Swift.max(0, Swift.min(size, total - start))
            result.append((start, cut))
            offset = start + cut + spacing
        }
        return result
    }

    /// Shares `spare` cells out (step 2 above); returns what is left.
    private func grow(_ sizes: inout [Int], spare: Int) -> Int {
        var spare = spare
        // max(n) parts: equal shares, each up to n.
        var open = constraints.indices.filter { if case .max(let n) = constraints[$0] { return n > 0 } else { return false } }
        while spare > 0 && !open.isEmpty {
            let share = Swift.max(1, spare / open.count)
            for i in open where spare > 0 {
                guard case .max(let n) = constraints[i] else { continue }
                let add = Swift.min(share, n - sizes[i], spare)
                sizes[i] += add
                spare -= add
            }
            open = open.filter { if case .max(let n) = constraints[$0] { return sizes[$0] < n } else { return false } }
        }
        guard spare > 0 else { return 0 }
        let weights = constraints.map { if case .fill(let w) = $0 { return Swift.max(0, w) } else { return 0 } }
        let weightSum = weights.reduce(0, +)
        let fills = constraints.indices.filter { if case .fill = constraints[$0] { return true } else { return false } }
        if !fills.isEmpty {
            // Weighted shares; all-zero weights share equally.
            let w = weightSum > 0 ? weights : constraints.map { if case .fill = $0 { return 1 } else { return 0 } }
            let sum = w.reduce(0, +)
            var given = 0
            for i in fills {
                let add = spare * w[i] / sum
                sizes[i] += add
                given += add
            }
            for i in fills where given < spare && w[i] > 0 {
                sizes[i] += 1
                given += 1
            }
            return 0
        }
        let mins = constraints.indices.filter { if case .min = constraints[$0] { return true } else { return false } }
        guard !mins.isEmpty else { return spare }
        for (k, i) in mins.enumerated() { sizes[i] += spare / mins.count + (k < spare % mins.count ? 1 : 0) }
        return 0
    }
}

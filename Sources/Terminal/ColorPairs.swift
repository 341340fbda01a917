/// Lazily numbered ncurses colour pairs for (foreground, background) combinations.
///
/// Pair 0 is the terminal default (nil, nil). New combinations get 1, 2, … up to
/// `limit - 1`; past that, `pair` answers 0 (default colours) rather than failing.
struct ColorPairs {
    /// How many pairs the terminal supports (COLOR_PAIRS).
    let limit: Int
    private var numbers: [ColorKey: Int16] = [:]

    struct ColorKey: Hashable {
        var foreground: Color?
        var background: Color?
    }

    init(limit: Int) {
        self.limit = limit
    }

    /// The pair number for the colours and whether it was just allocated (the caller
    /// must then `init_pair` it).
    mutating func pair(foreground: Color?, background: Color?) -> (number: Int16, isNew: Bool) {
        if foreground == nil && background == nil { return (0, false) }
        let key = ColorKey(foreground: foreground, background: background)
        if let number = numbers[key] { return (number, false) }
        let next = numbers.count + 1
        guard next < limit, next <= Int(Int16.max) else { return (0, false) }
        numbers[key] = Int16(next)
        return (Int16(next), true)
    }

    /// The ncurses colour number for a colour: -1 (default) for nil; palette entries fall back
    /// to the nearest named colour below 256 colours, bright colours to their base colour
    /// below 16.
    static func colorNumber(_ color: Color?, terminalColors: Int) -> Int16 {
        guard let color else { return -1 }
        if case .indexed = color, terminalColors >= 256 { return Int16(color.ansiIndex) }
        let index = color.fallback16.ansiIndex
        return Int16(terminalColors >= 16 ? index : index % 8)
    }
}

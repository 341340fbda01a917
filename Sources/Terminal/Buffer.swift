/// An in-memory screen: `width × height` cells, row-major. Widgets draw into it;
/// the backend sends only the difference between two buffers to the terminal.
///
/// Every operation clips to the buffer: reads outside return `Cell.blank`, writes
/// outside are ignored, and 0×0 buffers are valid.
///
/// Writes land only inside `clip` (the whole buffer unless `clipped(to:_:)` narrows it, as
/// the app does around a screen's `render`); a write that reaches outside it is dropped
/// and counted in `clipViolations`, so a screen that draws outside its area is caught.
/// Equality compares the size, charset and cells only.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `.ascii` makes `write` and `fill` store only ASCII (see `asciiFallback(_:)`),
    /// and widgets draw `+ - |` borders.
    public var charset: Charset
    /// Row-major cells; `cells.count == width * height`.
    private(set) var cells: [Cell]
    /// Where writes may land; always inside `area`.
    public private(set) var clip: Rect
    /// How many writes reached outside `clip` (each dropped): a cell put or filled, or a
    /// text write cut short by the clip's edge or on a row outside it.
    public internal(set) var clipViolations = 0
    /// What widgets showed of pictures larger than they may draw (see `recordDrawn`), in
    /// drawing order: lets a test or a layout see whether a grid was cropped.
    public private(set) var drawnParts: [DrawnPart] = []

    /// A blank buffer. Negative sizes are treated as zero.
    public init(width: Int, height: Int, charset: Charset = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.charset = charset
        self.cells = Array(repeating: .blank, count: self.width * self.height)
        self.clip = Rect(x: 0, y: 0, width: self.width, height: self.height)
    }

    public static func == (a: Buffer, b: Buffer) -> Bool {
        a.width == b.width && a.height == b.height && a.charset == b.charset && a.cells == b.cells
    }

    /// Runs `body` with writes limited to `rect` (within the current clip) and returns how
    /// many writes it tried outside `rect` (dropped). The clip is restored afterwards.
    ///
    /// Repairing a wide character that straddles the clip's edge (blanking its other half,
    /// so no half character remains) is not counted and may touch the cell just outside.
    @discardableResult
    public mutating func clipped(to rect: Rect, _ body: (inout Buffer) throws -> Void) rethrows -> Int {
        let saved = clip
        let before = clipViolations
        clip = saved.intersection(rect)
        defer { clip = saved }
        try body(&self)
        return clipViolations - before
    }

    /// Notes that a widget showed `part.shown` of `part.total` cells of something.
    public mutating func recordDrawn(_ part: DrawnPart) {
        drawnParts.append(part)
    }

    /// Counts `n` dropped writes.
    mutating func countViolations(_ n: Int) {
        if n > 0 { clipViolations += n }
    }

    /// The whole buffer, at the origin.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Whether (x, y) is a cell of this buffer.
    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// The cell at column x, row y; `Cell.blank` outside the buffer. Setting outside `clip`
    /// does nothing (and is counted).
    ///
    /// Setting stores the cell as is (no wide-character repair); prefer `write`/`fill`.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set {
            if clip.contains(x: x, y: y) { cells[y * width + x] = newValue } else { clipViolations += 1 }
        }
    }

    /// Stores a one-column cell at (x, y), blanking the other half of any wide
    /// character it overwrites so the buffer never holds half a wide character.
    mutating func put(_ character: Character, x: Int, y: Int, style: Style) {
        guard clip.contains(x: x, y: y) else { clipViolations += 1; return }
        breakWideCharacter(x: x, y: y)
        cells[y * width + x] = Cell(character: character, style: style)
    }

    /// Stores a two-column character at (x, y) and its continuation at (x+1, y).
    /// Does nothing (and counts one dropped write) unless both cells are inside `clip`.
    mutating func putWide(_ character: Character, x: Int, y: Int, style: Style) {
        guard clip.contains(x: x, y: y), clip.contains(x: x + 1, y: y) else { clipViolations += 1; return }
        breakWideCharacter(x: x, y: y)
        breakWideCharacter(x: x + 1, y: y)
        cells[y * width + x] = Cell(character: character, style: style)
        cells[y * width + x + 1] = Cell(character: " ", style: style, isContinuation: true)
    }

    /// If (x, y) is half of a wide character, blanks the other half (keeping its style).
    private mutating func breakWideCharacter(x: Int, y: Int) {
        let i = y * width + x
        if cells[i].isContinuation, x > 0 {
            cells[i - 1] = Cell(character: " ", style: cells[i - 1].style)
        } else if x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(character: " ", style: cells[i + 1].style)
        }
    }
}

/// How much of a picture (a grid of numbers, a list) a widget showed: `shown` of `total`
/// items, fully visible inside the buffer's clip.
public struct DrawnPart: Sendable, Equatable {
    /// What it was, for messages (e.g. "grid 6×6").
    public var label: String
    public var shown: Int
    public var total: Int

    public init(label: String, shown: Int, total: Int) {
        self.label = label
        self.shown = shown
        self.total = total
    }

    /// Every item was shown.
    public var isWhole: Bool { shown >= total }
}

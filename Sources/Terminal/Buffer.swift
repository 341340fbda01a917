/// An in-memory screen: `width × height` cells, row-major. Widgets draw into it;
/// the backend sends only the difference between two buffers to the terminal.
///
/// Every operation clips to the buffer: reads outside return `Cell.blank`, writes
/// outside are ignored, and 0×0 buffers are valid.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `.ascii` makes `write` and `fill` store only ASCII (see `asciiFallback(_:)`),
    /// and widgets draw `+ - |` borders.
    public var charset: Charset
    /// Row-major cells; `cells.count == width * height`.
    private(set) var cells: [Cell]

    /// A blank buffer. Negative sizes are treated as zero.
    public init(width: Int, height: Int, charset: Charset = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.charset = charset
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer, at the origin.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Whether (x, y) is a cell of this buffer.
    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// The cell at column x, row y; `Cell.blank` outside the buffer, where setting does nothing.
    ///
    /// Setting stores the cell as is (no wide-character repair); prefer `write`/`fill`.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Stores a one-column cell at (x, y), blanking the other half of any wide
    /// character it overwrites so the buffer never holds half a wide character.
    mutating func put(_ character: Character, x: Int, y: Int, style: Style) {
        guard contains(x: x, y: y) else { return }
        breakWideCharacter(x: x, y: y)
        cells[y * width + x] = Cell(character: character, style: style)
    }

    /// Stores a two-column character at (x, y) and its continuation at (x+1, y).
    /// Does nothing unless both cells are inside the buffer.
    mutating func putWide(_ character: Character, x: Int, y: Int, style: Style) {
        guard contains(x: x, y: y), contains(x: x + 1, y: y) else { return }
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

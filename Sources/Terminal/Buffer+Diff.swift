/// Reading a buffer back: text lines for tests, and diffs for the backend.
extension Buffer {
    /// One string per row, as `tmux capture-pane` shows the screen: wide characters
    /// appear once (continuation cells are skipped), trailing spaces are trimmed.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// Row `y` as text (see `lines`); "" outside the buffer.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for x in 0..<width where !cells[y * width + x].isContinuation {
            text.append(cells[y * width + x].character)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The cells that differ from `previous` (every cell when the sizes differ), in
    /// row-major order. Continuation cells are included; the backend skips them when
    /// it draws the wide character to their left.
    public func diff(from previous: Buffer) -> [(x: Int, y: Int, cell: Cell)] {
        var changes: [(x: Int, y: Int, cell: Cell)] = []
        let sameSize = previous.width == width && previous.height == height
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                if !sameSize || cells[i] != previous.cells[i] {
                    changes.append((x, y, cells[i]))
                }
            }
        }
        return changes
    }
}

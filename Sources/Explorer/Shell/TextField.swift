import Terminal

/// A one-line text entry: keys arrive as typed, ←/→ move the cursor, Backspace and
/// Delete edit, Enter submits, Esc cancels. The screen that owns it reports `wantsText`
/// while it is focused and shows `cursorColumn` as the terminal cursor.
public struct TextField: Sendable, Equatable {
    public private(set) var text: String
    /// The cursor's position, in characters from the start (0...text.count).
    public private(set) var position: Int
    /// The longest text accepted, in characters.
    public let maxLength: Int

    public enum Event: Sendable, Equatable {
        case edited, submitted(String), cancelled, ignored
    }

    public init(text: String = "", maxLength: Int = 40) {
        self.text = String(text.prefix(maxLength))
        self.position = self.text.count
        self.maxLength = maxLength
    }

    public mutating func handle(_ key: Key) -> Event {
        var chars = Array(text)
        switch key {
        case .char(let c):
            guard chars.count < maxLength else { return .ignored }
            chars.insert(c, at: position)
            position += 1
        case .space:
            guard chars.count < maxLength else { return .ignored }
            chars.insert(" ", at: position)
            position += 1
        case .backspace:
            guard position > 0 else { return .ignored }
            chars.remove(at: position - 1)
            position -= 1
        case .delete:
            guard position < chars.count else { return .ignored }
            chars.remove(at: position)
        case .left: position = max(0, position - 1)
        case .right: position = min(chars.count, position + 1)
        case .home, .ctrl("a"): position = 0
        case .end, .ctrl("e"): position = chars.count
        case .ctrl("u"): chars.removeAll(); position = 0
        case .enter: return .submitted(text)
        case .escape: return .cancelled
        default: return .ignored
        }
        text = String(chars)
        return .edited
    }

    /// Empties the field.
    public mutating func clear() {
        text = ""
        position = 0
    }

    /// The cursor's column offset from the field's start, in terminal columns.
    public var cursorColumn: Int { displayWidth(String(Array(text).prefix(position))) }

    /// Draws `[text   ]` at (x, y) in `width` columns (underlined field) and returns the
    /// cursor's screen position.
    @discardableResult
    public func render(into buffer: inout Buffer, x: Int, y: Int, width: Int) -> (x: Int, y: Int) {
        let field = Rect(x: x, y: y, width: max(1, width), height: 1)
        buffer.fill(field, style: Style(underline: true))
        buffer.write(text, x: x, y: y, style: Style(bold: true, underline: true), maxWidth: width)
        return (min(x + cursorColumn, field.maxX - 1), y)
    }
}

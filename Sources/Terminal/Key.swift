/// A key press, decoded from the terminal.
public enum Key: Sendable, Equatable, Hashable {
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, space, backspace, tab, delete
    /// F1 is `.function(1)`.
    case function(Int)
    /// A printable character (not space: that is `.space`).
    case char(Character)
    /// Ctrl plus a lowercase letter: Ctrl-C is `.ctrl("c")`.
    case ctrl(Character)
}

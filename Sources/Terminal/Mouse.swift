/// A mouse action at a terminal cell (0-based column `x`, row `y`).
///
/// `press` starts a click or drag with the first button, `drag` reports motion while it
/// is held, `release` ends it; the wheel arrives as `scrollUp` / `scrollDown`.
public struct MouseEvent: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable {
        case press, drag, release, scrollUp, scrollDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// The same event with its position relative to `area`'s top-left corner.
    public func relative(to area: Rect) -> MouseEvent {
        MouseEvent(kind, x: x - area.x, y: y - area.y)
    }
}

/// How a cell is drawn: optional colours (nil = the terminal's default) and attributes.
///
/// When colour is disabled (NO_COLOR, or a terminal without colours) the backend
/// drops `foreground`/`background` but keeps the attributes.
public struct Style: Sendable, Equatable, Hashable {
    public var foreground: Color?
    public var background: Color?
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(
        foreground: Color? = nil, background: Color? = nil,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// Default colours, no attributes.
    public static let plain = Style()

    /// This style with `other`'s colours (where set) and attributes added on top.
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground ?? foreground,
            background: other.background ?? background,
            bold: bold || other.bold, dim: dim || other.dim,
            reverse: reverse || other.reverse, underline: underline || other.underline)
    }
}

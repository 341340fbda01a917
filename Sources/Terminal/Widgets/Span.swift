/// A styled piece of a line of text.
public struct Span: Sendable, Equatable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(text: String, style: Style = .plain) {
        self.init(text, style: style)
    }
}

/// One line of text made of spans, with an optional alignment overriding the `Text`'s.
public struct StyledLine: Sendable, Equatable {
    public var spans: [Span]
    public var alignment: Alignment?

    public init(_ spans: [Span], alignment: Alignment? = nil) {
        self.spans = spans
        self.alignment = alignment
    }

    /// A line with a single span.
    public init(_ text: String, style: Style = .plain, alignment: Alignment? = nil) {
        self.init([Span(text, style: style)], alignment: alignment)
    }

    /// The line's width in terminal columns.
    public var width: Int { spans.reduce(0) { $0 + displayWidth($1.text) } }
    /// The line's text without styles.
    public var plainText: String { spans.map(\.text).joined() }
}

import Testing
@testable import Terminal

/// Renders `widget` into a fresh `width × height` buffer (filling the whole buffer).
func rendered(_ widget: some Widget, width: Int, height: Int, charset: Charset = .unicode) -> Buffer {
    var buffer = Buffer(width: width, height: height, charset: charset)
    widget.render(in: buffer.area, buffer: &buffer)
    return buffer
}

/// Expects `buffer.lines` to equal `expected`, reporting at the caller.
func expectLines(_ buffer: Buffer, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(buffer.lines == expected, sourceLocation: sourceLocation)
}

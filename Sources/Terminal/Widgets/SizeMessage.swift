/// The "terminal too small" screen:
/// "Terminal too small: 30×10. Stride needs at least 80×24. Enlarge the window (or press q to quit)."
///
/// Word-wrapped to the area and centred (each line horizontally, the block
/// vertically); on a screen too small for all of it, the first lines are shown.
/// Uses "x" instead of "×" in ascii charset.
public struct SizeMessage: Widget {
    public var width: Int
    public var height: Int
    public var minimumWidth: Int
    public var minimumHeight: Int
    public var appName: String
    public var style: Style
    /// The message in another language (nil: the English text below).
    public var text: String?

    public init(
        width: Int, height: Int, minimumWidth: Int, minimumHeight: Int,
        appName: String = "Stride", style: Style = .plain
    ) {
        self.width = width
        self.height = height
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
        self.appName = appName
        self.style = style
    }

    /// The message text for a charset.
    public func message(charset: Charset = .unicode) -> String {
        if let text { return charset == .ascii ? String(text.map { $0 == "×" ? "x" : $0 }) : text }
        let times = charset == .ascii ? "x" : "×"
        return "Terminal too small: \(width)\(times)\(height). \(appName) needs at least "
            + "\(minimumWidth)\(times)\(minimumHeight). Enlarge the window (or press q to quit)."
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let text = Text(message(charset: buffer.charset), style: style, alignment: .center)
        let rows = text.height(forWidth: area.width, charset: buffer.charset)
        let top = max(0, (area.height - rows) / 2)
        text.render(in: area.inset(top: top), buffer: &buffer)
    }
}

/// Word wrapping by terminal columns, for plain and styled text.

/// A character with its style, the unit of styled wrapping.
struct StyledCharacter: Sendable, Equatable {
    var character: Character
    var style: Style
}

/// Wraps `text` into lines of at most `width` columns, breaking at spaces; a word
/// wider than a line is broken between characters (wide characters are never split).
/// Spaces at a break are dropped; "\n" forces a break. A width ≤ 0 gives [].
public func wrap(_ text: String, toWidth width: Int) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let chars = paragraph.map { StyledCharacter(character: $0, style: .plain) }
        for line in wrapStyled(chars, width: width) {
            lines.append(String(line.map(\.character)))
        }
    }
    return width > 0 ? lines : []
}

/// Wraps one paragraph (no "\n") of styled characters; see `wrap(_:toWidth:)`.
/// An empty paragraph gives one empty line.
func wrapStyled(_ chars: [StyledCharacter], width: Int) -> [[StyledCharacter]] {
    guard width > 0 else { return [] }
    var lines: [[StyledCharacter]] = []
    var line: [StyledCharacter] = []
    var lineWidth = 0

    func finishLine() {
        while let last = line.last, last.character == " " {
            line.removeLast()
        }
        lines.append(line)
        line = []
        lineWidth = 0
    }

    // Split into alternating runs of spaces and of non-spaces.
    var index = 0
    while index < chars.count {
        let isSpace = chars[index].character == " "
        var end = index
        while end < chars.count, (chars[end].character == " ") == isSpace { end += 1 }
        let run = Array(chars[index..<end])
        index = end
        let runWidth = run.reduce(0) { $0 + displayWidth($1.character) }

        if isSpace {
            if lineWidth + runWidth <= width {
                line += run
                lineWidth += runWidth
            } else if lineWidth > 0 {
                finishLine()  // the spaces become the break
            }
            continue
        }
        if lineWidth + runWidth > width, lineWidth > 0 {
            finishLine()
        }
        if runWidth <= width - lineWidth {
            line += run
            lineWidth += runWidth
            continue
        }
        // A word wider than a whole line: break it between characters.
        for sc in run {
            let w = displayWidth(sc.character)
            if lineWidth + w > width, lineWidth > 0 { finishLine() }
            if w > width { continue }  // a wide character in a 1-column line cannot be shown
            line.append(sc)
            lineWidth += w
        }
    }
    if !line.isEmpty || lines.isEmpty { finishLine() }
    return lines
}

import Terminal

extension QuizQuestion {
    /// The question as the quiz screen shows it (and the class student's screen): the heading
    /// `Question 2/10 · output size`, the sentence wrapped to `width`, a choice question's
    /// options (continuation lines indented) and, with `figures`, its matrices side by side
    /// under their captions. Every piece goes through `TerminalSafe.text` (a question may
    /// come from a file or the network).
    func screenLines(index: Int, count: Int, language: Language, width: Int, figures withFigures: Bool)
        -> [(text: String, style: Style)] {
        var lines: [(String, Style)] = [(QuizStrings.question(index, of: count, kind: kind)[language], Palette.heading)]
        // Keep a cell position `[1, 2]` on one line (a no-break space inside it).
        let prompt = TerminalSafe.text(self.prompt(language)).replacing(/\[(\d+), (\d+)\]/) { "[\($0.1),\u{00A0}\($0.2)]" }
        for line in wrap(prompt, toWidth: max(10, width - 2)) {
            lines.append((line.replacingOccurrences(of: "\u{00A0}", with: " "), .plain))
        }
        for option in optionLines(language) {
            for (part, piece) in wrap(TerminalSafe.text(option), toWidth: max(10, width - 5)).enumerated() {
                lines.append(((part == 0 ? "  " : "     ") + piece, .plain))
            }
        }
        let figures = withFigures ? self.figures(language) : []
        if !figures.isEmpty {
            lines.append(("", .plain))
            // Side by side under their captions, wrapped into bands below when wider than `width`.
            lines += QuizScreen.figureRows(figures, width: width).map { (TerminalSafe.text($0), .plain) }
        }
        return lines
    }
}

extension QuizAnswerFormat {
    /// What the answer field takes: `a number`, `a letter (a–c)`, `t (true) or f (false)`
    /// (Korean with its particle), for "Type … and press Enter".
    var typedWhat: Localized {
        switch self {
        case .whole, .real: Localized(en: "a number", ko: "숫자를")
        case .option(let count):
            Localized(en: "a letter (a–\(ChoiceQuestion.letter(count - 1)))", ko: "보기 글자를 (a–\(ChoiceQuestion.letter(count - 1)))")
        case .truth: Localized(en: "t (true) or f (false)", ko: "o(참) 또는 x(거짓)를")
        }
    }
}

/// Styles the bracketed cells `[v]` of a drawn grid row (the window on the input).
func highlightWindow(_ line: String, row: Int, x: Int, within area: Rect, buffer: inout Buffer) {
    guard line.allSatisfy({ "0123456789[]-. ".contains($0) }) else { return }
    var column = 0
    var start: Int?
    for ch in line {
        if ch == "[" { start = column }
        if ch == "]", let s = start {
            buffer.patchStyle(Rect(x: x + s, y: row, width: column - s + 1, height: 1).intersection(area), style: Palette.window)
            start = nil
        }
        column += 1
    }
}

import Terminal

extension LessonScreen {
    /// The prose of the current step. On the first step the lesson's learning objectives
    /// (front matter `objectives:`) come first: a heading, then one "• " line each.
    var proseParagraphs: [String] {
        guard stepIndex == 0, !lesson.objectives.isEmpty else { return step.paragraphs }
        let heading = Localized(en: "In this lesson you will:", ko: "이 레슨에서 배울 것:")[language]
        let list = lesson.objectives.map { "• " + TerminalSafe.text($0) }.joined(separator: "\n")
        return [heading + "\n" + list] + step.paragraphs
    }
}

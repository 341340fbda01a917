/// A lesson read from a Markdown file (see lessons/README.md): front matter, then steps.
public struct Lesson: Sendable, Equatable {
    public let id: String
    public let title: String
    /// Position in the course.
    public let order: Int
    public let summary: String
    public let language: Language
    /// The file it was read from (for messages).
    public let file: String
    public let steps: [LessonStep]
    /// What a student can do after the lesson (front matter `objectives:`), shown on its first screen.
    public var objectives: [String] = []
}

/// One step: a title, prose paragraphs and at most one interactive block.
public struct LessonStep: Sendable, Equatable {
    public let title: String
    /// Paragraphs; lines starting with "- " stay list items.
    public let paragraphs: [String]
    public let block: LessonBlock?
    /// Line of the step's `## ` heading.
    public let line: Int
}

/// An embedded interactive block: its kind, its YAML text and the file line of the YAML's first line.
public struct LessonBlock: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case scene, quiz, model, train
    }

    public let kind: Kind
    public let yaml: String
    public let line: Int
}

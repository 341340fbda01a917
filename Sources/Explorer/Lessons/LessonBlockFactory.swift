import CNN
import Terminal
import Foundation

/// Builds the screen a lesson block embeds: a registered scene with its settings, a quiz
/// question, a model's Keras-style summary, or a short training run. Every error names the
/// lesson file and line.
public struct LessonBlockFactory: Sendable {
    public var registry: ScreenRegistry
    /// Builds a quiz step from the block's YAML (the quiz module registers it).
    public var quiz: @Sendable (LessonBlock, String, Language) throws(LessonError) -> any Screen
    /// Builds a training step from the block's YAML (the dashboard registers it).
    public var train: @Sendable (LessonBlock, String, Language) throws(LessonError) -> any Screen

    public init(registry: ScreenRegistry,
                quiz: @escaping @Sendable (LessonBlock, String, Language) throws(LessonError) -> any Screen,
                train: @escaping @Sendable (LessonBlock, String, Language) throws(LessonError) -> any Screen) {
        self.registry = registry
        self.quiz = quiz
        self.train = train
    }

    public func make(_ block: LessonBlock, lesson: Lesson, language: Language) throws(LessonError) -> any Screen {
        switch block.kind {
        case .scene: return try scene(block, file: lesson.file, language: language)
        case .model: return try model(block, file: lesson.file, language: language)
        case .quiz: return try quiz(block, lesson.file, language)
        case .train: return try train(block, lesson.file, language)
        }
    }

    /// `scene: <id>` picks the scene; the other keys are its settings.
    func scene(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
        var lines = block.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("scene:") }) else {
            throw LessonError(file: file, line: block.line, message: "a scene block needs 'scene: <name>' (scenes: \(sceneNames))")
        }
        let id = lines[index].dropFirst("scene:".count).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        guard let entry = registry.entry(id), entry.group == .scene else {
            throw LessonError(file: file, line: block.line + index, message: "unknown scene '\(id)' (scenes: \(sceneNames))")
        }
        lines[index] = ""  // keep the line numbers of the settings below
        do {
            return try entry.make(.yaml(lines.joined(separator: "\n"), file: file, firstLine: block.line), language)
        } catch {
            throw LessonError(file: file, line: error.line, message: error.message)
        }
    }

    private var sceneNames: String { registry.entries(in: .scene).map(\.id).joined(separator: ", ") }

    /// A model file's YAML, shown as its summary.
    func model(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
        do {
            let spec = try ModelFile.parse(block.yaml, path: file)
            return ModelSummaryScreen(summary: try spec.summary(), language: language)
        } catch {
            if case .badFile(_, let line, let message) = error {
                throw LessonError(file: file, line: line.map { $0 + block.line - 1 } ?? block.line, message: message)
            }
            throw LessonError(file: file, line: block.line, message: error.description)
        }
    }
}

/// A model's Keras-style summary (from the engine), scrollable with ↑/↓.
public struct ModelSummaryScreen: Screen {
    public let summary: String
    public let language: Language
    private var scroll = 0

    public init(summary: String, language: Language) {
        self.summary = summary
        self.language = language
    }

    public var title: String { Localized(en: "Model summary", ko: "모델 요약")[language] }
    static let scrollKeys = KeyBinding([.up, .down], "↑/↓", Localized(en: "scroll", ko: "스크롤"))
    public var bindings: [KeyBinding] { [Self.scrollKeys] }
    var lines: [String] { summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        if case .key(.down) = message { scroll = min(scroll + 1, max(0, lines.count - 1)) }
        if case .key(.up) = message { scroll = max(scroll - 1, 0) }
        return .none
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        for (i, line) in lines.dropFirst(scroll).prefix(area.height).enumerated() {
            buffer.write(line, x: area.x, y: area.y + i, maxWidth: area.width)
        }
    }

    public var contentSize: (width: Int, height: Int) { (lines.map(displayWidth).max() ?? 0, lines.count) }
}

import CNN
import Foundation
import ModelFiles
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
            return ModelSummaryScreen(summary: try spec.summary(), layers: try spec.layerInfos(), language: language)
        } catch {
            if case .badFile(_, let line, let message) = error {
                throw LessonError(file: file, line: line.map { $0 + block.line - 1 } ?? block.line, message: message)
            }
            throw LessonError(file: file, line: block.line, message: error.description)
        }
    }
}

/// A model's Keras-style summary (from the engine), scrollable with ↑/↓; where the 88-column
/// table does not fit, a compact table of the same rows (layer, output shape, parameters).
public struct ModelSummaryScreen: Screen {
    public let summary: String
    public let layers: [LayerInfo]
    public let language: Language
    private var scroll = 0
    private var width = 80

    public init(summary: String, layers: [LayerInfo] = [], language: Language) {
        self.summary = summary
        self.layers = layers
        self.language = language
    }

    public var title: String { Localized(en: "Model summary", ko: "모델 요약")[language] }
    static let scrollKeys = KeyBinding([.up, .down], "↑/↓", Localized(en: "scroll", ko: "스크롤"))
    enum Action: Sendable { case up, down }
    static let keyMap = KeyMap<Action>([.init(scrollKeys.label, scrollKeys.help, [(.up, .up), (.down, .down)])])
    public var bindings: [KeyBinding] { Self.keyMap.bindings }

    var fullLines: [String] { summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// `conv2d  Conv2D  (26, 26, 32)  320` rows, then the total.
    var compactLines: [String] {
        guard !layers.isEmpty else { return fullLines }
        let rows = layers.map { ["\($0.name)", LayerSpec.format($0.outputShape).replacingOccurrences(of: "None, ", with: ""), groupThousands($0.paramCount)] }
        let w0 = rows.map { displayWidth($0[0]) }.max()!, w1 = rows.map { displayWidth($0[1]) }.max()!, w2 = rows.map { displayWidth($0[2]) }.max()!
        func line(_ r: [String]) -> String {
            pad(r[0], toWidth: w0) + "  " + pad(r[1], toWidth: w1) + "  " + pad(r[2], toWidth: w2, alignment: .right)
        }
        let total = layers.reduce(0) { $0 + $1.paramCount }
        let header = line([Localized(en: "layer", ko: "층")[language], Localized(en: "output", ko: "출력")[language], "#"])
        return [header] + rows.map(line) + ["", "\(Localized(en: "Total params", ko: "전체 파라미터")[language]): \(groupThousands(total))"]
    }

    func lines(forWidth width: Int) -> [String] {
        (fullLines.map(displayWidth).max() ?? 0) <= width ? fullLines : compactLines
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        let count = lines(forWidth: width).count
        switch message {
        case .key(let key):
            switch Self.keyMap.action(for: key) {
            case .down: scroll = min(scroll + 1, max(0, count - 1))
            case .up: scroll = max(scroll - 1, 0)
            case nil: break
            }
        case .resize(let w, _): width = w
        default: break
        }
        return .none
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        for (i, line) in lines(forWidth: area.width - 1).dropFirst(scroll).prefix(area.height).enumerated() {
            buffer.write(line, x: area.x + 1, y: area.y + i, maxWidth: area.width - 1)
        }
    }

    /// The compact table's size: what the summary needs to be read in full.
    public var contentSize: (width: Int, height: Int) { ((compactLines.map(displayWidth).max() ?? 0) + 1, compactLines.count) }
}

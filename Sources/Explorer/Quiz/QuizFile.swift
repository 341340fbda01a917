import CNN
import Foundation
import ModelFiles
import Yams

/// A quiz file (`stride quiz --file QUIZ.yaml`): YAML, a list of questions, each with the
/// fields of a lesson's `quiz` block (see `QuizQuestion`'s Codable), including `choice` and
/// `truefalse` items with texts as `{en: …, ko: …}`. The list may stand alone or under
/// `questions:`:
///
///     - kind: size
///       n: 28
///       k: 3
///     - kind: truefalse
///       question: {en: "ReLU keeps positives unchanged.", ko: "ReLU는 양수를 그대로 둔다."}
///       answer: true
///
/// Every problem is reported as `file:line: message` (the line of the key at fault, else of
/// the question). Limits, checked before anything is built: at most `maxBytes` bytes (checked
/// on the file's size before it is read), `maxQuestions` questions, no YAML aliases.
public enum QuizFile {
    public static let maxBytes = 256 * 1024
    public static let maxQuestions = QuizRecord.maxQuestions

    /// The questions of `text`, or every problem found (one per question at most).
    public static func check(_ text: String, file: String) -> (questions: [QuizQuestion], problems: [SettingsError]) {
        func fail(_ line: Int, _ message: String) -> ([QuizQuestion], [SettingsError]) {
            ([], [SettingsError(file: file, line: line, flag: nil, message: message)])
        }
        guard text.utf8.count <= maxBytes else {
            return fail(1, "the file is \(text.utf8.count) bytes; a quiz file may have at most \(maxBytes)")
        }
        if let line = YAMLAliases.firstAliasLine(in: text) { return fail(line, YAMLAliases.message) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            return fail(yamlLine(error) ?? 1, "invalid YAML: \(error)")
        }
        let shape = "a quiz file is a list of questions (- kind: size …), or questions: followed by that list"
        var items: [Node]
        switch root {
        case .sequence(let list)?:
            items = Array(list)
        case .mapping(let map)?:
            for (key, _) in map {
                guard key.string == "questions" else {
                    return fail(key.mark?.line ?? 1, "'\(key.string ?? "?")' is not a quiz file field (the only one is questions)")
                }
            }
            guard let list = map["questions"], case .sequence(let seq) = list else {
                return fail(1, "missing: questions, a list of questions")
            }
            items = Array(seq)
        default:
            return fail(1, shape)
        }
        guard !items.isEmpty else { return fail(root?.mark?.line ?? 1, "the quiz has no questions") }
        guard items.count <= maxQuestions else {
            return fail(items[maxQuestions].mark?.line ?? 1, "\(items.count) questions; a quiz file may have at most \(maxQuestions)")
        }
        var questions: [QuizQuestion] = []
        var problems: [SettingsError] = []
        for (index, item) in items.enumerated() {
            let line = item.mark?.line ?? 1
            guard case .mapping = item else {
                problems.append(SettingsError(file: file, line: line, flag: nil,
                                              message: "question \(index + 1): expected key: value lines (kind: …)"))
                continue
            }
            do {
                questions.append(try QuizQuestion.fromNode(item, file: file, firstLine: 1))
            } catch {
                problems.append(SettingsError(file: file, line: error.line, flag: nil, message: "question \(index + 1): \(error.message)"))
            }
        }
        return (problems.isEmpty ? questions : [], problems)
    }

    /// Reads and checks the file at `path`: its size is checked before it is read; a file
    /// that cannot be read is one problem naming it.
    public static func load(_ path: String) -> (questions: [QuizQuestion], problems: [SettingsError]) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue, attributes?[.type] as? FileAttributeType == .typeRegular else {
            return ([], [SettingsError(file: path, line: nil, flag: nil, message: "cannot read the quiz file (not a readable file)")])
        }
        guard size <= maxBytes else {
            return ([], [SettingsError(file: path, line: nil, flag: nil,
                                       message: "the file is \(size) bytes; a quiz file may have at most \(maxBytes)")])
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return ([], [SettingsError(file: path, line: nil, flag: nil, message: "cannot read the quiz file as UTF-8 text")])
        }
        return check(text, file: path)
    }

    private static func yamlLine(_ error: any Error) -> Int? {
        guard let e = error as? YamlError else { return nil }
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}

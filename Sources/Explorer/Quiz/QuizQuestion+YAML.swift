import CNN
import ModelFiles
import Yams

extension QuizQuestion {
    /// A question from a lesson's `quiz` block (YAML fields as in `QuizQuestion`'s Codable),
    /// checked with the engine. Errors name `file:line` (`firstLine` is the file line of the
    /// YAML's first line): the key at fault, else the block.
    public static func fromYAML(_ yaml: String, file: String, firstLine: Int) throws(SettingsError) -> QuizQuestion {
        if let line = YAMLAliases.firstAliasLine(in: yaml) {
            throw SettingsError(file: file, line: line + firstLine - 1, flag: nil, message: YAMLAliases.message)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw SettingsError(file: file, line: firstLine, flag: nil, message: "invalid YAML in the quiz block: \(error)")
        }
        guard let root, case .mapping = root else {
            throw SettingsError(file: file, line: firstLine, flag: nil,
                                message: "a quiz block needs key: value lines (kind: size|chain|params|cell|pool|channels|choice|truefalse, then its fields)")
        }
        return try fromNode(root, file: file, firstLine: firstLine)
    }

    /// A question from one composed YAML mapping, checked with the engine. `firstLine` is the
    /// file line of the YAML's first line (node marks count from 1). Errors name `file:line`:
    /// the key at fault, else the mapping's first line.
    static func fromNode(_ root: Node, file: String, firstLine: Int) throws(SettingsError) -> QuizQuestion {
        guard case .mapping(let mapping) = root else {
            throw SettingsError(file: file, line: (root.mark?.line).map { $0 + firstLine - 1 } ?? firstLine, flag: nil,
                                message: "expected key: value lines (kind: …)")
        }
        let start = (root.mark?.line).map { $0 + firstLine - 1 } ?? firstLine
        func line(of key: String?) -> Int {
            let node = key.flatMap { k in mapping.first { $0.key.string == k }?.key }
            return (node?.mark?.line).map { $0 + firstLine - 1 } ?? start
        }
        let question: QuizQuestion
        do {
            question = try YAMLDecoder().decode(QuizQuestion.self, from: root)
        } catch let problem as SettingsProblem {
            throw SettingsError(file: file, line: line(of: problem.key), flag: nil,
                                message: problem.key.map { "\($0): \(problem.message)" } ?? problem.message)
        } catch let error as DecodingError {
            let key: String?
            switch error {
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): key = c.codingPath.first?.stringValue
            case .keyNotFound(let k, let c): key = c.codingPath.first?.stringValue ?? k.stringValue
            @unknown default: key = nil
            }
            throw SettingsError(file: file, line: line(of: key), flag: nil, message: (key.map { "\($0): " } ?? "") + "wrong type of value")
        } catch {
            throw SettingsError(file: file, line: start, flag: nil, message: "\(error)")
        }
        do {
            _ = try question.expected()
        } catch {
            throw SettingsError(file: file, line: start, flag: nil, message: "this \(question.kind.rawValue) question cannot be answered: \(error.description)")
        }
        return question
    }
}

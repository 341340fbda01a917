import CNN
import Foundation
import ModelFiles
import Yams

/// A lesson file's problem, as `file:line: message`.
public struct LessonError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// Reads the lesson format:
///
///     ---
///     id: padding
///     title: Padding
///     order: 5
///     summary: One line for the lesson list.
///     objectives:             # optional here; `stride lessons check` wants 2 to 4
///       - Say why …
///     ---
///     ## Step title
///     Prose paragraphs …
///     ```scene
///     scene: padding
///     kernel: "1 1 1; 1 1 1; 1 1 1"
///     ```
///
/// Each `## ` heading starts a step; a step holds prose and at most one fenced block
/// (`scene`, `quiz`, `model` or `train`). Other fences are shown as prose.
public enum LessonParser {
    /// The most objectives the parser accepts (`stride lessons check` asks for 2 to 4).
    static let maxObjectives = 8

    public static func parse(_ text: String, file: String, language: Language) throws(LessonError) -> Lesson {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingCR }
        func fail(_ line: Int?, _ message: String) -> LessonError { LessonError(file: file, line: line, message: message) }

        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            throw fail(1, "a lesson starts with front matter: a line '---', then id:, title:, order:, summary:, then '---'")
        }
        guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw fail(1, "the front matter is not closed by a line '---'")
        }
        let front = try frontMatter(lines[1..<end].joined(separator: "\n"), firstLine: 2, fail: fail)

        var steps: [LessonStep] = []
        var title: String?
        var titleLine = 0
        var paragraphs: [String] = []
        var current: [String] = []
        var block: LessonBlock?
        var i = end + 1

        func flushParagraph() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            current = []
        }
        func flushStep() {
            flushParagraph()
            if let t = title { steps.append(LessonStep(title: t, paragraphs: paragraphs, block: block, line: titleLine)) }
            paragraphs = []
            block = nil
        }

        while i < lines.count {
            let line = lines[i]
            let lineNumber = i + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("## ") {
                flushStep()
                title = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                titleLine = lineNumber
                guard !(title ?? "").isEmpty else { throw fail(lineNumber, "a step heading needs a title after '## '") }
                i += 1
                continue
            }
            if trimmed.hasPrefix("```") {
                let info = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                guard let close = lines.indices.dropFirst(i + 1).first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "```" }) else {
                    throw fail(lineNumber, "this ``` block is not closed")
                }
                let body = Array(lines[(i + 1)..<close])
                if let kind = LessonBlock.Kind(rawValue: info) {
                    guard title != nil else { throw fail(lineNumber, "a \(kind) block before the first step heading ('## ')") }
                    guard block == nil else {
                        throw fail(lineNumber, "a step holds at most one block; start a new step with '## ' before this \(kind) block")
                    }
                    flushParagraph()
                    let yaml = body.joined(separator: "\n")
                    // Every block's YAML (scene, quiz, model, train) is checked here, before any is built.
                    if let line = YAMLAliases.firstAliasLine(in: yaml) { throw fail(line + lineNumber, YAMLAliases.message) }
                    block = LessonBlock(kind: kind, yaml: yaml, line: lineNumber + 1)
                } else if info.isEmpty || !info.contains(where: { $0.isLetter }) || ["text", "sh", "yaml", "python", "swift"].contains(info) {
                    flushParagraph()
                    paragraphs.append(body.map { "    " + $0 }.joined(separator: "\n"))
                } else {
                    throw fail(lineNumber, "unknown block '\(info)'; blocks are scene, quiz, model and train")
                }
                i = close + 1
                continue
            }
            if trimmed.isEmpty {
                flushParagraph()
            } else if title == nil {
                throw fail(lineNumber, "text before the first step heading; start each step with '## Title'")
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                flushParagraph()
                current = ["• " + trimmed.dropFirst(2)]
                flushParagraph()
            } else {
                current.append(trimmed)
            }
            i += 1
        }
        flushStep()
        guard !steps.isEmpty else { throw fail(end + 1, "the lesson has no steps; start each step with '## Title'") }
        return Lesson(id: front.id, title: front.title, order: front.order, summary: front.summary,
                      language: language, file: file, steps: steps, objectives: front.objectives)
    }

    private static func frontMatter(_ yaml: String, firstLine: Int, fail: (Int?, String) -> LessonError)
        throws(LessonError) -> (id: String, title: String, order: Int, summary: String, objectives: [String])
    {
        if let line = YAMLAliases.firstAliasLine(in: yaml) { throw fail(line + firstLine - 1, YAMLAliases.message) }
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch { throw fail(firstLine, "invalid front matter YAML: \(error)") }
        guard case .mapping(let mapping)? = node else { throw fail(firstLine, "the front matter needs id:, title:, order: and summary:") }
        func line(_ n: Node) -> Int? { n.mark.map { $0.line + firstLine - 1 } }
        var values: [String: (String, Int?)] = [:]
        var objectives: [String] = []
        for (key, value) in mapping {
            let name = key.string ?? "?"
            guard ["id", "title", "order", "summary", "objectives"].contains(name) else {
                throw fail(line(key), "unknown front matter key '\(name)' (keys: id, title, order, summary, objectives)")
            }
            if name == "objectives" {
                guard case .sequence(let items) = value else {
                    throw fail(line(value) ?? line(key), "objectives: must be a list, one '- ' line per objective")
                }
                guard items.count <= maxObjectives else {
                    throw fail(line(value) ?? line(key), "objectives: \(items.count) items; at most \(maxObjectives)")
                }
                for item in items {
                    guard let text = item.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                        throw fail(line(item) ?? line(key), "objectives: each objective must be one line of text (put it in quotes if it contains ': ')")
                    }
                    objectives.append(text)
                }
                continue
            }
            guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(line(value) ?? line(key), "\(name): must be a non-empty value")
            }
            values[name] = (text, line(value))
        }
        for key in ["id", "title", "order", "summary"] where values[key] == nil {
            throw fail(firstLine, "the front matter lacks \(key):")
        }
        let id = values["id"]!.0
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw fail(values["id"]!.1, "id: use letters, digits, '-' and '_' only, not '\(id)'")
        }
        guard let order = Int(values["order"]!.0) else { throw fail(values["order"]!.1, "order: must be a whole number") }
        return (id, values["title"]!.0, order, values["summary"]!.0, objectives)
    }
}

extension String {
    var trimmingTrailingCR: String { hasSuffix("\r") ? String(dropLast()) : self }
}

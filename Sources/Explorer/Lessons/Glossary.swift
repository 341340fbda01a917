import CNN
import Foundation
import ModelFiles
import Yams

/// The course's terms (`lessons/glossary.yaml`): one Korean term per concept, the study
/// notes' term where they have one, and the variants a Korean lesson should not use.
///
///     - en: epoch
///       ko: 에포크
///       seed: 에포크          # optional: the term of the study notes
///       avoid: [에폭]         # optional: variants `stride lessons check` warns about
///       note: "…"            # optional: why, for instructors
///
/// `stride lessons check` reports every avoided variant a Korean lesson uses, as
/// `file:line: …` (see `problems(in:)`).
public struct Glossary: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let english: String
        public let korean: String
        public let seed: String?
        public let avoid: [String]
        public let note: String?
        /// Line of the entry in the glossary file.
        public let line: Int
    }

    public let file: String
    public let entries: [Entry]

    /// The largest glossary file read (bytes) and the most entries, so a wrong file cannot
    /// make the check slow: every Korean line is searched for every avoided variant.
    public static let maxBytes = 256 * 1024
    public static let maxEntries = 500
    /// The most avoided variants one entry may list.
    public static let maxVariants = 20

    static let keys = ["en", "ko", "seed", "avoid", "note"]

    /// Parses a glossary file; every problem names `file:line`.
    public static func parse(_ text: String, file: String) throws(LessonError) -> Glossary {
        func fail(_ line: Int?, _ message: String) -> LessonError { LessonError(file: file, line: line, message: message) }
        guard text.utf8.count <= maxBytes else {
            throw fail(nil, "the glossary is \(text.utf8.count) bytes; the limit is \(maxBytes)")
        }
        if let line = YAMLAliases.firstAliasLine(in: text) { throw fail(line, YAMLAliases.message) }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw fail(Self.errorLine(error), "invalid YAML: \(Self.errorText(error))")
        }
        guard let node else { return Glossary(file: file, entries: []) }
        guard case .sequence(let list) = node else {
            throw fail(1, "the glossary is a list of entries, each starting with '- en:'")
        }
        guard list.count <= maxEntries else { throw fail(nil, "\(list.count) entries; the limit is \(maxEntries)") }
        func line(_ n: Node) -> Int? { n.mark.map { $0.line } }
        var entries: [Entry] = []
        for item in list {
            guard case .mapping(let mapping) = item else {
                throw fail(line(item), "an entry is a mapping with en:, ko: and optionally seed:, avoid:, note:")
            }
            var values: [String: String] = [:]
            var avoid: [String] = []
            for (key, value) in mapping {
                let name = key.string ?? "?"
                guard keys.contains(name) else {
                    throw fail(line(key), "unknown key '\(name)' (keys: \(keys.joined(separator: ", ")))")
                }
                if name == "avoid" {
                    guard case .sequence(let variants) = value else {
                        throw fail(line(value) ?? line(key), "avoid: must be a list, e.g. [에폭]")
                    }
                    guard variants.count <= maxVariants else {
                        throw fail(line(value), "avoid: \(variants.count) variants; the limit is \(maxVariants)")
                    }
                    for variant in variants {
                        guard let text = variant.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                            throw fail(line(variant), "avoid: each variant must be non-empty text")
                        }
                        avoid.append(text)
                    }
                } else {
                    guard let text = value.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                        throw fail(line(value) ?? line(key), "\(name): must be non-empty text")
                    }
                    values[name] = text
                }
            }
            let at = line(item)
            guard let english = values["en"] else { throw fail(at, "the entry lacks en:") }
            guard let korean = values["ko"] else { throw fail(at, "the entry '\(english)' lacks ko:") }
            if let same = avoid.first(where: { $0 == korean }) {
                throw fail(at, "'\(english)': '\(same)' is both the term and a variant to avoid")
            }
            entries.append(Entry(english: english, korean: korean, seed: values["seed"], avoid: avoid,
                                 note: values["note"], line: at ?? 1))
        }
        for entry in entries {
            for variant in entry.avoid {
                if let other = entries.first(where: { $0.korean == variant }) {
                    throw fail(entry.line, "'\(entry.english)' avoids '\(variant)', the term of '\(other.english)' (line \(other.line))")
                }
            }
        }
        return Glossary(file: file, entries: entries)
    }

    /// Every use of an avoided variant in a Korean lesson's text, one problem per line and
    /// variant: `file:line: '에폭' — the glossary's term for 'epoch' is '에포크' (glossary.yaml:12)`.
    /// Occurrences of the preferred term itself are ignored, so a variant that is part of the
    /// term (e.g. avoiding "상관" while the term is "교차상관") is not reported inside it.
    public func problems(inKorean text: String, file: String) -> [LessonError] {
        var problems: [LessonError] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for entry in entries where !entry.avoid.isEmpty {
                let line = String(raw).replacingOccurrences(of: entry.korean, with: "\u{0}")
                for variant in entry.avoid where line.contains(variant) {
                    problems.append(LessonError(
                        file: file, line: index + 1,
                        message: "'\(variant)': the glossary's Korean term for '\(entry.english)' is '\(entry.korean)' (\(self.file):\(entry.line))"))
                }
            }
        }
        return problems
    }

    /// Every avoided variant with the term to use instead (for tests of the screens' text).
    public var avoidedVariants: [(variant: String, term: String)] {
        entries.flatMap { entry in entry.avoid.map { ($0, entry.korean) } }
    }

    private static func errorLine(_ error: any Error) -> Int? {
        guard let e = error as? YamlError else { return nil }
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func errorText(_ error: any Error) -> String {
        guard let e = error as? YamlError else { return "\(error)" }
        switch e {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return (context.map { "\($0.text) " } ?? "") + problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.sorted().joined(separator: ", "))"
        default: return "\(e)"
        }
    }
}

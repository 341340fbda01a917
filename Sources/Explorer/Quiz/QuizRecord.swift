import Foundation

/// One finished quiz, as one line of a JSON Lines results file (`stride quiz --results FILE`):
/// when, who, the seed and kind (so the quiz can be given again), every answered question
/// with the answer and whether it was right, and the score.
public struct QuizRecord: Sendable, Equatable, Codable {
    /// ISO 8601, UTC.
    public var time: String
    /// The student's name (`--name`, else `$USER`); may be empty.
    public var name: String
    public var seed: UInt64
    public var kind: QuizTopic
    /// Questions in the quiz (answered or not).
    public var count: Int
    public var questions: [QuizResult]
    public var correct: Int
    /// Questions answered.
    public var total: Int

    public init(session: QuizSession, seed: UInt64, kind: QuizTopic, name: String, date: Date = Date()) {
        time = ISO8601DateFormatter().string(from: date)
        self.name = name
        self.seed = seed
        self.kind = kind
        count = session.questions.count
        questions = session.results
        correct = session.correctCount
        total = session.answeredCount
    }

    /// The record as one JSON line (sorted keys, ending in a newline).
    public func jsonLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Appends the record to `path` (created if missing) with a single `write(2)` on a
    /// descriptor opened with `O_APPEND`: the kernel positions and writes the whole line
    /// under the file's lock, so records from students appending at the same moment never
    /// interleave. Throws a one-line message naming the file.
    public func append(to path: String) throws(QuizFileError) {
        let line: Data
        do { line = try jsonLine() } catch { throw QuizFileError("\(path): cannot encode the record: \(error)") }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw QuizFileError("\(path): cannot open for appending: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "only \(written) of \(line.count) bytes written"
            throw QuizFileError("\(path): cannot append the quiz record: \(reason)")
        }
    }

    /// Reads every record of a results file; a line that is not a record is an error naming `file:line`.
    public static func read(_ text: String, file: String) throws(QuizFileError) -> [QuizRecord] {
        var records: [QuizRecord] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                records.append(try decoder.decode(QuizRecord.self, from: Data(trimmed.utf8)))
            } catch {
                throw QuizFileError("\(file):\(index + 1): not a quiz record (\(describe(error)))")
            }
        }
        return records
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "wrong type at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        case .dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "invalid JSON" : "'\(path)': \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// A results file that cannot be written or read: one line naming the file (and line).
public struct QuizFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    /// The quiz file the questions came from (`--file`), if any.
    public var file: String?
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

    /// Most questions a record may hold (`stride quiz --count` allows 1…1000).
    public static let maxQuestions = 1000

    /// Appends the record to `path` (created if missing) as one whole line, or leaves the file
    /// as it was. Under an exclusive `flock` (every Stride writer takes it, so records from
    /// students appending at the same moment never interleave) it notes the file's length,
    /// starts a fresh line if a torn record (no final newline) ends the file, and writes the
    /// line, retrying short writes; when a write fails (a full disk: "only 20145 of 168779
    /// bytes written") it truncates the file back to that length, so a reader never sees half
    /// a record. `write` is `write(2)`, injectable for tests. Throws a one-line message naming
    /// the file.
    public func append(to path: String,
                       write: (Int32, UnsafeRawPointer, Int) -> Int = { Glibc.write($0, $1, $2) }) throws(QuizFileError) {
        var line: Data
        do { line = try jsonLine() } catch { throw QuizFileError("\(path): cannot encode the record: \(error)") }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw QuizFileError("\(path): cannot open for appending: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw QuizFileError("\(path): cannot lock: \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw QuizFileError("\(path): cannot stat: \(String(cString: strerror(errno)))") }
        let oldLength = info.st_size
        var last: UInt8 = 0x0A
        if oldLength > 0, pread(fd, &last, 1, oldLength - 1) == 1, last != 0x0A { line.insert(0x0A, at: 0) }
        var done = 0
        var failure: String?
        line.withUnsafeBytes { bytes in
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n > 0 { done += n; continue }
                if n < 0 && errno == EINTR { continue }
                failure = n < 0 ? String(cString: strerror(errno)) : "the write made no progress"
                return
            }
        }
        guard let failure else { return }
        let undone = ftruncate(fd, oldLength) == 0 ? "the file is as it was"
            : "and truncating back failed (\(String(cString: strerror(errno)))): the last line is torn"
        throw QuizFileError("\(path): cannot append the quiz record (only \(done) of \(line.count) bytes written: \(failure)); \(undone)")
    }

    /// Whether the record's numbers agree with each other: at most `maxQuestions` questions,
    /// `0 ≤ correct ≤ total ≤ count`, `total` = the questions listed, `correct` = those marked
    /// right. Returns what is wrong, or nil.
    public var problem: String? {
        guard (1...Self.maxQuestions).contains(count) else { return "count \(count) is not from 1 to \(Self.maxQuestions)" }
        guard (0...count).contains(total) else { return "total \(total) is not from 0 to count (\(count))" }
        guard (0...total).contains(correct) else { return "correct \(correct) is not from 0 to total (\(total))" }
        guard questions.count == total else { return "total \(total) but \(questions.count) questions listed" }
        let right = questions.lazy.filter(\.correct).count
        guard right == correct else { return "correct \(correct) but \(right) questions marked right" }
        return nil
    }

    /// Every record of a results file that reads and agrees with itself (`problem`); each
    /// other non-empty line (not JSON, not a record, a torn last line) is skipped with a
    /// message naming `file:line`.
    public static func read(_ text: String, file: String) -> (records: [QuizRecord], skipped: [QuizFileError]) {
        var records: [QuizRecord] = []
        var skipped: [QuizFileError] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                let record = try decoder.decode(QuizRecord.self, from: Data(trimmed.utf8))
                if let problem = record.problem {
                    skipped.append(QuizFileError("\(file):\(index + 1): skipped a record that does not add up: \(problem)"))
                } else {
                    records.append(record)
                }
            } catch {
                skipped.append(QuizFileError("\(file):\(index + 1): skipped: not a quiz record (\(describe(error)))"))
            }
        }
        return (records, skipped)
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

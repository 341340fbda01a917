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
    /// The quiz's time limit in seconds (`--time-limit`), when it had one.
    public var timeLimit: Int?
    /// True when the time limit ran out: the `count − total` questions not answered count as
    /// wrong (the score is `correct/count`). Absent otherwise.
    public var timedOut: Bool?

    enum CodingKeys: String, CodingKey {
        case time, name, seed, kind, count, questions, correct, total
        case timeLimit = "time_limit", timedOut = "timed_out"
    }

    public init(session: QuizSession, seed: UInt64, kind: QuizTopic, name: String, date: Date = Date(), timeLimit: Int? = nil) {
        time = ISO8601DateFormatter().string(from: date)
        self.name = name
        self.seed = seed
        self.kind = kind
        count = session.questions.count
        questions = session.results
        correct = session.correctCount
        total = session.answeredCount
        self.timeLimit = timeLimit
        timedOut = session.timedOut ? true : nil
    }

    /// What the score is out of: `count` when time ran out (unanswered questions count as
    /// wrong), else `total`.
    public var scoredCount: Int { timedOut == true ? count : total }

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
        let line: Data
        do { line = try jsonLine() } catch { throw QuizFileError("\(path): cannot encode the record: \(error)") }
        try Self.appendWholeLines(line, to: path, what: "the quiz record", write: write)
    }

    /// Appends `lines` (whole lines, each ending in a newline) to `path` (created if missing)
    /// in one piece, or leaves the file as it was: the contract of `append(to:)`, shared with
    /// the student's answer history (`QuizHistory`). `what` names the data in messages.
    static func appendWholeLines(_ lines: Data, to path: String, what: String,
                                 write: (Int32, UnsafeRawPointer, Int) -> Int) throws(QuizFileError) {
        var line = lines
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
            guard let base = bytes.baseAddress else { return }
            while done < bytes.count {
                let n = write(fd, base + done, bytes.count - done)
                if n > 0 { done += n; continue }
                if n < 0 && errno == EINTR { continue }
                failure = n < 0 ? String(cString: strerror(errno)) : "the write made no progress"
                return
            }
        }
        guard let failure else { return }
        let undone = ftruncate(fd, oldLength) == 0 ? "the file is as it was"
            : "and truncating back failed (\(String(cString: strerror(errno)))): the last line is torn"
        throw QuizFileError("\(path): cannot append \(what) (only \(done) of \(line.count) bytes written: \(failure)); \(undone)")
    }

    /// Whether the record's numbers agree with each other: at most `maxQuestions` questions,
    /// `0 ≤ correct ≤ total ≤ count`, `total` = the questions listed, `correct` = those marked
    /// right. Returns what is wrong, or nil.
    public var problem: String? {
        guard (1...Self.maxQuestions).contains(count) else { return "count \(count) is not from 1 to \(Self.maxQuestions)" }
        guard (0...count).contains(total) else { return "total \(total) is not from 0 to count (\(count))" }
        guard (0...total).contains(correct) else { return "correct \(correct) is not from 0 to total (\(total))" }
        guard questions.count == total else { return "total \(total) but \(counted(questions.count, "question")) listed" }
        let right = questions.lazy.filter(\.correct).count
        guard right == correct else { return "correct \(correct) but \(counted(right, "question")) marked right" }
        if let timeLimit, !(1...QuizRecord.maxTimeLimit).contains(timeLimit) {
            return "time_limit \(timeLimit) is not from 1 to \(QuizRecord.maxTimeLimit) seconds"
        }
        return nil
    }

    /// Longest time limit a record may carry, in seconds (a day).
    public static let maxTimeLimit = 86_400

    /// Every record of a results file that reads and agrees with itself (`problem`); each
    /// other non-empty line (not JSON, not a record, a torn last line) is skipped with a
    /// message naming `file:line`.
    public static func read(_ text: String, file: String) -> (records: [QuizRecord], skipped: [QuizFileError]) {
        let read = readLines(text, file: file)
        return (read.lines.map(\.record), read.skipped)
    }

    /// `read`, keeping where each record came from and each answer's `diagnosis` (the code of
    /// the known mistake it matched, written by quizzes that diagnose; nil when absent).
    public static func readLines(_ text: String, file: String) -> (lines: [QuizRecordLine], skipped: [QuizFileError]) {
        var lines: [QuizRecordLine] = []
        var skipped: [QuizFileError] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreakInFile).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            do {
                let data = Data(trimmed.utf8)
                let record = try decoder.decode(QuizRecord.self, from: data)
                if let problem = record.problem {
                    skipped.append(QuizFileError("\(file):\(index + 1): skipped a record that does not add up: \(problem)"))
                } else {
                    let codes = (try? decoder.decode(DiagnosisCodes.self, from: data))?.questions.map(\.diagnosis)
                    let diagnoses = codes?.count == record.questions.count ? codes! : Array(repeating: nil, count: record.questions.count)
                    lines.append(QuizRecordLine(record: record, diagnoses: diagnoses, file: file, line: index + 1))
                }
            } catch {
                skipped.append(QuizFileError("\(file):\(index + 1): skipped: not a quiz record (\(describe(error)))"))
            }
        }
        return (lines, skipped)
    }

    /// Only the `diagnosis` of each answer of a record line (a string, else nil).
    private struct DiagnosisCodes: Decodable {
        struct Answer: Decodable {
            let diagnosis: String?
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: Key.self)
                diagnosis = try? c.decodeIfPresent(String.self, forKey: .diagnosis)
            }
            enum Key: String, CodingKey { case diagnosis }
        }
        let questions: [Answer]
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

/// A record as read from a results file: where it was, and each answer's diagnosis code
/// (nil where the record has none), in the order of `record.questions`.
public struct QuizRecordLine: Sendable, Equatable {
    public let record: QuizRecord
    public let diagnoses: [String?]
    public let file: String
    public let line: Int
}

/// A results file that cannot be written or read: one line naming the file (and line).
public struct QuizFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

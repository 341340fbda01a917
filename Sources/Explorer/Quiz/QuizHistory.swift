import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One answer in the student's own history (`quiz-history.jsonl`), the input of review mode:
/// when, which kind of question, whether it was right, and the diagnosis code of the mistake
/// when a quiz named one.
public struct QuizHistoryEntry: Sendable, Equatable, Codable {
    /// ISO 8601, UTC.
    public var time: String
    /// The question's kind (`QuizKind`'s raw value; kinds this build does not know are kept
    /// in the file and left out of review).
    public var kind: String
    public var correct: Bool
    /// The known mistake the answer matched (`missing-plus-one`, …), when one was named.
    public var diagnosis: String?

    public init(time: Date, kind: String, correct: Bool, diagnosis: String? = nil) {
        self.time = ISO8601DateFormatter().string(from: time)
        self.kind = kind
        self.correct = correct
        self.diagnosis = diagnosis
    }

    /// The entry for an answered quiz question; the diagnosis is `diagnosis`, else the one
    /// the result carries in its JSON (`"diagnosis"`, written by quizzes that name mistakes).
    public init(_ result: QuizResult, time: Date, diagnosis: String? = nil) {
        self.init(time: time, kind: result.question.kind.rawValue, correct: result.correct,
                  diagnosis: diagnosis ?? Self.diagnosis(of: result))
    }

    /// The `"diagnosis"` of a result as it encodes, if any (read through its JSON so a result
    /// type with or without the field works alike).
    static func diagnosis(of result: QuizResult) -> String? {
        struct Code: Decodable { let diagnosis: String? }
        guard let data = try? JSONEncoder().encode(result) else { return nil }
        return (try? JSONDecoder().decode(Code.self, from: data))?.diagnosis
    }

    /// `time` as a date (nil when it is not `YYYY-MM-DDTHH:MM:SSZ` or with an offset).
    public var date: Date? { ISO8601Time.date(time) }
}

/// The student's answer history: one JSON line per answered quiz question, kept under
/// `$XDG_STATE_HOME/stride/quiz-history.jsonl` (else `$HOME/.local/state/stride/…`, beside
/// lesson progress). Appended as whole lines under `flock` with torn writes undone, like a
/// results file (`QuizRecord.appendWholeLines`); read with a byte budget, bad lines skipped.
public enum QuizHistory {
    /// The default file for this environment (the folder of `LessonProgress.defaultPath`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let folder = (LessonProgress.defaultPath(environment: environment) as NSString).deletingLastPathComponent
        return (folder as NSString).appendingPathComponent("quiz-history.jsonl")
    }

    /// Most bytes read: the newest part of a larger file (the schedule only needs recent
    /// answers; 8 MB is about 80,000 answers).
    public static let readBudget = 8 << 20
    /// Bad lines reported one by one; the rest are counted.
    static let warningsShown = 5

    /// Appends `entries` in one write (creating the folder and file), or leaves the file as it was.
    public static func append(_ entries: [QuizHistoryEntry], to path: String,
                              write: (Int32, UnsafeRawPointer, Int) -> Int = { Glibc.write($0, $1, $2) }) throws(QuizFileError) {
        guard !entries.isEmpty else { return }
        let folder = (path as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw QuizFileError("\(folder): cannot create the folder for the quiz history: \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for entry in entries {
            do { data += try encoder.encode(entry) } catch { throw QuizFileError("\(path): cannot encode a history entry: \(error)") }
            data.append(0x0A)
        }
        try QuizRecord.appendWholeLines(data, to: path, what: "to the quiz history", write: write)
    }

    /// The entries of `path` (none when it does not exist), and warnings: a file over `budget`
    /// is read from its last `budget` bytes (said once); a line that is not an entry (torn,
    /// edited, a time that is not ISO 8601) is skipped, the first few named `file:line`.
    public static func read(_ path: String, budget: Int = readBudget) -> (entries: [QuizHistoryEntry], warnings: [String]) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? ([], []) : ([], ["\(path): cannot read the quiz history: \(String(cString: strerror(errno)))"])
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return ([], ["\(path): cannot stat the quiz history"]) }
        let size = Int(info.st_size)
        let start = max(0, size - max(0, budget))
        var warnings: [String] = []
        if start > 0 { warnings.append("\(path): \(size) bytes; reading the newest \(budget) bytes of the quiz history") }
        var bytes = [UInt8](repeating: 0, count: size - start)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(fd, $0 + done, raw.count - done, off_t(start + done)) } ?? 0
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        var text = String(decoding: bytes.prefix(done), as: UTF8.self)
        var firstLine = 1
        if start > 0, let newline = text.firstIndex(of: "\n") {
            text = String(text[text.index(after: newline)...])  // the cut first line
            firstLine = 2
        }
        let parsed = parse(text, file: start > 0 ? "\(path) (newest part)" : path, firstLine: firstLine)
        return (parsed.entries, warnings + parsed.warnings)
    }

    /// Entries of a history text; bad lines become warnings (`file:line`, the first
    /// `warningsShown`, then a count).
    public static func parse(_ text: String, file: String, firstLine: Int = 1) -> (entries: [QuizHistoryEntry], warnings: [String]) {
        // Fast path: every line a sound entry, decoded as one JSON array (one decoder call for
        // the whole file: 9,000 lines decoded one by one took 0.3 s of the home screen's start).
        let lines = text.split(whereSeparator: \.isLineBreakInFile).filter { !$0.allSatisfy(\.isWhitespace) }
        if let all = try? JSONDecoder().decode([QuizHistoryEntry].self, from: Data(("[" + lines.joined(separator: ",") + "]").utf8)),
           all.count == lines.count, all.allSatisfy({ $0.date != nil }) {
            return (all, [])
        }
        var entries: [QuizHistoryEntry] = []
        var bad: [String] = []
        var badCount = 0
        let decoder = JSONDecoder()
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreakInFile).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if let entry = try? decoder.decode(QuizHistoryEntry.self, from: Data(trimmed.utf8)), entry.date != nil {
                entries.append(entry)
            } else {
                badCount += 1
                if bad.count < warningsShown { bad.append("\(file):\(index + firstLine): skipped a line that is not a quiz history entry") }
            }
        }
        if badCount > bad.count { bad.append("\(file): \(badCount - bad.count) more bad lines skipped") }
        return (entries, bad)
    }
}

extension Character {
    /// A line break in a JSON Lines file: LF, or CRLF (one `Character` in Swift, so splitting
    /// on "\n" alone would join a Windows-saved line with the next).
    var isLineBreakInFile: Bool { self == "\n" || self == "\r\n" }
}

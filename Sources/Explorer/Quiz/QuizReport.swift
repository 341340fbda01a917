import Foundation
import Terminal

/// The instructor's view of results files (`stride quiz report FILE...`): one line per run,
/// the questions missed most often, and a histogram of scores in tenths. Every field taken
/// from a file (time, name, question text) is shown through `TerminalSafe` on one line.
public struct QuizReport: Sendable {
    public let records: [QuizRecord]
    /// Each answer's diagnosis code (nil: none), parallel to `records[i].questions`.
    public let diagnoses: [[String?]]

    /// The report over `records`; one whose numbers do not add up (`QuizRecord.problem`) is
    /// left out, so no crafted record can overflow or index out of range here.
    public init(records: [QuizRecord]) {
        self.records = records.filter { $0.problem == nil }
        diagnoses = self.records.map { Array(repeating: nil, count: $0.questions.count) }
    }

    /// The report over records read from files, with their answers' diagnoses.
    public init(lines: [QuizRecordLine]) {
        let sound = lines.filter { $0.record.problem == nil && $0.diagnoses.count == $0.record.questions.count }
        records = sound.map(\.record)
        diagnoses = sound.map(\.diagnoses)
    }

    /// A score as a percentage of what it is out of (`scoredCount`; 0 when that is 0).
    static func percent(_ r: QuizRecord) -> Int { r.scoredCount == 0 ? 0 : r.correct * 100 / r.scoredCount }

    /// How often each diagnosis code was given to a wrong answer, most frequent first (ties:
    /// by code). Codes come from files: they are counted as written and printed through
    /// `TerminalSafe`.
    public var commonDiagnoses: [(code: String, count: Int)] {
        var counts: [String: Int] = [:]
        for (record, codes) in zip(records, diagnoses) {
            for (result, code) in zip(record.questions, codes) where !result.correct {
                if let code, !code.isEmpty { counts[code, default: 0] += 1 }
            }
        }
        return counts.map { ($0.key, $0.value) }.sorted { ($1.count, $0.code) < ($0.count, $1.code) }
    }

    /// How often each question was missed, most missed first (ties: most asked, then first seen).
    ///
    /// Each distinct question (hashed as a value) gets one row that remembers where it was first
    /// seen, so the sort compares three integers (it used to describe both questions by
    /// reflection in every comparison: 52 s for 50 runs of 1,000 questions).
    public var mostMissed: [(question: QuizQuestion, expected: QuizValue, missed: Int, asked: Int)] {
        typealias Row = (question: QuizQuestion, expected: QuizValue, missed: Int, asked: Int, first: Int)
        var rows: [Row] = []
        var index: [QuizQuestion: Int] = [:]
        for record in records {
            for result in record.questions {
                let i: Int
                if let known = index[result.question] {
                    i = known
                } else {
                    i = rows.count
                    index[result.question] = i
                    rows.append((result.question, result.expected, 0, 0, i))
                }
                rows[i].asked += 1
                if !result.correct { rows[i].missed += 1 }
            }
        }
        return rows.filter { $0.missed > 0 }
            .sorted { ($1.missed, $1.asked, $0.first) < ($0.missed, $0.asked, $1.first) }
            .map { ($0.question, $0.expected, $0.missed, $0.asked) }
    }

    /// Runs per score bucket: 0–9 %, 10–19 %, …, 90–100 %.
    public var histogram: [Int] {
        var buckets = Array(repeating: 0, count: 10)
        for r in records { buckets[min(9, Self.percent(r) / 10)] += 1 }
        return buckets
    }

    /// The report as text lines (English: it is for the instructor's terminal).
    public func lines(top: Int = 10) -> [String] {
        var lines = ["Runs (\(records.count))"]
        let names = records.map { TerminalSafe.text($0.name) }
        let nameWidth = max(4, names.map(\.count).max() ?? 0)
        lines.append("  " + "time".padding(toLength: 21, withPad: " ", startingAt: 0)
                     + "name".padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                     + "kind    seed                  score")
        for (r, name) in zip(records, names) {
            let seed = String(r.seed).padding(toLength: 22, withPad: " ", startingAt: 0)
            let unfinished = r.timedOut == true ? " (time ran out after \(r.total) of \(r.count); unanswered count as wrong)"
                : r.total < r.count ? " (stopped after \(r.total) of \(r.count))" : ""
            lines.append("  " + TerminalSafe.text(r.time).padding(toLength: 21, withPad: " ", startingAt: 0)
                         + name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                         + r.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                         + seed + "\(r.correct)/\(r.scoredCount) (\(Self.percent(r))%)" + unfinished)
        }
        if !records.isEmpty {
            let mean = Double(records.map(Self.percent).reduce(0, +)) / Double(records.count)
            lines.append("  mean score \(String(format: "%.1f", mean))%")
        }
        lines.append("")
        let missed = mostMissed.prefix(top)
        lines.append("Most missed questions" + (missed.isEmpty ? ": none" : ""))
        for row in missed {
            lines.append("  \(row.missed)/\(row.asked) missed · \(row.question.kind.rawValue): \(TerminalSafe.text(row.question.prompt(.en))) → \(row.expected)")
        }
        let codes = commonDiagnoses.prefix(top)
        if !codes.isEmpty {
            lines.append("")
            lines.append("Most common mistakes (diagnoses)")
            for row in codes {
                lines.append("  \(counted(row.count, "time").padding(toLength: 10, withPad: " ", startingAt: 0)) \(TerminalSafe.text(row.code))")
            }
        }
        lines.append("")
        lines.append("Scores")
        let buckets = histogram
        let peak = max(1, buckets.max() ?? 1)
        for (i, n) in buckets.enumerated().reversed() {
            let range = "\(i * 10)–\(i == 9 ? 100 : i * 10 + 9)%"
            let label = String(repeating: " ", count: max(0, 8 - range.count)) + range
            let bar = String(repeating: "█", count: n == 0 ? 0 : max(1, n * 40 / peak))
            lines.append("  \(label) │\(bar)\(n > 0 ? " \(n)" : "")")
        }
        return lines
    }
}

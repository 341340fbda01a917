import Foundation

/// The instructor's view of results files (`stride quiz report FILE...`): one line per run,
/// the questions missed most often, and a histogram of scores in tenths.
public struct QuizReport: Sendable {
    public let records: [QuizRecord]

    public init(records: [QuizRecord]) { self.records = records }

    /// A score as a percentage (0 when nothing was answered).
    static func percent(_ r: QuizRecord) -> Int { r.total == 0 ? 0 : r.correct * 100 / r.total }

    /// How often each question was missed, most missed first (ties: most asked, then first seen).
    public var mostMissed: [(question: QuizQuestion, expected: QuizValue, missed: Int, asked: Int)] {
        var order: [QuizQuestion] = []
        var counts: [String: (question: QuizQuestion, expected: QuizValue, missed: Int, asked: Int)] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for record in records {
            for result in record.questions {
                let key = (try? encoder.encode(result.question)).map { String(decoding: $0, as: UTF8.self) } ?? "\(result.question)"
                if counts[key] == nil { order.append(result.question); counts[key] = (result.question, result.expected, 0, 0) }
                counts[key]!.asked += 1
                if !result.correct { counts[key]!.missed += 1 }
            }
        }
        let rows = counts.values.filter { $0.missed > 0 }
        let position = Dictionary(order.enumerated().map { ("\($0.element)", $0.offset) }, uniquingKeysWith: { a, _ in a })
        return rows.sorted {
            if $0.missed != $1.missed { return $0.missed > $1.missed }
            if $0.asked != $1.asked { return $0.asked > $1.asked }
            return position["\($0.question)", default: 0] < position["\($1.question)", default: 0]
        }
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
        let nameWidth = max(4, records.map(\.name.count).max() ?? 0)
        lines.append("  " + "time".padding(toLength: 21, withPad: " ", startingAt: 0)
                     + "name".padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                     + "kind    seed                  score")
        for r in records {
            let seed = String(r.seed).padding(toLength: 22, withPad: " ", startingAt: 0)
            let unfinished = r.total < r.count ? " (stopped after \(r.total) of \(r.count))" : ""
            lines.append("  " + r.time.padding(toLength: 21, withPad: " ", startingAt: 0)
                         + r.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                         + r.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                         + seed + "\(r.correct)/\(r.total) (\(Self.percent(r))%)" + unfinished)
        }
        if !records.isEmpty {
            let mean = Double(records.map(Self.percent).reduce(0, +)) / Double(records.count)
            lines.append("  mean score \(String(format: "%.1f", mean))%")
        }
        lines.append("")
        let missed = mostMissed.prefix(top)
        lines.append("Most missed questions" + (missed.isEmpty ? ": none" : ""))
        for row in missed {
            lines.append("  \(row.missed)/\(row.asked) missed · \(row.question.kind.rawValue): \(row.question.prompt(.en)) → \(row.expected)")
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

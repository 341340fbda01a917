import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing
import TestSupport

/// Plurals in both languages: no "1 questions", "1 epochs", "2 filter(s)". The sources are
/// swept for "(s)" in string literals, every registered screen is drawn with its counts at 1
/// and 2, and the strings built from counts are checked at 1 and 2.
@Suite("Plurals")
struct PluralSweepTests {
    /// A count of one with a plural noun, or a parenthesised plural.
    static var bad: Regex<(Substring, Substring?)> { #/\b1 (questions|epochs|filters|input channels|channels|cells|kernels|maps|steps|kinds|days|seconds|times|rows|columns|rings|images|layers|windows|values|answers|threads|units|inputs)\b|[A-Za-z]\(s\)/# }

    static func problems(_ text: String) -> [String] {
        // "k − 1 rows" is arithmetic, not a count of one.
        text.split(separator: "\n").filter { $0.replacingOccurrences(of: "− 1 ", with: "− one ").contains(Self.bad) }.map(String.init)
    }

    @Test func noStringLiteralInTheSourcesSaysS() throws {
        let root = Repository.root.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                // Inside a string literal: a word, then "(s)" (not a call such as `\(format(s))`).
                if code.contains(#/"[^"]*[A-Za-z]\(s\)[^)][^"]*"/#) { found.append("\(file):\(n + 1): \(code)") }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// Every registered screen, its whole-number settings at 1 and then 2, stepped to the end.
    @Test(arguments: [Language.en, .ko])
    func everyScreenWithCountsOfOneAndTwo(language: Language) throws {
        var drawn = 0
        for entry in ScreenRegistry.builtIn.entries {
            for value in [1, 2] {
                var flags: [String: String] = [:]
                for spec in entry.settings where !["seed", "page"].contains(spec.key) {
                    if case .integer(let range) = spec.kind, range.contains(value) { flags[spec.key] = "\(value)" }
                }
                guard let screen = try? ScreenRegistry.builtIn.make(entry.id, settings: .flags(flags), language: language) else { continue }
                var app = ExplorerApp(screens: [screen], language: language, runtime: CommandRuntime(mode: .inline))
                for size in [(80, 24), (120, 40)] {
                    for keys in [[], [Key.right], [Key.end]] {
                        let text = drive(&app, events: keys.map { .key($0) }, size: size).lines.joined(separator: "\n")
                        #expect(Self.problems(text).isEmpty, "\(entry.id) \(flags) \(size): \(Self.problems(text))")
                        drawn += 1
                    }
                }
            }
        }
        #expect(drawn > 60)
    }

    @Test func countedStringsAtOneAndTwo() throws {
        let one = QuizQuestion(.params(.conv(k: 3, cIn: 1, cOut: 1))).prompt(.en)
        #expect(one.contains("3×3 kernel, 1 input channel, 1 filter, with bias"), "\(one)")
        #expect(QuizQuestion(.params(.conv(k: 3, cIn: 2, cOut: 2))).prompt(.en).contains("2 input channels, 2 filters,"))

        let notes = { (s: Int) throws -> String in
            var app = try appShowing("stride", ["stride": "\(s)"])
            return drive(&app, events: [.key(.char("i"))], size: (120, 40)).lines.joined(separator: "\n")
        }
        let (at1, at2) = (try notes(1), try notes(2))
        #expect(at1.contains("jumps 1 cell,"), "\(at1)")
        #expect(at2.contains("jumps 2 cells,"), "\(at2)")

        let handle = RecordingHandle()
        var app = ExplorerApp(screens: [DashboardFixture.screen(handle: handle)], runtime: CommandRuntime(mode: .inline))
        _ = drive(&app, events: [], size: (80, 24))
        handle.emit([.finished(TrainingSummary(epochs: 1, loss: 0.2, accuracy: 0.95, testLoss: 0.25, testAccuracy: 0.93,
                                               trainSeconds: 12, samplesPerSecond: 5000, stopped: false))])
        _ = drive(&app, events: [.wake], size: (80, 24))
        let dashboard = try #require(app.top as? DashboardScreen)
        #expect(DashboardFixture.lines(dashboard)[4] == "finished: 1 epoch, test accuracy 93.00% — q quits")

        var record = QuizRecord(session: try QuizSession(questions: []), seed: 1, kind: .size, name: "")
        (record.count, record.total) = (3, 1)
        #expect(record.problem == "total 1 but 0 questions listed")
        var session = try QuizSession(questions: QuizGenerator.questions(.size, count: 3, seed: 1))
        try session.submit("1")
        record = QuizRecord(session: session, seed: 1, kind: .size, name: "")
        record.correct = 1
        #expect(record.problem == "correct 1 but 0 questions marked right")
        session.expire()
        #expect(session.summaryLines(.en)[1] == "Time is up: 2 questions not answered count as wrong.")
        var two = try QuizSession(questions: QuizGenerator.questions(.size, count: 2, seed: 1))
        try two.submit("1")
        two.expire()
        #expect(two.summaryLines(.en)[1] == "Time is up: 1 question not answered count as wrong.")
        #expect(QuizReport(records: []).lines().allSatisfy { Self.problems($0).isEmpty })
    }
}

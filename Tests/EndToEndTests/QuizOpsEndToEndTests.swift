import Foundation
import Testing
import TestSupport

/// `stride quiz` operations through the real binary: time limits (plain and TUI), Esc asking
/// before a run is lost, the CSV report, bad lines, and review from the answer history.
@Suite("Quiz operations end to end", .serialized)
struct QuizOpsEndToEndTests {
    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "stride-quizops-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func objects(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").map { QuizEndToEndTests.object(String($0)) }
    }

    @Test func plainTimeLimitEndsTheQuizWhileStdinStaysOpen() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let started = Date()
        let quiz = try Conversation(["quiz", "--plain", "--json", "--kind", "size", "--count", "3", "--seed", "5",
                                     "--time-limit", "2", "--results", dir + "/r.jsonl"], state: dir + "/state")
        var lines: [[String: Any]] = []
        while let line = quiz.readLine() {
            let object = QuizEndToEndTests.object(line)
            lines.append(object)
            if object["type"] as? String == "question", lines.count == 1 { quiz.write("0") }  // one wrong answer, then silence
            if object["type"] as? String == "score" { break }
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(quiz.finish() == 0)
        #expect(lines.map { $0["type"] as? String ?? "" } == ["question", "result", "question", "time-up", "score"])
        #expect(lines[3]["unanswered"] as? Int == 2)
        #expect(lines[4]["correct"] as? Int == 0 && lines[4]["total"] as? Int == 3, "unanswered count as wrong")
        #expect(elapsed >= 1.9 && elapsed < 6, "ended on time: \(elapsed) s")
        let record = QuizEndToEndTests.object(try String(contentsOfFile: dir + "/r.jsonl", encoding: .utf8))
        #expect(record["timed_out"] as? Bool == true && record["time_limit"] as? Int == 2 && record["total"] as? Int == 1)
        print("plain --time-limit 2: ended after \(String(format: "%.2f", elapsed)) s with stdin open")

        let bad = try runStride(["quiz", "--plain", "--time-limit", "0"], input: "")
        #expect(bad.status == 2 && bad.stderr.contains("--time-limit must be from 1 to 86400 seconds, not 0"), "\(bad.stderr)")
    }

    @Test func tuiEscAsksThenRecordsTheStoppedRunAndOffersANewQuiz() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("cd \(shellQuote(dir)) && \(shellQuote(StrideBinary.path)) quiz --kind size --count 3 --seed 5 --results r.jsonl; echo EXIT=$?")
        try tmux.waitFor("Question 1/3")
        try tmux.send("-l", "8")
        try tmux.send("Enter")
        try tmux.waitFor("✓ correct: 8")
        try tmux.send("Escape")
        var screen = try tmux.waitFor("Leave the quiz? y/n")
        #expect(screen.contains("stopped after 1 of 3") && screen.contains("✓ correct: 8"), "the run is still there:\n\(screen)")
        try tmux.send("n")
        try tmux.waitFor("Enter: next question")
        try tmux.send("Escape")
        try tmux.waitFor("Leave the quiz? y/n")
        try tmux.send("y")
        screen = try tmux.waitFor("Saved to r.jsonl")
        #expect(screen.contains("Stopped after 1 of 3 questions.") && screen.contains("n: a new quiz"), "\(screen)")
        let record = QuizEndToEndTests.object(try String(contentsOfFile: dir + "/r.jsonl", encoding: .utf8))
        #expect(record["total"] as? Int == 1 && record["count"] as? Int == 3 && record["correct"] as? Int == 1)
        try tmux.send("n")
        screen = try tmux.waitFor("Question 1/3")
        #expect(!screen.contains("seed 5 "), "a new seed:\n\(screen)")
        try tmux.send("C-c")
        try tmux.waitFor("EXIT=130")
        // Every answer went to the history under XDG_STATE_HOME.
        let history = try String(contentsOfFile: tmux.stateHome + "/stride/quiz-history.jsonl", encoding: .utf8)
        #expect(history.split(separator: "\n").count == 1 && history.contains("\"kind\":\"size\""))
    }

    @Test func tuiTimeLimitCountsDownAndEndsTheQuiz() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("cd \(shellQuote(dir)) && \(shellQuote(StrideBinary.path)) quiz --kind size --count 3 --seed 5 --time-limit 3 --results r.jsonl --lang ko; echo EXIT=$?")
        let first = try tmux.waitFor("남은 시간 0:0")
        #expect(first.contains("문제 1/3"))
        let started = Date()
        try tmux.waitFor("시간이 다 되었습니다")
        let waited = Date().timeIntervalSince(started)
        // The record is written off the UI thread: its line follows the end screen.
        let screen = try tmux.waitFor("r.jsonl에 저장했습니다")
        #expect(screen.contains("최종 점수 0/3") && screen.contains("시간이 다 되었습니다"), "\(screen)")
        #expect(waited < 5, "\(waited) s")
        let record = QuizEndToEndTests.object(try String(contentsOfFile: dir + "/r.jsonl", encoding: .utf8))
        #expect(record["timed_out"] as? Bool == true && record["total"] as? Int == 0 && record["count"] as? Int == 3)
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func csvReportHasOneRowPerAnswerAndBadLinesAreNamed() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let results = dir + "/class.jsonl"
        for (student, answers) in [("ana", "1\n2\n3\n"), ("=2+5", "4\n5\n"), ("bo, jr", "")] {
            let run = try runStride(["quiz", "--plain", "--kind", "mixed", "--count", "3", "--seed", "11", "--results", results,
                                     "--name", student], input: answers, state: dir + "/state")
            #expect(run.status == 0, "\(run.stderr)")
        }
        let handle = try #require(FileHandle(forWritingAtPath: results))
        handle.seekToEndOfFile()
        handle.write(Data("{\"time\": \"torn\n".utf8))
        try handle.close()
        let report = try runStride(["quiz", "report", "--csv", results], input: "")
        #expect(report.status == 0)
        #expect(report.stderr.contains("class.jsonl:4: skipped: not a quiz record"), "\(report.stderr)")
        let rows = try #require(parseCSV(report.stdout))
        #expect(rows.count == 1 + 3 + 2, "a header and one row per answer: \(rows)")
        #expect(rows.dropFirst().allSatisfy { $0.count == 10 })
        #expect(rows[4][1] == "'=2+5" && rows.dropFirst().allSatisfy { $0[2] == "11" })
        let text = try runStride(["quiz", "report", results], input: "")
        #expect(text.stdout.contains("Runs (3)") && text.stderr.contains("class.jsonl:4:"))
    }

    @Test func reviewAsksTheKindsMissedFromTheHistory() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        let empty = try runStride(["quiz", "--review", "--plain"], input: "", state: state)
        #expect(empty.status == 0 && empty.stdout.contains("Nothing to review yet"), "\(empty.stdout)")
        // Wrong answers to pool questions, right ones to size.
        _ = try runStride(["quiz", "--plain", "--kind", "pool", "--count", "3", "--seed", "2"], input: "-1\n-1\n-1\n", state: state)
        let sizes = try runStride(["quiz", "--plain", "--json", "--kind", "size", "--count", "2", "--seed", "3"], input: "0\n0\n", state: state)
        let expected = Self.objects(sizes.stdout).filter { $0["type"] as? String == "result" }.map { "\($0["expected"]!)" }
        _ = try runStride(["quiz", "--plain", "--kind", "size", "--count", "2", "--seed", "3"], input: expected.joined(separator: "\n") + "\n", state: state)
        let history = try String(contentsOfFile: state + "/stride/quiz-history.jsonl", encoding: .utf8)
        #expect(history.split(separator: "\n").count == 7)
        let review = try runStride(["quiz", "--review", "--plain", "--json", "--count", "4", "--seed", "1"], input: "", state: state)
        let kinds = Self.objects(review.stdout).filter { $0["type"] as? String == "question" }.map { $0["kind"] as? String ?? "" }
        #expect(kinds == ["pool"], "only the kind missed is due (size moved up a box), asked first: \(review.stdout)")
        let text = try runStride(["quiz", "--review", "--plain", "--count", "4", "--seed", "1"], input: "", state: state)
        #expect(text.stdout.hasPrefix("1 kind due: pooling (missed 3×)"), "\(text.stdout)")
    }
}

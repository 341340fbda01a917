import Foundation
import Testing

/// `stride quiz` through the real binary: the JSON protocol, seeds, bad answers, results
/// files written by many processes at once, the instructor's report, and the TUI in tmux.
@Suite("Quiz end to end", .serialized)
struct QuizEndToEndTests {
    /// The output-size formula written from the definition (not the engine's code).
    static func formula(_ q: [String: Any]) -> Int {
        let n = q["n"] as! Int, k = q["k"] as! Int, s = q["s"] as! Int, d = q["d"] as! Int
        let pad: Int
        switch q["p"] {
        case let p as Int: pad = p
        case let p as String where p == "same": return (n + s - 1) / s
        case let p as String where p == "full": pad = d * (k - 1)
        default: pad = 0
        }
        return (n + 2 * pad - d * (k - 1) - 1) / s + 1
    }

    static func object(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    @Test func aSizeQuizAnsweredFromTheFormulaScoresFull() throws {
        let quiz = try Conversation(["quiz", "--plain", "--json", "--kind", "size", "--count", "25", "--seed", "20261124"])
        var questions = 0, results = 0, notDivisible = 0, sameStrided = 0
        var score: [String: Any] = [:]
        while let line = quiz.readLine() {
            let object = Self.object(line)
            switch object["type"] as? String {
            case "question":
                questions += 1
                #expect(object["kind"] as? String == "size" && object["index"] as? Int == questions)
                #expect((object["text"] as? String ?? "").contains("n = \(object["n"]!)"))
                let answer = Self.formula(object)
                #expect(answer >= 1, "never an impossible question: \(line)")
                let (n, k, s, d) = (object["n"] as! Int, object["k"] as! Int, object["s"] as! Int, object["d"] as! Int)
                if let p = object["p"] as? Int, (n + 2 * p - d * (k - 1) - 1) % s != 0 { notDivisible += 1 }
                if object["p"] as? String == "same", s > 1 { sameStrided += 1 }
                quiz.write("\(answer)")
                quiz.lastExpected = answer
            case "result":
                results += 1
                #expect(object["correct"] as? Bool == true, "\(line)")
                #expect(object["expected"] as? Int == quiz.lastExpected && object["answer"] as? Int == quiz.lastExpected)
            case "score":
                score = object
            default:
                Issue.record("unexpected line \(line)")
            }
        }
        #expect(quiz.finish() == 0)
        #expect(questions == 25 && results == 25)
        #expect(score["correct"] as? Int == 25 && score["total"] as? Int == 25)
        print("size quiz answered from the formula: \(score["correct"]!)/\(score["total"]!); explicit-padding numerators not divisible by s: \(notDivisible), same with s > 1: \(sameStrided)")
    }

    static func questionLines(seed: Int, kind: String = "mixed") throws -> [String] {
        let run = try runStride(["quiz", "--plain", "--json", "--kind", kind, "--count", "12", "--seed", "\(seed)"],
                                input: String(repeating: "1\n", count: 12))
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init).filter { $0.contains(#""type":"question""#) }
    }

    @Test func theSameSeedRepeatsTheQuizAndAnotherSeedDiffers() throws {
        let a = try Self.questionLines(seed: 77), b = try Self.questionLines(seed: 77), c = try Self.questionLines(seed: 78)
        #expect(a.count == 12 && a == b)
        #expect(c.count == 12 && a != c)
        #expect(Set(a.map { Self.object($0)["kind"] as! String }).count >= 3, "a mixed quiz mixes kinds")
    }

    @Test func garbageIsReaskedAndEndOfInputEndsWithTheScore() throws {
        let run = try runStride(["quiz", "--plain", "--json", "--kind", "cell", "--count", "3", "--seed", "1"],
                                input: "abc\n\n1e999\n0x10\n--1\n")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { Self.object(String($0)) }
        #expect(lines.map { $0["type"] as! String } == ["question"] + Array(repeating: ["error", "question"], count: 5).flatMap { $0 } + ["score"])
        #expect(Set(lines.filter { $0["type"] as? String == "question" }.map { $0["index"] as! Int }) == [1])
        #expect((lines[1]["message"] as! String).contains("'abc' is not a number"))
        #expect((lines[5]["message"] as! String).contains("out of range"))
        #expect(lines.last!["correct"] as? Int == 0 && lines.last!["total"] as? Int == 0)

        // Plain text, Korean: the hint, the question again, then the score.
        let plain = try runStride(["quiz", "--plain", "--kind", "size", "--count", "2", "--seed", "1", "--lang", "ko"], input: "열셋\n")
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("! '열셋': 숫자가 아닙니다"), "\(plain.stdout)")
        #expect(plain.stdout.components(separatedBy: "문제 1/2").count == 3, "asked twice:\n\(plain.stdout)")
        #expect(plain.stdout.contains("최종 점수 0/0"))
    }

    @Test func badOptionsAreOneLineAndStatusTwo() throws {
        for arguments in [["--kind", "sizes"], ["--count", "0"], ["--json"], ["--seed", "-1"], ["--lang", "fr", "--plain"]] {
            let run = try runStride(["quiz"] + arguments, input: "")
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.isEmpty)
        }
        let unwritable = try runStride(["quiz", "--plain", "--count", "1", "--seed", "1", "--results", "/nonexistent/r.jsonl"], input: "1\n")
        #expect(unwritable.status == 2 && unwritable.stderr.contains("/nonexistent/r.jsonl: cannot open for appending"), "\(unwritable.stderr)")
    }

    @Test func tenProcessesAppendingAtOnceLeaveTenWholeRecords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-quiz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = dir.appendingPathComponent("class.jsonl").path
        // 60 mixed questions make each record several kilobytes, larger than a pipe's atomic write.
        let answers = dir.appendingPathComponent("answers.txt")
        try String(repeating: "3\n", count: 60).write(to: answers, atomically: true, encoding: .utf8)
        var processes: [Process] = []
        for student in 0..<10 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: StrideBinary.path)
            p.arguments = ["quiz", "--plain", "--kind", "mixed", "--count", "60", "--seed", "\(student)",
                           "--results", results, "--name", "student\(student)"]
            p.standardInput = try FileHandle(forReadingFrom: answers)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            processes.append(p)
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }

        let text = try String(contentsOfFile: results, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 10 && text.hasSuffix("\n"))
        var names = Set<String>()
        for line in lines {
            let record = Self.object(String(line))
            #expect((record["questions"] as? [Any])?.count == 60, "a whole record: \(line.prefix(80))…")
            #expect(record["total"] as? Int == 60 && record["count"] as? Int == 60)
            names.insert(record["name"] as? String ?? "")
        }
        #expect(names == Set((0..<10).map { "student\($0)" }))
        print("concurrent appends: \(lines.count) whole records, \(text.utf8.count) bytes, records of \(lines.map(\.utf8.count).min()!)–\(lines.map(\.utf8.count).max()!) bytes")

        let report = try runStride(["quiz", "report", results], input: "")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Runs (10)") && report.stdout.contains("Most missed questions") && report.stdout.contains("90–100%"))
        #expect(report.stdout.contains("student7"))

        let broken = dir.appendingPathComponent("broken.jsonl").path
        try (String(lines[0]) + "\n{\"time\": 1}\n").write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try runStride(["quiz", "report", results, broken], input: "")
        #expect(bad.status == 0 && bad.stderr.contains("broken.jsonl:2: skipped: not a quiz record"), "\(bad.stderr)")
        #expect(bad.stdout.contains("Runs (11)"), "the report covers the good records")
    }

    @Test func tuiOneRightOneWrong() throws {
        // The expected answers, from the scripted protocol with the same seed.
        let scripted = try runStride(["quiz", "--plain", "--json", "--kind", "size", "--count", "2", "--seed", "5"], input: "0\n0\n")
        let expected = scripted.stdout.split(separator: "\n").map { Self.object(String($0)) }
            .filter { $0["type"] as? String == "result" }.map { $0["expected"] as! Int }
        #expect(expected.count == 2)

        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) quiz --kind size --count 2 --seed 5; echo EXIT=$?")
        try tmux.waitFor("Question 1/2")
        try tmux.send("x", "Enter")
        var screen = try tmux.waitFor("is not a number")
        #expect(screen.contains("score 0/0"), "a refused line is not counted:\n\(screen)")
        try tmux.send("C-u")
        try tmux.send("-l", "\(expected[0])")
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("score 1/1") && $0.contains("✓ correct") }
        #expect(screen.contains("✓ correct: \(expected[0])"), "\(screen)")
        try tmux.send("Enter")
        try tmux.waitFor("Question 2/2")
        try tmux.send("-l", "\(expected[1] + 1)")
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("score 1/2") && $0.contains("✗ wrong") && $0.contains("= ") }
        #expect(screen.contains("✗ wrong: you answered \(expected[1] + 1), expected \(expected[1])"), "\(screen)")
        #expect(screen.contains("out = floor((n + 2p − d(k−1) − 1) / s) + 1") || screen.contains("p_before + p_after"), "\(screen)")
        #expect(screen.contains("= \(expected[1])"))
        try tmux.send("Enter")
        screen = try tmux.waitFor("Final score 1/2")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test func tuiInKorean() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) quiz --kind params --count 1 --seed 3 --lang ko; echo EXIT=$?")
        var screen = try tmux.waitFor("문제 1/1")
        #expect(screen.contains("파라미터 수는?"), "\(screen)")
        try tmux.send("-l", "1")
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("점수 0/1") && $0.contains("✗ 오답") }  // the whole frame, not half of it
        #expect(screen.contains("✗ 오답: 입력한 값 1, 정답"), "\(screen)")
        try tmux.send("Escape")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }
}

/// The binary with a pipe on each side, read line by line (for the question/answer dialogue).
final class Conversation {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private var pending = Data()
    var lastExpected = 0

    init(_ arguments: [String], state: String = testStateHome) throws {
        process.executableURL = URL(fileURLWithPath: StrideBinary.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": state]) { $1 }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The next line, or nil at end of output.
    func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[(newline + 1)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self) }
            pending.append(chunk)
        }
    }

    func write(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// Closes stdin and waits; returns the exit status.
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Where quizzes run by these tests keep their answer history (never the user's own state).
let testStateHome = NSTemporaryDirectory() + "stride-test-state-\(getpid())"

/// Runs the binary with `input` on stdin and collects its output; its state (the quiz
/// history) goes under `state`.
func runStride(_ arguments: [String], input: String, state: String = testStateHome) throws -> ProcessResult {
    let dir = FileManager.default.temporaryDirectory
    let file = dir.appendingPathComponent("stride-stdin-\(UUID().uuidString)")
    try input.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: StrideBinary.path)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": state]) { $1 }
    process.standardInput = try FileHandle(forReadingFrom: file)
    return try runCollectingOutput(process)
}

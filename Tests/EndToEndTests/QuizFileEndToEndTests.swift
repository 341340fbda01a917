import Foundation
import Testing

/// `stride quiz --file` and `stride lessons check --quiz` through the real binary.
@Suite("Quiz files end to end")
struct QuizFileEndToEndTests {
    static let example = StrideBinary.packageRoot.appendingPathComponent("docs/examples/quiz.yaml").path

    static func objects(_ stdout: String) -> [[String: Any]] {
        stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
    }

    @Test func theExampleIsAskedInOrderAndEveryKindIsGraded() throws {
        let run = try runStride(["quiz", "--file", Self.example, "--plain", "--json"], input: "26\n14\n11\n18,496\n4\n9\n5\na\nt\n")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.objects(run.stdout)
        let kinds = lines.filter { $0["type"] as? String == "question" }.compactMap { $0["kind"] as? String }
        #expect(kinds == ["size", "size", "chain", "params", "cell", "pool", "channels", "choice", "truefalse"])
        let results = lines.filter { $0["type"] as? String == "result" }
        #expect(results.map { $0["correct"] as? Bool } == [true, true, true, true, true, true, true, false, true])
        #expect(results[7]["diagnosis"] as? String == "flipped" && results[7]["expected"] as? String == "b")
        #expect((lines.last?["correct"] as? Int, lines.last?["total"] as? Int) == (8, 9))
    }

    @Test func shuffleWithASeedIsRepeatable() throws {
        /// The first question asked (end of input then ends the quiz), or every one unshuffled.
        func order(_ seed: String, all: Bool = false) throws -> [String] {
            let arguments = all ? ["quiz", "--file", Self.example, "--plain", "--json"]
                                : ["quiz", "--file", Self.example, "--shuffle", "--seed", seed, "--plain", "--json"]
            let run = try runStride(arguments, input: all ? "26\n14\n11\n18496\n4\n9\n5\nb\nt\n" : "")
            #expect(run.status == 0, "\(run.stderr)")
            return Self.objects(run.stdout).filter { $0["type"] as? String == "question" }.map { "\($0["kind"]!) \($0["n"] ?? "")" }
        }
        // Answered by kind, every question of the file is asked once, in the seed's order.
        let quiz = try Conversation(["quiz", "--file", Self.example, "--shuffle", "--seed", "7", "--plain", "--json"])
        var asked: [String] = []
        while let line = quiz.readLine() {
            let object = QuizEndToEndTests.object(line)
            guard object["type"] as? String == "question", let kind = object["kind"] as? String else { continue }
            asked.append("\(kind) \(object["n"] ?? "")")
            quiz.write(kind == "choice" ? "b" : kind == "truefalse" ? "t" : "0")
        }
        #expect(quiz.finish() == 0)
        let unshuffled = try order("7", all: true)
        #expect(asked.count == 9 && asked.sorted() == unshuffled.sorted())
        #expect(asked != ["size 28", "size 28", "chain 28", "params ", "cell ", "pool ", "channels ", "choice ", "truefalse "])
        let a = try order("7"), b = try order("7"), c = try order("8")
        #expect(a == b)
        #expect(a.count == 1 && c.count == 1)
        let firsts = try (1...6).map { try order(String($0)).first ?? "" }
        #expect(Set(firsts).count > 1, "different seeds start with different questions: \(firsts)")
        let two = try runStride(["quiz", "--file", Self.example, "--count", "2", "--plain", "--json"], input: "26\n14\n")
        #expect(Self.objects(two.stdout).last?["total"] as? Int == 2)
    }

    @Test func aBadFileIsReportedWithFileAndLineAndExitsNonZero() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quizfile-e2e-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir + "/quizzes", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/quizzes/bad.yaml"
        try "- kind: size\n  n: 28\n  k: 3\n- kind: choice\n  question: {en: Q, ko: 질문}\n  options: [A, B]\n  answer: z\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try runStride(["quiz", "--file", bad, "--plain"], input: "26\n")
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(bad):7: question 2: answer: expected one of a, b (or 1 to 2)"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        // lessons check: --quiz FILE, and the folder's quizzes/*.yaml.
        let check = try runStride(["lessons", "check", "--quiz", bad])
        #expect(check.status == 1)
        #expect(check.stdout.contains("\(bad):7: question 2: answer: expected one of a, b (or 1 to 2)"), "\(check.stdout)")
        let good = try runStride(["lessons", "check", "--quiz", Self.example])
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("lessons and 1 quiz file, no problems"), "\(good.stdout)")
        let shuffleAlone = try runStride(["quiz", "--shuffle", "--plain"], input: "")
        #expect(shuffleAlone.status != 0 && shuffleAlone.stderr.contains("--shuffle needs --file"))
    }
}

import CNN
@testable import Explorer
import Foundation
import Testing

@Suite("Quiz session and protocol")
struct QuizSessionTests {
    func sizeSession() throws -> QuizSession {
        try QuizSession(questions: [QuizQuestion(.size(SizeQuestion(n: 28, k: 3))),
                                    QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: .same, s: 2))),
                                    QuizQuestion(.pool(PoolQuestion(input: try Matrix(parsing: "1 2; 3 4"), pool: .average, i: 0, j: 0)))])
    }

    @Test func refusedLinesAreNotCountedAndTheSameQuestionStays() throws {
        var session = try sizeSession()
        let refused: [(String, QuizAnswerProblem)] = [
            ("", .empty), ("abc", .badCharacter("abc", "a")), ("0x1A", .badCharacter("0x1A", "x")), ("nan", .badCharacter("nan", "n")),
            ("-", .notANumber("-")), ("1.2.3", .notANumber("1.2.3")), ("2,5", .misplacedComma("2,5")), ("20,00", .misplacedComma("20,00")),
            (",123", .misplacedComma(",123")), ("1,234.5,6", .misplacedComma("1,234.5,6")), ("2.50", .notWhole("2.50")),
            ("2.5", .notWhole("2.5")), ("-3", .outOfRange("-3", whole: true)),
            ("99999999999999999999", .outOfRange("99999999999999999999", whole: true)), ("1e400", .outOfRange("1e400", whole: true)),
        ]
        for (line, problem) in refused {
            #expect(throws: problem) { try session.submit(line) }
        }
        #expect(session.position == 0 && session.answeredCount == 0)
        #expect(try session.submit(" 26 ").correct)
        #expect(try !session.submit("13").correct)
        #expect(session.streak == 0 && session.bestStreak == 1)
        #expect(try session.submit("2.5").correct, "reals are compared within 1e-3")
        #expect(session.isFinished && session.correctCount == 2)
        #expect(session.scoreLine(.en) == "score 2/3 · streak 1")
        #expect(session.scoreLine(.ko) == "점수 2/3 · 연속 정답 1")
        #expect(session.perKind.map { "\($0.kind.rawValue) \($0.correct)/\($0.total)" } == ["size 1/2", "pool 1/1"])
        #expect(session.missed.map(\.index) == [2])
        #expect(session.summaryLines(.en).contains("     your answer 13, expected 14"))
        // 13 for ceil(28 / 2): three known mistakes give it; the summary names the first.
        #expect(session.missed.first?.diagnoses == ["missing-plus-one", "no-padding", "same-symmetric"])
        #expect(session.summaryLines(.en).contains("     You left out the +1"))
        #expect(session.summaryLines(.ko).contains("     +1을 빠뜨렸습니다"))
    }

    @Test func theJSONProtocolReasksAfterAnErrorAndEndsWithTheScore() throws {
        var session = try sizeSession()
        var input = ["26", "banana", "14"].makeIterator()
        var output: [String] = []
        runPlainQuiz(&session, json: true, language: .en, readLine: { input.next() }, write: { output.append($0) })
        let lines = try output.map { try JSONDecoder().decode(QuizLine.self, from: Data($0.utf8)) }
        let q1 = QuizQuestion(.size(SizeQuestion(n: 28, k: 3)))
        let q2 = QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: .same, s: 2)))
        #expect(lines == [
            .question(index: 1, question: q1, text: q1.prompt(.en)),
            .result(index: 1, answer: .integer(26), correct: true, expected: .integer(26)),
            .question(index: 2, question: q2, text: q2.prompt(.en)),
            .error(index: 2, message: "'banana' is not a number: 'b' cannot be part of one (type 13, 204,928 or 4.5)"),
            .question(index: 2, question: q2, text: q2.prompt(.en)),
            .result(index: 2, answer: .integer(14), correct: true, expected: .integer(14)),
            .question(index: 3, question: session.questions[2], text: session.questions[2].prompt(.en)),
            .score(correct: 2, total: 2),
        ])
        #expect(output[0] == #"{"d":1,"index":1,"k":3,"kind":"size","n":28,"p":"valid","s":1,"text":"Input n = 28, kernel k = 3, padding p = valid, stride s = 1. What is the output size?","type":"question"}"#)
        #expect(output[1] == #"{"answer":26,"correct":true,"expected":26,"index":1,"type":"result"}"#)
        #expect(output.last == #"{"correct":2,"total":2,"type":"score"}"#)
    }

    @Test func plainTextShowsTheVerdictScoreAndWorkedFormula() throws {
        var session = try sizeSession()
        var input = ["27"].makeIterator()
        var output: [String] = []
        runPlainQuiz(&session, json: false, language: .ko, readLine: { input.next() }, write: { output.append($0) })
        #expect(output[0] == "문제 1/3 · 출력 크기")
        #expect(output[1] == "입력 n = 28, 커널 k = 3, 패딩 p = valid, 스트라이드 s = 1. 출력 크기는?")
        #expect(output[2] == "✗ 오답: 입력한 값 27, 정답 26  (점수 0/1 · 연속 정답 0)")
        #expect(output[3...7] == ["    out = floor((n + 2p − d(k−1) − 1) / s) + 1", "        = floor((28 + 2·0 − 1·(3−1) − 1) / 1) + 1",
                                  "        = floor(25 / 1) + 1", "        = 25 + 1", "        = 26"])
        #expect(output.contains("최종 점수 0/1, 최고 연속 정답 0"))
    }

    @Test func generatedQuestionsSurviveJSONAndYAML() throws {
        for q in QuizGenerator.questions(.mixed, count: 200, seed: 8) {
            let json = try JSONEncoder().encode(q)
            #expect(try JSONDecoder().decode(QuizQuestion.self, from: json) == q)
        }
    }

    @Test func lessonBlocksDecodeFromYAML() throws {
        let size = try QuizQuestion.fromYAML("kind: size\nn: 28\nk: 3\np: same\ns: 2", file: "l.md", firstLine: 10)
        #expect(size == QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: .same, s: 2))))
        #expect(try size.expected() == .integer(14))
        let chain = try QuizQuestion.fromYAML("""
            kind: chain
            n: 28
            layers:
              - {type: conv, k: 3}
              - {type: pool, k: 2}
              - {type: conv, k: 3, p: same}
            text: After the seed model's first three layers?
            """, file: "l.md", firstLine: 1)
        #expect(try chain.expected() == .integer(13))
        #expect(chain.prompt(.ko) == "After the seed model's first three layers?")
        let params = try QuizQuestion.fromYAML("kind: params\nlayer: dense\ninputs: 576\nunits: 64", file: "l.md", firstLine: 1)
        #expect(try params.expected() == .integer(36_928))
        let cell = try QuizQuestion.fromYAML("kind: cell\ninput: \"1 2 3; 4 5 6; 7 8 9\"\nkernel: [[1, 0], [0, 1]]\nmode: convolve\ni: 1\nj: 1",
                                             file: "l.md", firstLine: 1)
        #expect(try cell.expected() == .real(5 * 1 + 9 * 1))
        let pool = try QuizQuestion.fromYAML("kind: pool\ninput: \"1 2; 3 4\"\npool: avg\ni: 0\nj: 0", file: "l.md", firstLine: 1)
        #expect(try pool.expected() == .real(2.5))
    }

    @Test func badLessonBlocksNameFileAndLine() {
        func message(_ yaml: String) -> String {
            do { _ = try QuizQuestion.fromYAML(yaml, file: "lessons/en/05-padding.md", firstLine: 20); return "" }
            catch { return error.description }
        }
        #expect(message("kind: size\nn: 28\nk: three") == "lessons/en/05-padding.md:22: k: expected a whole number from 1 to 4096")
        #expect(message("kind: size\nn: 28\nk: 3\nstride: 2") == "lessons/en/05-padding.md:23: stride: not a field of a size question (fields: kind, text, n, k, p, s, d)")
        #expect(message("kind: sizes\nn: 1") == "lessons/en/05-padding.md:20: kind: expected size or chain or params or cell or pool or channels or choice or truefalse, not 'sizes'")
        #expect(message("kind: size\nn: 2\nk: 3") .hasPrefix("lessons/en/05-padding.md:20: this size question cannot be answered"))
        #expect(message("kind: cell\ninput: \"1 2; x 4\"\nkernel: \"1\"\ni: 0\nj: 0").hasPrefix("lessons/en/05-padding.md:21: input: matrix row 2"))
        #expect(message("kind: [") .hasPrefix("lessons/en/05-padding.md:20: invalid YAML"))
    }
}

@Suite("Quiz results and report")
struct QuizRecordTests {
    func record(name: String, answers: [String], seed: UInt64 = 4) throws -> QuizRecord {
        var session = try QuizSession(questions: QuizGenerator.questions(.size, count: answers.count, seed: seed))
        for a in answers { try session.submit(a) }
        return QuizRecord(session: session, seed: seed, kind: .size, name: name, date: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func recordsAppendAsWholeLinesAndReadBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quiz-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = try record(name: "ana", answers: ["1", "2"]), b = try record(name: "bo", answers: ["3"])
        try a.append(to: path)
        try b.append(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2 && text.hasSuffix("\n"))
        #expect(QuizRecord.read(text, file: path).records == [a, b] && QuizRecord.read(text, file: path).skipped.isEmpty)
        #expect(a.time == "2027-01-15T08:00:00Z")
        let broken = QuizRecord.read(text.split(separator: "\n")[0] + "\n{oops\n", file: "x.jsonl")
        #expect(broken.records == [a] && broken.skipped == [QuizFileError("x.jsonl:2: skipped: not a quiz record (invalid JSON)")])
        #expect(throws: QuizFileError.self) { try a.append(to: "/nonexistent-dir/r.jsonl") }
    }

    @Test func theReportListsRunsMostMissedAndAHistogram() throws {
        let questions = QuizGenerator.questions(.size, count: 2, seed: 4)
        let right = try questions.map { String(describing: try $0.expected()) }
        let runs = [try record(name: "ana", answers: right), try record(name: "bo", answers: [right[0], "999"]),
                    try record(name: "cy", answers: ["999", "999"])]
        let report = QuizReport(records: runs)
        #expect(report.histogram == [1, 0, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(report.mostMissed.map(\.missed) == [2, 1])
        #expect(report.mostMissed[0].question == questions[1])
        let lines = report.lines()
        #expect(lines.contains { $0.contains("ana") && $0.hasSuffix("2/2 (100%)") })
        #expect(lines.contains { $0.contains("cy") && $0.hasSuffix("0/2 (0%)") })
        #expect(lines.contains("  mean score 50.0%"))
        #expect(lines.contains("  2/3 missed · size: \(questions[1].prompt(.en)) → \(right[1])"))
        #expect(lines.contains("    50–59% │████████████████████████████████████████ 1"))
        #expect(lines.contains("   90–100% │████████████████████████████████████████ 1"))
        #expect(lines.contains("      0–9% │████████████████████████████████████████ 1"))
    }
}

import CNN
@testable import Explorer
import Foundation
import Terminal
import Testing

@Suite("Quiz conceptual questions and typed answers")
struct QuizConceptTests {
    static let choiceYAML = """
        kind: choice
        question: {en: "What does Keras's Conv2D compute?", ko: "Keras의 Conv2D는 무엇을 계산할까요?"}
        options:
          - en: A convolution
            ko: 합성곱
            feedback: {en: "Conv2D uses the kernel as it is.", ko: "Conv2D는 커널을 그대로 씁니다."}
            diagnosis: flipped
          - {en: A cross-correlation, ko: 교차상관}
          - {en: It depends on the padding, ko: 패딩에 따라 다르다}
        answer: b
        explain: {en: "Frameworks skip the rotation.", ko: "프레임워크는 회전을 생략합니다."}
        """
    static let truefalseYAML = """
        kind: truefalse
        question: {en: "ReLU keeps positive inputs unchanged.", ko: "ReLU는 양수 입력을 그대로 둔다."}
        answer: true
        feedback: {en: "ReLU(x) = max(0, x): ReLU(2.5) = 2.5.", ko: "ReLU(x) = max(0, x): ReLU(2.5) = 2.5."}
        """

    func lines(_ buffer: Buffer) -> [String] { buffer.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) } }

    @Test func answersAreReadAsPeopleTypeThem() throws {
        let whole: [(String, Int)] = [("204,928", 204_928), (" 26 ", 26), ("+14", 14), ("14.0", 14), ("1,000,000", 1_000_000),
                                      ("２６", 26), ("\t7\n", 7), ("1e3", 1000)]
        for (text, value) in whole { #expect(try QuizAnswerProblem.parse(text, format: .whole) == .integer(value), "\(text)") }
        let real: [(String, Double)] = [("2.50", 2.5), ("-2.5", -2.5), ("−2.5", -2.5), ("+0.25", 0.25), ("1,234.5", 1234.5)]
        for (text, value) in real { #expect(try QuizAnswerProblem.parse(text, format: .real) == .real(value), "\(text)") }
        #expect(throws: QuizAnswerProblem.misplacedComma("2,5")) { try QuizAnswerProblem.parse("2,5", format: .real) }
        #expect(throws: QuizAnswerProblem.badCharacter("13 px", " ")) { try QuizAnswerProblem.parse("13 px", format: .whole) }
        #expect(QuizAnswerProblem.misplacedComma("2,5").message(.en) == "'2,5': a comma groups thousands (204,928); write decimals with a point (2.5)")
        let options: [(String, Int)] = [("a", 0), ("B", 1), ("c)", 2), (" 2 ", 1), ("3.", 2)]
        for (text, index) in options { #expect(try QuizAnswerProblem.parse(text, format: .option(count: 3)) == .option(index), "\(text)") }
        #expect(throws: QuizAnswerProblem.notAnOption("d", count: 3)) { try QuizAnswerProblem.parse("d", format: .option(count: 3)) }
        #expect(QuizAnswerProblem.notAnOption("d", count: 3).message(.en) == "'d' is not an option: type a letter from a to c (or 1 to 3)")
        for text in ["t", "True", "o", "참", "yes"] { #expect(try QuizAnswerProblem.parse(text, format: .truth) == .truth(true), "\(text)") }
        for text in ["f", "FALSE", "x", "거짓", "n"] { #expect(try QuizAnswerProblem.parse(text, format: .truth) == .truth(false), "\(text)") }
        #expect(throws: QuizAnswerProblem.notTrueFalse("maybe")) { try QuizAnswerProblem.parse("maybe", format: .truth) }
        let long = String(repeating: "1", count: 500)
        #expect(throws: QuizAnswerProblem.notANumber(String(long.prefix(64)) + "…")) { try QuizAnswerProblem.parse(long, format: .whole) }
    }

    @Test func choiceAndTrueFalseFromALessonBlockGradeWithFeedbackAndDiagnosis() throws {
        let choice = try QuizQuestion.fromYAML(Self.choiceYAML, file: "l.md", firstLine: 10)
        #expect(try choice.expected() == .option(1))
        let wrong = try choice.grade(.option(0))
        #expect(!wrong.correct && wrong.diagnosis == .flipped)
        #expect(wrong.lines(.en) == ["Conv2D uses the kernel as it is."])
        #expect(wrong.lines(.ko) == ["Conv2D는 커널을 그대로 씁니다."])
        #expect(try choice.grade(.option(2)).diagnoses.isEmpty, "an option without a diagnosis names none")
        #expect(try choice.grade(.option(1)).correct)
        #expect(choice.worked(.en) == ["The answer: b) A cross-correlation", "Frameworks skip the rotation."])
        let tf = try QuizQuestion.fromYAML(Self.truefalseYAML, file: "l.md", firstLine: 1)
        #expect(try tf.grade(.truth(false)).lines(.en) == ["ReLU(x) = max(0, x): ReLU(2.5) = 2.5."])
        #expect(try tf.grade(.truth(true)).correct)
        // JSON round trip, as in results files and --plain --json.
        for q in [choice, tf] {
            let data = try JSONEncoder().encode(q)
            #expect(try JSONDecoder().decode(QuizQuestion.self, from: data) == q)
        }
    }

    @Test(arguments: [
        ("kind: choice\nquestion: Q\noptions: [A]\nanswer: a", 3, "options: a choice question needs 2 to 5 options, not 1"),
        ("kind: choice\nquestion: Q\noptions: [A, B]\nanswer: c", 4, "answer: expected one of a, b (or 1 to 2)"),
        ("kind: choice\nquestion: Q\noptions: [A, B]", 1, "answer: missing: the right option's letter (a, b)"),
        ("kind: choice\nquestion: {en: Q}\noptions: [A, B]\nanswer: a", 2, "question: expected a text in both languages: {en: …, ko: …}"),
        ("kind: choice\nquestion: Q\noptions:\n  - {en: A, ko: 가, diagnosis: typo}\n  - B\nanswer: b", 3,
         "options: 'typo' is not a known mistake code (missing-plus-one, ceil-not-floor, one-side-padding, no-padding, no-dilation, no-stride, same-keeps-size, same-symmetric, no-flip, flipped, no-bias, bias-per-weight, no-input-channels, wrong-filter, pool-stride-one, wrong-pool-kind, no-divide, padding-in-average, off-by-one-index)"),
        ("kind: choice\nquestion: Q\noptions:\n  - {en: A, ko: 가, feedback: F}\n  - B\nanswer: a", 6,
         "answer: option a is the right one, so it cannot carry feedback or a diagnosis (those are for wrong options)"),
        ("kind: truefalse\nquestion: Q\nanswer: maybe", 3, "answer: expected true or false"),
        ("kind: truefalse\nquestion: Q\nanswer: true\nn: 3", 4, "n: not a field of a truefalse question (fields: kind, question, answer, feedback, diagnosis, explain)"),
    ])
    func badConceptBlocksNameTheLine(_ yaml: String, line: Int, message: String) {
        do {
            _ = try QuizQuestion.fromYAML(yaml, file: "q.md", firstLine: 1)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description == "q.md:\(line): \(message)")
        }
    }

    @Test func theBankHasTwelveOrMoreQuestionsInBothLanguagesWithFeedbackForEveryWrongOption() throws {
        let bank = QuizConceptBank.questions
        #expect(bank.count >= 12)
        func hangul(_ s: String) -> Bool { s.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } }
        for q in bank {
            _ = try q.expected()
            switch q.body {
            case .choice(let c):
                #expect(ChoiceQuestion.optionCounts.contains(c.options.count))
                #expect(hangul(c.question.ko) && !hangul(c.question.en))
                for (i, o) in c.options.enumerated() {
                    #expect(!o.text.en.isEmpty && !o.text.ko.isEmpty)
                    #expect((i == c.answer) == (o.feedback == nil), "every wrong option has feedback, the right one none: \(c.question.en)")
                }
            case .truefalse(let t):
                #expect(hangul(t.statement.ko) && !hangul(t.statement.en) && t.feedback != nil)
            default:
                Issue.record("the bank holds conceptual questions only")
            }
        }
        // concept: the whole bank before any repeats, in an order drawn from the seed.
        let quiz = QuizGenerator.questions(.concept, count: bank.count, seed: 9)
        #expect(Set(quiz) == Set(bank))
        #expect(quiz != QuizGenerator.questions(.concept, count: bank.count, seed: 10))
        #expect(Set(QuizGenerator.questions(.truefalse, count: 30, seed: 1).map(\.kind)) == [.truefalse])
    }

    @Test func aChoiceQuestionOnTheScreenInEnglishAndKorean() throws {
        let choice = try QuizQuestion.fromYAML(Self.choiceYAML, file: "l.md", firstLine: 1)
        let tf = try QuizQuestion.fromYAML(Self.truefalseYAML, file: "l.md", firstLine: 1)
        var app = ExplorerApp(screens: [QuizScreen(session: try QuizSession(questions: [choice, tf]), language: .en)], language: .en)
        var buffer = screen(&app)
        #expect(Array(lines(buffer)[1...10]) == [
            "Question 1/2 · choice",
            "What does Keras's Conv2D compute?",
            "  a) A convolution",
            "  b) A cross-correlation",
            "  c) It depends on the padding",
            "",
            "Answer:",
            "",
            "Type a letter (a–c) and press Enter (Esc leaves the field).",
            "",
        ])
        buffer = screen(&app, [.char("z"), .enter])
        #expect(lines(buffer)[9] == "! 'z' is not an option: type a letter from a to c (or 1 to 3)")
        buffer = screen(&app, [.backspace, .char("a"), .enter])
        #expect(Array(lines(buffer)[1...13]) == [
            "Question 1/2 · choice",
            "What does Keras's Conv2D compute?",
            "  a) A convolution",
            "  b) A cross-correlation",
            "  c) It depends on the padding",
            "",
            "✗ wrong: you answered a, expected b",
            "Conv2D uses the kernel as it is.",
            "score 0/1 · streak 0",
            "",
            "  The answer: b) A cross-correlation",
            "  Frameworks skip the rotation.",
            "",
        ])
        #expect((app.top as? QuizScreen)?.session.results.first?.diagnoses == ["flipped"])
        // Korean, true/false answered with o.
        var ko = ExplorerApp(screens: [QuizScreen(session: try QuizSession(questions: [tf]), language: .ko)], language: .ko)
        buffer = screen(&ko)
        #expect(Array(lines(buffer)[1...6]) == ["문제 1/1 · 참/거짓", "ReLU는 양수 입력을 그대로 둔다. (참 또는 거짓?)", "",
                                                "답:", "", "o(참) 또는 x(거짓)를 입력하고 Enter (Esc: 입력 끝내기)"])
        buffer = screen(&ko, [.char("o"), .enter])
        #expect(Array(lines(buffer)[4...8]) == ["✓ 정답: 참", "점수 1/1 · 연속 정답 1", "", "  이 문장은 참입니다.", ""])
    }

    @Test func choiceQuestionsOverThePlainJSONProtocol() throws {
        let choice = try QuizQuestion.fromYAML(Self.choiceYAML, file: "l.md", firstLine: 1)
        let tf = try QuizQuestion.fromYAML(Self.truefalseYAML, file: "l.md", firstLine: 1)
        var session = try QuizSession(questions: [choice, tf, QuizQuestion(.size(SizeQuestion(n: 29, k: 3, s: 2)))])
        var input = ["e", "a", "t", "13"].makeIterator()
        var output: [String] = []
        runPlainQuiz(&session, json: true, language: .en, readLine: { input.next() }, write: { output.append($0) })
        let decoded = try output.map { try JSONDecoder().decode(QuizLine.self, from: Data($0.utf8)) }
        guard case .question(_, _, let text, let choices) = decoded[0] else { Issue.record("\(output[0])"); return }
        #expect(text == "What does Keras's Conv2D compute?")
        #expect(choices == ["a) A convolution", "b) A cross-correlation", "c) It depends on the padding"])
        #expect(output[1] == #"{"index":1,"message":"'e' is not an option: type a letter from a to c (or 1 to 3)","type":"error"}"#)
        #expect(output[3] == #"{"answer":"a","correct":false,"diagnosis":"flipped","expected":"b","feedback":["Conv2D uses the kernel as it is."],"index":1,"type":"result"}"#)
        #expect(output[5] == #"{"answer":true,"correct":true,"expected":true,"index":2,"type":"result"}"#)
        #expect(output[7] == #"{"answer":13,"correct":false,"diagnosis":"missing-plus-one","expected":14,"feedback":["You left out the +1: floor(26 / 2) = 13; right: floor(26 / 2) + 1 = 14"],"index":3,"type":"result"}"#)
        // The results file keeps the diagnosis per answer under the same key.
        let record = QuizRecord(session: session, seed: 1, kind: .mixed, name: "kim")
        let line = String(decoding: try record.jsonLine(), as: UTF8.self)
        #expect(line.contains(#""diagnosis":"flipped""#) && line.contains(#""diagnosis":"missing-plus-one""#))
        let back = QuizRecord.read(line, file: "r.jsonl")
        #expect(back.skipped.isEmpty && back.records.first?.questions.map(\.diagnosis) == ["flipped", nil, "missing-plus-one"])
    }
}

@Suite("Quiz steps in lessons")
struct LessonQuizStepTests {
    func quiz(_ yaml: String, _ language: Language) throws -> ExplorerApp {
        let screen = try LessonBlockFactory.quizBlock(LessonBlock(kind: .quiz, yaml: yaml, line: 5), file: "l.md", language: language)
        return ExplorerApp(screens: [screen], language: language)
    }

    @Test func aLessonCheckNamesTheMistakeAndShowsTheWorkingOfARightAnswer() throws {
        let yaml = "kind: size\nn: 29\nk: 3\ns: 2\n"
        var app = try quiz(yaml, .en)
        let wrong = screen(&app, "13".map { Key.char($0) } + [.enter]).lines
        #expect(wrong.contains { $0.hasPrefix("You left out the +1: floor(26 / 2) = 13; right: floor(26 / 2) + 1 = 14") }, "\(wrong)")
        var right = try quiz(yaml, .ko)
        let text = screen(&right, "14".map { Key.char($0) } + [.enter]).lines
        #expect(text.contains { $0.hasPrefix("✓ 정답: 14") })
        #expect(text.contains { $0.contains("= floor(26 / 2) + 1") }, "a lesson shows the working of a right answer: \(text)")
        #expect(!text.last!.contains("w "), "no key needed in a lesson")
    }
}

extension LessonQuizStepTests {
    /// Every bank question, answered with each wrong option (and the right one), shows its
    /// verdict, feedback, working and the "next" hint inside 80×24 in both languages.
    @Test func everyBankQuestionFitsTheMinimumTerminal() throws {
        for question in QuizConceptBank.questions {
            let answers: [String]
            switch question.body {
            case .choice(let c): answers = c.options.indices.map(ChoiceQuestion.letter)
            default: answers = ["t", "f"]
            }
            for language in Language.allCases {
                for answer in answers {
                    var app = ExplorerApp(screens: [QuizScreen(session: try QuizSession(questions: [question, question]), language: language)],
                                          language: language)
                    let text = screen(&app, answer.map { Key.char($0) } + [.enter]).lines
                    let next = language == .en ? "Enter: next question" : "Enter: 다음 문제"
                    #expect(text.contains { $0.hasPrefix(next) }, "\(text.joined(separator: "\n"))")
                    #expect(text.contains { $0.hasPrefix("✓") || $0.hasPrefix("✗") })
                }
            }
        }
    }
}

import Foundation

/// Why a typed answer was refused (it is not counted; the same question is asked again).
public enum QuizAnswerProblem: Error, Sendable, Equatable {
    case empty
    case notANumber(String)
    case notWhole(String)
    /// The text, and whether the answer is a whole number (0…limit) or a real one (±limit).
    case outOfRange(String, whole: Bool)

    /// Largest magnitude an answer may have.
    public static let limit: Double = 1_000_000_000

    public func message(_ language: Language) -> String {
        switch self {
        case .empty:
            Localized(en: "type a number, then Enter", ko: "숫자를 입력하고 Enter")[language]
        case .notANumber(let t):
            Localized(en: "'\(t)' is not a number: type a number such as 13 or 4.5",
                      ko: "'\(t)': 숫자가 아닙니다. 13이나 4.5 같은 숫자를 입력하세요")[language]
        case .notWhole(let t):
            Localized(en: "'\(t)': the answer is a whole number", ko: "'\(t)': 답은 정수입니다")[language]
        case .outOfRange(let t, let whole):
            whole
                ? Localized(en: "'\(t)' is out of range: the answer is a whole number from 0 to 1000000000",
                            ko: "'\(t)': 범위를 벗어났습니다. 답은 0 ~ 1000000000 사이의 정수입니다")[language]
                : Localized(en: "'\(t)' is out of range: the answer lies between −1000000000 and 1000000000",
                            ko: "'\(t)': 범위를 벗어났습니다. 답은 −1000000000 ~ 1000000000 사이입니다")[language]
        }
    }

    /// Parses a typed answer: a decimal number (`13`, `-2.5`, `1e3`), whole and ≥ 0 when
    /// `integer`, at most `limit` in magnitude. Hex, `nan` and `inf` are not numbers here.
    public static func parse(_ raw: String, integer: Bool) throws(QuizAnswerProblem) -> QuizValue {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")
        guard !text.isEmpty else { throw .empty }
        let allowed = Set("0123456789.-+eE")
        guard text.allSatisfy({ allowed.contains($0) }), text.contains(where: \.isNumber), let x = Double(text) else {
            throw .notANumber(raw.trimmingCharacters(in: .whitespaces))
        }
        guard x.isFinite, abs(x) <= limit else { throw .outOfRange(text, whole: integer) }
        guard integer else { return .real(x) }
        guard x == x.rounded() else { throw .notWhole(text) }
        guard x >= 0 else { throw .outOfRange(text, whole: true) }
        return .integer(Int(x))
    }
}

/// One answered question.
public struct QuizResult: Sendable, Equatable, Codable {
    /// 1-based position in the quiz.
    public let index: Int
    public let question: QuizQuestion
    public let answer: QuizValue
    public let expected: QuizValue
    public let correct: Bool
}

/// A quiz as a pure state machine: the questions, the answers so far, the score and the
/// streak. Front ends (the TUI screen, `stride quiz --plain`) feed it typed lines.
public struct QuizSession: Sendable, Equatable {
    public let questions: [QuizQuestion]
    /// The engine's answer to each question, worked out up front.
    public let expectedAnswers: [QuizValue]
    public private(set) var results: [QuizResult] = []
    /// Right answers in a row, ending with the last answer.
    public private(set) var streak = 0
    public private(set) var bestStreak = 0
    /// The time limit ran out (`expire()`): the questions left unanswered count as wrong.
    public private(set) var timedOut = false

    /// Throws when a question cannot be answered (the engine rejects it).
    public init(questions: [QuizQuestion]) throws(QuizQuestionError) {
        var expected: [QuizValue] = []
        for (index, question) in questions.enumerated() {
            do { expected.append(try question.expected()) } catch {
                throw QuizQuestionError("question \(index + 1) (\(question.kind.rawValue)): \(error.description)")
            }
        }
        self.questions = questions
        self.expectedAnswers = expected
    }

    /// 0-based index of the question being asked (== count when finished).
    public var position: Int { results.count }
    public var isFinished: Bool { timedOut || results.count == questions.count }
    public var current: QuizQuestion? { isFinished ? nil : questions[position] }
    public var correctCount: Int { results.filter(\.correct).count }
    public var answeredCount: Int { results.count }
    /// Questions the score is out of: those answered, or every question once time ran out
    /// (the unanswered count as wrong).
    public var scoredCount: Int { timedOut ? questions.count : results.count }
    /// Questions left unanswered when time ran out (0 otherwise).
    public var unansweredCount: Int { timedOut ? questions.count - results.count : 0 }

    /// Ends the quiz because its time limit ran out: no more answers are taken, and the
    /// questions not answered count as wrong (`scoredCount`). Does nothing once finished.
    public mutating func expire() {
        guard !isFinished else { return }
        timedOut = true
        streak = 0
    }

    /// Grades a typed answer to the current question. A refused line changes nothing.
    @discardableResult
    public mutating func submit(_ text: String) throws(QuizAnswerProblem) -> QuizResult {
        guard let question = current else { throw .empty }
        let answer = try QuizAnswerProblem.parse(text, integer: question.wantsInteger)
        let expected = expectedAnswers[position]
        let correct = question.isCorrect(answer.doubleValue, expected: expected)
        let result = QuizResult(index: position + 1, question: question, answer: answer, expected: expected, correct: correct)
        results.append(result)
        streak = correct ? streak + 1 : 0
        bestStreak = max(bestStreak, streak)
        return result
    }

    /// `score 3/5 · streak 2`.
    public func scoreLine(_ language: Language) -> String {
        QuizStrings.score(correctCount, scoredCount, streak: streak)[language]
    }

    /// Right answers and questions answered, per kind, in `QuizKind` order (kinds asked only).
    public var perKind: [(kind: QuizKind, correct: Int, total: Int)] {
        QuizKind.allCases.compactMap { kind in
            let answered = results.filter { $0.question.kind == kind }
            return answered.isEmpty ? nil : (kind, answered.filter(\.correct).count, answered.count)
        }
    }

    public var missed: [QuizResult] { results.filter { !$0.correct } }

    /// The end-of-quiz summary: score, per kind, and each missed question with its answer.
    public func summaryLines(_ language: Language) -> [String] {
        var lines = [Localized(en: "Final score \(correctCount)/\(scoredCount), best streak \(bestStreak)",
                               ko: "최종 점수 \(correctCount)/\(scoredCount), 최고 연속 정답 \(bestStreak)")[language]]
        if timedOut {
            lines.append(Localized(en: "Time is up: \(counted(unansweredCount, "question")) not answered count as wrong.",
                                   ko: "시간이 다 되었습니다: 답하지 않은 \(unansweredCount)문제는 오답으로 셉니다.")[language])
        }
        for row in perKind {
            lines.append("  \(QuizStrings.kindName(row.kind)[language]): \(row.correct)/\(row.total)")
        }
        if !missed.isEmpty {
            lines.append(Localized(en: "Missed:", ko: "틀린 문제:")[language])
            for result in missed {
                lines.append("  \(result.index). \(result.question.prompt(language))")
                lines.append("     " + Localized(en: "your answer \(result.answer), expected \(result.expected)",
                                                 ko: "입력한 값 \(result.answer), 정답 \(result.expected)")[language])
            }
        }
        return lines
    }
}

import Foundation
import CNN

/// One student's graded answer to one question of a class.
public struct GradedAnswer: Sendable, Equatable {
    public let name: String
    /// 1-based position of the question in the class.
    public let index: Int
    /// The answer as the student typed it (raw: sanitise before any terminal or export).
    public let text: String
    public let value: QuizValue
    public let expected: QuizValue
    public let correct: Bool
    /// Why a wrong answer is likely wrong (a quiz diagnosis code); nil when nothing matched.
    public var diagnosis: String?
    /// Seconds since 1970 when the server graded it.
    public let time: Double

    public init(name: String, index: Int, text: String, value: QuizValue, expected: QuizValue, correct: Bool,
                diagnosis: String?, time: Double) {
        self.name = name; self.index = index; self.text = text; self.value = value
        self.expected = expected; self.correct = correct; self.diagnosis = diagnosis; self.time = time
    }
}

/// Grades a typed answer against a question, exactly as `stride quiz` does (the quiz's answer
/// parser and `QuizQuestion.isCorrect`), and is the one place a diagnosis is attached.
///
/// The diagnosis: `diagnose(question, answer, expected)` names the likely mistake of a wrong
/// answer — by default the quiz's own (`QuizQuestion.grade`: the engine's mistake module, or a
/// wrong option's `diagnosis`); nil for an answer no known mistake gives, and then the field is
/// absent on screen, on the wire and in the export.
public struct ClassGrader: Sendable {
    public var diagnose: @Sendable (QuizQuestion, QuizValue, QuizValue) -> String?

    public init(diagnose: @escaping @Sendable (QuizQuestion, QuizValue, QuizValue) -> String? = { question, answer, expected in
        question.grade(answer, expected: expected).diagnosis?.rawValue
    }) {
        self.diagnose = diagnose
    }

    /// The parsed answer and whether it is right; throws the quiz's refusal for a line that
    /// is not an answer (it is not recorded).
    public func grade(_ text: String, question: QuizQuestion, expected: QuizValue)
        throws(QuizAnswerProblem) -> (value: QuizValue, correct: Bool, diagnosis: String?) {
        let value = try QuizAnswerProblem.parse(text, format: question.answerFormat)
        let correct = question.isCorrect(value, expected: expected)
        return (value, correct, correct ? nil : diagnose(question, value, expected))
    }
}

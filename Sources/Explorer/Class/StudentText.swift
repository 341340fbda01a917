import CNN
import Terminal

/// What a student sees when the instructor reveals a question, in the words of `stride quiz`:
/// the verdict (`✓ correct: 26`, `✗ wrong: you answered 24, expected 26`), the feedback on a
/// wrong answer (the named mistake with its working, as `QuizGrade.lines` gives it), the
/// working of the right answer (after a wrong one, and always for a conceptual question) and
/// how the class did. `stride class join --plain` prints these lines and the student's
/// screen draws them, so both say the same.
public struct StudentReveal: Sendable, Equatable {
    public let verdict: String
    /// nil: the student did not answer.
    public let correct: Bool?
    /// Why the answer is wrong: the mistakes with their working, or the author's feedback.
    public let feedback: [String]
    /// The working of the right answer ([] after a right numeric answer).
    public let working: [String]
    /// `30 of 38 answered right.`
    public let tally: String

    /// - Parameters:
    ///   - diagnosis: the server's `MistakeCode` raw value for a wrong answer, used when the
    ///     question is not known here (or its grading names nothing): named in `language`,
    ///     or shown as sent (sanitised) when this client does not know the code.
    public init(answer: QuizValue?, correct: Bool, expected: QuizValue, diagnosis: String?, answered: Int, right: Int,
                question: QuizQuestion?, language l: Language) {
        let worked = question?.worked(l) ?? []
        if let answer {
            self.correct = correct
            verdict = (correct ? QuizStrings.right(expected) : QuizStrings.wrong(answer: answer, expected: expected))[l]
        } else {
            self.correct = nil
            verdict = Localized(en: "You did not answer; the answer is \(expected.display(.en)).",
                                ko: "답하지 않았습니다. 정답은 \(expected.display(.ko))입니다.")[l]
        }
        var feedback: [String] = []
        if let answer, !correct, let question {
            feedback = question.grade(answer, expected: expected).lines(l, shown: worked).map { TerminalSafe.text($0) }
        }
        if feedback.isEmpty, answer != nil, !correct, let diagnosis {
            feedback = [MistakeCode(rawValue: diagnosis).map { QuizStrings.mistake($0)[l] } ?? TerminalSafe.text(diagnosis)]
        }
        self.feedback = feedback
        let conceptual = question?.answerFormat.isConceptual ?? false
        working = answer == nil || !correct || conceptual ? worked.map { TerminalSafe.text($0) } : []
        tally = Localized(en: "\(right) of \(answered) answered right.", ko: "\(answered)명 중 \(right)명 정답.")[l]
    }
}

/// The student's fixed phrases that both the plain output and the screen use.
public enum StudentText {
    /// An answer typed for a question that is no longer open: it was not sent.
    public static func closed(_ index: Int) -> Localized {
        Localized(en: "Question \(index) is no longer open: that answer was not sent.",
                  ko: "\(index)번 문제는 이제 답을 받지 않습니다. 그 답은 보내지 않았습니다.")
    }

    /// An answer typed for a question already answered.
    public static func alreadyAnswered(_ index: Int) -> Localized {
        Localized(en: "Question \(index) is already answered: the answer is locked in until the reveal.",
                  ko: "\(index)번 문제는 이미 답했습니다. 정답 공개까지 답은 바꿀 수 없습니다.")
    }

    public static let reconnected = Localized(en: "Reconnected: same name, same answers.", ko: "다시 연결했습니다: 같은 이름, 같은 답.")
}

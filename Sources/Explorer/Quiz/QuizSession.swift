import CNN
import Foundation

/// Why a typed answer was refused (it is not counted; the same question is asked again).
public enum QuizAnswerProblem: Error, Sendable, Equatable {
    case empty
    case notANumber(String)
    /// The text and the first character that cannot be part of a number.
    case badCharacter(String, Character)
    /// A comma that does not group thousands (`2,5`, `20,00`).
    case misplacedComma(String)
    case notWhole(String)
    /// The text, and whether the answer is a whole number (0…limit) or a real one (±limit).
    case outOfRange(String, whole: Bool)
    /// Not one of the options' letters or numbers; `count` options.
    case notAnOption(String, count: Int)
    case notTrueFalse(String)

    /// Largest magnitude an answer may have.
    public static let limit: Double = 1_000_000_000
    /// Longest answer read, in characters (a longer line is refused before it is looked at).
    public static let maxLength = 64

    public func message(_ language: Language) -> String {
        switch self {
        case .empty:
            Localized(en: "type a number, then Enter", ko: "숫자를 입력하고 Enter")[language]
        case .notANumber(let t):
            Localized(en: "'\(t)' is not a number: type a number such as 13 or 4.5",
                      ko: "'\(t)': 숫자가 아닙니다. 13이나 4.5 같은 숫자를 입력하세요")[language]
        case .badCharacter(let t, let c):
            Localized(en: "'\(t)' is not a number: '\(c)' cannot be part of one (type 13, 204,928 or 4.5)",
                      ko: "'\(t)': 숫자가 아닙니다 ('\(c)' 불가). 13, 204,928, 4.5처럼 입력하세요")[language]
        case .misplacedComma(let t):
            Localized(en: "'\(t)': a comma groups thousands (204,928); write decimals with a point (2.5)",
                      ko: "'\(t)': 쉼표는 세 자리마다 씁니다 (204,928). 소수는 점으로 쓰세요 (2.5)")[language]
        case .notWhole(let t):
            Localized(en: "'\(t)': the answer is a whole number", ko: "'\(t)': 답은 정수입니다")[language]
        case .outOfRange(let t, let whole):
            whole
                ? Localized(en: "'\(t)' is out of range: the answer is a whole number from 0 to 1000000000",
                            ko: "'\(t)': 범위를 벗어났습니다. 답은 0 ~ 1000000000 사이의 정수입니다")[language]
                : Localized(en: "'\(t)' is out of range: the answer lies between −1000000000 and 1000000000",
                            ko: "'\(t)': 범위를 벗어났습니다. 답은 −1000000000 ~ 1000000000 사이입니다")[language]
        case .notAnOption(let t, let count):
            Localized(en: "'\(t)' is not an option: type a letter from a to \(ChoiceQuestion.letter(count - 1)) (or 1 to \(count))",
                      ko: "'\(t)': 보기가 아닙니다. a ~ \(ChoiceQuestion.letter(count - 1)) 중 하나를 입력하세요 (또는 1 ~ \(count))")[language]
        case .notTrueFalse(let t):
            Localized(en: "'\(t)': answer t (true) or f (false)", ko: "'\(t)': 참(o) 또는 거짓(x)으로 답하세요")[language]
        }
    }

    /// Parses a typed answer as people type it: surrounding blanks ignored (` 26 `), a sign
    /// (`+14`, `-2.5`, `−2.5`), thousands grouped by commas (`204,928`, as `stride summary`
    /// prints counts), trailing zeros (`2.50`), exponents (`1e3`), full-width digits (`２６`).
    /// Whole and ≥ 0 when `integer`, at most `limit` in magnitude. Hex, `nan` and `inf` are
    /// not numbers here.
    public static func parse(_ raw: String, integer: Bool) throws(QuizAnswerProblem) -> QuizValue {
        try parse(raw, format: integer ? .whole : .real)
    }

    /// Parses a typed answer for a question taking `format`: a number (see above), an
    /// option's letter or number (`b`, `B`, `b)`, `2`), or true/false (`t`, `true`, `o`, `참`…).
    public static func parse(_ raw: String, format: QuizAnswerFormat) throws(QuizAnswerProblem) -> QuizValue {
        let trimmed = String(raw.prefix(maxLength + 1)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let shown = trimmed.count > maxLength ? String(trimmed.prefix(maxLength)) + "…" : trimmed
        switch format {
        case .option(let count):
            let text = trimmed.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ").:"))
            if let i = (0..<count).first(where: { ChoiceQuestion.letter($0) == text }) { return .option(i) }
            if let n = Int(text), (1...max(1, count)).contains(n) { return .option(n - 1) }
            throw .notAnOption(shown, count: count)
        case .truth:
            let text = trimmed.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".!"))
            if TruthWords.yes.contains(text) { return .truth(true) }
            if TruthWords.no.contains(text) { return .truth(false) }
            throw .notTrueFalse(shown)
        case .whole, .real:
            return try number(trimmed, shown: shown, integer: format == .whole)
        }
    }

    private static func number(_ trimmed: String, shown: String, integer: Bool) throws(QuizAnswerProblem) -> QuizValue {
        guard trimmed.count <= maxLength else { throw .notANumber(shown) }
        // Full-width digits and signs (a Korean IME) and the minus sign, as ASCII.
        var text = String(trimmed.map { ch -> Character in
            if ch == "−" || ch == "－" { return "-" }
            if ch == "＋" { return "+" }
            if ch == "．" { return "." }
            if ch == "，" { return "," }
            if let s = ch.unicodeScalars.first, ch.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(s.value),
               let ascii = UnicodeScalar(s.value - 0xFF10 + 48) { return Character(ascii) }
            return ch
        })
        let allowed = Set("0123456789.-+eE,")
        if let bad = text.first(where: { !allowed.contains($0) }) { throw .badCharacter(shown, bad) }
        if text.contains(",") {
            // Commas only between groups of three digits, in the whole part: 1,234 / -12,345.6
            let body = text.drop { $0 == "-" || $0 == "+" }
            let whole = body.prefix { $0 != "." && $0 != "e" && $0 != "E" }
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard !whole.hasPrefix(","), !body.dropFirst(whole.count).contains(","),
                  (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
                  groups.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { throw .misplacedComma(shown) }
            text.removeAll { $0 == "," }
        }
        guard text.contains(where: \.isNumber), let x = Double(text) else { throw .notANumber(shown) }
        guard x.isFinite, abs(x) <= limit else { throw .outOfRange(shown, whole: integer) }
        guard integer else { return .real(x) }
        guard x == x.rounded() else { throw .notWhole(shown) }
        guard x >= 0 else { throw .outOfRange(shown, whole: true) }
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
    /// The known mistakes that give this answer (`MistakeCode` raw values; empty when right
    /// or unrecognised). JSON: `"diagnosis"` (the first), plus `"diagnoses"` when several.
    public var diagnoses: [String] = []

    public var diagnosis: String? { diagnoses.first }
}

extension QuizResult {
    private enum Keys: String, CodingKey { case index, question, answer, expected, correct, diagnosis, diagnoses }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        index = try c.decode(Int.self, forKey: .index)
        question = try c.decode(QuizQuestion.self, forKey: .question)
        answer = try c.decode(QuizValue.self, forKey: .answer)
        expected = try c.decode(QuizValue.self, forKey: .expected)
        correct = try c.decode(Bool.self, forKey: .correct)
        if let all = try c.decodeIfPresent([String].self, forKey: .diagnoses) { diagnoses = all }
        else if let one = try c.decodeIfPresent(String.self, forKey: .diagnosis) { diagnoses = [one] }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(index, forKey: .index)
        try c.encode(question, forKey: .question)
        try c.encode(answer, forKey: .answer)
        try c.encode(expected, forKey: .expected)
        try c.encode(correct, forKey: .correct)
        try c.encodeIfPresent(diagnosis, forKey: .diagnosis)
        if diagnoses.count > 1 { try c.encode(diagnoses, forKey: .diagnoses) }
    }
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
        let answer = try QuizAnswerProblem.parse(text, format: question.answerFormat)
        let grade = question.grade(answer, expected: expectedAnswers[position])
        let correct = grade.correct
        let result = QuizResult(index: position + 1, question: question, answer: answer, expected: grade.expected,
                                correct: correct, diagnoses: grade.diagnoses.map(\.rawValue))
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
                lines.append("     " + Localized(en: "your answer \(result.answer.display(.en)), expected \(result.expected.display(.en))",
                                                 ko: "입력한 값 \(result.answer.display(.ko)), 정답 \(result.expected.display(.ko))")[language])
                if let code = result.diagnosis.flatMap(MistakeCode.init(rawValue:)) {
                    lines.append("     " + QuizStrings.mistake(code)[language])
                }
            }
        }
        return lines
    }
}

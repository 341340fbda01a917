import Foundation
import Terminal

/// The line objects of `stride quiz --plain --json`, one JSON object per line:
///
///     {"type": "question", "index": 1, "kind": "size", "n": 28, "k": 3, "p": "valid", "s": 1, "d": 1, "text": "…"}
///     {"type": "error", "index": 1, "message": "'abc' is not a number: …"}     (then the same question again)
///     {"type": "result", "index": 1, "answer": 26, "correct": true, "expected": 26}
///     {"type": "result", "index": 2, "answer": 13, "correct": false, "expected": 14, "diagnosis": "missing-plus-one",
///      "feedback": ["You left out the +1: …"]}
///     {"type": "score", "correct": 1, "total": 1}
///
/// `index` counts from 1; a question carries its kind's fields (see `QuizQuestion`'s Codable)
/// and, for `choice`, `choices`: the options as shown (`a) …`). A result carries `diagnosis`
/// (a `MistakeCode`) when a known mistake gives the wrong answer, `diagnoses` when several
/// do, and `feedback`: the lines naming them with their working (absent when right).
public enum QuizLine: Sendable, Equatable {
    case question(index: Int, question: QuizQuestion, text: String, choices: [String] = [])
    case error(index: Int, message: String)
    case result(index: Int, answer: QuizValue, correct: Bool, expected: QuizValue, diagnoses: [String] = [], feedback: [String] = [])
    case score(correct: Int, total: Int)
}

extension QuizLine: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SettingKey.self)
        switch self {
        case .question(let index, let question, let text, let choices):
            try c.encode("question", forKey: SettingKey("type"))
            try c.encode(index, forKey: SettingKey("index"))
            try question.encode(to: encoder)
            try c.encode(text, forKey: SettingKey("text"))
            // The options as shown, in the language asked (the question holds both).
            if !choices.isEmpty { try c.encode(choices, forKey: SettingKey("choices")) }
        case .error(let index, let message):
            try c.encode("error", forKey: SettingKey("type"))
            try c.encode(index, forKey: SettingKey("index"))
            try c.encode(message, forKey: SettingKey("message"))
        case .result(let index, let answer, let correct, let expected, let diagnoses, let feedback):
            try c.encode("result", forKey: SettingKey("type"))
            try c.encode(index, forKey: SettingKey("index"))
            try c.encode(answer, forKey: SettingKey("answer"))
            try c.encode(correct, forKey: SettingKey("correct"))
            try c.encode(expected, forKey: SettingKey("expected"))
            try c.encodeIfPresent(diagnoses.first, forKey: SettingKey("diagnosis"))
            if diagnoses.count > 1 { try c.encode(diagnoses, forKey: SettingKey("diagnoses")) }
            if !feedback.isEmpty { try c.encode(feedback, forKey: SettingKey("feedback")) }
        case .score(let correct, let total):
            try c.encode("score", forKey: SettingKey("type"))
            try c.encode(correct, forKey: SettingKey("correct"))
            try c.encode(total, forKey: SettingKey("total"))
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        let type = try c.decode(String.self, forKey: SettingKey("type"))
        switch type {
        case "question":
            // The question's own decoder rejects keys it does not know: hand it the rest.
            let index = try c.decode(Int.self, forKey: SettingKey("index"))
            let text = try c.decode(String.self, forKey: SettingKey("text"))
            let question = try QuestionFields(from: decoder).question
            self = .question(index: index, question: question, text: text,
                             choices: try c.decodeIfPresent([String].self, forKey: SettingKey("choices")) ?? [])
        case "error":
            self = .error(index: try c.decode(Int.self, forKey: SettingKey("index")),
                          message: try c.decode(String.self, forKey: SettingKey("message")))
        case "result":
            self = .result(index: try c.decode(Int.self, forKey: SettingKey("index")),
                           answer: try c.decode(QuizValue.self, forKey: SettingKey("answer")),
                           correct: try c.decode(Bool.self, forKey: SettingKey("correct")),
                           expected: try c.decode(QuizValue.self, forKey: SettingKey("expected")),
                           diagnoses: try c.decodeIfPresent([String].self, forKey: SettingKey("diagnoses"))
                               ?? (try c.decodeIfPresent(String.self, forKey: SettingKey("diagnosis"))).map { [$0] } ?? [],
                           feedback: try c.decodeIfPresent([String].self, forKey: SettingKey("feedback")) ?? [])
        case "score":
            self = .score(correct: try c.decode(Int.self, forKey: SettingKey("correct")),
                          total: try c.decode(Int.self, forKey: SettingKey("total")))
        default:
            throw SettingsProblem("type", "unknown line type '\(type)'")
        }
    }

    /// The line as compact JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// A question line minus `type` and `index`, decoded as a question (the text is the generated one).
private struct QuestionFields: Decodable {
    let question: QuizQuestion
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        var object: [String: JSONValue] = [:]
        for key in c.allKeys where !["type", "index", "text", "choices"].contains(key.stringValue) {
            object[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
        }
        let data = try JSONEncoder().encode(object)
        question = try JSONDecoder().decode(QuizQuestion.self, from: data)
    }
}

/// Any JSON value (for re-encoding a subset of an object).
private indirect enum JSONValue: Codable {
    case number(Double), string(String), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        case .null: try c.encodeNil()
        }
    }
}

/// `stride quiz --plain`: asks each question, reads one answer per line, grades it, and
/// ends with the score — at the last question or at end of input. A line that is not a
/// valid answer gets a message (an `error` object with `json`) and the same question again;
/// it is not counted. `readLine` returns nil at end of input; `write` gets whole lines.
/// `onResult` sees each graded answer. When `readLine` returned nil because a time limit ran
/// out (`timedOut()`), the session expires: the questions left count as wrong, a line says so
/// (`{"type":"time-up","unanswered":N}` with `json`) and the score is out of every question.
public func runPlainQuiz(_ session: inout QuizSession, json: Bool, language: Language,
                         readLine: () -> String?, write: (String) -> Void,
                         onResult: (QuizResult) -> Void = { _ in }, timedOut: () -> Bool = { false }) {
    var asked = -1
    while let question = session.current {
        let index = session.position + 1
        if asked != index {
            asked = index
            askPlain(question, index: index, count: session.questions.count, json: json, language: language, write: write)
        }
        guard let line = readLine() else { break }
        do {
            let result = try session.submit(line)
            onResult(result)
            let grade = question.grade(result.answer, expected: result.expected)
            let feedback = grade.lines(language)
            if json {
                write(QuizLine.result(index: index, answer: result.answer, correct: result.correct, expected: result.expected,
                                      diagnoses: result.diagnoses, feedback: feedback).json)
            } else {
                let verdict = result.correct ? QuizStrings.right(result.expected) : QuizStrings.wrong(answer: result.answer, expected: result.expected)
                write(verdict[language] + "  (" + session.scoreLine(language) + ")")
                grade.lines(language, shown: question.worked(language)).forEach { write("  " + TerminalSafe.text($0)) }
                // The working: after a wrong answer, and always for a conceptual question.
                if !result.correct || question.answerFormat.isConceptual { question.worked(language).forEach { write("    " + $0) } }
                write("")
            }
        } catch {
            if json {
                write(QuizLine.error(index: index, message: error.message(language)).json)
            } else {
                write("! " + error.message(language))
            }
            asked = -1  // the same question again
        }
    }
    if !session.isFinished, timedOut() {
        session.expire()
        write(json ? #"{"type":"time-up","unanswered":\#(session.unansweredCount)}"#
                   : Localized(en: "Time is up.", ko: "시간이 다 되었습니다.")[language])
    }
    if json {
        write(QuizLine.score(correct: session.correctCount, total: session.scoredCount).json)
    } else {
        session.summaryLines(language).forEach(write)
    }
}

private func askPlain(_ question: QuizQuestion, index: Int, count: Int, json: Bool, language: Language, write: (String) -> Void) {
    if json {
        write(QuizLine.question(index: index, question: question, text: question.prompt(language),
                                choices: question.optionLines(language)).json)
        return
    }
    write(QuizStrings.question(index, of: count, kind: question.kind)[language])
    write(TerminalSafe.text(question.prompt(language)))
    question.optionLines(language).forEach { write("  " + TerminalSafe.text($0)) }
    for figure in question.figures(language) {
        write("  \(figure.caption):")
        figure.lines.forEach { write("    " + $0) }
    }
}

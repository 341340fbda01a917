import CNN
import Terminal

/// One value the student predicts before the scene shows it: an output cell's value (from the
/// engine's trace) or the output's size (from the engine's geometry).
public struct PredictQuestion: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        case value(Float)
        case size(rows: Int, cols: Int)
    }

    /// What is asked, as the screen writes it: `out[0,1]`, `max[1,0]`, `output size`.
    public let label: Localized
    public let answer: Answer

    public init(_ label: Localized, _ answer: Answer) {
        self.label = label
        self.answer = answer
    }

    public init(_ label: String, _ answer: Answer) { self.init(Localized(en: label, ko: label), answer) }

    /// The answer as the screen writes it (`8`, `2.5`, `2×3`).
    public var answerText: String {
        switch answer {
        case .value(let x): formatNumber(x)
        case .size(let r, let c): "\(r)×\(c)"
        }
    }
}

/// A typed prediction, read as people type them: ` 26 `, `2.50`, `-3`, `−3`; a size as `2`,
/// `2x3`, `2×3` or `2 3`.
public enum PredictGuess: Sendable, Equatable {
    case value(Double)
    case size(rows: Int, cols: Int)

    /// Reads `text` for `question`; throws the reason it is not an answer (said, not counted).
    static func parse(_ text: String, for question: PredictQuestion) throws(PredictRefusal) -> PredictGuess {
        switch question.answer {
        case .value:
            do { return .value(try QuizAnswerProblem.parse(text, integer: false).doubleValue) }
            catch { throw PredictRefusal(error.message) }
        case .size(let rows, let cols):
            let parts = text.lowercased().split { "x×* ,".contains($0) }.map(String.init)
            let numbers = parts.compactMap { Int($0) }
            guard !parts.isEmpty, numbers.count == parts.count, numbers.allSatisfy({ $0 >= 0 && $0 <= 100_000 }) else {
                let shown = TerminalSafe.text(text.trimmingCharacters(in: .whitespaces))
                throw PredictRefusal { language in
                    Localized(en: "'\(shown)' is not a size: type rows×cols such as 3×3 (or one number when rows = cols)",
                              ko: "'\(shown)': 크기가 아닙니다. 3×3처럼 행×열을 입력하세요 (행과 열이 같으면 숫자 하나)")[language]
                }
            }
            switch numbers.count {
            case 1 where rows == cols: return .size(rows: numbers[0], cols: numbers[0])
            case 1: throw PredictRefusal { language in
                Localized(en: "the rows and columns differ here: type rows×cols", ko: "여기서는 행과 열이 다릅니다: 행×열로 입력하세요")[language]
            }
            case 2: return .size(rows: numbers[0], cols: numbers[1])
            default: throw PredictRefusal { language in
                Localized(en: "type two numbers, rows×cols", ko: "행×열, 숫자 두 개를 입력하세요")[language]
            }
            }
        }
    }

    /// Whether this guess is `question`'s answer: a size exactly; a value when it shows as the
    /// screen shows the engine's value (`formatNumber`) or lies within the quiz's tolerance.
    func isRight(for question: PredictQuestion) -> Bool {
        switch (self, question.answer) {
        case (.size(let r, let c), .size(let er, let ec)): return r == er && c == ec
        case (.value(let x), .value(let e)): return Self.close(x, e)
        default: return false
        }
    }

    /// `x` reads as `e` on screen (`formatNumber`) or within `QuizQuestion.tolerance` of it.
    static func close(_ x: Double, _ e: Float) -> Bool {
        guard x.isFinite, e.isFinite else { return false }
        return formatNumber(Float(x)) == formatNumber(e) || abs(x - Double(e)) <= QuizQuestion.tolerance
    }
}

/// Why a typed line is not an answer (it is said and not counted).
public struct PredictRefusal: Error, Sendable {
    public let message: @Sendable (Language) -> String
    init(_ message: @escaping @Sendable (Language) -> String) { self.message = message }
}

/// Predict mode's state, shared by every stepped scene: the answer field and its focus, the
/// feedback on the last try, and the count (`predicted 3/4`). The scene says what is asked
/// (`PredictQuestion`) and how a wrong guess is answered (its family's `PredictFeedback`);
/// on a right guess or the reveal key it shows the answer and moves on.
///
/// Keys: typing and Enter while the field has focus; Tab shows the answer without credit;
/// Esc leaves the field (then Esc goes back, q quits, and a digit or Enter returns to it).
public struct Predictor: Sendable, Equatable {
    /// What the line under the prompt says.
    public enum Feedback: Sendable, Equatable {
        /// A wrong guess (the student's text) and the hint, which never holds the answer.
        case wrong(guess: String, hint: Localized)
        /// A line that is not an answer.
        case refused(Localized)
        /// The last question was answered right / shown without credit: its label and answer.
        case right(label: Localized, answer: String)
        case shown(label: Localized, answer: String)
    }

    /// What a key did.
    public enum Outcome: Sendable, Equatable {
        /// Handled; the question is still open.
        case handled
        /// Answered right: reveal and move on (credited).
        case right
        /// Shown without credit: reveal and move on.
        case shown
    }

    public private(set) var field = TextField(maxLength: 16)
    /// Whether the field has focus (Esc blurs it; typing or Enter focuses it again).
    public private(set) var focused = true
    public private(set) var feedback: Feedback?
    /// Questions answered right (however many tries).
    public private(set) var predicted = 0
    /// Questions finished: answered right or shown.
    public private(set) var finished = 0
    /// Wrong tries on the open question.
    public private(set) var tries = 0

    public init() {}

    enum Action: Sendable { case check, reveal }
    static let check = KeyBinding([.enter], "Enter", Localized(en: "check", ko: "확인"))
    static let reveal = KeyBinding([.tab], "Tab", Localized(en: "show the answer", ko: "답 보기"))
    static let refocus = KeyBinding([.enter], "Enter", Localized(en: "type the answer", ko: "답 입력"))
    /// The keys while a question is open (the footer and help come from here).
    static let keyMap = KeyMap<Action>([
        .init(check.keys, check.label, check.help, .check),
        .init(reveal.keys, reveal.label, reveal.help, .reveal),
    ])

    /// The bindings while a question is open.
    public var bindings: [KeyBinding] { focused ? Self.keyMap.bindings : [Self.refocus, Self.reveal] }

    /// `predicted 3/4`: right answers of the questions finished.
    public func status(_ language: Language) -> String {
        Localized(en: "predicted \(predicted)/\(finished)", ko: "예측 \(predicted)/\(finished)")[language]
    }

    /// Handles `key` while `question` is open; nil when the key is not predict mode's (the field
    /// is blurred and the key is the scene's own). `hint` answers a wrong guess.
    public mutating func handle(_ key: Key, question: PredictQuestion,
                                hint: (PredictGuess) -> Localized) -> Outcome? {
        if Self.reveal.matches(key) { return finish(question, credited: false) }
        if !focused {
            guard Self.refocus.matches(key) || key.startsAnswer else { return nil }
            focused = true
            if !key.startsAnswer { return .handled }
        }
        switch field.handle(key) {
        case .submitted(let text):
            let guess: PredictGuess
            do { guess = try PredictGuess.parse(text, for: question) } catch {
                feedback = .refused(Localized(en: error.message(.en), ko: error.message(.ko)))
                return .handled
            }
            if guess.isRight(for: question) { return finish(question, credited: true) }
            tries += 1
            feedback = .wrong(guess: TerminalSafe.text(text.trimmingCharacters(in: .whitespaces)), hint: Self.withoutAnswer(hint(guess), question, guess))
            field.clear()
        case .cancelled:
            focused = false
        case .edited, .ignored:
            if case .refused = feedback { feedback = nil }
        }
        return .handled
    }

    /// `hint`, unless it happens to write the answer (a window's row number equal to it, a
    /// product that is the result): then a hint with no number but the direction.
    static func withoutAnswer(_ hint: Localized, _ question: PredictQuestion, _ guess: PredictGuess) -> Localized {
        let answer = question.answerText
        guard occurrences(of: answer, in: hint.en) > 0 || occurrences(of: answer, in: hint.ko) > 0 else { return hint }
        var high = false
        if case .value(let x) = guess, case .value(let e) = question.answer { high = x > Double(e) }
        if case .size(let r, let c) = guess, case .size(let er, let ec) = question.answer { high = r + c > er + ec }
        return high ? PredictStrings.tooHigh : PredictStrings.tooLow
    }

    /// How often `number` stands alone in `text` (not inside a longer number).
    static func occurrences(of number: String, in text: String) -> Int {
        let chars = Array(text), target = Array(number)
        guard !target.isEmpty else { return 0 }
        func isNumberChar(_ c: Character) -> Bool { c.isNumber || c == "." }
        var count = 0
        for i in 0...max(0, chars.count - target.count) where i + target.count <= chars.count {
            guard Array(chars[i..<(i + target.count)]) == target else { continue }
            let before = i == 0 || !(isNumberChar(chars[i - 1]) || (number.first != "-" && chars[i - 1] == "-"))
            let after = i + target.count == chars.count || !isNumberChar(chars[i + target.count])
            if before && after { count += 1 }
        }
        return count
    }

    private mutating func finish(_ question: PredictQuestion, credited: Bool) -> Outcome {
        finished += 1
        if credited { predicted += 1 }
        feedback = credited ? .right(label: question.label, answer: question.answerText)
                            : .shown(label: question.label, answer: question.answerText)
        tries = 0
        field.clear()
        focused = true
        return credited ? .right : .shown
    }
}

extension Predictor {
    /// What predict mode did with a message.
    public enum Routing: Sendable, Equatable {
        /// Handled (or ignored: ticks do not play while a question is open).
        case consumed
        /// The question was answered right or shown: the scene reveals it and moves on.
        case advance
        /// A key predict mode does not take (the field is blurred): the scene's own.
        case sceneKey(Key)
    }

    /// Routes `message` while `question` is open.
    public mutating func route(_ message: ScreenMessage, question: PredictQuestion,
                               hint: (PredictGuess) -> Localized) -> Routing {
        guard case .key(let key) = message else { return .consumed }
        switch handle(key, question: question, hint: hint) {
        case nil: return .sceneKey(key)
        case .handled?: return .consumed
        case .right?, .shown?: return .advance
        }
    }
}

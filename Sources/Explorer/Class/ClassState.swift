import Foundation
import Terminal

/// Where a class is: waiting for the first question, a question open for answers, locked
/// (no more answers), revealed (the right answer shown), or ended.
public enum ClassPhase: String, Sendable, Codable, CaseIterable {
    case lobby, open, locked, revealed, ended
}

/// What the instructor does (keys n, l, r, b, e/q; headless `next`, `lock`, `reveal`, `end`).
public enum ClassAction: String, Sendable, CaseIterable {
    case next, lock, reveal, back, end
}

/// Why the server refused a join or an answer; `code` is stable (the wire and tests use it).
public enum ClassRefusal: Error, Sendable, Equatable {
    case wrongCode
    case badName(String)
    case nameTaken(String)
    case badToken
    case notOpen(index: Int)
    case alreadyAnswered(index: Int)
    case badAnswer(index: Int, QuizAnswerProblem)
    case classFull(Int)

    public var code: String {
        switch self {
        case .wrongCode: "wrong-code"
        case .badName: "bad-name"
        case .nameTaken: "name-taken"
        case .badToken: "bad-token"
        case .notOpen: "not-open"
        case .alreadyAnswered: "already-answered"
        case .badAnswer: "bad-answer"
        case .classFull: "class-full"
        }
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .wrongCode:
            Localized(en: "wrong class code: ask the instructor for the code on the screen",
                      ko: "수업 코드가 틀렸습니다. 화면에 보이는 코드를 확인하세요")[language]
        case .badName(let why): why
        case .nameTaken(let name):
            Localized(en: "the name '\(name)' is taken in this class: choose another with --name",
                      ko: "'\(name)' 이름은 이미 쓰이고 있습니다. --name 으로 다른 이름을 고르세요")[language]
        case .badToken:
            Localized(en: "this connection has not joined the class", ko: "이 연결은 수업에 참여하지 않았습니다")[language]
        case .notOpen(let i):
            Localized(en: "question \(i) is not open for answers", ko: "\(i)번 문제는 지금 답할 수 없습니다")[language]
        case .alreadyAnswered(let i):
            Localized(en: "question \(i) is already answered", ko: "\(i)번 문제는 이미 답했습니다")[language]
        case .badAnswer(_, let problem): problem.message(language)
        case .classFull(let n):
            Localized(en: "the class is full (\(n) students)", ko: "수업이 가득 찼습니다 (\(n)명)")[language]
        }
    }
}

/// A class as a pure state machine: its questions, the students and their tokens, the
/// phase, every graded answer. No IO: the server checks a change here, commits it to the
/// database, then applies it (`record…`), so what the state holds is what is stored.
public struct ClassState: Sendable {
    public let code: String
    public let questions: [QuizQuestion]
    /// The engine's answer to each question.
    public let expected: [QuizValue]
    public private(set) var phase: ClassPhase = .lobby
    /// 1-based current question; 0 in the lobby.
    public private(set) var current = 0
    /// Names in the order they joined.
    public private(set) var names: [String] = []
    /// name → token.
    public private(set) var tokens: [String: String] = [:]
    /// token → name.
    private var byToken: [String: String] = [:]
    /// index → name → answer.
    public private(set) var answers: [Int: [String: GradedAnswer]] = [:]
    /// Questions whose answer has been revealed.
    public private(set) var revealed: Set<Int> = []
    public let grader: ClassGrader

    /// Longest name, in characters.
    public static let maxName = 24
    /// Longest answer, in characters.
    public static let maxAnswer = 64
    /// Most students in one class.
    public static let maxStudents = 1000

    /// Throws when a question cannot be answered by the engine.
    public init(code: String, questions: [QuizQuestion], grader: ClassGrader = ClassGrader()) throws(QuizQuestionError) {
        self.code = code
        self.questions = questions
        var expected: [QuizValue] = []
        for q in questions { expected.append(try q.expected()) }
        self.expected = expected
        self.grader = grader
    }

    public var count: Int { questions.count }

    /// The current question (nil in the lobby).
    public var currentQuestion: QuizQuestion? { current >= 1 && current <= count ? questions[current - 1] : nil }

    public func name(forToken token: String) -> String? { byToken[token] }

    // MARK: Joining

    /// The result of a join that may be recorded: a new student (with a fresh token) or one
    /// coming back with the token the server gave it.
    public enum Join: Sendable, Equatable {
        case new(name: String, token: String)
        case resumed(name: String, token: String)
        public var name: String { switch self { case .new(let n, _), .resumed(let n, _): n } }
        public var token: String { switch self { case .new(_, let t), .resumed(_, let t): t } }
    }

    /// Checks a join: the class code, a usable name, a name not taken — unless the student
    /// shows the token given to that name (a reconnect, which resumes).
    public func checkJoin(code: String, name rawName: String, token: String?, newToken: () -> String) -> Result<Join, ClassRefusal> {
        guard code.uppercased() == self.code.uppercased() else { return .failure(.wrongCode) }
        let name = rawName.trimmingCharacters(in: .whitespaces)
        if let problem = Self.nameProblem(name) { return .failure(.badName(problem)) }
        if let existing = tokens[name] {
            guard let token, token == existing else { return .failure(.nameTaken(name)) }
            return .success(.resumed(name: name, token: existing))
        }
        guard names.count < Self.maxStudents else { return .failure(.classFull(Self.maxStudents)) }
        return .success(.new(name: name, token: newToken()))
    }

    /// Why a name cannot be used, or nil: 1…24 characters, no control characters.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a name is needed (--name)" }
        if name.count > maxName { return "a name has at most \(maxName) characters" }
        if name.unicodeScalars.contains(where: { TerminalSafeCheck.isControl($0) }) {
            return "a name cannot hold control characters"
        }
        return nil
    }

    public mutating func recordJoin(_ join: Join) {
        guard case .new(let name, let token) = join, tokens[name] == nil else { return }
        names.append(name)
        tokens[name] = token
        byToken[token] = name
    }

    // MARK: Answering

    /// Grades an answer from the student holding `token` to question `index` (1-based);
    /// refuses it when the token is unknown, the question is not open, it was answered, or
    /// the text is not an answer.
    public func checkAnswer(token: String, index: Int, text: String, time: Double) -> Result<GradedAnswer, ClassRefusal> {
        guard let name = byToken[token] else { return .failure(.badToken) }
        guard phase == .open, index == current, let question = currentQuestion else { return .failure(.notOpen(index: index)) }
        guard answers[index]?[name] == nil else { return .failure(.alreadyAnswered(index: index)) }
        guard text.count <= Self.maxAnswer else {
            return .failure(.badAnswer(index: index, .notANumber(String(text.prefix(Self.maxAnswer)) + "…")))
        }
        do {
            let graded = try grader.grade(text, question: question, expected: expected[index - 1])
            return .success(GradedAnswer(name: name, index: index, text: text, value: graded.value,
                                         expected: expected[index - 1], correct: graded.correct,
                                         diagnosis: graded.diagnosis, time: time))
        } catch {
            return .failure(.badAnswer(index: index, error))
        }
    }

    public mutating func recordAnswer(_ answer: GradedAnswer) {
        answers[answer.index, default: [:]][answer.name] = answer
    }

    /// The answers `name` has given, by index.
    public func answers(of name: String) -> [GradedAnswer] {
        answers.keys.sorted().compactMap { answers[$0]?[name] }
    }

    // MARK: The instructor

    /// The phase and question after `action`, or nil when it does nothing here (next after
    /// the last question, back from the first, anything after the end).
    public func after(_ action: ClassAction) -> (phase: ClassPhase, current: Int)? {
        if phase == .ended { return nil }
        switch action {
        case .next:
            guard current < count else { return nil }
            return (.open, current + 1)
        case .lock:
            guard phase == .open else { return nil }
            return (.locked, current)
        case .reveal:
            guard phase == .open || phase == .locked else { return nil }
            return (.revealed, current)
        case .back:
            guard current > 1 else { return nil }
            return (revealed.contains(current - 1) ? .revealed : .open, current - 1)
        case .end:
            return (.ended, current)
        }
    }

    /// Moves to `phase` at question `current` (as `after` said, or as the database holds).
    public mutating func recordPhase(_ phase: ClassPhase, current: Int) {
        self.phase = phase
        self.current = max(0, min(current, count))
        if phase == .revealed, self.current >= 1 { revealed.insert(self.current) }
    }

    public mutating func recordRevealed(_ index: Int) { revealed.insert(index) }

    // MARK: Figures

    /// Right answers of `name` among revealed questions, and how many of those they answered.
    public func score(of name: String) -> (correct: Int, answered: Int) {
        var correct = 0, answered = 0
        for index in revealed {
            guard let a = answers[index]?[name] else { continue }
            answered += 1
            if a.correct { correct += 1 }
        }
        return (correct, answered)
    }

    /// Every student's score, best first (ties by name).
    public var scoreboard: [ClassScore] {
        names.map { n in let s = score(of: n); return ClassScore(name: n, correct: s.correct, answered: s.answered) }
            .sorted { ($0.correct, $1.name) > ($1.correct, $0.name) }
    }

    /// The answers to question `index` grouped by value, most common first.
    public func histogram(_ index: Int) -> [ClassBar] {
        var bars: [String: ClassBar] = [:]
        for a in (answers[index] ?? [:]).values {
            let key = a.value.description
            var bar = bars[key] ?? ClassBar(answer: key, count: 0, correct: a.correct, diagnosis: a.diagnosis)
            bar.count += 1
            if bar.diagnosis == nil { bar.diagnosis = a.diagnosis }
            bars[key] = bar
        }
        return bars.values.sorted { ($0.count, $1.answer) > ($1.count, $0.answer) }
    }
}

/// One student's line of the scoreboard.
public struct ClassScore: Sendable, Equatable {
    public let name: String
    public let correct: Int
    public let answered: Int
}

/// One bar of a question's histogram: an answer, how many gave it, whether it is right.
public struct ClassBar: Sendable, Equatable {
    public let answer: String
    public var count: Int
    public let correct: Bool
    public var diagnosis: String?
}

/// The scalars `TerminalSafe` escapes in a single-line field (controls, DEL, C1, bidi).
enum TerminalSafeCheck {
    static func isControl(_ s: Unicode.Scalar) -> Bool { TerminalSafe.needsEscape(s, .single) }
}

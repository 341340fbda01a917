import Terminal

/// How the student's screen reaches its class client without importing it (the client,
/// `ClassStudent`, lives with the network code): a subscription that runs the client and
/// sends its events, and a way to hand it an answer. Both run off the UI thread; the screen
/// sees only their messages.
public struct StudentControl: Sendable {
    /// Starts the client: it sends each `StudentEvent`, then how it ended; returns how to stop it.
    public let connect: @Sendable (@escaping @Sendable (StudentScreen.Message) -> Void) -> (@Sendable () -> Void)
    /// Hands an answer to the client, which sends it (and reports `received` or a problem).
    public let answer: @Sendable (StudentAnswer) -> Void

    public init(connect: @escaping @Sendable (@escaping @Sendable (StudentScreen.Message) -> Void) -> (@Sendable () -> Void),
                answer: @escaping @Sendable (StudentAnswer) -> Void) {
        self.connect = connect
        self.answer = answer
    }

    /// A control that connects nowhere (the screen sweeps; tests that send messages by hand).
    public static let still = StudentControl(connect: { _ in {} }, answer: { _ in })
}

/// `stride class join`: the student's screen. Waits for the instructor, shows each question
/// as it is pushed (as the quiz shows it) with an answer field, checks the typed answer with
/// the quiz's parser (a bad one is re-asked with the parser's message, nothing is sent), says
/// "received" once the server stored it (locked in until the reveal), shows right or wrong
/// with the working and the diagnosis on reveal, and the final score at the end. A dropped
/// connection shows "reconnecting" while the client reconnects by itself.
///
/// Keys: typing goes to the answer field, Enter sends it; Esc leaves the field (then Enter
/// or typing comes back to it). Esc or q leaves the class — asked first (y/n) while it runs,
/// at once after it ended. A refused join (wrong code, taken name) is shown until a key.
public struct StudentScreen: Screen {
    public enum Message: Sendable, Equatable {
        case event(StudentEvent)
        /// The client ended: the class ended, or it was refused.
        case exit(StudentExit)
        /// An answer was handed to the client.
        case handed
    }

    public enum Stage: Sendable, Equatable {
        case connecting, waiting, question, ended
        case refused(String)
    }

    /// The student's answer to the current question.
    public enum Answer: Sendable, Equatable {
        /// Not answered yet: the field is open (unless the answers were locked).
        case typing
        /// Handed to the client, not acknowledged yet.
        case sending(String)
        /// Stored by the server (the text when this screen typed it).
        case received(String?)
    }

    enum Action: Sendable { case submit, leave }

    static let answerKeys = KeyMap<Action>([.init([.enter], "Enter", Localized(en: "send the answer", ko: "답 보내기"), .submit)])
    static let refocusKeys = KeyMap<Action>([.init([.enter, .tab], "Enter", Localized(en: "type the answer", ko: "답 입력"), .submit)])
    static let refusedKeys = KeyMap<Action>([.init([.enter], "Enter", Localized(en: "leave", ko: "나가기"), .leave)])

    /// Where the class is (`HOST:PORT`), its code and the student's name, as given.
    public let address: String
    public let code: String
    public private(set) var name: String
    public let language: Language
    let control: StudentControl

    public private(set) var stage: Stage = .connecting
    public private(set) var index = 0
    public private(set) var count = 0
    public private(set) var question: QuizQuestion?
    public private(set) var answer: Answer = .typing
    /// The instructor locked the current question's answers.
    public private(set) var locked = false
    public private(set) var reveal: StudentReveal?
    /// Why the last answer was not taken (the parser's or the server's message).
    public private(set) var hint: String?
    /// The connection dropped: why (nil while connected).
    public private(set) var reconnecting: String?
    /// A passing note (reconnected).
    public private(set) var note: String?
    public private(set) var score: (correct: Int, total: Int)?
    public private(set) var field = TextField(maxLength: 24)
    /// Whether the answer field has focus (Esc blurs it; typing or Enter focuses it again).
    public private(set) var fieldFocused = true
    private var renderWidth = 80

    public init(address: String, code: String, name: String, language: Language, control: StudentControl) {
        self.address = address
        self.code = code
        self.name = name
        self.language = language
        self.control = control
    }

    public var title: String { Localized(en: "Class \(TerminalSafe.text(code))", ko: "수업 \(TerminalSafe.text(code))")[language] }
    public var status: String {
        let who = TerminalSafe.text(name)
        if stage == .ended, let score { return who + Localized(en: " · score \(score.correct)/\(score.total)", ko: " · 점수 \(score.correct)/\(score.total)")[language] }
        return index == 0 ? who : "\(who) · \(index)/\(count)"
    }

    /// The answer field is open: a question is shown, not answered, not locked.
    public var canAnswer: Bool { stage == .question && answer == .typing && !locked && reveal == nil }
    public var wantsText: Bool { canAnswer && fieldFocused }

    public var bindings: [KeyBinding] {
        if case .refused = stage { return Self.refusedKeys.bindings }
        guard canAnswer else { return [] }
        return fieldFocused ? Self.answerKeys.bindings : Self.refocusKeys.bindings
    }

    /// While the class runs, Esc and q ask first (y/n); once it ended (or was refused) they leave at once.
    public var leaveWarning: Localized? {
        switch stage {
        case .connecting, .waiting, .question:
            Localized(en: "The class is still running.", ko: "수업이 아직 진행 중입니다.")
        case .ended, .refused: nil
        }
    }

    public var contentSize: (width: Int, height: Int) { (78, 20) }

    public func start() -> Command<Message> {
        .subscribe(Subscription(id: "class", start: control.connect))
    }

    public mutating func update(_ event: ScreenEvent<Message>) -> Command<Message> {
        switch event {
        case .resize(let width, _): renderWidth = width
        case .own(.event(let e)): apply(e)
        case .own(.exit(.ended)): stage = .ended
        case .own(.exit(.refused(let message))):
            stage = .refused(TerminalSafe.text(message))
            reconnecting = nil
        case .own(.handed): break
        case .key(let key): return handleKey(key)
        default: break
        }
        return .none
    }

    private mutating func apply(_ e: StudentEvent) {
        if case .reconnecting(let why) = e {
            reconnecting = TerminalSafe.text(why)
            return
        }
        // Any other event comes over a working connection.
        reconnecting = nil
        switch e {
        case .joined(let joined):
            name = joined
            if stage == .connecting { stage = .waiting }
        case .reconnected:
            note = StudentText.reconnected[language]
            if stage == .connecting { stage = .waiting }
        case .waiting:
            guard stage != .ended else { return }
            stage = .waiting
            question = nil
            index = 0
        case .question(let i, let n, let q):
            stage = .question
            index = i; count = n; question = q
            answer = .typing
            locked = false; reveal = nil; hint = nil; note = nil
            field.clear()
            fieldFocused = true
        case .problem(let i, let message):
            guard i == nil || i == index else { return }
            hint = TerminalSafe.text(message)
            if case .sending(let text) = answer {
                // Not taken: the same text back in the field, to fix.
                answer = .typing
                field = TextField(text: text, maxLength: field.maxLength)
                fieldFocused = true
            }
        case .received(let i):
            guard i == index else { return }
            if case .sending(let text) = answer { answer = .received(text) }
            else if case .typing = answer { answer = .received(nil) }
            hint = nil
        case .locked(let i):
            if i == index { locked = true }
        case .reveal(let i, let given, let correct, let expected, let diagnosis, let answered, let right, let q):
            guard i == index else { return }
            locked = true
            reveal = StudentReveal(answer: given, correct: correct, expected: expected, diagnosis: diagnosis,
                                   answered: answered, right: right, question: q ?? question, language: language)
        case .score(let correct, let total):
            score = (correct, total)
        case .end:
            stage = .ended
        case .reconnecting:
            break
        }
    }

    private mutating func handleKey(_ key: Key) -> Command<Message> {
        if case .refused = stage { return .quit }  // any key leaves
        guard canAnswer, let question else { return .none }
        if !fieldFocused {
            // Typing a character or Enter/Tab brings focus back to the field.
            let starts = key.startsAnswer(question.answerFormat)
            guard Self.refocusKeys.action(for: key) != nil || starts else { return .none }
            fieldFocused = true
            if !starts { return .none }
        }
        switch field.handle(key) {
        case .submitted(let text):
            do {
                _ = try QuizAnswerProblem.parse(text, format: question.answerFormat)
            } catch {
                hint = error.message(language)
                return .none
            }
            hint = nil
            answer = .sending(text)
            let control = self.control, sent = StudentAnswer(index: index, text: text)
            return .perform {
                control.answer(sent)
                return .handed
            }
        case .cancelled: fieldFocused = false
        case .edited: hint = nil
        case .ignored: break
        }
        return .none
    }

    public var cursor: (x: Int, y: Int)? {
        guard wantsText, let row = StudentBoard(screen: self).fieldRow(width: renderWidth) else { return nil }
        return (StudentBoard.fieldX(language) + field.cursorColumn, row)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        StudentBoard(screen: self).render(into: &buffer, area: area)
    }
}

import Foundation
import Terminal

/// The quiz, full screen: a question, a text field for the answer (Backspace, ←/→, a
/// visible cursor), then right or wrong at once with the worked answer, and at the end a
/// summary per kind with the questions missed. A line that is not a number is refused with
/// a hint and not counted. The title bar shows `score 3/5 · streak 2`.
///
/// Keys: typing while asked (Enter submits); Esc leaves the answer field (focus goes back to
/// the screen: then Esc goes back and q quits, and typing or Enter returns to the field);
/// Enter or → for the next question. Once a question is answered, Esc asks before leaving
/// ("Leave the quiz? y/n"); y ends the quiz there (recorded as stopped after i of n) and
/// shows the end screen, which says where the result was saved and offers a new quiz (n).
///
/// With a time limit the title bar counts down (an `.after` command each second, no busy
/// loop); at zero the quiz ends and the questions not answered count as wrong.
public struct QuizScreen: Screen {
    public enum Phase: Sendable, Equatable {
        case asking
        case feedback(QuizResult)
        case finished
    }

    public enum Message: Sendable {
        /// The time-limit timer fired: read the clock.
        case clock
        /// `onFinish` ran: the problem saving the result, or nil.
        case saved(String?)
        /// `onAnswer` ran: the problem recording the answer, or nil.
        case logged(String?)
        /// `onFinish` ran after q, then y: quit unless saving failed (the problem, or nil).
        case savedThenQuit(String?)
    }

    /// Seconds on a monotonic clock (injectable: tests pass a fixed one).
    public typealias Clock = @Sendable () -> Double
    public static let monotonic: Clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    public private(set) var session: QuizSession
    public let language: Language
    /// The seed the questions were drawn with (shown so a class can share the quiz).
    public let seed: UInt64?
    public private(set) var phase: Phase = .asking
    public private(set) var field = TextField(maxLength: 24)
    /// Whether the answer field has focus (Esc blurs it; typing or Enter focuses it again).
    public private(set) var fieldFocused = true
    /// Why the last line was refused.
    public private(set) var hint: String?
    /// Called once when the last question is answered (e.g. appends to a results file);
    /// returns a problem to show, or nil.
    public var onFinish: (@Sendable (QuizSession) -> String?)?
    /// Whether a right answer shows its working at once (lessons); otherwise `w` shows it.
    public var alwaysShowsWorking = false
    /// Whether the working of a right answer is shown (after `w`).
    public private(set) var showsWorking = false
    /// Called (off the UI thread) with each answer, e.g. to add it to the student's history;
    /// returns a problem to show, or nil.
    public var onAnswer: (@Sendable (QuizResult) -> String?)?
    /// Where `onFinish` saves the result (said on the end screen), if anywhere.
    public var resultsPath: String?
    /// Builds a new quiz for the end screen's "new quiz" key (nil: the key is not offered).
    public var makeNext: (@Sendable () -> QuizScreen?)?
    /// The time limit in seconds, if any.
    public let timeLimit: Int?
    let clock: Clock
    /// When time runs out, on `clock` (nil without a limit).
    let deadline: Double?
    /// Whole seconds left, as of the last timer message.
    public private(set) var secondsLeft: Int?
    /// "Leave the quiz? y/n" is showing.
    public private(set) var confirmingLeave = false
    /// The question showing was asked by q (y records the run, then quits) rather than Esc.
    public private(set) var confirmingQuit = false
    /// The student ended the quiz early (Esc or q, then y).
    public private(set) var stoppedEarly = false
    /// What became of the result: "saved to FILE", or why not (nil until known).
    public private(set) var saveNote: String?
    private var historyProblemShown = false
    private var scroll = 0

    public init(session: QuizSession, language: Language, seed: UInt64? = nil,
                onFinish: (@Sendable (QuizSession) -> String?)? = nil,
                timeLimit: Int? = nil, clock: @escaping Clock = QuizScreen.monotonic) {
        self.session = session
        self.language = language
        self.seed = seed
        self.onFinish = onFinish
        self.timeLimit = timeLimit
        self.clock = clock
        deadline = timeLimit.map { clock() + Double($0) }
        secondsLeft = timeLimit
        if session.isFinished { phase = .finished }
    }

    public func start() -> Command<Message> { timerCommand(left: timeLimit.map(Double.init)) }

    /// The next timer message: when the seconds left next drop by one (nil: no limit or over).
    private func timerCommand(left: Double?) -> Command<Message> {
        guard let left, left > 0, phase != .finished else { return .none }
        let fraction = left - left.rounded(.down)
        let wait = (fraction > 0.001 ? fraction : 1) + 0.005
        return .after(.milliseconds(Int(wait * 1000)), .clock)
    }

    /// Once a question is answered and until the end screen, Esc reaches the screen (it asks
    /// before leaving, or shows the summary after the last answer).
    public var capturesEscape: Bool { phase != .finished && session.answeredCount > 0 }
    /// From the first answer until the end screen, q asks too (y records the run as stopped,
    /// then quits): quitting at once would lose the answers.
    public var asksBeforeQuit: Bool { capturesEscape }

    public var title: String {
        let base = QuizStrings.title[language]
        return seed.map { base + " · " + Localized(en: "seed \($0)", ko: "시드 \($0)")[language] } ?? base
    }
    public var status: String {
        guard let secondsLeft, phase != .finished else { return session.scoreLine(language) }
        let clock = "\(secondsLeft / 60):" + (secondsLeft % 60 < 10 ? "0" : "") + "\(secondsLeft % 60)"
        return session.scoreLine(language) + Localized(en: " · \(clock) left", ko: " · 남은 시간 \(clock)")[language]
    }
    public var wantsText: Bool { phase == .asking && fieldFocused && !confirmingLeave }

    static let submit = KeyBinding([.enter], "Enter", Localized(en: "answer", ko: "답하기"))
    static let refocus = KeyBinding([.enter, .tab], "Enter", Localized(en: "type the answer", ko: "답 입력"))
    static let next = KeyBinding([.enter, .right, .space], "Enter", Localized(en: "next question", ko: "다음 문제"))
    /// `next` after the last question, saying what Enter does there.
    static let summary = KeyBinding([.enter, .right, .space], "Enter", Localized(en: "see the summary", ko: "결과 보기"))
    /// After a right answer: show how it is worked out.
    static let working = KeyBinding([.char("w")], "w", Localized(en: "show the working", ko: "풀이 보기"))
    enum ScrollAction: Sendable { case up, down, newQuiz }
    static let summaryKeys = KeyMap<ScrollAction>([
        .init("↑/↓", Localized(en: "scroll", ko: "스크롤"), [(.up, .up), (.down, .down)]),
        .init([.char("n")], "n", Localized(en: "new quiz", ko: "새 퀴즈"), .newQuiz),
    ])
    enum LeaveAction: Sendable { case leave, stay }
    static let leaveKeys = KeyMap<LeaveAction>([
        .init([.char("y")], "y", Localized(en: "leave (the run is recorded)", ko: "그만두기 (기록됨)"), .leave),
        .init("n/Esc", Localized(en: "keep going", ko: "계속하기"), [(.char("n"), .stay), (.escape, .stay)]),
    ])

    public var bindings: [KeyBinding] {
        if confirmingLeave { return Self.leaveKeys.bindings }
        switch phase {
        case .asking: return fieldFocused ? [Self.submit] : [Self.refocus]
        case .feedback(let result):
            return [session.isFinished ? Self.summary : Self.next] + (workingHidden(result) ? [Self.working] : [])
        case .finished:
            return makeNext == nil ? Self.summaryKeys.bindings.filter { $0.label != "n" } : Self.summaryKeys.bindings
        }
    }

    public mutating func update(_ message: ScreenEvent<Message>) -> Command<Message> {
        switch message {
        case .resize(let width, _): renderWidth = width
        case .own(let own): return handle(own)
        case .key(let key): return handleKey(key)
        default: break
        }
        return .none
    }

    private mutating func handle(_ message: Message) -> Command<Message> {
        switch message {
        case .clock:
            guard let deadline, phase != .finished else { return .none }
            let left = deadline - clock()
            secondsLeft = max(0, Int(left.rounded(.up)))
            guard left <= 0 else { return timerCommand(left: left) }
            session.expire()
            return finish()
        case .saved(let problem):
            if let problem {
                saveNote = Localized(en: "Not saved: ", ko: "저장하지 못했습니다: ")[language] + problem
                return .notice(problem)
            }
            if let resultsPath {
                saveNote = Localized(en: "Saved to \(resultsPath)", ko: "\(resultsPath)에 저장했습니다")[language]
            }
        case .savedThenQuit(let problem):
            guard let problem else { return .quit }
            return handle(.saved(problem))
        case .logged(let problem):
            guard let problem, !historyProblemShown else { return .none }
            historyProblemShown = true
            return .notice(problem)
        }
        return .none
    }

    /// Shows the end screen and saves the result (`onFinish`, off the UI thread).
    private mutating func finish(thenQuit: Bool = false) -> Command<Message> {
        phase = .finished
        confirmingLeave = false
        confirmingQuit = false
        guard let onFinish else { return thenQuit ? .quit : .none }
        let session = self.session
        return .perform { thenQuit ? .savedThenQuit(onFinish(session)) : .saved(onFinish(session)) }
    }

    private mutating func handleKey(_ key: Key) -> Command<Message> {
        if confirmingLeave {
            if key == .char("q") { confirmingQuit = true; return .none }  // the footer's q: ask to quit instead
            switch Self.leaveKeys.action(for: key) {
            case .leave:
                stoppedEarly = !session.isFinished
                return finish(thenQuit: confirmingQuit)
            case .stay: confirmingLeave = false; confirmingQuit = false
            case nil: break
            }
            return .none
        }
        if key == .escape || key == .char("q"), capturesEscape, !wantsText {
            if session.isFinished { return finish(thenQuit: key == .char("q")) }  // the last answer is in: nothing to lose
            confirmingLeave = true
            confirmingQuit = key == .char("q")
            return .none
        }
        switch phase {
        case .asking:
            if !fieldFocused {
                // Typing a character or Enter/Tab brings focus back to the field.
                let starts = key.startsAnswer(session.current?.answerFormat ?? .real)
                guard Self.refocus.matches(key) || starts else { return .none }
                fieldFocused = true
                if !starts { return .none }
            }
            switch field.handle(key) {
            case .submitted(let text):
                do {
                    let result = try session.submit(text)
                    field.clear()
                    hint = nil
                    showsWorking = false
                    phase = .feedback(result)
                    if let onAnswer { return .perform { .logged(onAnswer(result)) } }
                } catch {
                    hint = error.message(language)
                }
            case .cancelled:
                fieldFocused = false
            case .edited:
                hint = nil
            case .ignored:
                break
            }
        case .feedback(let result):
            if workingHidden(result), Self.working.matches(key) {
                showsWorking = true
                return .none
            }
            guard Self.next.matches(key) else { return .none }
            if session.isFinished { return finish() }
            phase = .asking
        case .finished:
            switch Self.summaryKeys.action(for: key) {
            case .down: scroll = min(scroll + 1, max(0, summary.count - 1))
            case .up: scroll = max(scroll - 1, 0)
            case .newQuiz: if let next = makeNext?() { return .replace(next) }
            case nil: break
            }
        }
        return .none
    }

    /// The end screen: the score, how the quiz ended and where it was saved, what to do next,
    /// then the per-kind lines and the questions missed.
    var summary: [String] {
        let lines = session.summaryLines(language)
        var notes: [String] = []
        if stoppedEarly {
            notes.append(Localized(en: "Stopped after \(session.answeredCount) of \(counted(session.questions.count, "question")).",
                                   ko: "\(session.questions.count)문제 중 \(session.answeredCount)문제에서 멈췄습니다.")[language])
        }
        if let saveNote { notes.append(saveNote) }
        if makeNext != nil {
            notes.append(Localized(en: "n: a new quiz · Esc: back", ko: "n: 새 퀴즈 · Esc: 뒤로")[language])
        }
        let head = session.timedOut ? 2 : 1  // the score, and the time-up line
        return Array(lines.prefix(head)) + notes + Array(lines.dropFirst(head))
    }

    /// Whether `result` is a right numeric answer whose working is not shown yet (`w` shows it).
    private func workingHidden(_ result: QuizResult) -> Bool {
        result.correct && !alwaysShowsWorking && !showsWorking && !result.question.answerFormat.isConceptual
    }

    public var contentSize: (width: Int, height: Int) { (76, 22) }

    public var cursor: (x: Int, y: Int)? {
        guard phase == .asking, fieldFocused else { return nil }
        return (displayWidth(answerLabel) + 1 + field.cursorColumn, lastAnswerRow)
    }

    private var answerLabel: String { Localized(en: "Answer:", ko: "답:")[language] }

    /// The row the field is drawn on, for the area width last reported by `.resize`.
    private var lastAnswerRow: Int { questionLines(width: renderWidth).count + 1 }
    private var renderWidth = 80

    /// The question's heading, sentence and matrices, wrapped to `width`.
    func questionLines(width: Int) -> [(text: String, style: Style)] {
        guard let question = phase == .finished ? nil : currentQuestion else { return [] }
        var feedback = false
        if case .feedback = phase { feedback = true }
        return question.screenLines(index: currentIndex, count: session.questions.count, language: language, width: width,
                                    figures: !feedback)
    }

    /// Figures side by side, each caption over its rows, 4 columns apart; a figure that would
    /// pass `width` starts a new band below (a blank row between bands), so a multi-channel
    /// question's channels and kernels are never cut at the screen's edge.
    static func figureRows(_ figures: [(caption: String, lines: [String])], width: Int) -> [String] {
        let widths = figures.map { max(displayWidth($0.caption), $0.lines.map(displayWidth).max() ?? 0) + 4 }
        var bands: [[Int]] = [[]]
        var used = 0
        for f in figures.indices {
            if !bands[bands.count - 1].isEmpty && used + widths[f] - 4 > width - 1 {
                bands.append([])
                used = 0
            }
            bands[bands.count - 1].append(f)
            used += widths[f]
        }
        var rows: [String] = []
        for (b, band) in bands.enumerated() {
            if b > 0 { rows.append("") }
            let height = (band.map { figures[$0].lines.count }.max() ?? 0) + 1
            for row in 0..<height {
                var text = ""
                for f in band {
                    let figure = figures[f]
                    let cell = row == 0 ? figure.caption : (row - 1 < figure.lines.count ? figure.lines[row - 1] : "")
                    text += cell + String(repeating: " ", count: max(0, widths[f] - displayWidth(cell)))
                }
                rows.append(text)
            }
        }
        return rows
    }

    private var currentQuestion: QuizQuestion? {
        if case .feedback(let result) = phase { return result.question }
        return session.current
    }

    private var currentIndex: Int {
        if case .feedback(let result) = phase { return result.index }
        return session.position + 1
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        buffer.fill(area)
        let width = area.width
        var y = area.y
        func put(_ text: String, _ style: Style = .plain, x: Int = 0) {
            guard y < area.maxY else { return }
            buffer.write(text, x: area.x + x, y: y, style: style, maxWidth: max(0, width - x))
            y += 1
        }
        if phase == .finished {
            for (index, line) in summary.enumerated().dropFirst(scroll) {
                let indent = String(line.prefix { $0 == " " })
                let body = String(line.dropFirst(indent.count))
                for (part, piece) in wrap(body, toWidth: max(10, width - indent.count - 3)).enumerated() {
                    put(indent + (part == 0 ? "" : "   ") + piece, index == 0 ? Palette.heading : .plain)
                }
            }
            return
        }
        /// "Leave the quiz? y/n", and what y records.
        func putLeaveQuestion() {
            let (i, n) = (session.answeredCount, session.questions.count)
            let text = confirmingQuit
                ? Localized(en: "Quit? y/n — y records the quiz as stopped after \(i) of \(n), then quits",
                            ko: "끝낼까요? y/n — y: \(n)문제 중 \(i)문제에서 멈춘 것으로 기록하고 끝냅니다")[language]
                : Localized(en: "Leave the quiz? y/n — y records it as stopped after \(i) of \(n)",
                            ko: "퀴즈를 그만둘까요? y/n — y: \(n)문제 중 \(i)문제에서 멈춘 것으로 기록")[language]
            for line in wrap(text, toWidth: max(10, width)) { put(line, Palette.warning) }
        }
        for line in questionLines(width: width) { put(line.text, line.style) }
        switch phase {
        case .asking:
            y = area.y + lastAnswerRow
            if y < area.maxY {
                let fieldX = buffer.write(answerLabel, x: area.x, y: y, style: Palette.heading, maxWidth: width) + 1
                if fieldX < width { field.render(into: &buffer, x: area.x + fieldX, y: y, width: min(16, width - fieldX)) }
            }
            y += 2
            if confirmingLeave { putLeaveQuestion(); return }
            let what = answerWhat
            if let hint { for line in wrap("! " + hint, toWidth: width) { put(line, Palette.warning) } }
            else if fieldFocused {
                put(Localized(en: "Type \(what.en) and press Enter (Esc leaves the field).",
                              ko: "\(what.ko) 입력하고 Enter (Esc: 입력 끝내기)")[language], Palette.note)
            } else {
                put(Localized(en: "Type \(what.en) or press Enter to answer; Esc goes back.",
                              ko: "\(what.ko) 입력하거나 Enter를 누르면 답합니다. Esc: 뒤로")[language], Palette.note)
            }
        case .feedback(let result):
            y += 1
            let verdict = result.correct ? QuizStrings.right(result.expected) : QuizStrings.wrong(answer: result.answer, expected: result.expected)
            put(verdict[language], result.correct ? Palette.current : Palette.warning)
            // The mistake named, with its working (or the author's feedback for the option picked).
            let worked = result.question.worked(language)
            for line in result.question.grade(result.answer, expected: result.expected).lines(language, shown: result.correct ? [] : worked) {
                for part in wrap(line, toWidth: max(10, width - 2)) { put(part, Palette.warning) }
            }
            put(session.scoreLine(language), Palette.heading)
            if !result.correct || alwaysShowsWorking || showsWorking || result.question.answerFormat.isConceptual {
                y += 1
                for line in worked {
                    for part in wrap(line, toWidth: max(10, width - 2)) {
                        let row = y
                        put(part, x: 2)
                        highlightWindow(part, row: row, x: area.x + 2, within: area, buffer: &buffer)
                    }
                }
            }
            y += 1
            if confirmingLeave { putLeaveQuestion(); return }
            let next = session.isFinished ? Localized(en: "Enter: see the summary", ko: "Enter: 결과 보기")
                                          : Localized(en: "Enter: next question", ko: "Enter: 다음 문제")
            put(next[language], Palette.note)
        case .finished:
            break
        }
    }

    /// What the answer field takes: `a number`, `a letter (a–c)`, `t or f` (Korean with its particle).
    private var answerWhat: Localized { (session.current?.answerFormat ?? .real).typedWhat }
}

/// `stride show quiz` / the home screen: `kind`, `count`, `seed` (default: `shortSeed()`).
public struct QuizSettings: SceneSettings {
    public static let settings: [SettingSpec] = [.quizKind, .quizCount, .quizSeed]
    public var topic: QuizTopic = .mixed
    public var count = 10
    public var seed: UInt64?

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        topic = QuizTopic(rawValue: try c.choice(.quizKind, default: "mixed")) ?? .mixed
        count = try c.integer(.quizCount, default: 10)
        if c.contains(SettingKey("seed")) {
            guard let seed = try? c.decode(UInt64.self, forKey: SettingKey("seed")) else {
                throw SettingsProblem("seed", "expected a whole number ≥ 0")
            }
            self.seed = seed
        }
    }

    /// Seeds drawn when none is given: 4 to 6 digits, short enough to read out to a class.
    public static let shortSeeds: ClosedRange<UInt64> = 1_000...999_999

    /// A random seed from `shortSeeds`: a fresh quiz each time, shown so it can be given again.
    public static func shortSeed() -> UInt64 { UInt64.random(in: shortSeeds) }
}

extension QuizScreen {
    /// The registry's description: a quiz of the settings' kind (mixed by default).
    /// Without a seed, `QuizSettings.shortSeed()` seeds the engine's generator.
    public static let entry = entry(onAnswer: nil)

    /// The registry's description, each answer of its quizzes handed to `onAnswer` (the
    /// student's history).
    public static func entry(onAnswer: (@Sendable (QuizResult) -> String?)?) -> ScreenEntry { ScreenEntry(
        id: "quiz", group: .quiz,
        title: Localized(en: "Quiz", ko: "퀴즈"),
        summary: Localized(en: "output sizes, layer chains, parameters, cells and pooling, with worked answers",
                           ko: "출력 크기, 층 연결, 파라미터 수, 출력 칸, 풀링 문제와 풀이"),
        settings: QuizSettings.settings
    ) { source, language throws(SettingsError) in
        let settings = try decodeSettings(QuizSettings.self, from: source)
        do throws(QuizQuestionError) {
            return try generated(settings, language: language, onAnswer: onAnswer)
        } catch {
            throw SettingsError(file: nil, line: nil, flag: nil, message: error.description)
        }
    } }

    /// A quiz of `settings` (a short random seed when it has none) whose end screen offers
    /// another of the same kind and count; each answer goes to `onAnswer`.
    public static func generated(_ settings: QuizSettings, language: Language,
                                 onAnswer: (@Sendable (QuizResult) -> String?)? = nil) throws(QuizQuestionError) -> QuizScreen {
        let seed = settings.seed ?? QuizSettings.shortSeed()
        let questions = QuizGenerator.questions(settings.topic, count: settings.count, seed: seed)
        var screen = QuizScreen(session: try QuizSession(questions: questions), language: language, seed: seed)
        screen.onAnswer = onAnswer
        var again = settings
        again.seed = nil
        screen.makeNext = { [again] in try? generated(again, language: language, onAnswer: onAnswer) }
        return screen
    }
}

extension Key {
    /// A key that starts typing an answer: a digit, a sign, a decimal point or comma; for an
    /// option or true/false also a letter (not `q`, which quits once the field is left).
    /// A key that starts typing a number (predict mode's fields and numeric questions).
    var startsAnswer: Bool { startsAnswer(.real) }

    func startsAnswer(_ format: QuizAnswerFormat) -> Bool {
        guard case .char(let c) = self else { return false }
        if format.isConceptual { return (c.isLetter && c != "q") || c.isNumber }
        return c.isNumber || "-+.,".contains(c)
    }
}

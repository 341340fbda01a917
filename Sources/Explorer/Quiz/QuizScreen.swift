import Foundation
import Terminal

/// The quiz, full screen: a question, a text field for the answer (Backspace, ←/→, a
/// visible cursor), then right or wrong at once with the worked answer, and at the end a
/// summary per kind with the questions missed. A line that is not a number is refused with
/// a hint and not counted. The title bar shows `score 3/5 · streak 2`.
///
/// Keys: typing while asked (Enter submits, Esc leaves); Enter or → for the next question.
public struct QuizScreen: Screen {
    public enum Phase: Sendable, Equatable {
        case asking
        case feedback(QuizResult)
        case finished
    }

    public private(set) var session: QuizSession
    public let language: Language
    /// The seed the questions were drawn with (shown so a class can share the quiz).
    public let seed: UInt64?
    public private(set) var phase: Phase = .asking
    public private(set) var field = TextField(maxLength: 24)
    /// Why the last line was refused.
    public private(set) var hint: String?
    /// Called once when the last question is answered (e.g. appends to a results file);
    /// returns a problem to show, or nil.
    public var onFinish: (@Sendable (QuizSession) -> String?)?
    private var scroll = 0

    public init(session: QuizSession, language: Language, seed: UInt64? = nil,
                onFinish: (@Sendable (QuizSession) -> String?)? = nil) {
        self.session = session
        self.language = language
        self.seed = seed
        self.onFinish = onFinish
        if session.isFinished { phase = .finished }
    }

    public var title: String {
        let base = QuizStrings.title[language]
        return seed.map { base + " · " + Localized(en: "seed \($0)", ko: "시드 \($0)")[language] } ?? base
    }
    public var status: String { session.scoreLine(language) }
    public var wantsText: Bool { phase == .asking }

    static let submit = KeyBinding([.enter], "Enter", Localized(en: "answer", ko: "답하기"))
    static let next = KeyBinding([.enter, .right, .space], "Enter", Localized(en: "next question", ko: "다음 문제"))
    static let summaryScroll = KeyBinding([.up, .down], "↑/↓", Localized(en: "scroll", ko: "스크롤"))

    public var bindings: [KeyBinding] {
        switch phase {
        case .asking: [Self.submit]
        case .feedback: [Self.next]
        case .finished: [Self.summaryScroll]
        }
    }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        if case .resize(let width, _) = message { renderWidth = width }
        guard case .key(let key) = message else { return .none }
        switch phase {
        case .asking:
            switch field.handle(key) {
            case .submitted(let text):
                do {
                    let result = try session.submit(text)
                    field.clear()
                    hint = nil
                    phase = .feedback(result)
                } catch {
                    hint = error.message(language)
                }
            case .cancelled:
                return .close
            case .edited:
                hint = nil
            case .ignored:
                break
            }
        case .feedback:
            guard Self.next.matches(key) else { return .none }
            if session.isFinished {
                phase = .finished
                if let problem = onFinish?(session) { return .notice(problem) }
            } else {
                phase = .asking
            }
        case .finished:
            if key == .down { scroll = min(scroll + 1, max(0, summary.count - 1)) }
            if key == .up { scroll = max(scroll - 1, 0) }
        }
        return .none
    }

    var summary: [String] { session.summaryLines(language) }

    public var contentSize: (width: Int, height: Int) { (76, 22) }

    public var cursor: (x: Int, y: Int)? {
        guard phase == .asking else { return nil }
        return (displayWidth(answerLabel) + 1 + field.cursorColumn, lastAnswerRow)
    }

    private var answerLabel: String { Localized(en: "Answer:", ko: "답:")[language] }

    /// The row the field is drawn on, for the area width last reported by `.resize`.
    private var lastAnswerRow: Int { questionLines(width: renderWidth).count + 1 }
    private var renderWidth = 80

    /// The question's heading, sentence and matrices, wrapped to `width`.
    func questionLines(width: Int) -> [(text: String, style: Style)] {
        guard let question = phase == .finished ? nil : currentQuestion else { return [] }
        let index = currentIndex
        var lines: [(String, Style)] = [(QuizStrings.question(index, of: session.questions.count, kind: question.kind)[language], Palette.heading)]
        // Keep a cell position `[1, 2]` on one line (a no-break space inside it).
        let prompt = question.prompt(language).replacing(/\[(\d+), (\d+)\]/) { "[\($0.1),\u{00A0}\($0.2)]" }
        for line in wrap(prompt, toWidth: max(10, width - 2)) {
            lines.append((line.replacingOccurrences(of: "\u{00A0}", with: " "), .plain))
        }
        if case .feedback = phase { return lines }
        let figures = question.figures(language)
        if !figures.isEmpty {
            lines.append(("", .plain))
            // Side by side: each figure's caption over its rows.
            let widths = figures.map { max(displayWidth($0.caption), $0.lines.map(\.count).max() ?? 0) + 4 }
            let height = (figures.map(\.lines.count).max() ?? 0) + 1
            for row in 0..<height {
                var text = ""
                for (f, figure) in figures.enumerated() {
                    let cell = row == 0 ? figure.caption : (row - 1 < figure.lines.count ? figure.lines[row - 1] : "")
                    text += cell + String(repeating: " ", count: max(0, widths[f] - displayWidth(cell)))
                }
                lines.append((text, .plain))
            }
        }
        return lines
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
        for line in questionLines(width: width) { put(line.text, line.style) }
        switch phase {
        case .asking:
            y = area.y + lastAnswerRow
            if y < area.maxY {
                let fieldX = buffer.write(answerLabel, x: area.x, y: y, style: Palette.heading, maxWidth: width) + 1
                if fieldX < width { field.render(into: &buffer, x: area.x + fieldX, y: y, width: min(16, width - fieldX)) }
            }
            y += 2
            if let hint { for line in wrap("! " + hint, toWidth: width) { put(line, Palette.warning) } }
            else { put(Localized(en: "Type a number and press Enter (Esc leaves the quiz).",
                                 ko: "숫자를 입력하고 Enter (Esc: 퀴즈 나가기)")[language], Palette.note) }
        case .feedback(let result):
            y += 1
            let verdict = result.correct ? QuizStrings.right(result.expected) : QuizStrings.wrong(answer: "\(result.answer)", expected: result.expected)
            put(verdict[language], result.correct ? Palette.current : Palette.warning)
            put(session.scoreLine(language), Palette.heading)
            if !result.correct {
                y += 1
                for line in result.question.worked(language) {
                    for part in wrap(line, toWidth: max(10, width - 2)) {
                        let row = y
                        put(part, x: 2)
                        highlightWindow(part, row: row, x: area.x + 2, within: area, buffer: &buffer)
                    }
                }
            }
            y += 1
            let next = session.isFinished ? Localized(en: "Enter: see the summary", ko: "Enter: 결과 보기")
                                          : Localized(en: "Enter: next question", ko: "Enter: 다음 문제")
            put(next[language], Palette.note)
        case .finished:
            break
        }
    }

    /// Styles the bracketed cells `[v]` of a drawn grid row (the window on the input).
    private func highlightWindow(_ line: String, row: Int, x: Int, within area: Rect, buffer: inout Buffer) {
        guard line.allSatisfy({ "0123456789[]-. ".contains($0) }) else { return }
        var column = 0
        var start: Int?
        for ch in line {
            if ch == "[" { start = column }
            if ch == "]", let s = start {
                buffer.patchStyle(Rect(x: x + s, y: row, width: column - s + 1, height: 1).intersection(area), style: Palette.window)
                start = nil
            }
            column += 1
        }
    }
}

/// `stride show quiz` / the home screen: `kind`, `count`, `seed` (default: from the clock).
public struct QuizSettings: SceneSettings {
    public static let keys = ["kind", "count", "seed"]
    public var topic: QuizTopic = .mixed
    public var count = 10
    public var seed: UInt64?

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        topic = QuizTopic(rawValue: try c.choice(SettingKey("kind"), default: "mixed", in: QuizTopic.allCases.map(\.rawValue))) ?? .mixed
        count = try c.integer(SettingKey("count"), default: 10, in: 1...1000)
        if c.contains(SettingKey("seed")) {
            guard let seed = try? c.decode(UInt64.self, forKey: SettingKey("seed")) else {
                throw SettingsProblem("seed", "expected a whole number ≥ 0")
            }
            self.seed = seed
        }
    }
}

extension QuizScreen {
    /// The registry's description: a quiz of the settings' kind (mixed by default).
    /// Without a seed the clock's microseconds seed the engine's generator.
    public static let entry = ScreenEntry(
        id: "quiz", group: .quiz,
        title: Localized(en: "Quiz", ko: "퀴즈"),
        summary: Localized(en: "output sizes, layer chains, parameters, cells and pooling, with worked answers",
                           ko: "출력 크기, 층 연결, 파라미터 수, 출력 칸, 풀링 문제와 풀이"),
        settingsKeys: QuizSettings.keys
    ) { source, language throws(SettingsError) in
        let settings = try decodeSettings(QuizSettings.self, from: source)
        let seed = settings.seed ?? UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
        let questions = QuizGenerator.questions(settings.topic, count: settings.count, seed: seed)
        do throws(QuizQuestionError) {
            return QuizScreen(session: try QuizSession(questions: questions), language: language, seed: seed)
        } catch {
            throw SettingsError(file: nil, line: nil, flag: nil, message: error.description)
        }
    }
}

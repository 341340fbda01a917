import CNN
@testable import Explorer
import Terminal
import Testing

@Suite("Quiz screen")
struct QuizScreenTests {
    static func questions() throws -> [QuizQuestion] {
        [QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: .same, s: 2))),
         QuizQuestion(.cell(CellQuestion(input: try Matrix(parsing: "1 2 3; 4 5 6; 7 8 9"), kernel: try Matrix(parsing: "1 0; 0 -1"), i: 1, j: 0)))]
    }

    static func app(_ language: Language, onFinish: (@Sendable (QuizSession) -> String?)? = nil) throws -> ExplorerApp {
        let quiz = QuizScreen(session: try QuizSession(questions: questions()), language: language, seed: 42, onFinish: onFinish)
        // Inline: the save `onFinish` does (a command) has run when the frame is drawn.
        return ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language), quiz], language: language,
                           runtime: CommandRuntime(mode: .inline))
    }

    static func keys(_ text: String) -> [Key] { text.map { Key.char($0) } }

    /// Whole screens, 80×24: the padded buffer lines (trailing blanks trimmed).
    func lines(_ buffer: Buffer) -> [String] {
        buffer.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    static let blank = Array(repeating: "", count: 24)
    static func filled(_ top: [String], footer: String) -> [String] {
        top + Array(repeating: "", count: 23 - top.count) + [footer]
    }

    @Test func englishQuestionRightThenWrongWithTheWorkedWindow() throws {
        var app = try Self.app(.en)
        var buffer = screen(&app)
        #expect(lines(buffer) == Self.filled([
            " Stride · Quiz · seed 42                                   score 0/0 · streak 0",
            "Question 1/2 · output size",
            "Input n = 28, kernel k = 3, padding p = same, stride s = 2. What is the output",
            "size?",
            "",
            "Answer:",
            "",
            "Type a number and press Enter (Esc leaves the field).",
        ], footer: "Enter answer  Esc leave the field  Ctrl-C quit"))
        #expect(app.top.wantsText)
        #expect(app.cursor! == (8, 5))
        // Typing, Backspace and the cursor; q and ? are text here, not keys.
        buffer = screen(&app, Self.keys("15") + [.backspace] + Self.keys("4"))
        #expect(lines(buffer)[5] == "Answer: 14")
        #expect(app.cursor! == (10, 5))
        buffer = screen(&app, [.enter])
        #expect(lines(buffer) == Self.filled([
            " Stride · Quiz · seed 42                                   score 1/1 · streak 1",
            "Question 1/2 · output size",
            "Input n = 28, kernel k = 3, padding p = same, stride s = 2. What is the output",
            "size?",
            "",
            "✓ correct: 14",
            "score 1/1 · streak 1",
            "",
            "Enter: next question",
        ], footer: "Enter next question  w show the working  ? help  Esc back  q quit"))
        #expect(!app.top.wantsText && app.cursor == nil)
        // w shows the working of a right answer too.
        buffer = screen(&app, [.char("w")])
        #expect(Array(lines(buffer)[5...9]) == ["✓ correct: 14", "score 1/1 · streak 1", "",
                                                "  same: out = ceil(n / s) = ceil(28 / 2) = 14; padding 0 before, 1 after",
                                                "  out = floor((n + p_before + p_after − d(k−1) − 1) / s) + 1"])
        #expect(lines(buffer).last == "Enter next question  ? help  Esc back  q quit")

        // A non-number is refused with a hint and not counted.
        buffer = screen(&app, [.enter] + Self.keys("x1") + [.enter])
        #expect(lines(buffer) == Self.filled([
            " Stride · Quiz · seed 42                                   score 1/1 · streak 1",
            "Question 2/2 · output cell",
            "Input 3×3, kernel 2×2, mode correlate, padding valid, stride 1. Output cell",
            "[1, 0] (counting from 0)?",
            "",
            "input        kernel",
            " 1  2  3       1   0",
            " 4  5  6       0  -1",
            " 7  8  9",
            "",
            "Answer: x1",
            "",
            "! 'x1' is not a number: 'x' cannot be part of one (type 13, 204,928 or 4.5)",
        ], footer: "Enter answer  Esc leave the field  Ctrl-C quit"))
        #expect((app.top as! QuizScreen).session.answeredCount == 1)

        buffer = screen(&app, [.ctrl("u")] + Self.keys("-3") + [.enter])
        #expect(lines(buffer) == Self.filled([
            " Stride · Quiz · seed 42                                   score 1/2 · streak 0",
            "Question 2/2 · output cell",
            "Input 3×3, kernel 2×2, mode correlate, padding valid, stride 1. Output cell",
            "[1, 0] (counting from 0)?",
            "",
            "✗ wrong: you answered -3, expected -4",
            "score 1/2 · streak 0",
            "",
            "  the window on the input:",
            "   1  2  3",
            "  [4][5] 6",
            "  [7][8] 9",
            "  out[1, 0] = 4·1 + 5·0 + 7·0 + 8·(-1) = -4",
            "",
            "Enter: see the summary",
        ], footer: "Enter see the summary  ? help  Esc back  q quit"))
        // The window's cells are highlighted on the drawn input.
        for (x, y) in [(2, 10), (4, 10), (5, 10), (7, 10), (2, 11), (7, 11)] {
            #expect(buffer[x, y].style == Palette.window, "(\(x), \(y))")
        }
        #expect(buffer[3, 9].style != Palette.window && buffer[9, 10].style != Palette.window)
    }

    @Test func aQuizWithoutASeedGetsOneShortEnoughToReadOut() throws {
        for _ in 0..<500 {
            let seed = QuizSettings.shortSeed()
            #expect((4...6).contains(String(seed).count), "\(seed)")
        }
        let quiz = try #require(try ScreenRegistry.builtIn.make("quiz", settings: .flags([:]), language: .en) as? QuizScreen)
        let shown = try #require(quiz.title.split(separator: " ").last)
        #expect(shown.allSatisfy(\.isNumber) && (4...6).contains(shown.count), "\(quiz.title)")
    }

    @Test func theSummaryListsKindsAndMissedQuestionsAndSavesOnce() throws {
        let saved = SavedSessions()
        var app = try Self.app(.en, onFinish: { saved.add($0); return nil })
        let buffer = screen(&app, Self.keys("14") + [.enter, .enter] + Self.keys("5") + [.enter, .enter])
        #expect(lines(buffer) == Self.filled([
            " Stride · Quiz · seed 42                                   score 1/2 · streak 0",
            "Final score 1/2, best streak 1",
            "  output size: 1/1",
            "  output cell: 0/1",
            "Missed:",
            "  2. Input 3×3, kernel 2×2, mode correlate, padding valid, stride 1. Output",
            "     cell [1, 0] (counting from 0)?",
            "     your answer 5, expected -4",
        ], footer: "↑/↓ scroll  ? help  Esc back  q quit"))
        #expect(saved.count == 1)
        _ = screen(&app, [.escape])
        #expect(app.stack.count == 1, "Esc goes back to the home screen")
    }

    @Test func koreanQuestionAndFeedback() throws {
        var app = try Self.app(.ko)
        var buffer = screen(&app)
        #expect(lines(buffer) == Self.filled([
            " Stride · 퀴즈 · 시드 42                                 점수 0/0 · 연속 정답 0",
            "문제 1/2 · 출력 크기",
            "입력 n = 28, 커널 k = 3, 패딩 p = same, 스트라이드 s = 2. 출력 크기는?",
            "",
            "답:",
            "",
            "숫자를 입력하고 Enter (Esc: 입력 끝내기)",
        ], footer: "Enter 답하기  Esc 입력 끝내기  Ctrl-C 종료"))
        #expect(app.cursor! == (4, 4), "after 답: (3 columns) and a space")
        buffer = screen(&app, Self.keys("13") + [.enter])
        #expect(lines(buffer) == Self.filled([
            " Stride · 퀴즈 · 시드 42                                 점수 0/1 · 연속 정답 0",
            "문제 1/2 · 출력 크기",
            "입력 n = 28, 커널 k = 3, 패딩 p = same, 스트라이드 s = 2. 출력 크기는?",
            "",
            "✗ 오답: 입력한 값 13, 정답 14",
            "+1을 빠뜨렸습니다: floor(26 / 2) = 13; 바르게: floor(26 / 2) + 1 = 14",
            "또는: 패딩을 빠뜨렸습니다: floor((28 + 2·0 − 1·(3−1) − 1) / 2) + 1 = 13;",
            "바르게: floor((28 + 0 + 1 − 1·(3−1) − 1) / 2) + 1 = 14",
            "또는: Keras는 'same' 패딩의 남는 한 칸을 아래/오른쪽에 둡니다 (반씩 나누거나",
            "위/왼쪽이 아님)",
            "점수 0/1 · 연속 정답 0",
            "",
            "  same: out = ceil(n / s) = ceil(28 / 2) = 14; 패딩 위·왼쪽 0, 아래·오른쪽 1",
            "  out = floor((n + p_before + p_after − d(k−1) − 1) / s) + 1",
            "      = floor((28 + 0 + 1 − 1·(3−1) − 1) / 2) + 1",
            "      = floor(26 / 2) + 1",
            "      = 13 + 1",
            "      = 14",
            "",
            "Enter: 다음 문제",
        ], footer: "Enter 다음 문제  ? 도움말  Esc 뒤로  q 종료"))
        buffer = screen(&app, [.enter] + Self.keys("ab") + [.enter])
        #expect(lines(buffer) == Self.filled([
            " Stride · 퀴즈 · 시드 42                                 점수 0/1 · 연속 정답 0",
            "문제 2/2 · 출력 칸",
            "입력 3×3, 커널 2×2, 교차상관, 패딩 valid, 스트라이드 1. 출력 [1, 0] 칸의 값은?",
            "(0부터 셈)",
            "",
            "입력         커널",
            " 1  2  3       1   0",
            " 4  5  6       0  -1",
            " 7  8  9",
            "",
            "답: ab",
            "",
            "! 'ab': 숫자가 아닙니다 ('a' 불가). 13, 204,928, 4.5처럼 입력하세요",
        ], footer: "Enter 답하기  Esc 입력 끝내기  Ctrl-C 종료"))
    }

    /// A wrong answer's working, the window drawn on the input included, fits 80×24 with the
    /// "next" hint still on screen, for every generated cell and pooling question tried.
    @Test(arguments: [QuizTopic.cell, .pool, .chain, .size])
    func wrongAnswerFeedbackFitsTheMinimumTerminal(_ topic: QuizTopic) throws {
        for question in QuizGenerator.questions(topic, count: 120, seed: 31) {
            let quiz = QuizScreen(session: try QuizSession(questions: [question, question]), language: .ko)
            var app = ExplorerApp(screens: [quiz], language: .ko)
            let text = screen(&app, Self.keys("999") + [.enter]).lines
            #expect(text.contains { $0.hasPrefix("Enter: 다음 문제") }, "\(question)\n\(text.joined(separator: "\n"))")
            #expect(text.contains { $0.contains("out[") || $0.contains("= ") })
        }
    }

    /// The same with every diagnosed wrong answer: the mistakes named, the working and the
    /// "next" hint all fit 80×24 in both languages.
    @Test(arguments: [QuizTopic.cell, .pool, .chain, .size, .params])
    func diagnosedFeedbackFitsTheMinimumTerminal(_ topic: QuizTopic) throws {
        var named = 0
        for question in QuizGenerator.questions(topic, count: 40, seed: 77) {
            let expected = try question.expected()
            for mistake in question.mistakes where abs(mistake.value - expected.doubleValue) > QuizQuestion.tolerance && mistake.value >= 0 {
                for language in Language.allCases {
                    let quiz = QuizScreen(session: try QuizSession(questions: [question, question]), language: language)
                    var app = ExplorerApp(screens: [quiz], language: language)
                    let typed = question.wantsInteger ? String(Int(mistake.value)) : String(mistake.value)
                    let text = screen(&app, Self.keys(typed) + [.enter]).lines
                    let next = language == .en ? "Enter: next question" : "Enter: 다음 문제"
                    #expect(text.contains { $0.hasPrefix(next) }, "\(question)\n\(text.joined(separator: "\n"))")
                    let headline = QuizStrings.mistake(mistake.code)[language]
                    #expect(text.contains { $0.contains(String(headline.prefix(12))) }, "\(mistake.code) not named:\n\(text.joined(separator: "\n"))")
                    named += 1
                }
            }
        }
        #expect(named > 40)
    }

    @Test func theHomeScreenOpensTheQuiz() throws {
        var app = homeApp()
        let quizRow = HomeScreen(registry: .builtIn).ordered.firstIndex { $0.id == "quiz" }!
        _ = screen(&app, Array(repeating: .down, count: quizRow) + [.enter])
        let quiz = try #require(app.top as? QuizScreen)
        #expect(quiz.session.questions.count == 10 && app.top.wantsText)
        var shown = try appShowing("quiz", ["kind": "params", "count": "3", "seed": "9"])
        let text = screen(&shown).lines.joined(separator: "\n")
        #expect(text.contains("Question 1/3 · parameters") && text.contains("seed 9"))
        #expect(throws: SettingsError.self) { try appShowing("quiz", ["kind": "sizes"]) }
    }
}

/// Sessions handed to `onFinish` (run by a command the screen returns).
final class SavedSessions: @unchecked Sendable {
    private var sessions: [QuizSession] = []
    func add(_ s: QuizSession) { sessions.append(s) }
    var count: Int { sessions.count }
    var last: QuizSession? { sessions.last }
}

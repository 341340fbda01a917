import CNN
import Foundation
import Testing
@testable import Explorer
import Terminal

/// The student's screen (`stride class join`), driven by the messages its class client sends:
/// whole frames at 80×24 in the app, each stage in English and Korean, the keys, and what
/// reaches the client.
@Suite struct StudentScreenTests {
    /// The app's frame with the screen at `stage`, `width`×`height`.
    static func frame(_ stage: String, _ language: Language, width: Int = 80, height: Int = 24) -> Buffer {
        var app = ExplorerApp(screens: [StudentFixture.screen(stage, language)], language: language, runtime: CommandRuntime(mode: .inline))
        return drive(&app, events: [], size: (width, height))
    }

    static func text(_ stage: String, _ language: Language) -> String { frame(stage, language).lines.joined(separator: "\n") }

    /// `lines` (the last one is the footer) with blank rows above the footer, `height` in all.
    static func padded(_ lines: [String], to height: Int = 24) -> [String] {
        let body = lines.dropLast()
        return body + Array(repeating: "", count: max(0, height - 1 - body.count)) + [lines.last ?? ""]
    }

    @Test func aQuestionWithItsAnswerFieldIsTheWholeFrame() {
        let expected = Self.padded([
            " Stride · Class K7QX                                                  Ann · 1/3",
            "Ann · class K7QX · 192.168.10.24:7431",
            "",
            "Question 1/3 · output size",
            "Input n = 28, kernel k = 3, padding p = valid, stride s = 1. What is the",
            "output size?",
            "",
            "Answer:",
            "",
            "Type a number and press Enter (Esc leaves the field).",
            "Enter send the answer  Esc leave the field  Ctrl-C quit",
        ])
        #expect(Self.frame("question", .en).lines == expected)
    }

    @Test func aWrongAnswerRevealedShowsTheVerdictTheDiagnosisAndTheWorking() {
        let expected = Self.padded([
            " Stride · Class K7QX                                                  Ann · 1/3",
            "Ann · class K7QX · 192.168.10.24:7431",
            "",
            "Question 1/3 · output size",
            "Input n = 28, kernel k = 3, padding p = valid, stride s = 1. What is the",
            "output size?",
            "",
            "✗ wrong: you answered 25, expected 26",
            "You left out the +1: floor(25 / 1) = 25; right: floor(25 / 1) + 1 = 26",
            "21 of 30 answered right.",
            "",
            "  out = floor((n + 2p − d(k−1) − 1) / s) + 1",
            "      = floor((28 + 2·0 − 1·(3−1) − 1) / 1) + 1",
            "      = floor(25 / 1) + 1",
            "      = 25 + 1",
            "      = 26",
            "",
            "Waiting for the next question…",
            "? help  q quit",
        ])
        #expect(Self.frame("wrong", .en).lines == expected)
    }

    /// What each stage must show, in full, at 80×24 (English, Korean).
    static let shows: [String: (en: [String], ko: [String])] = [
        "connecting": (["Connecting to 192.168.10.24:7431…"], ["192.168.10.24:7431에 연결하는 중…"]),
        "waiting": (["Ann · class K7QX · 192.168.10.24:7431", "Waiting for the instructor to show the first question"],
                    ["김민준 · 수업 K7QX · 192.168.10.24:7431", "강사가 첫 문제를 보여 주기를 기다리는 중"]),
        "question": (["Question 1/3", "Answer:", "Type a number and press Enter"], ["문제 1/3", "답:", "숫자를 입력하고 Enter"]),
        "hint": (["Answer: 2,6", "! '2,6': a comma groups thousands"], ["답: 2,6", "! '2,6'"]),
        "sending": (["Your answer 26: sending…"], ["답 26: 보내는 중…"]),
        "received": (["✓ received: your answer 26 is stored.", "It is locked in until the instructor reveals the answer."],
                     ["✓ 받았습니다: 답 26 저장됨.", "강사가 정답을 공개할 때까지 답은 바꿀 수 없습니다."]),
        "locked-in": (["✓ received: your answer 26 is stored.", "Answers are locked."], ["✓ 받았습니다: 답 26 저장됨.", "답 받기가 마감되었습니다."]),
        "locked-out": (["The instructor locked the answers before you answered"], ["답하기 전에 강사가 답 받기를 마감했습니다."]),
        "right": (["✓ correct: 26", "21 of 30 answered right.", "Waiting for the next question…"],
                  ["✓ 정답: 26", "30명 중 21명 정답.", "다음 문제를 기다리는 중…"]),
        "wrong": (["✗ wrong: you answered 25, expected 26", "You left out the +1", "= 26", "Waiting for the next question…"],
                  ["✗ 오답: 입력한 값 25, 정답 26", "+1을 빠뜨렸습니다", "= 26", "다음 문제를 기다리는 중…"]),
        "unanswered": (["You did not answer; the answer is 26.", "20 of 29 answered right.", "= 26"],
                       ["답하지 않았습니다. 정답은 26입니다.", "29명 중 20명 정답.", "= 26"]),
        "choice": (["Question 2/3 · choice", "a) convolution: it flips the kernel", "b) cross-correlation: the kernel as it is",
                    "Type a letter (a–b) and press Enter"],
                   ["문제 2/3 · 선택형", "a) 합성곱: 커널을 뒤집는다", "b) 교차상관: 커널을 그대로", "보기 글자를 (a–b) 입력하고 Enter"]),
        "choice-wrong": (["✗ wrong: you answered a, expected b", "Conv2D slides the kernel as it is.", "25 of 30 answered right."],
                         ["✗ 오답: 입력한 값 a, 정답 b", "Conv2D는 커널을 그대로 밀어 갑니다.", "30명 중 25명 정답."]),
        "cell": (["Question 3/3 · output cell", "kernel", "Answer:"], ["문제 3/3 · 출력 칸", "답:"]),
        "reconnecting": (["Connection lost (the server closed the connection). Reconnecting…", "✓ received: your answer 26 is stored."],
                         ["연결이 끊겼습니다 (서버가 연결을 닫았습니다). 다시 연결하는 중…", "✓ 받았습니다: 답 26 저장됨."]),
        "ended": (["The class has ended.", "Final score: 2/3", "Esc or q leaves.", "Ann · score 2/3"],
                  ["수업이 끝났습니다.", "최종 점수: 2/3", "Esc 또는 q: 나가기", "김민준 · 점수 2/3"]),
        "refused": (["Could not join the class:", "wrong class code: check the code on the instructor's screen", "Press any key to leave."],
                    ["수업에 참여하지 못했습니다:", "수업 코드가 틀렸습니다. 화면에 보이는 코드를 확인하세요", "아무 키나 누르면 나갑니다."]),
    ]

    @Test(arguments: StudentFixture.stages, Language.allCases)
    func everyStageShowsItsTextInFullAt80x24(stage: String, language: Language) throws {
        let buffer = Self.frame(stage, language)
        let text = buffer.lines.joined(separator: "\n")
        let wanted = try #require(Self.shows[stage], "no expectations for \(stage)")
        for phrase in language == .en ? wanted.en : wanted.ko {
            #expect(text.contains(phrase), "\(stage) \(language) lacks '\(phrase)':\n\(text)")
        }
        #expect(buffer.clipViolations == 0)
        // Nothing cut at the bottom: the content ends above the footer with a blank row to spare.
        let content = buffer.lines.dropFirst().dropLast()
        #expect(content.last?.trimmingCharacters(in: .whitespaces).isEmpty == true, "\(stage) \(language) fills the screen:\n\(text)")
        // The other language's words never show (the server's message aside).
        if language == .ko { #expect(!text.contains("Question") && !text.contains("answer"), "\(text)") }
    }

    /// Smaller than the app's minimum, straight into a buffer: nothing is drawn outside the area.
    @Test(arguments: StudentFixture.stages)
    func staysInsideSmallAreas(stage: String) {
        for language in Language.allCases {
            for (width, height) in [(1, 1), (9, 3), (20, 5), (40, 10), (60, 12)] {
                var screen = StudentFixture.screen(stage, language)
                _ = screen.update(.resize(width: width, height: height))
                var buffer = Buffer(width: width + 4, height: height + 4)
                let area = Rect(x: 2, y: 2, width: width, height: height)
                #expect(buffer.clipped(to: area) { screen.render(into: &$0, area: area) } == 0, "\(stage) \(language) \(width)×\(height)")
                if let cursor = screen.cursor { #expect(cursor.y < 40 && cursor.x < 80) }
            }
        }
    }

    @Test func aBadAnswerIsReaskedWithTheParsersMessageAndNothingIsSent() {
        let sent = Shared<[StudentAnswer]>([])
        var screen = StudentFixture.screen("question", .en, control: StudentControl(connect: { _ in {} }, answer: { a in sent.withLock { $0.append(a) } }))
        for key: Key in [.char("x"), .enter] { #expect(screen.update(.key(key)).isNone) }
        #expect(screen.hint == QuizAnswerProblem.notANumber("x").message(.en) || screen.hint?.contains("'x' is not a number") == true)
        #expect(screen.answer == .typing && screen.wantsText && sent.withLock { $0 }.isEmpty)
        // Fixed and sent: the answer goes to the client for question 1, through a command.
        _ = screen.update(.key(.ctrl("u")))
        _ = screen.update(.key(.char("2")))
        #expect(screen.hint == nil)
        _ = screen.update(.key(.char("6")))
        guard case .perform(let work) = screen.update(.key(.enter)) else { Issue.record("Enter sent nothing"); return }
        #expect(screen.answer == .sending("26") && !screen.wantsText)
        #expect(sent.withLock { $0 }.isEmpty, "update itself does no IO")
        #expect(work() == .handed)
        #expect(sent.withLock { $0 } == [StudentAnswer(index: 1, text: "26")])
        // The server refuses it (the instructor locked in between): back in the field, said why.
        _ = screen.update(.own(.event(.problem(index: 1, "question 1 is not open"))))
        #expect(screen.answer == .typing && screen.field.text == "26" && screen.hint == "question 1 is not open")
        _ = screen.update(.own(.event(.locked(index: 1))))
        #expect(!screen.canAnswer && !screen.wantsText)
        #expect(Self.render(screen).contains("The instructor locked the answers before you answered"))
    }

    @Test func escLeavesTheFieldAndTypingComesBack() {
        var screen = StudentFixture.screen("question", .en)
        #expect(screen.wantsText && screen.cursor != nil)
        _ = screen.update(.key(.escape))
        #expect(!screen.wantsText && screen.cursor == nil)
        #expect(screen.bindings.map(\.help.en) == ["type the answer"])
        _ = screen.update(.key(.char("7")))
        #expect(screen.wantsText && screen.field.text == "7")
        _ = screen.update(.key(.escape))
        _ = screen.update(.key(.enter))
        #expect(screen.wantsText && screen.field.text == "7")
        #expect(screen.bindings.map(\.help.en) == ["send the answer"])
    }

    @Test func eventsForAnotherQuestionAreIgnored() {
        var screen = StudentFixture.screen("sending", .en)
        _ = screen.update(.own(.event(.received(index: 2))))
        _ = screen.update(.own(.event(.reveal(index: 2, answer: nil, correct: false, expected: .integer(5), diagnosis: nil, answered: 1, right: 1, question: nil))))
        #expect(screen.answer == .sending("26") && screen.reveal == nil)
        _ = screen.update(.own(.event(.received(index: 1))))
        #expect(screen.answer == .received("26"))
    }

    @Test(arguments: Language.allCases)
    func afterTheLastRevealItSaysTheScoreComesAtTheEnd(language: Language) {
        var screen = StudentFixture.screen("cell", language)
        _ = screen.update(.own(.event(.reveal(index: 3, answer: nil, correct: false, expected: (try? StudentFixture.cell.expected()) ?? .integer(0),
                                              diagnosis: nil, answered: 2, right: 1, question: nil))))
        let text = Self.render(screen)
        #expect(text.contains(language == .en ? "That was the last question" : "마지막 문제였습니다"), "\(text)")
        #expect(!text.contains(language == .en ? "Waiting for the next question" : "다음 문제를 기다리는 중"))
        // The question kept from its push gives the working, though the reveal came without it.
        #expect(screen.reveal?.working == StudentFixture.cell.worked(language).map { TerminalSafe.text($0) })
        // Its grid's window is marked as the quiz marks it.
        var buffer = Buffer(width: 80, height: 22)
        screen.render(into: &buffer, area: Rect(x: 0, y: 0, width: 80, height: 22))
        let marked: [Int] = (0..<22).flatMap { y in (0..<80).filter { buffer[$0, y].style == Palette.window } }
        #expect(marked.count >= 9, "the 3×3 window's cells: \(marked.count) marked")
    }

    @Test func leavingAsksWhileTheClassRunsAndNotAfterItEnded() {
        for stage in ["connecting", "waiting", "received", "right", "reconnecting"] {
            #expect(StudentFixture.screen(stage, .en).leaveWarning != nil, "\(stage)")
        }
        for stage in ["ended", "refused"] { #expect(StudentFixture.screen(stage, .en).leaveWarning == nil, "\(stage)") }
        // In the app: q asks, n stays; after the end q leaves at once.
        var app = ExplorerApp(screens: [StudentFixture.screen("received", .en)], language: .en, runtime: CommandRuntime(mode: .inline))
        let asked = drive(&app, events: [.key(.char("q"))], size: (80, 24)).lines.joined(separator: "\n")
        #expect(app.pendingLeave == .quit && asked.contains("The class is still running. Quit anyway? y quit · n stay"), "\(asked)")
        _ = drive(&app, events: [.key(.char("n"))], size: (80, 24))
        #expect(app.pendingLeave == nil)
        _ = drive(&app, events: [.key(.escape)], size: (80, 24))
        #expect(app.pendingLeave == .back)
        var ended = ExplorerApp(screens: [StudentFixture.screen("ended", .en)], language: .en, runtime: CommandRuntime(mode: .inline))
        #expect(ended.handle(.key(.char("q"))) == .quit)
        var refused = ExplorerApp(screens: [StudentFixture.screen("refused", .en)], language: .en, runtime: CommandRuntime(mode: .inline))
        #expect(refused.handle(.key(.enter)) == .quit, "any key leaves a refusal")
    }

    /// The subscription is the only way in: the client's events reach the screen through the
    /// app's runtime, and the screen's answer goes out through a command.
    @Test func theClientsEventsArriveThroughTheSubscription() {
        let feed = Shared<(@Sendable (StudentScreen.Message) -> Void)?>(nil)
        let sent = Shared<[StudentAnswer]>([])
        let stopped = Shared(false)
        let control = StudentControl(connect: { send in feed.withLock { $0 = send }; return { stopped.withLock { $0 = true } } },
                                     answer: { a in sent.withLock { $0.append(a) } })
        let screen = StudentScreen(address: "127.0.0.1:7431", code: "K7QX", name: "Ann", language: .en, control: control)
        var app = ExplorerApp(screens: [screen], language: .en, runtime: CommandRuntime(mode: .inline))
        #expect(drive(&app, events: [], size: (80, 24)).lines.joined().contains("Connecting to 127.0.0.1:7431"))
        let send = feed.withLock { $0 }
        send?(.event(.joined(name: "Ann")))
        send?(.event(.question(index: 1, count: 2, StudentFixture.size)))
        var text = drive(&app, events: [.wake], size: (80, 24)).lines.joined(separator: "\n")
        #expect(text.contains("Question 1/2") && text.contains("Answer:"))
        text = drive(&app, events: [.key(.char("2")), .key(.char("6")), .key(.enter), .wake], size: (80, 24)).lines.joined(separator: "\n")
        #expect(sent.withLock { $0 } == [StudentAnswer(index: 1, text: "26")])
        #expect(text.contains("Your answer 26: sending…"), "\(text)")
        send?(.event(.received(index: 1)))
        text = drive(&app, events: [.wake], size: (80, 24)).lines.joined(separator: "\n")
        #expect(text.contains("✓ received: your answer 26 is stored."))
        send?(.exit(.ended))
        text = drive(&app, events: [.wake], size: (80, 24)).lines.joined(separator: "\n")
        #expect(text.contains("The class has ended."))
        app.closeAll()
        #expect(stopped.withLock { $0 })
    }

    @Test func textFromTheServerIsShownNeverObeyed() {
        let evil = "\u{1B}]52;c;evil\u{07}"
        let question = QuizQuestion(.choice(ChoiceQuestion(Localized(en: "Pick \(evil)one", ko: "골라 \(evil)"),
                                                           options: [.init(Localized(en: "a\u{1B}[2J", ko: "가")), .init(Localized(en: "b", ko: "나"))],
                                                           answer: 0)))
        var screen = StudentScreen(address: "127.0.0.1:7431", code: "K7QX", name: "Ann", language: .en, control: .still)
        for e: StudentEvent in [.joined(name: "Ann\u{1B}[31m"), .question(index: 1, count: 1, question), .problem(index: 1, "no\u{1B}[2J")] {
            _ = screen.update(.own(.event(e)))
        }
        let text = Self.render(screen)
        #expect(text.contains("Pick \\e]52;c;evil\\aone") && text.contains("a) a\\e[2J") && text.contains("Ann\\e[31m"))
        #expect(text.contains("! no\\e[2J"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        _ = screen.update(.own(.exit(.refused("bad\u{1B}[2J"))))
        #expect(Self.render(screen).contains("bad\\e[2J"))
    }

    /// The diagnosis the screen shows is the one `--plain` prints (`StudentReveal`), in the
    /// screen's language; a code this client cannot grade is still named.
    @Test(arguments: Language.allCases)
    func theDiagnosisIsTheNamedMistakeInTheScreensLanguage(language: Language) {
        let reveal = StudentReveal(answer: .integer(25), correct: false, expected: .integer(26), diagnosis: StudentFixture.missingPlusOne,
                                   answered: 3, right: 1, question: StudentFixture.size, language: language)
        #expect(reveal.feedback.first?.hasPrefix(language == .en ? "You left out the +1" : "+1을 빠뜨렸습니다") == true, "\(reveal.feedback)")
        let text = Self.text("wrong", language)
        for line in reveal.feedback + [reveal.verdict] { #expect(text.contains(line)) }
        // Without the question (a late reveal): the code named in the screen's language.
        let bare = StudentReveal(answer: .integer(25), correct: false, expected: .integer(26), diagnosis: StudentFixture.missingPlusOne,
                                 answered: 3, right: 1, question: nil, language: language)
        #expect(bare.feedback == [language == .en ? "You left out the +1" : "+1을 빠뜨렸습니다"])
        #expect(bare.working.isEmpty)
        let unknown = StudentReveal(answer: .integer(25), correct: false, expected: .integer(26), diagnosis: "new-code\u{1B}",
                                    answered: 3, right: 1, question: nil, language: language)
        #expect(unknown.feedback == ["new-code\\e"])
    }

    static func render(_ screen: StudentScreen, width: Int = 80, height: Int = 22) -> String {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height))
        return buffer.lines.joined(separator: "\n")
    }
}

import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// A clock the test moves by hand.
final class HandClock: @unchecked Sendable {
    var now = 1_000.0
    var read: QuizScreen.Clock { { [self] in now } }
}

/// Esc in a quiz with answers asks before leaving; leaving records the run as stopped; the
/// end screen says where it was saved and offers a new quiz; a time limit counts down and
/// ends the quiz with the unanswered questions counted wrong.
@Suite("Quiz: leaving and time limits")
struct QuizLeaveAndTimeTests {
    static func app(_ language: Language, saved: SavedSessions, timeLimit: Int? = nil, clock: HandClock = HandClock()) throws -> ExplorerApp {
        var quiz = QuizScreen(session: try QuizSession(questions: QuizScreenTests.questions()), language: language, seed: 42,
                              onFinish: { saved.add($0); return nil }, timeLimit: timeLimit, clock: clock.read)
        quiz.resultsPath = "class.jsonl"
        return ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language), quiz], language: language,
                           runtime: CommandRuntime(mode: .inline))
    }

    func lines(_ buffer: Buffer) -> [String] {
        buffer.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    @Test func escAfterAnAnswerAsksThenNKeepsGoingAndYRecordsTheStoppedRun() throws {
        let saved = SavedSessions()
        var app = try Self.app(.en, saved: saved)
        _ = screen(&app, QuizScreenTests.keys("14") + [.enter])
        var buffer = screen(&app, [.escape])
        #expect(app.stack.count == 2, "one stray Esc loses nothing")
        #expect(lines(buffer) == QuizScreenTests.filled([
            " Stride · Quiz · seed 42                                   score 1/1 · streak 1",
            "Question 1/2 · output size",
            "Input n = 28, kernel k = 3, padding p = same, stride s = 2. What is the output",
            "size?",
            "",
            "✓ correct: 14",
            "score 1/1 · streak 1",
            "",
            "Leave the quiz? y/n — y records it as stopped after 1 of 2",
        ], footer: "y leave (the run is recorded)  n/Esc keep going  ? help  q quit"))
        buffer = screen(&app, [.char("n")])
        #expect(lines(buffer)[8] == "Enter: next question" && app.stack.count == 2)
        // Asking again: Esc first leaves the field, then asks.
        buffer = screen(&app, [.enter, .escape])
        #expect(!app.top.wantsText && !lines(buffer).joined().contains("Leave the quiz?"))
        buffer = screen(&app, [.escape])
        #expect(lines(buffer).contains("Leave the quiz? y/n — y records it as stopped after 1 of 2"), "\(dump(buffer))")
        #expect(!app.top.wantsText)
        _ = screen(&app, [.escape])
        #expect(app.stack.count == 2, "Esc at the question means keep going")
        buffer = drive(&app, events: [.key(.escape), .key(.char("y")), .wake], size: (80, 24))  // .wake: the save's result
        #expect(saved.count == 1 && saved.last?.answeredCount == 1 && saved.last?.questions.count == 2)
        #expect(lines(buffer) == QuizScreenTests.filled([
            " Stride · Quiz · seed 42                                   score 1/1 · streak 1",
            "Final score 1/1, best streak 1",
            "Stopped after 1 of 2 questions.",
            "Saved to class.jsonl",
            "  output size: 1/1",
        ], footer: "↑/↓ scroll  ? help  Esc back  q quit"))
        _ = screen(&app, [.escape])
        #expect(app.stack.count == 1, "from the end screen Esc goes back")
        let record = QuizRecord(session: try #require(saved.last), seed: 42, kind: .mixed, name: "ana")
        #expect(record.total == 1 && record.count == 2 && record.problem == nil)
        #expect(QuizReport(records: [record]).lines().contains { $0.contains("(stopped after 1 of 2)") })
    }

    @Test func koreanAsksAndSaysWhereItWasSaved() throws {
        let saved = SavedSessions()
        var app = try Self.app(.ko, saved: saved)
        var buffer = screen(&app, QuizScreenTests.keys("14") + [.enter, .escape])
        #expect(lines(buffer).contains("퀴즈를 그만둘까요? y/n — y: 2문제 중 1문제에서 멈춘 것으로 기록"), "\(dump(buffer))")
        #expect(lines(buffer)[23].hasPrefix("y 그만두기 (기록됨)  n/Esc 계속하기"))
        buffer = drive(&app, events: [.key(.char("y")), .wake], size: (80, 24))
        #expect(Array(lines(buffer)[1...3]) == ["최종 점수 1/1, 최고 연속 정답 1", "2문제 중 1문제에서 멈췄습니다.", "class.jsonl에 저장했습니다"])
    }

    @Test func escAfterTheLastAnswerShowsTheSummaryAndSaves() throws {
        let saved = SavedSessions()
        var app = try Self.app(.en, saved: saved)
        let buffer = screen(&app, QuizScreenTests.keys("14") + [.enter, .enter] + QuizScreenTests.keys("-4") + [.enter, .escape])
        #expect(saved.count == 1 && saved.last?.answeredCount == 2)
        #expect(lines(buffer)[1] == "Final score 2/2, best streak 2" && app.stack.count == 2)
    }

    @Test func theEndScreenOffersANewQuizWithAnotherSeed() throws {
        var app = try appShowing("quiz", ["kind": "size", "count": "1", "seed": "9"])
        let first = try #require(app.top as? QuizScreen)
        let buffer = screen(&app, QuizScreenTests.keys("1") + [.enter, .enter])
        #expect(lines(buffer).contains("n: a new quiz · Esc: back"), "\(dump(buffer))")
        #expect(lines(buffer)[23].hasPrefix("↑/↓ scroll  n new quiz"))
        _ = screen(&app, [.char("n")])
        let next = try #require(app.top as? QuizScreen)
        #expect(app.stack.count == 2 && next.session.answeredCount == 0 && next.seed != first.seed)
        #expect(next.session.questions.count == 1 && next.session.questions[0].kind == .size)
    }

    @Test func theTimeLimitCountsDownAndEndsTheQuizWithTheRestWrong() throws {
        let saved = SavedSessions(), clock = HandClock()
        var app = try Self.app(.en, saved: saved, timeLimit: 90, clock: clock)
        var buffer = screen(&app)
        #expect(lines(buffer)[0] == " Stride · Quiz · seed 42                       score 0/0 · streak 0 · 1:30 left")
        clock.now += 31.2
        buffer = drive(&app, events: [.wake], size: (80, 24))
        #expect(lines(buffer)[0].hasSuffix("score 0/0 · streak 0 · 0:59 left"), "\(lines(buffer)[0])")
        buffer = screen(&app, QuizScreenTests.keys("14") + [.enter])
        #expect(lines(buffer)[0].hasSuffix("score 1/1 · streak 1 · 0:59 left"))
        clock.now += 58.0
        buffer = drive(&app, events: [.wake], size: (80, 24))
        #expect(lines(buffer)[0].hasSuffix("0:01 left") && saved.count == 0)
        clock.now += 1.0
        buffer = drive(&app, events: [.wake, .wake], size: (80, 24))  // the timer, then the save's result
        #expect(saved.count == 1 && saved.last?.timedOut == true && saved.last?.scoredCount == 2)
        #expect(lines(buffer) == QuizScreenTests.filled([
            " Stride · Quiz · seed 42                                   score 1/2 · streak 0",
            "Final score 1/2, best streak 1",
            "Time is up: 1 question not answered count as wrong.",
            "Saved to class.jsonl",
            "  output size: 1/1",
        ], footer: "↑/↓ scroll  ? help  Esc back  q quit"))
        let record = QuizRecord(session: try #require(saved.last), seed: 42, kind: .mixed, name: "", timeLimit: 90)
        #expect(record.timedOut == true && record.timeLimit == 90 && record.problem == nil)
        #expect(QuizReport(records: [record]).lines().contains { $0.contains("1/2 (50%) (time ran out after 1 of 2; unanswered count as wrong)") })
    }

    @Test func theTimerIsAnAfterCommandAtTheNextWholeSecond() throws {
        let clock = HandClock()
        var quiz = QuizScreen(session: try QuizSession(questions: QuizScreenTests.questions()), language: .en,
                              timeLimit: 10, clock: clock.read)
        guard case .after(let first, .clock) = quiz.start() else { Issue.record("no timer"); return }
        #expect(first >= .seconds(1) && first < .milliseconds(1_050))
        clock.now += 2.5
        guard case .after(let next, .clock) = quiz.update(.own(.clock)) else { Issue.record("no next tick"); return }
        #expect(next >= .milliseconds(500) && next < .milliseconds(550), "\(next)")
        #expect(quiz.secondsLeft == 8)
        clock.now += 8
        #expect(quiz.update(.own(.clock)).isNone && quiz.phase == .finished && quiz.session.timedOut)
        #expect(QuizScreen(session: try QuizSession(questions: QuizScreenTests.questions()), language: .en).start().isNone,
                "no limit, no timer")
    }

    @Test func anExpiredSessionTakesNoAnswersAndScoresEveryQuestion() throws {
        var session = try QuizSession(questions: QuizScreenTests.questions())
        try session.submit("14")
        session.expire()
        #expect(session.isFinished && session.current == nil && session.unansweredCount == 1)
        #expect(throws: QuizAnswerProblem.self) { try session.submit("1") }
        #expect(session.scoreLine(.en) == "score 1/2 · streak 0")
        #expect(session.summaryLines(.ko)[1] == "시간이 다 되었습니다: 답하지 않은 1문제는 오답으로 셉니다.")
    }
}

/// q after an answer asks too (quitting at once lost the answers): n stays; y records the run
/// as stopped, then quits; q before any answer quits at once; q on the help overlay asks too.
@Suite("Quiz: q asks once there are answers")
struct QuizQuitTests {
    @Test func qAfterAnAnswerAsksThenYRecordsAndQuits() throws {
        for language in [Language.en, .ko] {
            let saved = SavedSessions()
            var app = try QuizLeaveAndTimeTests.app(language, saved: saved)
            _ = screen(&app, QuizScreenTests.keys("14") + [.enter])
            #expect(app.handle(.key(.char("q"))) != .quit, "q with an answer in asks first")
            var text = screen(&app).lines.joined(separator: "\n")
            let question = language == .en ? "Quit? y/n — y records the quiz as stopped after 1 of 2, then quits"
                                           : "끝낼까요? y/n — y: 2문제 중 1문제에서 멈춘 것으로 기록하고 끝냅니다"
            #expect(text.contains(question), "\(text)")
            #expect(screen(&app).lines.last?.contains(language == .en ? "y leave (the run is recorded)" : "y 그만두기 (기록됨)") == true)
            _ = screen(&app, [.char("n")])
            text = screen(&app).lines.joined(separator: "\n")
            #expect(!text.contains(question) && saved.count == 0 && app.stack.count == 2)
            // The footer still offers q (it asks); on the help overlay, q asks too.
            #expect(screen(&app).lines.last?.hasSuffix(language == .en ? "q quit" : "q 종료") == true, "\(screen(&app).lines.last ?? "")")
            _ = screen(&app, [.char("?")])
            #expect(app.handle(.key(.char("q"))) != .quit)
            #expect(screen(&app).lines.joined().contains(question))
            // y: the run is saved (the save's result arrives on .wake), then the app quits.
            #expect(app.handle(.key(.char("y"))) != .quit)
            #expect(app.handle(.wake) == .quit)
            #expect(saved.count == 1 && saved.last?.answeredCount == 1 && saved.last?.questions.count == 2)
        }
    }

    @Test func qBeforeAnyAnswerQuitsAtOnce() throws {
        var app = try QuizLeaveAndTimeTests.app(.en, saved: SavedSessions())
        _ = screen(&app, [.escape])  // leave the field: q is a key, not text
        #expect(app.handle(.key(.char("q"))) == .quit)
    }
}

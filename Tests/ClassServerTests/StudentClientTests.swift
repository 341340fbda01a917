import Foundation
import Testing
@testable import ClassServer
@testable import Explorer

/// The student's client as the full screen uses it: answers typed for a given question, every
/// question kind parsed as the quiz parses it, the session that runs the client for the screen,
/// and the plain output's words (the same as the screen's).
@Suite(.serialized) struct StudentClientTests {
    static let choice = QuizQuestion(.choice(ChoiceQuestion(
        Localized(en: "What does Keras's Conv2D compute?", ko: "Keras의 Conv2D는 무엇을 계산할까요?"),
        options: [.init(Localized(en: "convolution", ko: "합성곱")), .init(Localized(en: "cross-correlation", ko: "교차상관"))],
        answer: 1)))
    static let truth = QuizQuestion(.truefalse(TrueFalseQuestion(Localized(en: "Pooling has weights.", ko: "풀링에는 가중치가 있다."), answer: false)))

    /// A student fed answers for given questions.
    final class Typist: Sendable {
        let events = Shared<[StudentEvent]>([])
        let answers: AsyncStream<StudentAnswer>.Continuation
        let task: Task<StudentExit, Never>

        init(_ student: ClassStudent) {
            let (stream, answers) = AsyncStream<StudentAnswer>.makeStream()
            self.answers = answers
            let events = self.events
            task = Task { await student.run(answers: stream) { e in events.withLock { $0.append(e) } } }
        }

        func type(_ text: String, for index: Int?) { answers.yield(StudentAnswer(index: index, text: text)) }
        func saw(_ predicate: (StudentEvent) -> Bool) -> Bool { events.withLock { $0.contains(where: predicate) } }
    }

    @Test func choiceAndTrueFalseAnswersAreTypedAsTheQuizTakesThem() async throws {
        let c = try await TestClass(questions: [Self.choice, Self.truth])
        let ann = Typist(c.student("Ann"))
        #expect(await eventually { c.hub.state.names == ["Ann"] })
        try c.hub.act(.next)
        #expect(await eventually { ann.saw { if case .question(1, _, _) = $0 { true } else { false } } })
        ann.type("B", for: 1)   // a letter, any case
        #expect(await eventually { ann.saw(receivedEvent(1)) })
        try c.hub.act(.next)
        #expect(await eventually { ann.saw { if case .question(2, _, _) = $0 { true } else { false } } })
        ann.type("maybe", for: 2)
        #expect(await eventually { ann.saw { if case .problem(2, let m) = $0 { m.contains("maybe") } else { false } } })
        ann.type("f", for: 2)
        #expect(await eventually { ann.saw(receivedEvent(2)) })
        let stored = try c.hub.store.answers()
        #expect(stored.map(\.text) == ["B", "f"] && stored.allSatisfy(\.correct), "\(stored)")
        try c.hub.act(.end)
        #expect(await ann.task.value == .ended)
    }

    @Test func anAnswerTypedForAClosedQuestionIsNotSentToTheNextOne() async throws {
        let c = try await TestClass()
        let ann = Typist(c.student("Ann"))
        #expect(await eventually { c.hub.state.names == ["Ann"] })
        try c.hub.act(.next)
        try c.hub.act(.lock)
        #expect(await eventually { ann.saw { $0 == .locked(index: 1) } })
        ann.type("26", for: 1)
        #expect(await eventually { ann.saw { $0 == .problem(index: 1, StudentText.closed(1).en) } })
        try c.hub.act(.next)
        #expect(await eventually { ann.saw { if case .question(2, _, _) = $0 { true } else { false } } })
        // Give a stale answer every chance to be sent, then check nothing was.
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(try c.hub.store.answers().isEmpty)
        ann.type("14", for: 2)
        ann.type("15", for: 2)
        #expect(await eventually { ann.saw(receivedEvent(2)) })
        #expect(await eventually { ann.saw { $0 == .problem(index: 2, StudentText.alreadyAnswered(2).en) } })
        #expect(try c.hub.store.answers().map(\.text) == ["14"])
        try c.hub.act(.end)
        _ = await ann.task.value
    }

    @Test func theSessionKeepsARefusalForTheExitStatusButNotALeave() async throws {
        let c = try await TestClass()
        let wrong = StudentSession(ClassStudent(host: "127.0.0.1", port: c.server.port, code: "ZZZZ", name: "Bo", language: .ko))
        let got = Shared<[StudentScreen.Message]>([])
        let stop = wrong.control.connect { m in got.withLock { $0.append(m) } }
        #expect(await eventually { wrong.exit != nil })
        #expect(wrong.exit == .refused(ClassRefusal.wrongCode.message(.ko)))
        #expect(got.withLock { $0 }.last == .exit(.refused(ClassRefusal.wrongCode.message(.ko))))
        stop()
        // Nobody listening: said in the student's language.
        let closed = try await TestClass()
        let port = closed.server.port
        closed.server.stop()
        let nobody = StudentSession(ClassStudent(host: "127.0.0.1", port: port, code: "K7QX", name: "Bo", language: .ko))
        let stopNobody = nobody.control.connect { _ in }
        #expect(await eventually { nobody.exit != nil })
        if case .refused(let message) = nobody.exit { #expect(message.hasPrefix("127.0.0.1:\(port)에 연결할 수 없습니다"), "\(message)") }
        else { Issue.record("not refused: \(String(describing: nobody.exit))") }
        stopNobody()

        let ann = StudentSession(c.student("Ann"))
        let seen = Shared<[StudentScreen.Message]>([])
        let leave = ann.control.connect { m in seen.withLock { $0.append(m) } }
        #expect(await eventually { c.hub.state.names == ["Ann"] })
        try c.hub.act(.next)
        #expect(await eventually { seen.withLock { $0 }.contains { if case .event(.question(1, _, _)) = $0 { true } else { false } } })
        ann.control.answer(StudentAnswer(index: 1, text: "26"))
        #expect(await eventually { seen.withLock { $0 }.contains(.event(.received(index: 1))) })
        leave()  // the student left the screen
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(ann.exit == nil, "leaving is not a refusal")
        #expect(!seen.withLock { $0 }.contains { if case .exit = $0 { true } else { false } })
    }

    /// `--plain` says what the screen says: the quiz's verdict, the named mistake with its
    /// working, the options of a choice question; server text sanitised.
    @Test(arguments: Language.allCases)
    func thePlainOutputUsesTheScreensWords(language: Language) {
        let size = sampleQuestions()[0]
        let code = size.grade(.integer(25), expected: .integer(26)).diagnosis?.rawValue
        let event = StudentEvent.reveal(index: 1, answer: .integer(25), correct: false, expected: .integer(26), diagnosis: code,
                                        answered: 3, right: 2, question: size)
        let lines = StudentOutput.lines(event, json: false, language: language)
        let reveal = StudentReveal(answer: .integer(25), correct: false, expected: .integer(26), diagnosis: code, answered: 3, right: 2,
                                   question: size, language: language)
        #expect(lines.first == reveal.verdict && lines.contains("  " + reveal.feedback[0]) && lines.last == reveal.tally, "\(lines)")
        #expect(reveal.feedback[0].hasPrefix(language == .en ? "You left out the +1" : "+1을 빠뜨렸습니다"))
        let asked = StudentOutput.lines(.question(index: 1, count: 2, Self.choice), json: false, language: language)
        #expect(asked.contains("  a) " + (language == .en ? "convolution" : "합성곱")), "\(asked)")
        let json = StudentOutput.lines(.question(index: 1, count: 2, Self.choice), json: true, language: language).joined()
        #expect(json.contains("\"choices\""), "\(json)")
        let evil = StudentOutput.lines(.question(index: 1, count: 1, QuizQuestion(.size(SizeQuestion(n: 28, k: 3)), text: "n\u{1B}[2J?")),
                                       json: false, language: language)
        #expect(evil.contains("n\\e[2J?") && !evil.joined().unicodeScalars.contains { $0.value == 0x1B })
        #expect(StudentOutput.lines(.reconnected, json: false, language: language) == [StudentText.reconnected[language]])
        #expect(StudentOutput.lines(.reconnected, json: true, language: language).isEmpty)
    }
}

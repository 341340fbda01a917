import Foundation
import Testing
@testable import ClassServer
@testable import Explorer

/// Three fixed size questions: answers 26, 13, 5.
func sampleQuestions() -> [QuizQuestion] {
    [QuizQuestion(.size(SizeQuestion(n: 28, k: 3))),
     QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: .same, s: 2))),
     QuizQuestion(.size(SizeQuestion(n: 7, k: 3)))]
}

@Suite struct ClassStateTests {
    func state() throws -> ClassState { try ClassState(code: "K7QX", questions: sampleQuestions()) }

    @Test func joinNeedsTheCodeAndAFreeName() throws {
        var s = try state()
        #expect(s.checkJoin(code: "NOPE", name: "Ann", token: nil, newToken: { "t1" }) == .failure(.wrongCode))
        let ann = try s.checkJoin(code: "k7qx", name: " Ann ", token: nil, newToken: { "t1" }).get()
        #expect(ann == .new(name: "Ann", token: "t1"))
        s.recordJoin(ann)
        #expect(s.checkJoin(code: "K7QX", name: "Ann", token: nil, newToken: { "t2" }) == .failure(.nameTaken("Ann")))
        #expect(s.checkJoin(code: "K7QX", name: "Ann", token: "wrong", newToken: { "t2" }) == .failure(.nameTaken("Ann")))
        #expect(s.checkJoin(code: "K7QX", name: "Ann", token: "t1", newToken: { "t2" }) == .success(.resumed(name: "Ann", token: "t1")))
        if case .failure(.badName) = s.checkJoin(code: "K7QX", name: "\u{1B}[2J", token: nil, newToken: { "x" }) {} else {
            Issue.record("a name with an escape sequence was accepted")
        }
        if case .failure(.badName) = s.checkJoin(code: "K7QX", name: String(repeating: "a", count: 25), token: nil, newToken: { "x" }) {} else {
            Issue.record("a 25-character name was accepted")
        }
        #expect(ClassRefusal.nameTaken("Ann").message(.en).contains("'Ann' is taken"))
    }

    @Test func answersAreGradedByTheEngineOncePerStudentWhileOpen() throws {
        var s = try state()
        s.recordJoin(.new(name: "Ann", token: "t1"))
        #expect(s.checkAnswer(token: "t1", index: 1, text: "26", time: 0) == .failure(.notOpen(index: 1)))
        let (phase, current) = try #require(s.after(.next))
        s.recordPhase(phase, current: current)
        #expect(s.checkAnswer(token: "nobody", index: 1, text: "26", time: 0) == .failure(.badToken))
        if case .failure(.badAnswer(1, .badCharacter("abc", "a"))) = s.checkAnswer(token: "t1", index: 1, text: "abc", time: 0) {} else {
            Issue.record("'abc' was not refused")
        }
        let right = try s.checkAnswer(token: "t1", index: 1, text: "26", time: 5).get()
        #expect(right.correct && right.value == .integer(26) && right.expected == .integer(26) && right.name == "Ann")
        s.recordAnswer(right)
        #expect(s.checkAnswer(token: "t1", index: 1, text: "24", time: 6) == .failure(.alreadyAnswered(index: 1)))
        s.recordPhase(.locked, current: 1)
        #expect(s.checkAnswer(token: "t1", index: 1, text: "24", time: 6) == .failure(.notOpen(index: 1)))
    }

    @Test func instructorStepsMoveThroughTheQuestions() throws {
        var s = try state()
        #expect(s.after(.lock) == nil)
        #expect(s.after(.back) == nil)
        func step(_ a: ClassAction) { if let (p, c) = s.after(a) { s.recordPhase(p, current: c) } }
        step(.next); #expect(s.phase == .open && s.current == 1)
        step(.reveal); #expect(s.phase == .revealed && s.revealed == [1])
        step(.next); step(.lock); #expect(s.phase == .locked && s.current == 2)
        step(.back); #expect(s.phase == .revealed && s.current == 1)
        step(.next); step(.next); #expect(s.current == 3)
        #expect(s.after(.next) == nil)
        step(.end); #expect(s.phase == .ended)
        #expect(s.after(.next) == nil)
    }

    @Test func histogramAndScoreboardCountRevealedAnswers() throws {
        var s = try state()
        for (i, n) in ["Ann", "Bo", "Cy"].enumerated() { s.recordJoin(.new(name: n, token: "t\(i)")) }
        s.recordPhase(.open, current: 1)
        for (t, text) in [("t0", "26"), ("t1", "24"), ("t2", "24")] {
            s.recordAnswer(try s.checkAnswer(token: t, index: 1, text: text, time: 0).get())
        }
        #expect(s.histogram(1) == [ClassBar(answer: "24", count: 2, correct: false, diagnosis: nil),
                                    ClassBar(answer: "26", count: 1, correct: true, diagnosis: nil)])
        #expect(s.scoreboard.allSatisfy { $0.correct == 0 })  // nothing revealed yet
        s.recordPhase(.revealed, current: 1)
        #expect(s.scoreboard.first == ClassScore(name: "Ann", correct: 1, answered: 1))
        let snap = s.snapshot(addresses: ["127.0.0.1:9"], connected: ["Ann"], database: "x")
        #expect(snap.answered == 3 && snap.correct == 1 && snap.phase == .revealed && snap.expected == .integer(26))
    }

    /// By default a class names the quiz's own diagnosis (the engine's mistake module) and
    /// takes conceptual answers by letter, as `stride quiz` does.
    @Test func theDefaultGraderNamesTheQuizsDiagnosis() throws {
        let grader = ClassGrader()
        let size = QuizQuestion(.size(SizeQuestion(n: 28, k: 3, s: 2)))  // floor(25/2) + 1 = 13
        let wrong = try grader.grade("12", question: size, expected: .integer(13))
        #expect(!wrong.correct && wrong.diagnosis == "missing-plus-one")
        let right = try grader.grade(" 13 ", question: size, expected: .integer(13))
        #expect(right.correct && right.diagnosis == nil)
        let concept = try #require(QuizConceptBank.questions.first { if case .choice = $0.body { true } else { false } })
        let expected = try concept.expected()
        let answer = try grader.grade(expected.description, question: concept, expected: expected)
        #expect(answer.correct)
    }

    @Test func theDiagnosisSeamFillsWrongAnswersOnly() throws {
        let grader = ClassGrader { _, answer, expected in answer == .integer(24) && expected == .integer(26) ? "forgot-plus-one" : nil }
        var s = try ClassState(code: "AAAA", questions: sampleQuestions(), grader: grader)
        s.recordJoin(.new(name: "Ann", token: "a"))
        s.recordJoin(.new(name: "Bo", token: "b"))
        s.recordPhase(.open, current: 1)
        #expect(try s.checkAnswer(token: "a", index: 1, text: "24", time: 0).get().diagnosis == "forgot-plus-one")
        #expect(try s.checkAnswer(token: "b", index: 1, text: "26", time: 0).get().diagnosis == nil)
        #expect(try s.checkAnswer(token: "b", index: 1, text: "20", time: 0).get().diagnosis == nil)
    }
}

@Suite struct ClassStoreTests {
    static func temporaryPath(_ name: String = "class") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-class-\(UUID().uuidString)")
        return dir.appendingPathComponent("\(name).sqlite").path
    }

    @Test func aStoredClassReplaysIntoTheSameState() throws {
        let path = Self.temporaryPath()
        let store = try ClassStore(path: path)
        #expect(try store.load() == nil)
        try store.begin(code: "K7QX", questions: sampleQuestions(), time: 1)
        var s = try ClassState(code: "K7QX", questions: sampleQuestions())
        try store.addStudent(name: "Ann", token: "t1", time: 2)
        s.recordJoin(.new(name: "Ann", token: "t1"))
        try store.setPhase(.open, current: 1)
        s.recordPhase(.open, current: 1)
        let a = try s.checkAnswer(token: "t1", index: 1, text: " 24", time: 3).get()
        try store.addAnswer(a, question: s.questions[0])
        try store.setPhase(.revealed, current: 1)

        let back = try #require(try ClassStore(path: path).load())
        #expect(back.code == "K7QX" && back.questions == sampleQuestions())
        #expect(back.names == ["Ann"] && back.name(forToken: "t1") == "Ann")
        #expect(back.phase == .revealed && back.current == 1 && back.revealed == [1])
        #expect(back.answers[1]?["Ann"] == a)
        let journal = try ClassStore(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func aFileThatIsNotAClassIsRefusedByName() throws {
        let path = Self.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("hello, this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ClassStoreError.self) { try ClassStore(path: path) }
        do { _ = try ClassStore(path: path) } catch { #expect(error.description.hasPrefix(path)) }
    }
}

@Suite struct ClassExportTests {
    func row(name: String, text: String, diagnosis: String?) -> ClassExportRow {
        let q = sampleQuestions()[0]
        return ClassExportRow(answer: GradedAnswer(name: name, index: 1, text: text, value: .integer(24), expected: .integer(26),
                                                   correct: false, diagnosis: diagnosis, time: 0), kind: "size", question: q)
    }

    @Test func namesAndAnswersAreSanitisedAndFormulasDefused() {
        let hostile = row(name: "=HYPERLINK(\"x\")\u{1B}[2J", text: " 24\u{9B}", diagnosis: "forgot\nplus-one")
        let csv = ClassExport.csv([hostile, row(name: "Ann", text: "-3", diagnosis: nil)])
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "time,name,index,kind,question,answer,expected,correct,diagnosis")
        #expect(lines.count == 4 && lines[3].isEmpty, "one line per answer: \(lines)")
        #expect(lines[1].contains(#""'=HYPERLINK(""x"")\e[2J""#))
        #expect(lines[1].contains(#" 24\u{9B}"#) && lines[1].contains(#"forgot\nplus-one"#))
        #expect(lines[2].contains(",Ann,1,size,") && lines[2].contains(",-3,26,false,"))
        #expect(!csv.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" })
        let json = ClassExport.jsonLines([hostile])
        #expect(!json.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" })
        #expect(json.contains(#""index":1"#) && json.contains(#""correct":false"#))
    }
}

import Foundation
import Testing
@testable import ClassServer
@testable import Explorer

/// A value shared between threads (a class, so closures can hold it).
final class Shared<T: Sendable>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}

/// A class served on 127.0.0.1 at an ephemeral port, with its database in a temporary folder.
final class TestClass: Sendable {
    let path: String
    let server: ClassServer
    var hub: ClassHub { server.hub }
    let events = Shared<[ClassEvent]>([])

    init(limits: ClassServerLimits = ClassServerLimits(), path: String = ClassStoreTests.temporaryPath(), port: UInt16 = 0,
         questions: [QuizQuestion] = sampleQuestions()) async throws {
        self.path = path
        let events = self.events
        let opened = try ClassSetup.open(db: path, code: "K7QX", questions: { questions },
                                         onEvent: { e in events.withLock { $0.append(e) } })
        server = try ClassServer(hub: opened.hub, host: "127.0.0.1", port: port, limits: limits)
        try await server.start()
    }

    func student(_ name: String, from: String? = nil) -> ClassStudent {
        ClassStudent(host: "127.0.0.1", port: server.port, code: "K7QX", name: name, language: .en, pingSeconds: 1, from: from)
    }

    func raw(from: String? = nil) async throws -> ClassConnection {
        try await ClassConnection.open(host: "127.0.0.1", port: server.port, from: from)
    }

    deinit { server.stop() }
}

/// Waits up to `seconds` for `condition`.
func eventually(_ seconds: Double = 60, _ condition: () -> Bool) async -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return condition()
}

/// A student run in the background: feed it lines, read what it showed.
final class RunningStudent: Sendable {
    let events = Shared<[StudentEvent]>([])
    let exit = Shared<StudentExit?>(nil)
    let lines: AsyncStream<String>.Continuation
    let task: Task<Void, Never>

    init(_ student: ClassStudent) {
        let (stream, lines) = AsyncStream<String>.makeStream()
        self.lines = lines
        let events = self.events, exit = self.exit
        task = Task {
            let result = await student.run(lines: stream) { e in events.withLock { $0.append(e) } }
            exit.withLock { $0 = result }
        }
    }

    func type(_ line: String) { lines.yield(line) }
    func saw(_ predicate: (StudentEvent) -> Bool) -> Bool { events.withLock { $0.contains(where: predicate) } }
    func count(_ predicate: (StudentEvent) -> Bool) -> Int { events.withLock { $0.filter(predicate).count } }
}

func receivedEvent(_ i: Int) -> (StudentEvent) -> Bool { { if case .received(i) = $0 { true } else { false } } }

@Suite(.serialized) struct ClassServerTests {
    @Test func fortyStudentsJoinAnswerSeeRevealsAndScores() async throws {
        let c = try await TestClass()
        let students = (0..<40).map { RunningStudent(c.student("s\($0)")) }
        #expect(await eventually { c.hub.state.names.count == 40 })
        for q in 1...3 {
            try c.hub.act(.next)
            // Even students answer right, odd ones wrong (the engine's answers are 26, 14, 5).
            let right = ["26", "14", "5"][q - 1]
            for (i, s) in students.enumerated() { s.type(i % 2 == 0 ? right : "99") }
            #expect(await eventually { students.allSatisfy { $0.saw(receivedEvent(q)) } })
            try c.hub.act(.reveal)
            #expect(await eventually {
                students.enumerated().allSatisfy { i, s in
                    s.saw { if case .reveal(q, _, let ok, _, _, 40, 20, _) = $0 { ok == (i % 2 == 0) } else { false } }
                }
            })
        }
        try c.hub.act(.end)
        #expect(await eventually { students.allSatisfy { $0.exit.withLock { $0 } == .ended } })
        #expect(students[0].saw { $0 == .score(correct: 3, total: 3) })
        #expect(students[1].saw { $0 == .score(correct: 0, total: 3) })
        #expect(try c.hub.store.answers().count == 120)
        let reveal = c.events.withLock { $0 }.first { if case .reveal(1, _, _, _) = $0 { true } else { false } }
        #expect(reveal == .reveal(index: 1, answered: 40, correct: 20, histogram: ["26": 20, "99": 20]))
    }

    @Test func receivedIsSentOnlyAfterTheAnswerIsCommitted() async throws {
        let c = try await TestClass()
        try c.hub.act(.next)
        let conn = try await c.raw()
        try await conn.send(.join(code: "K7QX", name: "Ann", token: nil, lang: .en))
        let welcome = try #require(try await conn.receive())
        #expect(welcome.type == "welcome")
        let token = try #require(welcome.token)
        try await conn.send(.answer(token: token, index: 1, text: "26"))
        while let m = try await conn.receive() {
            guard m.type == "received" else { continue }
            // Another connection to the file sees it at once: it was committed before "received".
            let rows = try ClassStore(path: c.path).answers()
            #expect(rows.map(\.name) == ["Ann"] && rows.first?.correct == true)
            break
        }
        conn.close()
    }

    @Test func aTakenNameOrAWrongCodeIsAClearErrorAndATokenAnswersOnlyForItsName() async throws {
        let c = try await TestClass()
        try c.hub.act(.next)
        let ann = RunningStudent(c.student("Ann"))
        #expect(await eventually { c.hub.state.names == ["Ann"] })
        let impostor = RunningStudent(c.student("Ann"))
        #expect(await eventually { impostor.exit.withLock { $0 } != nil })
        let refused = impostor.exit.withLock { $0 }
        #expect(refused == .refused(ClassRefusal.nameTaken("Ann").message(.en)))
        let wrong = RunningStudent(ClassStudent(host: "127.0.0.1", port: c.server.port, code: "ZZZZ", name: "Bo", language: .en))
        #expect(await eventually { wrong.exit.withLock { $0 } == .refused(ClassRefusal.wrongCode.message(.en)) })

        // Eve joins and tries Ann's question with a made-up token.
        let eve = try await c.raw()
        try await eve.send(.join(code: "K7QX", name: "Eve", token: nil, lang: .en))
        _ = try await eve.receive()
        try await eve.send(.answer(token: "00000000000000000000000000000000", index: 1, text: "26"))
        var refusal: ClassWire?
        while let m = try await eve.receive() { if m.type == "error" { refusal = m; break } }
        #expect(refusal?.code == "bad-token")
        ann.type("26")
        #expect(await eventually { ann.saw(receivedEvent(1)) })
        #expect(try c.hub.store.answers().map(\.name) == ["Ann"])
    }

    @Test func aStudentThatDropsResumesWithTheSameNameAndAnswers() async throws {
        let c = try await TestClass()
        try c.hub.act(.next)
        let ann = RunningStudent(c.student("Ann"))
        ann.type("26")
        #expect(await eventually { ann.saw(receivedEvent(1)) })
        c.hub.dropConnections()
        #expect(await eventually { ann.saw { if case .reconnecting = $0 { true } else { false } } })
        #expect(await eventually { c.hub.snapshot(addresses: []).connected.contains("Ann") })
        try c.hub.act(.next)
        ann.type("13")
        #expect(await eventually { ann.saw(receivedEvent(2)) })
        #expect(try c.hub.store.answers().map { "\($0.name) \($0.index) \($0.text)" } == ["Ann 1 26", "Ann 2 13"])
        #expect(c.hub.state.names == ["Ann"])
        #expect(ann.count { if case .question(1, _, _) = $0 { true } else { false } } == 1)
        #expect(ann.count { if case .joined = $0 { true } else { false } } == 1)
        #expect(ann.count { $0 == .reconnected } >= 1, "the screen learns the connection is back")
    }
}

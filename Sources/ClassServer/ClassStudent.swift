import Explorer
import Foundation
import Synchronization

/// A student in a class: joins, shows each question, answers with the next typed line (as
/// `stride quiz` parses it for the question's kind; a line that is not an answer is said and
/// the next one is tried), and reconnects by itself after a drop, with its token — same name,
/// same answers; an answer sent but not acknowledged is sent again if the question is still
/// open. An answer typed for a given question (the screen's) is sent only to that question.
public final class ClassStudent: Sendable {
    public let host: String
    public let port: UInt16
    public let code: String
    public let name: String
    public let language: Language
    /// Seconds between pings (the server drops a student silent for 3 of these).
    public let pingSeconds: Double
    /// A local address to connect from (tests).
    public let from: String?

    public init(host: String, port: UInt16, code: String, name: String, language: Language,
                pingSeconds: Double = 15, from: String? = nil) {
        self.host = host; self.port = port; self.code = code; self.name = name
        self.language = language; self.pingSeconds = pingSeconds; self.from = from
    }

    private enum Input: Sendable {
        case line(StudentAnswer?)
        case message(ClassWire)
        case dropped(String)
    }

    private struct State {
        var token: String?
        var current = 0
        var question: QuizQuestion?
        var open = false
        var answered: Set<Int> = []
        var pending: (index: Int, text: String)?
        var lines: [StudentAnswer] = []
        var shown = 0
        var joined = false
    }

    /// Runs until the class ends or the server refuses; `lines` are the typed answers
    /// (nil: no more input — the client stays to see reveals and the score).
    public func run(lines: AsyncStream<String>, emit: @escaping @Sendable (StudentEvent) -> Void) async -> StudentExit {
        let (answers, sink) = AsyncStream<StudentAnswer>.makeStream()
        let forward = Task {
            for await line in lines { sink.yield(StudentAnswer(index: nil, text: line)) }
            sink.finish()
        }
        defer { forward.cancel() }
        return await run(answers: answers, emit: emit)
    }

    /// Runs until the class ends or the server refuses (see `run(lines:emit:)`); `answers`
    /// are the typed answers, each for a given question or for the next open one.
    public func run(answers: AsyncStream<StudentAnswer>, emit: @escaping @Sendable (StudentEvent) -> Void) async -> StudentExit {
        let (inputs, sink) = AsyncStream<Input>.makeStream()
        let lineTask = Task {
            for await answer in answers { sink.yield(.line(answer)) }
            sink.yield(.line(nil))
        }
        defer { lineTask.cancel() }
        var state = State()
        var backoff = 0.2
        var everJoined = false
        while !Task.isCancelled {
            let connection: ClassConnection
            do {
                connection = try await ClassConnection.open(host: host, port: port, timeout: 5, from: from)
                try await connection.send(.join(code: code, name: name, token: state.token, lang: language))
            } catch {
                if !everJoined {
                    return .refused(Localized(en: "cannot connect to \(host):\(port): \(error)",
                                              ko: "\(host):\(port)에 연결할 수 없습니다: \(error)")[language])
                }
                emit(.reconnecting("\(error)"))
                try? await Task.sleep(nanoseconds: UInt64(backoff * 1e9))
                backoff = min(backoff * 2, 2)
                continue
            }
            let readTask = Task {
                do {
                    while let message = try await connection.receive() { sink.yield(.message(message)) }
                    sink.yield(.dropped(Localized(en: "the server closed the connection", ko: "서버가 연결을 닫았습니다")[language]))
                } catch {
                    sink.yield(.dropped("\(error)"))
                }
            }
            let pingSeconds = self.pingSeconds
            let pingTask = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(pingSeconds * 1e9))
                    try? await connection.send(ClassWire(type: "ping"))
                }
            }
            // Ends this connection: wake its waits, let them finish, then release it.
            func hangUp() async {
                connection.shutdown()
                readTask.cancel(); pingTask.cancel()
                _ = await readTask.value; _ = await pingTask.value
                try? await Task.sleep(nanoseconds: 5_000_000)
                connection.close()
            }
            // Handle inputs until this connection drops or the class ends.
            var dropped: String?
            for await input in inputs {
                switch input {
                case .line(let line):
                    if let line { state.lines.append(line) }
                    await answerIfReady(&state, connection, emit)
                case .dropped(let why):
                    dropped = why
                case .message(let m):
                    if let exit = await handle(m, &state, connection, emit) {
                        await hangUp()
                        return exit
                    }
                    // A stored, locked or revealed question settles the answers waiting for it.
                    await answerIfReady(&state, connection, emit)
                    if state.joined { everJoined = true; backoff = 0.2 }
                }
                if dropped != nil { break }
            }
            await hangUp()
            guard let why = dropped else { break }
            // Messages of the old connection still queued are stale now.
            emit(.reconnecting(why))
            try? await Task.sleep(nanoseconds: UInt64(backoff * 1e9))
            backoff = min(backoff * 2, 2)
        }
        return .refused("stopped")
    }

    /// Reacts to one server message; returns how the client ends, or nil to go on.
    private func handle(_ m: ClassWire, _ s: inout State, _ c: ClassConnection,
                        _ emit: @Sendable (StudentEvent) -> Void) async -> StudentExit? {
        switch m.type {
        case "welcome":
            let first = s.token == nil
            s.token = m.token
            s.joined = true
            s.answered = Set((m.answers ?? []).map(\.index))
            if let p = s.pending, s.answered.contains(p.index) {
                // Stored before the drop, acknowledged only now.
                s.pending = nil
                emit(.received(index: p.index))
            }
            emit(first ? .joined(name: m.name ?? name) : .reconnected)
        case "waiting":
            s.open = false
            emit(.waiting)
        case "question":
            guard let index = m.index, let question = m.question else { return nil }
            s.current = index
            s.question = question
            s.open = true
            if s.shown != index {
                s.shown = index
                emit(.question(index: index, count: m.count ?? 0, question))
            }
            if let p = s.pending, p.index == index, !s.answered.contains(index), let token = s.token {
                try? await c.send(.answer(token: token, index: index, text: p.text))  // not acknowledged before the drop
            }
            await answerIfReady(&s, c, emit)
        case "received":
            guard let index = m.index else { return nil }
            s.answered.insert(index)
            if s.pending?.index == index { s.pending = nil }
            emit(.received(index: index))
        case "locked":
            s.open = false
            emit(.locked(index: m.index ?? s.current))
        case "reveal":
            s.open = false
            guard let index = m.index, let expected = m.expected else { return nil }
            emit(.reveal(index: index, answer: m.value, correct: m.right ?? false, expected: expected,
                         diagnosis: m.diagnosis, answered: m.answered ?? 0, right: m.correct ?? 0,
                         question: index == s.current ? s.question : nil))
        case "score":
            emit(.score(correct: m.correct ?? 0, total: m.total ?? 0))
        case "end":
            emit(.end)
            return .ended
        case "error":
            let message = m.message ?? m.code ?? "error"
            switch m.code {
            case "not-open", "already-answered", "bad-answer":
                if m.code == "already-answered", let i = m.index { s.answered.insert(i) }
                if s.pending?.index == m.index { s.pending = nil }
                emit(.problem(index: m.index, message))
                await answerIfReady(&s, c, emit)
            default:
                return .refused(message)
            }
        default:
            break
        }
        return nil
    }

    /// Sends the next typed line as the answer when a question is open, unanswered and
    /// nothing is in flight; lines that are not answers (as the question's kind parses them)
    /// are said and skipped, and so are answers typed for a question that is no longer open.
    private func answerIfReady(_ s: inout State, _ c: ClassConnection, _ emit: @Sendable (StudentEvent) -> Void) async {
        while let next = s.lines.first {
            if let index = next.index, index != s.current || !s.open || s.answered.contains(index) {
                s.lines.removeFirst()
                let message = s.answered.contains(index) ? StudentText.alreadyAnswered(index) : StudentText.closed(index)
                emit(.problem(index: index, message[language]))
                continue
            }
            guard s.open, s.pending == nil, !s.answered.contains(s.current), let question = s.question, let token = s.token else { return }
            s.lines.removeFirst()
            do {
                _ = try QuizAnswerProblem.parse(next.text, format: question.answerFormat)
            } catch {
                emit(.problem(index: s.current, error.message(language)))
                continue
            }
            s.pending = (s.current, next.text)
            try? await c.send(.answer(token: token, index: s.current, text: next.text))
        }
    }
}

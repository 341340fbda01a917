import Explorer
import Foundation
import Synchronization
import Terminal

/// What happened in the class, for the instructor's front end (`--headless` prints these as
/// JSON lines; the screen takes a fresh snapshot on each).
public enum ClassEvent: Sendable, Equatable {
    case joined(name: String, count: Int)
    case answer(name: String, index: Int, correct: Bool)
    case phase(ClassPhase, index: Int)
    case reveal(index: Int, answered: Int, correct: Int, histogram: [String: Int])
    case connection(name: String, connected: Bool)
    case end
}

/// A joined student's link: `send` queues a message for its connection (never blocks).
struct StudentLink: Sendable {
    let id: Int
    let language: Language
    let send: @Sendable (ClassWire) -> Void
    let drop: @Sendable () -> Void
}

/// The class's state, its store and the joined connections, behind one lock: every change
/// is checked by the pure `ClassState`, committed to the `ClassStore`, applied, and only
/// then acknowledged or broadcast — so nothing is said that is not stored.
public final class ClassHub: Sendable {
    struct Inner {
        var state: ClassState
        var links: [String: StudentLink] = [:]
    }

    private let inner: Mutex<Inner>
    public let store: ClassStore
    let onEvent: @Sendable (ClassEvent) -> Void
    let clock: @Sendable () -> Double

    /// - Parameters:
    ///   - state: a new class, or the one `store.load()` read back (a restart continues it).
    ///   - onEvent: called after each change, on the thread that made it (keep it short).
    public init(state: ClassState, store: ClassStore, onEvent: @escaping @Sendable (ClassEvent) -> Void = { _ in },
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        inner = Mutex(Inner(state: state))
        self.store = store
        self.onEvent = onEvent
        self.clock = clock
    }

    public var state: ClassState { inner.withLock { $0.state } }

    public func snapshot(addresses: [String], note: String? = nil) -> ClassSnapshot {
        inner.withLock { i in
            i.state.snapshot(addresses: addresses, connected: Set(i.links.keys), database: store.path, note: note)
        }
    }

    /// Joins (or resumes) a student and tells it where the class is; a refusal comes back
    /// as the error to send. A second connection for the same name replaces the first.
    func join(code: String, name: String, token: String?, link: StudentLink) -> Result<String, ClassRefusal> {
        var events: [ClassEvent] = []
        let result: Result<String, ClassRefusal> = inner.withLock { i in
            let checked = i.state.checkJoin(code: code, name: name, token: token, newToken: Self.newToken)
            guard case .success(let join) = checked else {
                if case .failure(let refusal) = checked { return .failure(refusal) }
                return .failure(.badToken)
            }
            if case .new = join {
                do { try store.addStudent(name: join.name, token: join.token, time: clock()) } catch {
                    return .failure(.badName("the class database refused the name: \(error)"))
                }
            }
            i.state.recordJoin(join)
            if let old = i.links[join.name], old.id != link.id { old.drop() }
            i.links[join.name] = link
            var welcome = ClassWire(type: "welcome")
            welcome.name = join.name
            welcome.token = join.token
            welcome.answers = i.state.answers(of: join.name).map { ClassWire.Given(index: $0.index, answer: $0.text) }
            link.send(welcome)
            for message in Self.catchUp(i.state, name: join.name) { link.send(message) }
            if case .new = join { events.append(.joined(name: join.name, count: i.state.names.count)) }
            events.append(.connection(name: join.name, connected: true))
            return .success(join.name)
        }
        events.forEach(onEvent)
        return result
    }

    /// Drops every student's connection (they reconnect by themselves; tests of resuming).
    public func dropConnections() {
        for link in inner.withLock({ Array($0.links.values) }) { link.drop() }
    }

    /// A connection went away: the student stays in the class (and can come back).
    func left(name: String, linkID: Int) {
        let gone = inner.withLock { i -> Bool in
            guard i.links[name]?.id == linkID else { return false }
            i.links[name] = nil
            return true
        }
        if gone { onEvent(.connection(name: name, connected: false)) }
    }

    /// Grades, stores and records an answer; the reply (`received` or the refusal) is sent
    /// only after the commit.
    func answer(name: String, token: String, index: Int, text: String, reply: (ClassWire) -> Void, language: Language) {
        var event: ClassEvent?
        inner.withLock { i in
            // A token answers only for the name this connection joined as.
            guard i.state.name(forToken: token) == name else {
                reply(.error(.badToken, language))
                return
            }
            switch i.state.checkAnswer(token: token, index: index, text: text, time: clock()) {
            case .failure(let refusal):
                reply(.error(refusal, language))
            case .success(let graded):
                do {
                    try store.addAnswer(graded, question: i.state.questions[index - 1])
                } catch {
                    reply(.error(code: "store", "the answer could not be stored: \(error)"))
                    return
                }
                i.state.recordAnswer(graded)
                reply(.indexed("received", index))
                event = .answer(name: graded.name, index: index, correct: graded.correct)
            }
        }
        if let event { onEvent(event) }
    }

    /// The instructor's step: checked, stored, applied, then pushed to every student.
    /// Returns false when it does nothing here (e.g. next after the last question).
    @discardableResult
    public func act(_ action: ClassAction) throws(ClassStoreError) -> Bool {
        var events: [ClassEvent] = []
        let moved: Bool = try inner.withLock { i throws(ClassStoreError) -> Bool in
            guard let (phase, current) = i.state.after(action) else { return false }
            try store.setPhase(phase, current: current)
            i.state.recordPhase(phase, current: current)
            events.append(.phase(phase, index: current))
            for (name, link) in i.links {
                for message in Self.catchUp(i.state, name: name, onlyChange: action == .lock || action == .reveal) { link.send(message) }
            }
            if phase == .revealed {
                let bars = i.state.histogram(current)
                let given = i.state.answers[current] ?? [:]
                events.append(.reveal(index: current, answered: given.count, correct: given.values.filter(\.correct).count,
                                      histogram: Dictionary(bars.map { ($0.answer, $0.count) }, uniquingKeysWith: +)))
            }
            if phase == .ended { events.append(.end) }
            return true
        }
        events.forEach(onEvent)
        return moved
    }

    /// What a student needs to see the class as it is: the current question (and their
    /// answer's state), or waiting, or the final score. `onlyChange`: after an instructor
    /// step, only the message that step produced.
    static func catchUp(_ s: ClassState, name: String, onlyChange: Bool = false) -> [ClassWire] {
        switch s.phase {
        case .lobby:
            return [ClassWire(type: "waiting")]
        case .ended:
            let score = s.score(of: name)
            var m = ClassWire(type: "score")
            m.correct = score.correct
            m.total = s.revealed.count
            return [m, ClassWire(type: "end")]
        case .open, .locked, .revealed:
            guard let question = s.currentQuestion else { return [ClassWire(type: "waiting")] }
            var q = ClassWire.indexed("question", s.current)
            q.count = s.count
            q.question = question
            var out: [ClassWire] = []
            let answered = s.answers[s.current]?[name] != nil
            if !onlyChange || s.phase == .open {
                out.append(q)
                if answered { out.append(.indexed("received", s.current)) }
            }
            if s.phase == .locked { out.append(.indexed("locked", s.current)) }
            if s.phase == .revealed { out.append(reveal(s, name: name)) }
            return out
        }
    }

    static func reveal(_ s: ClassState, name: String) -> ClassWire {
        var m = ClassWire.indexed("reveal", s.current)
        m.expected = s.expected[s.current - 1]
        let given = s.answers[s.current] ?? [:]
        if let mine = given[name] {
            m.value = mine.value
            m.right = mine.correct
            m.diagnosis = mine.diagnosis
        }
        m.answered = given.count
        m.correct = given.values.filter(\.correct).count
        return m
    }

    /// 128 random bits, hex.
    static func newToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &g)) }.joined()
    }

    /// A class code: 4 letters and digits, without the look-alikes 0/O, 1/I/L.
    public static func newCode() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var g = SystemRandomNumberGenerator()
        return String((0..<4).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
    }
}

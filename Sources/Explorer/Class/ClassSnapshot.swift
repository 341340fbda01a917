import Foundation

/// What the instructor's screen shows, copied out of the server's state after each change
/// (the screen never touches the server: snapshots arrive as messages).
public struct ClassSnapshot: Sendable, Equatable {
    public var code: String
    /// Where students can join (`host:port`), as the server found them.
    public var addresses: [String]
    public var phase: ClassPhase
    public var index: Int
    public var count: Int
    public var question: QuizQuestion?
    public var expected: QuizValue?
    /// Students in the order they joined, and who is connected now.
    public var students: [String]
    public var connected: Set<String>
    public var answered: Int
    public var correct: Int
    public var histogram: [ClassBar]
    public var scoreboard: [ClassScore]
    /// Where the answers are stored.
    public var database: String
    /// A one-line note (an export written, a problem).
    public var note: String?

    public init(code: String, addresses: [String] = [], phase: ClassPhase = .lobby, index: Int = 0, count: Int = 0,
                question: QuizQuestion? = nil, expected: QuizValue? = nil, students: [String] = [],
                connected: Set<String> = [], answered: Int = 0, correct: Int = 0, histogram: [ClassBar] = [],
                scoreboard: [ClassScore] = [], database: String = "", note: String? = nil) {
        self.code = code; self.addresses = addresses; self.phase = phase; self.index = index; self.count = count
        self.question = question; self.expected = expected; self.students = students; self.connected = connected
        self.answered = answered; self.correct = correct; self.histogram = histogram; self.scoreboard = scoreboard
        self.database = database; self.note = note
    }
}

extension ClassState {
    /// The screen's copy of this state.
    public func snapshot(addresses: [String], connected: Set<String>, database: String, note: String? = nil) -> ClassSnapshot {
        let given = current >= 1 ? Array((answers[current] ?? [:]).values) : []
        return ClassSnapshot(
            code: code, addresses: addresses, phase: phase, index: current, count: count,
            question: currentQuestion, expected: current >= 1 ? expected[current - 1] : nil,
            students: names, connected: connected, answered: given.count, correct: given.filter(\.correct).count,
            histogram: current >= 1 ? histogram(current) : [], scoreboard: scoreboard, database: database, note: note)
    }
}

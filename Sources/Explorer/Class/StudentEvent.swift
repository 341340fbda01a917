/// What a student's client (`ClassStudent`) shows, in order: the plain output prints each as
/// lines (`StudentOutput`), the student's screen (`StudentScreen`) takes each as a message.
public enum StudentEvent: Sendable, Equatable {
    case joined(name: String)
    /// Joined again after a dropped connection (same name, same answers).
    case reconnected
    case waiting
    case question(index: Int, count: Int, QuizQuestion)
    /// A typed line that is not an answer (not sent), or the server's refusal.
    case problem(index: Int?, String)
    case received(index: Int)
    case locked(index: Int)
    case reveal(index: Int, answer: QuizValue?, correct: Bool, expected: QuizValue, diagnosis: String?, answered: Int, right: Int,
                question: QuizQuestion?)
    case score(correct: Int, total: Int)
    case reconnecting(String)
    case end
}

/// How a student's client ended.
public enum StudentExit: Sendable, Equatable {
    /// The instructor ended the class.
    case ended
    /// Refused (wrong code, taken name, …) or never connected: the message.
    case refused(String)
}

/// An answer typed by a student, for `ClassStudent` to send.
public struct StudentAnswer: Sendable, Equatable {
    /// The question it was typed for (the screen's answers): refused, not sent, when that
    /// question is no longer the open one. nil: whatever question is open next (a line of
    /// `--plain`, which may be typed ahead).
    public var index: Int?
    public var text: String

    public init(index: Int?, text: String) {
        self.index = index
        self.text = text
    }
}

import Explorer
import Synchronization

/// Runs a `ClassStudent` for the student's screen: `control` starts the client when the
/// screen subscribes (its events and its end become the screen's messages) and passes the
/// screen's answers to it; `exit` says how the client ended, for the command's exit status
/// once the screen has closed (nil while it runs, or when the screen stopped it: the student
/// left).
public final class StudentSession: Sendable {
    public let student: ClassStudent
    private let answers: AsyncStream<StudentAnswer>
    private let sink: AsyncStream<StudentAnswer>.Continuation
    private let ended = Mutex<StudentExit?>(nil)

    public init(_ student: ClassStudent) {
        self.student = student
        (answers, sink) = AsyncStream<StudentAnswer>.makeStream()
    }

    public var exit: StudentExit? { ended.withLock { $0 } }

    /// The screen's link to the client (start it once: the answers stream is read once).
    public var control: StudentControl {
        StudentControl(
            connect: { [self] send in
                let task = Task {
                    let exit = await student.run(answers: answers) { send(.event($0)) }
                    guard !Task.isCancelled else { return }  // the screen left: not an exit of the class
                    ended.withLock { $0 = exit }
                    send(.exit(exit))
                }
                return { task.cancel() }
            },
            answer: { [sink] in sink.yield($0) })
    }
}

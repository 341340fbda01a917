import Explorer
import Foundation

/// Opens a class: a new one in a new database, or — when `db` already holds a class — that
/// class, continued where it was (its code and questions are the stored ones).
public enum ClassSetup {
    public struct Opened: Sendable {
        public let hub: ClassHub
        /// The database held this class already (a restart).
        public let resumed: Bool
    }

    /// - Parameters:
    ///   - code: the code asked for (nil: a random one); a restart must not ask for another.
    ///   - questions: the new class's questions (not called on a restart).
    public static func open(db: String, code: String?, questions: () throws -> [QuizQuestion],
                            grader: ClassGrader = ClassGrader(),
                            onEvent: @escaping @Sendable (ClassEvent) -> Void = { _ in }) throws -> Opened {
        let store = try ClassStore(path: db)
        if let state = try store.load(grader: grader) {
            if let code, code.uppercased() != state.code.uppercased() {
                throw ClassStoreError(db, "holds class \(state.code), not \(code) (leave out --code to continue it, or use another --db)")
            }
            return Opened(hub: ClassHub(state: state, store: store, onEvent: onEvent), resumed: true)
        }
        let chosen = (code ?? ClassHub.newCode()).uppercased()
        let qs = try questions()
        let state = try ClassState(code: chosen, questions: qs, grader: grader)
        try store.begin(code: chosen, questions: qs, time: Date().timeIntervalSince1970)
        return Opened(hub: ClassHub(state: state, store: store, onEvent: onEvent), resumed: false)
    }

    /// `$XDG_STATE_HOME/stride/class/DATE-CODE.sqlite` (else `~/.local/state/…`).
    public static func defaultDatabase(code: String, date: Date = Date()) -> String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return "\(base)/stride/class/\(f.string(from: date))-\(code).sqlite"
    }

    /// Why a class code cannot be used, or nil: 4 to 12 letters and digits.
    public static func codeProblem(_ code: String) -> String? {
        guard (4...12).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return "--code must be 4 to 12 letters and digits, not '\(code)'"
        }
        return nil
    }
}

/// Runs an async body from synchronous code (the CLI's `run`), waiting for its result.
public func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, any Error>?
    private let lock = NSLock()
    func set(_ r: Result<T, any Error>) { lock.lock(); result = r; lock.unlock() }
    func get() throws -> T {
        lock.lock(); defer { lock.unlock() }
        guard let result else { throw ClassNetError.closed }
        return try result.get()
    }
}

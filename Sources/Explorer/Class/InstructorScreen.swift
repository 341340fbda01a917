import Foundation
import Terminal

/// How the instructor's screen reaches the class server without importing it: a source of
/// snapshots, the instructor's steps and the export. Each runs off the UI thread (as a
/// command or a subscription); the screen only ever sees their results as messages.
public struct ClassControl: Sendable {
    /// Starts sending a snapshot after every change; returns how to stop.
    public let snapshots: @Sendable (@escaping @Sendable (ClassSnapshot) -> Void) -> (@Sendable () -> Void)
    /// Does a step; returns a problem to show, or nil.
    public let act: @Sendable (ClassAction) -> String?
    /// Writes the export; returns what to say.
    public let export: @Sendable () -> String

    public init(snapshots: @escaping @Sendable (@escaping @Sendable (ClassSnapshot) -> Void) -> (@Sendable () -> Void),
                act: @escaping @Sendable (ClassAction) -> String?, export: @escaping @Sendable () -> String) {
        self.snapshots = snapshots; self.act = act; self.export = export
    }

    /// A control that changes nothing (previews, the screen sweeps).
    public static func still(_ snapshot: ClassSnapshot) -> ClassControl {
        ClassControl(snapshots: { send in send(snapshot); return {} }, act: { _ in nil }, export: { "" })
    }
}

/// `stride class serve`: the instructor's screen. The address and class code, the students
/// as they join, the current question, a live histogram of answers (count, % right, the most
/// common wrong answers with their diagnosis), the right answer and its working after r,
/// and the scoreboard. Keys: n next, l lock, r reveal, b back, e export, q end (asks first).
public struct InstructorScreen: Screen {
    public enum Message: Sendable {
        case snapshot(ClassSnapshot)
        case note(String?)
        /// The class was ended (or ending failed: the problem).
        case ended(String?)
    }

    enum Action: Sendable { case next, lock, reveal, back, export, end }

    static let keys = KeyMap<Action>([
        .init([.char("n")], "n", Localized(en: "next", ko: "다음"), .next),
        .init([.char("l")], "l", Localized(en: "lock", ko: "마감"), .lock),
        .init([.char("r")], "r", Localized(en: "reveal", ko: "정답"), .reveal),
        .init([.char("b")], "b", Localized(en: "back", ko: "이전"), .back),
        .init([.char("e")], "e", Localized(en: "export", ko: "내보내기"), .export),
        .init([.char("q")], "q", Localized(en: "end class", ko: "수업 끝"), .end),
    ])

    public private(set) var snapshot: ClassSnapshot
    public let language: Language
    let control: ClassControl
    /// q was pressed: y ends the class, any other key cancels.
    public private(set) var confirming = false
    public private(set) var note: String?

    public init(control: ClassControl, snapshot: ClassSnapshot, language: Language) {
        self.control = control
        self.snapshot = snapshot
        self.language = language
    }

    public var title: String { Localized(en: "Class \(snapshot.code)", ko: "수업 \(snapshot.code)")[language] }
    public var status: String {
        let n = snapshot.students.count
        let who = language == .ko ? "\(n)명" : counted(n, "student")
        return snapshot.index == 0 ? who : "\(who) · \(snapshot.index)/\(snapshot.count)"
    }
    public var bindings: [KeyBinding] { Self.keys.bindings }
    public var asksBeforeQuit: Bool { true }
    public var contentSize: (width: Int, height: Int) { (78, 21) }

    public func start() -> Command<Message> {
        let control = self.control
        return .subscribe(Subscription(id: "class", coalescingKey: { _ in "snapshot" }) { send in
            control.snapshots { send(.snapshot($0)) }
        })
    }

    public mutating func update(_ event: ScreenEvent<Message>) -> Command<Message> {
        switch event {
        case .own(.snapshot(let s)):
            snapshot = s
            return .none
        case .own(.note(let text)):
            note = text
            return .none
        case .own(.ended(let problem)):
            guard let problem else { return .quit }
            note = problem
            return .none
        case .key(let key):
            if confirming {
                confirming = false
                guard key == .char("y") || key == .char("Y") else { note = nil; return .none }
                let control = self.control
                note = Localized(en: "ending the class…", ko: "수업을 끝내는 중…")[language]
                return .perform { .ended(control.act(.end)) }
            }
            guard let action = Self.keys.action(for: key) else { return .none }
            let control = self.control
            switch action {
            case .end:
                confirming = true
                note = Localized(en: "End the class for everyone? y ends it, any other key goes back.",
                                 ko: "모두의 수업을 끝낼까요? y: 끝내기, 다른 키: 돌아가기")[language]
                return .none
            case .export:
                note = Localized(en: "exporting…", ko: "내보내는 중…")[language]
                return .perform { .note(control.export()) }
            case .next: return .perform { .note(control.act(.next)) }
            case .lock: return .perform { .note(control.act(.lock)) }
            case .reveal: return .perform { .note(control.act(.reveal)) }
            case .back: return .perform { .note(control.act(.back)) }
            }
        default:
            return .none
        }
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        ClassBoard(snapshot: snapshot, language: language, note: note, confirming: confirming).render(into: &buffer, area: area)
    }
}

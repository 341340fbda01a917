import Foundation
import Testing
@testable import Explorer
import Terminal

@Suite struct InstructorScreenTests {
    func rendered(_ phase: ClassPhase, _ language: Language = .en) -> [String] {
        let snapshot = ClassFixture.snapshot(phase)
        let screen = InstructorScreen(control: .still(snapshot), snapshot: snapshot, language: language)
        var buffer = Buffer(width: 80, height: 21)
        screen.render(into: &buffer, area: Rect(x: 0, y: 0, width: 80, height: 21))
        return buffer.lines
    }

    @Test(arguments: Language.allCases)
    func revealedShowsTheHistogramTheAnswerAndTheScoreboard(_ language: Language) {
        let text = rendered(.revealed, language).joined(separator: "\n")
        #expect(text.contains("stride class join 192.168.10.24:7431 --code K7QX"))
        #expect(text.contains("█"))
        #expect(text.contains(language == .en ? "answer 26" : "답 26"))
        #expect(text.contains("✓") && text.contains("✗"))
        // The escape sequence in a name is shown as text, never sent to the terminal.
        #expect(text.contains("\\e]52;c;evil\\aBo"))
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" })
    }

    @Test func openShowsCountsWithoutGivingAwayTheAnswer() {
        let text = rendered(.open).joined(separator: "\n")
        #expect(text.contains("Answers: 28 of 30"))
        #expect(!text.contains("✓") && !text.contains("answer 26"))
    }

    @Test func keysAskTheServerAndQAsksFirst() {
        let acted = Shared<[ClassAction]>([])
        let snapshot = ClassFixture.snapshot(.open)
        let control = ClassControl(snapshots: { _ in {} }, act: { a in acted.withLock { $0.append(a) }; return nil }, export: { "exported" })
        var screen = InstructorScreen(control: control, snapshot: snapshot, language: .en)
        #expect(screen.asksBeforeQuit)
        for key in ["n", "l", "r", "b"] {
            guard case .perform(let work) = screen.update(.key(.char(Character(key)))) else { Issue.record("\(key) did nothing"); continue }
            _ = work()
        }
        #expect(acted.withLock { $0 } == [.next, .lock, .reveal, .back])
        _ = screen.update(.key(.char("q")))
        #expect(screen.confirming)
        _ = screen.update(.key(.char("x")))
        #expect(!screen.confirming && acted.withLock { $0 }.count == 4)
        _ = screen.update(.key(.char("q")))
        guard case .perform(let end) = screen.update(.key(.char("y"))) else { Issue.record("y did not end the class"); return }
        let ended = end()
        #expect(acted.withLock { $0 }.last == .end)
        // The screen quits once the end is stored and sent, not before.
        guard case .ended(nil) = ended, case .quit = screen.update(.own(ended)) else { Issue.record("no quit after the end"); return }
    }
}

/// A value shared with `@Sendable` closures in tests.
final class Shared<T: Sendable>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}

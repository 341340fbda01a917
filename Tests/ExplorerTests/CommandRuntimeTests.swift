import CNN
import Foundation
@testable import Explorer
import Synchronization
import Terminal
import Testing

/// A screen that asks for work off the UI thread and shows what came back.
private struct Asking: Screen {
    enum Message: Sendable, Equatable { case answer(Int), tick }
    var answers: [Int] = []
    var title: String { "asking" }
    var bindings: [KeyBinding] { [KeyBinding([.char("w")], "w", Localized(en: "work", ko: "작업"))] }
    var contentSize: (width: Int, height: Int) { (10, 1) }

    func start() -> Command<Message> { .perform { .answer(41) } }

    mutating func update(_ event: ScreenEvent<Message>) -> Command<Message> {
        switch event {
        case .key(.char("w")): return .batch([.perform { .answer(42) }, .after(.milliseconds(1), .answer(43))])
        case .own(.answer(let n)): answers.append(n)
        default: break
        }
        return .none
    }

    func render(into buffer: inout Buffer, area: Rect) {
        buffer.write("answers \(answers)", x: area.x, y: area.y, maxWidth: area.width)
    }
}

@Suite("Commands and the runtime")
struct CommandRuntimeTests {
    @Test func resultsComeBackToTheScreenThatAsked() {
        var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn), Asking()], runtime: CommandRuntime(mode: .inline))
        _ = drive(&app, events: [.wake, .key(.char("w")), .wake], size: (80, 24))
        #expect((app.top as? Asking)?.answers == [41, 42, 43])
        #expect(app.stack[0] is HomeScreen)
    }

    @Test func aScreenThatLeftGetsNothing() {
        let runtime = CommandRuntime(mode: .inline)
        var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn), Asking()], runtime: runtime)
        _ = drive(&app, events: [.key(.char("w")), .key(.escape), .wake], size: (80, 24))
        #expect(app.stack.count == 1)
        #expect(runtime.inbox.count == 0, "the results were drained and dropped")
    }

    @Test func workRunsOffTheUIThread() async throws {
        let runtime = CommandRuntime()
        var app = ExplorerApp(screens: [Asking()], runtime: runtime)
        for _ in 0..<200 where runtime.inbox.count == 0 { try await Task.sleep(for: .milliseconds(5)) }
        _ = app.handle(.wake)
        #expect((app.top as? Asking)?.answers == [41])
    }

    /// A finished dashboard asks for no ticks, and the real loop then sleeps: one read per
    /// 250 ms, not a spin.
    @Test func anIdleFinishedDashboardUsesNoCPU() throws {
        var dashboard = DashboardScreen(info: DashboardFixture.info, handle: nil)
        dashboard.receive(DashboardFixture.updates + [.finished(TrainingSummary(
            epochs: 3, loss: 0.2, accuracy: 0.95, testLoss: 0.25, testAccuracy: 0.93, trainSeconds: 12, samplesPerSecond: 5000, stopped: false))])
        var app = ExplorerApp(screens: [dashboard])
        #expect(app.tickInterval == nil)
        let backend = MemoryBackend(width: 80, height: 24)
        let reads = Mutex(-1)
        let watcher = Thread {
            while backend.lastFrame == nil { usleep(1_000) }
            let before = backend.reads
            usleep(600_000)
            reads.withLock { $0 = backend.reads - before }
            backend.send(.char("q"))
        }
        watcher.start()
        #expect(runLoop(&app, backend: backend) == 0)
        let idle = reads.withLock { $0 }
        #expect(idle >= 1 && idle <= 5, "the loop read \(idle) times in 600 ms")
        #expect(backend.lastFrame?.line(23).contains("q quit") == true)
    }
}

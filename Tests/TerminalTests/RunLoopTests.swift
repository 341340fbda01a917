import Foundation
import Synchronization
import Testing
@testable import Terminal

/// An app that drains its inbox on every wake-up and tick and quits on q.
private struct DrainingApp: TerminalApp {
    let inbox: Inbox<Int>
    var received = 0
    var ticking = true

    mutating func handle(_ event: TerminalEvent) -> AppCommand {
        switch event {
        case .wake, .tick: received += inbox.drain().count
        case .key(.char("q")): return .quit
        case .key(.char("s")): ticking = false
        default: break
        }
        return .none
    }

    func render(into buffer: inout Buffer) {
        buffer.write("received \(received)", x: 0, y: 0)
    }

    var minimumSize: (width: Int, height: Int) { (10, 2) }
    var tickInterval: Duration? { ticking ? .milliseconds(1) : nil }
    var wakeSource: (any WakeSource)? { inbox }
}

/// Counts the keys it gets; q quits.
private struct KeyCountingApp: TerminalApp {
    var keys = 0
    mutating func handle(_ event: TerminalEvent) -> AppCommand {
        if event == .key(.char("q")) { return .quit }
        if case .key = event { keys += 1 }
        return .none
    }
    func render(into buffer: inout Buffer) { buffer.write("keys \(keys)", x: 0, y: 0) }
    var minimumSize: (width: Int, height: Int) { (10, 2) }
}

/// The real run loop on the in-memory backend.
@Suite("Run loop", .serialized)
struct RunLoopTests {
    @Test func drawsFirstFrameAndQuitsOnQ() {
        let backend = MemoryBackend(width: 20, height: 3)
        var app = DrainingApp(inbox: Inbox<Int>(), ticking: false)
        backend.send(.char("q"))
        #expect(runLoop(&app, backend: backend) == 0)
        #expect(backend.lastFrame?.line(0).hasPrefix("received 0") == true)
    }

    /// A paste of 3,000 keys already waiting is read in bursts and drawn a few times, not once
    /// per key (each frame of a big screen costs a full render); every key still arrives.
    @Test func aPasteIsDrawnOncePerBurstNotOncePerKey() {
        let backend = MemoryBackend(width: 20, height: 3)
        var app = KeyCountingApp()
        for _ in 0..<3000 { backend.send(.char("x")) }
        backend.send(.char("q"))
        #expect(runLoop(&app, backend: backend) == 0)
        #expect(app.keys == 3000)
        #expect(backend.frames.count <= 3000 / burstLimit + 3, "\(backend.frames.count) frames for 3,000 keys")
        #expect(backend.frames.map { $0.line(0) }.contains { $0.hasPrefix("keys 2") }, "frames in between show progress")
    }

    @Test func resizeBelowTheMinimumShowsTheSizeMessage() {
        let backend = MemoryBackend(width: 20, height: 3)
        var app = DrainingApp(inbox: Inbox<Int>(), ticking: false)
        backend.resize(width: 5, height: 1)
        backend.send(.char("q"))
        _ = runLoop(&app, backend: backend)
        #expect(backend.lastFrame?.width == 5)
        #expect(backend.lastFrame?.line(0).contains("received") == false)
    }

    /// A poster floods the inbox while the loop drains it on 1 ms ticks; then everything
    /// stops. An idle loop must sleep in `read` (one read per 250 ms), not spin on a wake
    /// byte left in the pipe with nothing queued (the inbox race, 10 rounds).
    @Test func idleLoopSleepsAfterAFlood() async throws {
        for _ in 0..<10 {
            let backend = MemoryBackend(width: 20, height: 3)
            let inbox = Inbox<Int>()
            let readsWhenIdle = Mutex(-1)
            let watcher = Thread {
                while backend.lastFrame.map({ _ in false }) ?? true { usleep(1_000) }
                Thread {
                    for i in 0..<3_000 { inbox.post(i) }
                    backend.send(.char("s"))  // stop ticking: from now on the loop should sleep
                }.start()
                usleep(200_000)  // the flood ends well within this
                let before = backend.reads
                usleep(300_000)
                readsWhenIdle.withLock { $0 = backend.reads - before }
                backend.send(.char("q"))
            }
            watcher.start()
            var app = DrainingApp(inbox: inbox)
            _ = runLoop(&app, backend: backend)
            let idle = readsWhenIdle.withLock { $0 }
            #expect(idle >= 0 && idle <= 5, "an idle loop read \(idle) times in 300 ms")
            #expect(app.received == 3_000)
        }
    }
}

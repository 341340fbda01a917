import Testing
@testable import Terminal

/// A tiny app: a counter that → increments, q quits, ticks are counted.
struct CounterApp: TerminalApp {
    var count = 0
    var ticks = 0
    var sawCtrlC = false
    var lastSize: (width: Int, height: Int)?

    mutating func handle(_ event: TerminalEvent) -> AppCommand {
        switch event {
        case .key(.right): count += 1
        case .key(.left): count -= 1
        case .key(.char("q")): return .quit
        case .key(.ctrl("c")): sawCtrlC = true
        case .key: break
        case .resize(let width, let height): lastSize = (width, height)
        case .tick: ticks += 1
        case .mouse, .wake: break
        }
        return .none
    }

    func render(into buffer: inout Buffer) {
        Box(title: "Counter", child: Text("count: \(count)")).render(in: buffer.area, buffer: &buffer)
        buffer.write("ticks \(ticks)", x: 1, y: buffer.height - 1)
    }

    var minimumSize: (width: Int, height: Int) { (16, 4) }
    var tickInterval: Duration? { .milliseconds(100) }
}

@Suite("drive (the in-memory backend)")
struct DriveTests {
    @Test func appliesEventsAndRendersTheFinalFrame() {
        var app = CounterApp()
        let buffer = drive(&app, events: [.key(.right), .key(.right), .tick], size: (16, 4))
        expectLines(buffer, [
            "┌ Counter ─────┐",
            "│count: 2      │",
            "│              │",
            "└ticks 1───────┘",
        ])
        #expect(app.count == 2)
    }

    @Test func stopsAtQuit() {
        var app = CounterApp()
        _ = drive(&app, events: [.key(.right), .key(.char("q")), .key(.right)], size: (20, 5))
        #expect(app.count == 1)
    }

    @Test func ctrlCIsOfferedToTheAppThenQuits() {
        var app = CounterApp()
        _ = drive(&app, events: [.key(.ctrl("c")), .key(.right)], size: (20, 5))
        #expect(app.sawCtrlC)
        #expect(app.count == 0)
    }

    @Test func tooSmallShowsSizeMessageAndIgnoresKeys() {
        var app = CounterApp()
        let buffer = drive(&app, events: [.key(.right), .tick], size: (15, 4))
        #expect(app.count == 0)
        #expect(app.ticks == 1)  // ticks still arrive (training keeps going)
        expectLines(buffer, [
            " Terminal too",
            " small: 15×4.",
            "Stride needs at",
            "  least 16×4.",
        ])
    }

    @Test func qQuitsOnTheSizeScreenAndResizeResumes() {
        var app = CounterApp()
        let buffer = drive(&app, events: [.resize(width: 10, height: 2), .key(.right), .resize(width: 16, height: 4), .key(.right)],
                           size: (30, 10))
        #expect(app.count == 1)
        #expect(app.lastSize! == (16, 4))
        #expect(buffer.lines[1] == "│count: 1      │")

        var other = CounterApp()
        _ = drive(&other, events: [.resize(width: 10, height: 2), .key(.escape), .resize(width: 30, height: 10), .key(.right)], size: (30, 10))
        #expect(other.count == 0)
        #expect(other.lastSize! == (10, 2))
    }

    @Test func asciiCharsetReachesTheApp() {
        var app = CounterApp()
        let buffer = drive(&app, events: [], size: (16, 4), charset: .ascii)
        #expect(buffer.lines[0] == "+ Counter -----+")
    }
}

import Foundation
import Testing
@testable import Terminal

/// An app that draws a counter in colour, a Korean word (wide characters) and a bar whose
/// length follows the keys; q quits.
private struct CountingApp: TerminalApp {
    var count = 0
    mutating func handle(_ event: TerminalEvent) -> AppCommand {
        if case .key(.char("q")) = event { return .quit }
        if case .key = event { count += 1 }
        return .none
    }
    func render(into buffer: inout Buffer) {
        buffer.write("count \(count)", x: 1, y: 0, style: Style(foreground: .brightYellow, background: .indexed(236), bold: true))
        buffer.write("합성곱 conv", x: buffer.width - 12, y: 1, style: Style(foreground: .indexed(250), underline: true))
        buffer.write(String(repeating: "▀", count: count), x: 0, y: buffer.height - 1,
                     style: Style(foreground: .grey(level: 0.2), background: .grey(level: 0.9)))
    }
    var minimumSize: (width: Int, height: Int) { (16, 3) }
}

/// A small terminal for replaying what the recorder wrote: cursor moves (`CSI r;c H`), SGR
/// (kept as the sequence's text), clear (`CSI 2J`), cursor visibility, and characters with
/// their display width. Enough to check the recording reproduces the frames exactly.
struct ReplayScreen {
    var width: Int, height: Int
    var cells: [[(Character, String)]]
    var x = 0, y = 0
    var sgr = "0"

    init(width: Int, height: Int) {
        (self.width, self.height) = (width, height)
        cells = Array(repeating: Array(repeating: (" ", "0"), count: width), count: height)
    }

    mutating func feed(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        while let s = scalars.first {
            scalars = scalars.dropFirst()
            if s == "\u{1b}" {
                guard scalars.first == "[" else { continue }
                scalars = scalars.dropFirst()
                var body = ""
                while let c = scalars.first, !(c.properties.isAlphabetic) { body.unicodeScalars.append(c); scalars = scalars.dropFirst() }
                guard let final = scalars.first else { return }
                scalars = scalars.dropFirst()
                switch final {
                case "H":
                    let parts = body.split(separator: ";").compactMap { Int($0) }
                    (y, x) = (parts.count > 0 ? parts[0] - 1 : 0, parts.count > 1 ? parts[1] - 1 : 0)
                case "m": sgr = body
                case "J": cells = Array(repeating: Array(repeating: (" ", "0"), count: width), count: height)
                default: break
                }
                continue
            }
            let character = Character(s)
            let w = displayWidth(character)
            guard y < height, x < width else { continue }
            cells[y][x] = (character, sgr)
            if w == 2, x + 1 < width { cells[y][x + 1] = (" ", sgr) }
            x += w
        }
    }

    var lines: [String] {
        cells.map { row in
            var text = ""
            var skip = false
            for (i, cell) in row.enumerated() {
                if skip { skip = false; continue }
                text.append(cell.0)
                if displayWidth(cell.0) == 2, i + 1 < row.count { skip = true }
            }
            while text.last == " " { text.removeLast() }
            return text
        }
    }
}

@Suite("asciicast recording", .serialized)
struct AsciicastRecorderTests {
    static func temporaryPath() -> String { NSTemporaryDirectory() + "stride-cast-\(UUID().uuidString).cast" }

    /// The header and events of a recording.
    static func parse(_ path: String) throws -> (header: [String: Any], events: [(Double, String, String)]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let events = try lines.dropFirst().map { line -> (Double, String, String) in
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            return (try #require(event[0] as? Double), try #require(event[1] as? String), try #require(event[2] as? String))
        }
        return (header, events)
    }

    @Test("the run loop's frames, recorded and replayed, give the final screen cell for cell (text and SGR)")
    func replayMatchesTheLastFrame() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let recorder = try AsciicastRecorder(path: path, width: 30, height: 5, title: "stride \"test\"", timestamp: 1_700_000_000)
        let backend = MemoryBackend(width: 30, height: 5)
        // Keys typed one by one (20 ms apart), so each is drawn (keys already waiting are drawn once per burst).
        let typist = Thread {
            for _ in 0..<5 { usleep(20_000); backend.send(.char("x")) }
            usleep(20_000)
            backend.send(.char("q"))
        }
        typist.start()
        var app = CountingApp()
        #expect(runLoop(&app, backend: backend, recordingInto: recorder) == 0)

        let (header, events) = try Self.parse(path)
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 30 && header["height"] as? Int == 5)
        #expect(header["timestamp"] as? Int == 1_700_000_000 && header["title"] as? String == "stride \"test\"")
        #expect(events.count == backend.frames.count, "one event per frame")
        #expect(events.allSatisfy { $0.1 == "o" })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.0 <= $1.0 }, "times never go back")

        var screen = ReplayScreen(width: 30, height: 5)
        for (frame, event) in zip(backend.frames, events) {
            screen.feed(event.2)
            #expect(screen.lines == frame.lines, "after each frame")
        }
        let last = try #require(backend.lastFrame)
        for y in 0..<5 {
            for x in 0..<30 where !last[x, y].isContinuation {
                let expected = String(AsciicastRecorder.sgr(last[x, y].style).dropFirst(2).dropLast())
                #expect(screen.cells[y][x].1 == expected, "SGR at (\(x), \(y))")
            }
        }
        #expect(screen.lines[0] == " count 5" && screen.lines[4] == "▀▀▀▀▀" && screen.lines[1] == "                  합성곱 conv")
        // Only what changed is sent after the first frame: the counter and one more block.
        #expect(!events[3].2.contains("합성곱"))
    }

    @Test("a resize is an \"r\" event followed by a full repaint")
    func resizeEvent() throws {
        let path = Self.temporaryPath()
        defer { unlink(path) }
        let recorder = try AsciicastRecorder(path: path, width: 30, height: 5, title: "t", timestamp: 0)
        let backend = MemoryBackend(width: 30, height: 5)
        backend.send(.char("x"))
        backend.resize(width: 20, height: 4)
        backend.send(.char("q"))
        var app = CountingApp()
        _ = runLoop(&app, backend: backend, recordingInto: recorder)
        let events = try Self.parse(path).events
        let resize = try #require(events.firstIndex { $0.1 == "r" })
        #expect(events[resize].2 == "20x4")
        var screen = ReplayScreen(width: 20, height: 4)
        for event in events[(resize + 1)...] { screen.feed(event.2) }
        #expect(screen.lines == backend.lastFrame?.lines)
    }

    @Test("colours are left out when the screen has none (NO_COLOR); attributes stay")
    func noColor() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("ab", x: 0, y: 0, style: Style(foreground: .red, background: .indexed(240), bold: true))
        var state: Style?
        let colored = AsciicastRecorder.ansi(buffer, previous: Buffer(width: 0, height: 0), cursor: nil, colors: true, state: &state)
        #expect(colored == "\u{1b}[1;1H\u{1b}[0;1;31;48;5;240mab\u{1b}[0m  \u{1b}[?25l")
        state = nil
        let plain = AsciicastRecorder.ansi(buffer, previous: Buffer(width: 0, height: 0), cursor: (1, 0), colors: false, state: &state)
        #expect(plain == "\u{1b}[1;1H\u{1b}[0;1mab\u{1b}[0m  \u{1b}[1;2H\u{1b}[?25h")
    }

    @Test("a folder or an unwritable path is refused before anything runs; control characters in the title are escaped")
    func badPaths() throws {
        #expect(throws: TerminalError.self) { try AsciicastRecorder(path: NSTemporaryDirectory(), width: 80, height: 24, title: "t") }
        #expect(throws: TerminalError.self) { try AsciicastRecorder(path: "/nonexistent-dir/x.cast", width: 80, height: 24, title: "t") }
        #expect(AsciicastRecorder.jsonString("a\u{1b}[2J\"\\\n\u{9b}é") == "\"a\\u001b[2J\\\"\\\\\\n\\u009bé\"")
    }
}

import Foundation
import Testing

/// `--record FILE.cast`: the real binary in tmux writes an asciicast v2 file; replayed into a
/// second tmux pane of the same size, its output gives the screen the app showed.
@Suite("--record (asciicast) end to end", .serialized)
struct RecordEndToEndTests {
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "stride-record-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The header and the concatenated "o" data of a recording (every line must parse).
    static func read(_ path: String) throws -> (header: [String: Any], output: String, events: Int) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        var output = ""
        var last = 0.0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let time = try #require(event[0] as? Double)
            #expect(time >= last)
            last = time
            if event[1] as? String == "o" { output += try #require(event[2] as? String) }
        }
        return (header, output, lines.count - 1)
    }

    /// Replays `output` in a fresh 80×24 tmux pane and returns its screen.
    static func replay(_ output: String, in dir: String) throws -> String {
        let file = dir + "/replay.ansi"
        try output.write(toFile: file, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("cat \(shellQuote(file)); echo; sleep 60")
        // The pane settles once cat is done; wait until two captures agree.
        var previous = ""
        return try tmux.waitFor(timeout: 10) { screen in
            defer { previous = screen }
            return screen == previous && !screen.contains("cat ")
        }
    }

    @Test("a scene stepped with keys: the replayed recording shows the live screen, line for line")
    func replayedRecordingMatchesTheLiveScreen() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cast = dir + "/sliding.cast"
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show sliding --input '1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16' "
                     + "--kernel '1 2; 3 4' --record \(shellQuote(cast)); echo EXIT=$?")
        try tmux.waitFor("step 0/9")
        try tmux.send("Right")
        try tmux.send("Right")
        let live = try tmux.waitFor { $0.contains("step 2/9") && $0.contains("= 54") }
        usleep(300_000)
        let settled = try tmux.capture()
        #expect(settled == live)
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")

        let (header, output, events) = try Self.read(cast)
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 80 && header["height"] as? Int == 24)
        #expect(header["title"] as? String == "stride show sliding --input 1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16 --kernel 1 2; 3 4")
        #expect((header["timestamp"] as? Int ?? 0) > 1_700_000_000)
        #expect(events >= 3, "a frame per change: the first and one per step")
        let replayed = try Self.replay(output, in: dir)
        #expect(replayed.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
                == live.split(separator: "\n", omittingEmptySubsequences: false).prefix(24), "live:\n\(live)\nreplayed:\n\(replayed)")
    }

    @Test("the home screen in Korean (wide characters) replays the same")
    func koreanHomeReplays() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cast = dir + "/home.cast"
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) --lang ko --record \(shellQuote(cast)); echo EXIT=$?")
        try tmux.waitFor("장면")
        try tmux.send("Down")
        try tmux.send("Down")
        usleep(400_000)
        let live = try tmux.capture()
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let replayed = try Self.replay(try Self.read(cast).output, in: dir)
        #expect(replayed.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
                == live.split(separator: "\n", omittingEmptySubsequences: false).prefix(24), "live:\n\(live)\nreplayed:\n\(replayed)")
    }

    @Test("a crash inside a screen leaves a valid recording of everything drawn before it; resizes are \"r\" events")
    func crashLeavesAValidPrefix() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cast = dir + "/crash.cast"
        let tmux = try TmuxSession(environment: ["STRIDE_TEST_TRAP_KEY": "z", "SWIFT_BACKTRACE": "enable=no"])
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show sliding --input '1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16' "
                     + "--kernel '1 2; 3 4' --record \(shellQuote(cast)); echo EXIT=$?")
        try tmux.waitFor("step 0/")
        try tmux.resize(width: 100, height: 30)
        try tmux.send("Right")
        try tmux.waitFor("step 1/")
        try tmux.send("z")
        let screen = try tmux.waitFor { $0.contains("EXIT=") }
        #expect(!screen.contains("EXIT=0"), "the trap ended the run:\n\(screen)")
        // Every line parses (read() requires it), and the last frame drawn is in the file.
        let (header, output, events) = try Self.read(cast)
        #expect(header["version"] as? Int == 2 && events >= 3)
        let file = try String(contentsOfFile: cast, encoding: .utf8)
        #expect(file.hasSuffix("\n"), "no half-written line")
        #expect(file.contains("\"r\", \"100x30\""), "the resize is an r event")
        let text = output.replacingOccurrences(of: "\u{1b}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
        #expect(text.contains("= 44"), "the first step's arithmetic, drawn just before the trap")
    }

    @Test("a folder, an unwritable path and a screenless run are refused before the screen starts")
    func badRecordPaths() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = try runStride(["show", "sliding", "--record", dir], environment: ["TERM": "xterm-256color"])
        #expect(folder.status == 2)
        #expect(folder.stderr == "stride: --record \(dir): is a folder; give a file name such as \(dir)/stride.cast\n", "\(folder.stderr)")
        let missing = try runStride(["--record", "/nonexistent-stride-dir/a.cast"], environment: ["TERM": "xterm-256color"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("stride: --record /nonexistent-stride-dir/a.cast: cannot write in /nonexistent-stride-dir"), "\(missing.stderr)")
        let headless = try runStride(["train", "--headless", "--record", dir + "/t.cast"])
        #expect(headless.status == 2 && headless.stderr.contains("--headless has no screen to record"), "\(headless.stderr)")
        let plain = try runStride(["quiz", "--plain", "--record", dir + "/q.cast"])
        #expect(plain.status == 2 && plain.stderr.contains("--plain has no screen to record"), "\(plain.stderr)")
    }
}

import Foundation
import Testing

/// The real `stride` binary in tmux: keys in, screen out.
@Suite("TUI end to end (tmux)", .serialized)
struct SlidingSceneEndToEndTests {
    static let input = "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"
    static var command: String { commandLine() }

    /// The sliding scene on the 4×4 example with a 2×2 kernel, then the exit status echoed.
    static func commandLine(_ extra: String = "") -> String {
        "\(shellQuote(StrideBinary.path)) show sliding --input \(shellQuote(input)) --kernel \(shellQuote("1 2; 3 4")) \(extra); echo EXIT=$?"
    }

    @Test func stepEndAndQuit() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run(Self.command)
        var screen = try tmux.waitFor("step 0/9")
        #expect(screen.contains("step 0/9"), "\(screen)")
        #expect(!screen.contains("44"))

        try tmux.send("Right")
        screen = try tmux.waitFor { $0.contains("step 1/9") && $0.contains("6·4 = 44") }
        #expect(screen.contains("1·1 + 2·2 + 5·3 + 6·4 = 44"), "\(screen)")

        try tmux.send("End")
        screen = try tmux.waitFor { $0.contains("step 9/9") && $0.contains("16·4 = 144") }
        for value in ["44", "54", "64", "84", "94", "104", "124", "134", "144"] {
            #expect(screen.contains(value), "missing \(value) in\n\(screen)")
        }

        try tmux.send("q")
        screen = try tmux.waitFor("EXIT=0")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(!screen.contains("step 9/9"), "the alternate screen should be gone:\n\(screen)")
    }

    @Test func tooSmallTerminalShowsSizeThenRecovers() throws {
        let tmux = try TmuxSession(width: 30, height: 10)
        defer { tmux.kill() }
        try tmux.run(Self.command)
        var screen = try tmux.waitFor("80")
        #expect(screen.lowercased().contains("too small"), "\(screen)")
        #expect(screen.contains("80"))

        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitFor("step 0/9")
        #expect(screen.contains("step 0/9"), "\(screen)")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test func koreanScreen() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run(Self.commandLine("--lang ko"))
        try tmux.waitFor("단계 0/9")
        try tmux.send("Right")
        let screen = try tmux.waitFor { $0.contains("단계 1/9") && $0.contains("6·4 = 44") }
        #expect(screen.contains("단계 1/9"), "\(screen)")
        #expect(screen.contains("커널"))
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test func ctrlCAndSigtermRestoreTheTerminal() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run(Self.command)
        try tmux.waitFor("step 0/9")
        try tmux.send("C-c")
        // A line that starts with EXIT= (the typed command shows "echo EXIT=$?" too).
        var screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=130"), "Ctrl-C ends like SIGINT: \(screen)")
        #expect(!screen.contains("step 0/9"))

        // SIGTERM from outside while it runs in the foreground; the bias marks the process.
        try tmux.run("clear; " + Self.commandLine("--bias 0.0625").replacingOccurrences(of: "EXIT=", with: "TERM="))
        // The app on screen again (the typed command line alone also shows "--bias 0.0625").
        try tmux.waitFor("step 0/9")
        _ = spawnAndWait(["/usr/bin/pkill", "-TERM", "-f", "--", "--bias 0.0625"], stdoutPath: "/dev/null")
        screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.hasPrefix("TERM=") } }
        #expect(screen.contains("TERM=143"), "\(screen)")
        #expect(!screen.contains("bias 0.0625 "), "\(screen)")
    }

    @Test func homeOpensTheSlidingScene() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)); echo EXIT=$?")
        var screen = try tmux.waitFor("Choose what to open")
        #expect(screen.contains("Lessons"), "\(screen)")
        // Lessons come first; Tab jumps to the scenes, whose first entry is the sliding kernel.
        try tmux.send("Tab")
        let lessons = (try? FileManager.default.contentsOfDirectory(atPath: StrideBinary.packageRoot.appendingPathComponent("lessons/en").path))?.filter { $0.hasSuffix(".md") && $0 != "README.md" }.count ?? 0
        screen = try tmux.waitFor("\(lessons + 1)/")
        #expect(screen.contains("▸ Sliding kernel"), "\(screen)")
        try tmux.send("Enter")
        screen = try tmux.waitFor("step 0/")
        #expect(screen.contains("step 0/4"), "\(screen)")
        try tmux.send("Escape")
        screen = try tmux.waitFor { !$0.contains("step 0/") }
        #expect(screen.contains("Sliding kernel"))
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test func asciiFallbackUnderCLocale() throws {
        let tmux = try TmuxSession(environment: ["LANG": "C", "LC_ALL": "C"])
        defer { tmux.kill() }
        try tmux.run(Self.command)
        try tmux.waitFor("step 0/9")
        try tmux.send("Right")
        let screen = try tmux.waitFor { $0.contains("step 1/9") && $0.contains("6*4 = 44") && $0.contains("ASCII drawing") }
        #expect(screen.contains("1*1 + 2*2 + 5*3 + 6*4 = 44"), "\(screen)")
        #expect(screen.contains("+--"), "ASCII grid lines expected:\n\(screen)")
        #expect(screen.contains("ASCII drawing: the locale is not UTF-8"))
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))

        try tmux.run("clear; " + Self.commandLine("--lang ko").replacingOccurrences(of: "EXIT=", with: "KO="))
        let korean = try tmux.waitFor { $0.contains("step 0/9") && $0.contains("Korean is shown in English") }
        #expect(korean.contains("Korean is shown in English"), "\(korean)")
        try tmux.send("q")
        #expect(try tmux.waitFor("KO=0").contains("KO=0"))
    }
}

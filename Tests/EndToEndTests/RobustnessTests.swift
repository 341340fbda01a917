import Foundation
import Testing

/// The terminal after a crash inside a screen, and the app after a storm of resizes.
@Suite("Crash and resize storm (tmux)", .serialized)
struct RobustnessTests {
    @Test func aTrapInsideAScreenLeavesTheTerminalUsable() throws {
        let tmux = try TmuxSession(environment: ["STRIDE_TEST_TRAP_KEY": "z", "SWIFT_BACKTRACE": "enable=no"])
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show sliding; echo EXIT=$?; stty -a | grep -o -- '-\\?icanon\\|-\\?echo ' | tr '\\n' ' '; echo MO''DES")
        _ = try tmux.waitFor("step 0/")
        try tmux.send("z")
        // The marker is typed as MO''DES, so only the shell's output contains MODES.
        let screen = try tmux.waitFor { $0.contains("MODES") }
        #expect(screen.contains("EXIT=132") || screen.contains("EXIT=133") || screen.contains("EXIT=134"), "\(screen)")
        #expect(screen.contains("icanon echo"), "canonical mode and echo are back:\n\(screen)")
        #expect(!screen.contains("-icanon") && !screen.contains("-echo "), "\(screen)")
        #expect(!screen.contains("step 0/"), "the alternate screen is gone:\n\(screen)")
    }

    @Test func aStormOfResizesLeavesTheAppResponsiveAndCorrect() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show sliding; echo EXIT=$?")
        _ = try tmux.waitFor("step 0/")
        var rng = SystemRandomNumberGenerator()
        let started = Date()
        for _ in 0..<300 {
            try tmux.resize(width: Int.random(in: 20...200, using: &rng), height: Int.random(in: 5...60, using: &rng))
        }
        try tmux.resize(width: 80, height: 24)
        try tmux.send("Right")
        let screen = try tmux.waitFor { $0.contains("step 1/") && $0.contains("= 44") }
        print("resize storm: 300 resizes in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, then the next step at 80×24")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains("Stride") == true, "the title bar is on the first row:\n\(screen)")
        #expect(lines.contains { $0.contains("? help") && $0.contains("q quit") }, "the footer is drawn:\n\(screen)")
        try tmux.send("q")
        #expect(try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }.contains("EXIT=0"))
    }
}

import Foundation
import Testing

/// Storms of termination signals (and one SIGQUIT) at the full-screen app: whichever signal
/// ends it, the terminal is given back — normal screen, cursor shown, mouse reporting and
/// keypad mode off, canonical mode and echo on — as tmux's own view of the pane says.
@Suite("Signal storms (tmux)", .serialized)
struct SignalStormTests {
    /// Starts `stride show sliding` in tmux (its pid in a file), sends `signals` as fast as
    /// a shell loop would, and returns the pane's modes and the shell's report after it ended.
    static func storm(_ signals: [Int32]) throws -> (modes: String, screen: String) {
        let tmux = try TmuxSession(environment: ["SWIFT_BACKTRACE": "enable=no"])
        defer { tmux.kill() }
        let pidFile = NSTemporaryDirectory() + "stride-storm-\(UUID().uuidString).pid"
        defer { unlink(pidFile) }
        try tmux.run("sh -c 'echo $$ > \(pidFile); exec \(StrideBinary.path) show sliding'; echo EXIT=$?")
        _ = try tmux.waitFor("step 0/")
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            Issue.record("no pid")
            return ("", "")
        }
        // Spaced by up to 4 ms: signals sent back to back merge into one pending signal.
        var rng = SystemRandomNumberGenerator()
        for sig in signals {
            kill(pid, sig)
            usleep(UInt32.random(in: 0...4_000, using: &rng))
        }
        // Gone (the shell reaps it), then the tty modes, typed as a new line: an interactive
        // shell drops the rest of a line whose command a SIGINT killed.
        let deadline = Date().addingTimeInterval(15)
        while kill(pid, 0) == 0 && Date() < deadline { usleep(20_000) }
        try tmux.run("stty -a | grep -o -- '-\\?icanon\\|-\\?echo ' | tr '\\n' ' '; echo MO''DES")
        let screen = try tmux.waitFor { $0.contains("MODES") }
        let modes = try tmux.format("alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag} keypad=#{keypad_cursor_flag}")
        return (modes, screen)
    }

    static let restored = "alt=0 cursor=1 mouse=0000 keypad=0"

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aStormOfSignalsLeavesTheTerminalRestored(_ sig: Int32) throws {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<10 {
            let count = Int.random(in: 20...50, using: &rng)
            let (modes, screen) = try Self.storm(Array(repeating: sig, count: count))
            #expect(modes == Self.restored, "signal \(sig) ×\(count), round \(round): \(modes)\n\(screen)")
            #expect(screen.contains("icanon echo"), "round \(round):\n\(screen)")
            #expect(!screen.contains("step 0/"), "the alternate screen is gone:\n\(screen)")
        }
    }

    @Test func sigquitRestoresTheTerminalWithoutWaitingForAKey() throws {
        let (modes, screen) = try Self.storm([SIGQUIT])
        #expect(modes == Self.restored, "\(modes)\n\(screen)")
        #expect(screen.contains("EXIT=131") && screen.contains("icanon echo"), "\(screen)")
    }
}

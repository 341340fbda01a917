import Foundation

/// A private tmux server running one session, for driving the real TUI.
///
/// The session runs `sh`; tests type the command line into it so that after the app
/// quits the shell prompt (and the exit status we echo) shows the terminal was restored.
final class TmuxSession {
    let socket: String
    private(set) var isAlive = true

    init(width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        socket = "stride-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var env = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$ "]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                  "env \(exports) sh"])
    }

    deinit { kill() }

    func kill() {
        guard isAlive else { return }
        isAlive = false
        _ = try? tmux(["kill-server"])
    }

    /// Types `line` and Enter into the shell.
    func run(_ line: String) throws { try tmux(["send-keys", "-l", line]); try tmux(["send-keys", "Enter"]) }

    /// Sends tmux key names (`Right`, `End`, `q`, `C-c`, `Escape`).
    func send(_ keys: String...) throws { try tmux(["send-keys"] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, one string per row.
    func capture() throws -> String { try tmux(["capture-pane", "-p"]) }

    /// Polls the screen every 50 ms until `predicate` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func waitFor(timeout: Double = 15, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !predicate(screen) && Date() < deadline {
            usleep(50_000)
            screen = try capture()
        }
        return screen
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> String {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Shell-quotes one argument.
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

import Foundation

/// A private tmux server running one session, for driving the real TUI.
///
/// The session runs `sh`; tests type the command line into it so that after the app
/// quits the shell prompt (and the exit status we echo) shows the terminal was restored.
final class TmuxSession {
    let socket: String
    private(set) var isAlive = true

    /// Where lesson progress goes unless `environment` says (never the user's own state).
    let stateHome: String

    init(width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        socket = "stride-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        stateHome = NSTemporaryDirectory() + socket + "-state"
        var env = ["TERM": "tmux-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$", "XDG_STATE_HOME": stateHome]
        env.merge(environment) { $1 }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // The server this starts inherits our descriptors: don't wait for its output.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                  "env \(exports) sh"])
    }

    deinit { kill() }

    func kill() {
        guard isAlive else { return }
        isAlive = false
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: stateHome)
        // tmux leaves its socket file behind; without this every run adds a few to /tmp/tmux-UID.
        unlink(socketPath)
    }

    /// Where tmux puts the socket of `-L socket`: `$TMUX_TMPDIR` (else /tmp)`/tmux-UID/socket`.
    var socketPath: String {
        let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return base + "/tmux-\(getuid())/" + socket
    }

    /// Types `line` and Enter into the shell.
    func run(_ line: String) throws { try tmux(["send-keys", "-l", line]); try tmux(["send-keys", "Enter"]) }

    /// Sends tmux key names (`Right`, `End`, `q`, `C-c`, `Escape`).
    func send(_ keys: String...) throws { try tmux(["send-keys"] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The tmux server's process id.
    func serverPID() throws -> pid_t {
        let text = try tmux(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = pid_t(text) else { throw TmuxError(arguments: ["display-message", "-p", "#{pid}"], status: -1) }
        return pid
    }

    /// A tmux format expanded for the pane (`#{alternate_on}`, `#{cursor_flag}`, …).
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
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

    /// Runs tmux on our socket and returns what it printed. Uses posix_spawn + waitpid:
    /// Foundation's `Process` never sees the client exit when it starts a tmux server.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = NSTemporaryDirectory() + "\(socket)-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(output) }
        let status = spawnAndWait(["/usr/bin/tmux", "-L", socket] + arguments, stdoutPath: output)
        guard status == 0 else { throw TmuxError(arguments: arguments, status: status) }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    var description: String { "tmux \(arguments.joined(separator: " ")) failed with status \(status)" }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which the Glibc module does not export.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnFileActionsAddCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

/// Starts `arguments[0]` with stdin from /dev/null, stdout to `stdoutPath`, stderr discarded; waits for it.
func spawnAndWait(_ arguments: [String], stdoutPath: String) -> Int32 {
    var pid: pid_t = 0
    let cArguments = arguments.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    // Nothing else is inherited: a long-lived tmux server holding the write end of another
    // test's pipe would keep that test waiting for end-of-file forever.
    _ = spawnFileActionsAddCloseFrom(&actions, 3)
    // The test runner blocks signals in its threads; a child must start with none blocked and
    // default dispositions, or `tmux kill-server`'s SIGTERM never arrives.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t(), defaults = sigset_t()
    sigemptyset(&empty)
    sigemptyset(&defaults)
    for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    guard posix_spawn(&pid, arguments[0], &actions, &attributes, cArguments, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return status
}

/// Shell-quotes one argument.
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

extension StringProtocol {
    /// Whether this screen line is the status a command printed, `EXIT=` or `CODE=` then a
    /// number — not the typed command `…; echo EXIT=$?` wrapped so that `EXIT=$?` starts a line.
    func isStatusLine(_ prefix: String) -> Bool {
        hasPrefix(prefix) && dropFirst(prefix.count).first?.isNumber == true
    }
}

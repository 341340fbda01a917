#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The first termination signal received while the run loop owns the terminal (0 = none).
/// Set by the handler; the loop polls it at least every 250 ms, restores the
/// terminal and exits with 128 + signal.
let pendingSignal = Atomic<Int32>(0)

/// Installs and removes the SIGINT/SIGTERM/SIGHUP/SIGQUIT handlers of the run loop.
///
/// The handler only records the signal (async-signal-safe). A second signal while the
/// first is pending (a storm of them, or a stuck app being killed again) puts the terminal
/// back itself (`restoreTerminalFromSignal`) and then takes the default action, so the
/// shell is never left in the alternate screen with the cursor hidden, whichever signal
/// ends the process. SIGQUIT is trapped like the others: left to the runtime, its
/// backtracer would wait for a key inside the alternate screen. While a handler runs, every
/// trapped signal is blocked, so two handlers never interleave.
enum SignalTrap {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func install() {
        pendingSignal.store(0, ordering: .sequentiallyConsistent)
        TerminalModes.haveSaved = false
        TerminalModes.save()
        for sig in signals { installHandler(sig, onSignal, blocking: signals + CrashRestore.signals) }
    }

    static func uninstall() {
        for sig in signals { _ = signal(sig, SIG_DFL) }
    }
}

/// Records `sig`, or restores the terminal and re-raises it with the default action when
/// one is already pending.
private func onSignal(_ sig: Int32) {
    let (exchanged, _) = pendingSignal.compareExchange(expected: 0, desired: sig, ordering: .sequentiallyConsistent)
    if !exchanged {
        restoreTerminalFromSignal()
        _ = signal(sig, SIG_DFL)
        _ = raise(sig)
    }
}

/// The tty modes from before the app took the terminal, for the signal handlers.
enum TerminalModes {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false

    /// Saves the current modes unless already saved (`SignalTrap.install` saves them afresh).
    static func save() {
        guard !haveSaved else { return }
        haveSaved = tcgetattr(STDIN_FILENO, &saved) == 0
    }
}

/// `sigaction(sig)` with `handler`, blocking `blocking` while it runs.
private func installHandler(_ sig: Int32, _ handler: @convention(c) (Int32) -> Void, blocking: [Int32]) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    sigemptyset(&action.sa_mask)
    for other in blocking { sigaddset(&action.sa_mask, other) }
    action.sa_flags = SA_RESTART
    _ = sigaction(sig, &action, nil)
}

/// Crash signals: the terminal is put back (alternate screen left, cursor shown, colours and
/// mouse reporting off, the saved tty modes restored) before the default action runs, so a
/// trap inside a scene never leaves the shell unusable. Everything the handler calls is
/// async-signal-safe (`write`, `tcsetattr`, `signal`, `raise`).
enum CrashRestore {
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    static func install() {
        TerminalModes.save()
        for sig in signals { installHandler(sig, onCrash, blocking: signals + SignalTrap.signals) }
    }

    static func uninstall() {
        for sig in signals { _ = signal(sig, SIG_DFL) }
    }
}

/// CAN (cancels an escape sequence a frame may have left half written), then: attributes off,
/// every mouse mode off, keypad mode off, cursor shown, alternate screen left.
private let resetSequence: [UInt8] = Array(("\u{18}\u{1B}[0m\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?1000l"
                                            + "\u{1B}[?1l\u{1B}>\u{1B}[?25h\u{1B}[?1049l\r\n").utf8)

/// Puts the terminal back from inside a signal handler: only `write` and `tcsetattr`
/// (async-signal-safe), on the modes saved before ncurses started.
private func restoreTerminalFromSignal() {
    resetSequence.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    if TerminalModes.haveSaved { _ = tcsetattr(STDIN_FILENO, TCSANOW, &TerminalModes.saved) }
}

private func onCrash(_ sig: Int32) {
    restoreTerminalFromSignal()
    _ = signal(sig, SIG_DFL)
    _ = raise(sig)
}

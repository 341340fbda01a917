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

/// Installs and removes the SIGINT/SIGTERM/SIGHUP handlers of the run loop.
///
/// The handler only records the signal (async-signal-safe). A second signal while the
/// first is pending gets the default action, so a stuck app can still be killed.
enum SignalTrap {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func install() {
        pendingSignal.store(0, ordering: .sequentiallyConsistent)
        for sig in signals { _ = signal(sig, onSignal) }
    }

    static func uninstall() {
        for sig in signals { _ = signal(sig, SIG_DFL) }
    }
}

/// Records `sig`, or re-raises it with the default action when one is already pending.
private func onSignal(_ sig: Int32) {
    let (exchanged, _) = pendingSignal.compareExchange(expected: 0, desired: sig, ordering: .sequentiallyConsistent)
    if !exchanged {
        _ = signal(sig, SIG_DFL)
        _ = raise(sig)
    }
}

/// Crash signals: the terminal is put back (alternate screen left, cursor shown, colours and
/// mouse reporting off, the saved tty modes restored) before the default action runs, so a
/// trap inside a scene never leaves the shell unusable. Everything the handler calls is
/// async-signal-safe (`write`, `tcsetattr`, `signal`, `raise`).
enum CrashRestore {
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false

    static func install() {
        haveSaved = tcgetattr(STDIN_FILENO, &saved) == 0
        for sig in signals { _ = signal(sig, onCrash) }
    }

    static func uninstall() {
        for sig in signals { _ = signal(sig, SIG_DFL) }
    }
}

private let resetSequence: [UInt8] = Array("\u{1B}[0m\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?1000l\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)

private func onCrash(_ sig: Int32) {
    resetSequence.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    if CrashRestore.haveSaved { _ = tcsetattr(STDIN_FILENO, TCSANOW, &CrashRestore.saved) }
    _ = signal(sig, SIG_DFL)
    _ = raise(sig)
}

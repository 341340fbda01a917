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

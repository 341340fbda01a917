#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Synchronization

/// Checks, before taking over the screen, that the terminal can run it.
public enum TerminalCapabilities {
    /// Why full-screen mode cannot run here, or nil. Only terminals are judged (a redirected
    /// stdin/stdout is `runFullScreen`'s own error): a terminal type without cursor addressing
    /// (terminfo `cup`, e.g. TERM=dumb, Emacs's shell) would show one line of footer and read
    /// arrows as Esc, so it is refused with the plain commands to use instead.
    public static func fullScreenProblem(term: String? = currentTerm()) -> TerminalError? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        return problem(term: term)
    }

    /// `fullScreenProblem` without the terminal check (tests).
    static func problem(term: String?) -> TerminalError? {
        let name = term ?? ""
        guard !name.isEmpty else {
            return TerminalError("This screen needs a terminal type, but TERM is not set. Set it, e.g. TERM=xterm-256color.")
        }
        switch hasCursorAddressing(name) {
        case .some(false):
            return TerminalError(
                "This screen needs a terminal that can move the cursor, and TERM=\(name) cannot. "
                    + "Run it in a terminal such as xterm, or use the plain commands: "
                    + "stride conv, stride size, stride quiz --plain, stride train --headless.")
        default:
            return nil  // supported, or unknown: newterm says so with its own message
        }
    }

    /// Whether terminal type `name` has cursor addressing (nil: the type is unknown).
    static func hasCursorAddressing(_ name: String) -> Bool? {
        // ncurses' terminfo state (cur_term) is one per process: one look-up at a time.
        let answer = terminfoLock.withLock { _ in stride_term_has_cursor_addressing(name, STDOUT_FILENO) }
        switch answer {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }

    public static func currentTerm() -> String? { getenv("TERM").map { String(cString: $0) } }
}

/// Serialises terminfo look-ups (`setupterm` changes process-wide state).
private let terminfoLock = Mutex(())

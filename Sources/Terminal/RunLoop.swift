#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Runs `app` full-screen until it quits, then restores the terminal.
///
/// Events: keys (decoded by `decodeKey`), `.resize` when the terminal changes size,
/// and `.tick` every `app.tickInterval` (measured on a monotonic clock, so key
/// presses do not delay ticks). Routing and the too-small screen follow the same rules
/// as `drive` (see `LoopCore`): Ctrl-C always quits after the app has seen it; while
/// the terminal is smaller than `app.minimumSize`, `SizeMessage` is shown and q/Esc quit.
///
/// The terminal is restored on every exit path: a quit, a thrown error (restore, then
/// rethrow) and, as a last resort, process exit. On SIGINT/SIGTERM/SIGHUP the loop
/// restores the terminal and returns the signal's number (0 after a normal quit); the
/// caller decides how to end (usually `exit(128 + signal)` once its own work is stopped).
///
/// `wake` (usually an `Inbox`): when it is posted to, the loop wakes at once and sends
/// `.wake`; the app must then `drain()` it (an undrained inbox keeps the loop waking).
///
/// `recorder`: every frame shown is also written to it (`--record FILE.cast`).
///
/// Throws `TerminalError` when stdin or stdout is not a terminal or ncurses cannot start.
@discardableResult
public func runFullScreen<App: TerminalApp>(
    _ app: inout App, options: TerminalOptions = .init(), wake: (any WakeSource)? = nil,
    recorder: AsciicastRecorder? = nil
) throws -> Int32 {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        throw TerminalError(
            "This screen needs an interactive terminal, but stdin or stdout is redirected. "
                + "Run the command directly in a terminal.")
    }
    adoptEnvironmentLocale()
    let charset = OptionResolution.charset(asciiOnly: options.asciiOnly, localeIsUTF8: localeIsUTF8())
    let noColorSet = getenv("NO_COLOR") != nil

    SignalTrap.install()
    defer { SignalTrap.uninstall() }
    CrashRestore.install()
    defer { CrashRestore.uninstall() }
    let signal: Int32
    do {
        let backend = try NcursesBackend(charset: charset, colorOption: options.color, noColorSet: noColorSet)
        defer { backend.restore() }
        if let recorder {
            recorder.colorEnabled = backend.colorEnabled
            signal = runLoop(&app, backend: RecordingBackend(backend, recorder: recorder), charset: charset,
                             wake: wake ?? app.wakeSource)
        } else {
            signal = runLoop(&app, backend: backend, charset: charset, wake: wake ?? app.wakeSource)
        }
    }
    return signal
}

/// The loop proper, on any backend (`runFullScreen` gives it ncurses; tests a
/// `MemoryBackend`): returns 0 when the app quit, or the signal that stopped it.
///
/// Each turn draws when something changed, then waits in `backend.read` for input, a
/// wake-up or the next tick (at most `idlePoll`, to notice signals): an idle app costs
/// one read every 250 ms. Input that is already waiting (a paste, a held key) is read in
/// the same turn — up to `burstLimit` items — and drawn once, not once per key.
public func runLoop<App: TerminalApp>(
    _ app: inout App, backend: some TerminalBackend, charset: Charset = .unicode, wake: (any WakeSource)? = nil
) -> Int32 {
    let wake = wake ?? app.wakeSource
    let clock = ContinuousClock()
    let idlePoll = 250  // ms: how often the loop checks for signals when nothing happens
    var (width, height) = backend.size
    var previous = Buffer(width: 0, height: 0, charset: charset)
    var needsDraw = true
    var lastTick = clock.now
    var ticking = false
    _ = LoopCore.route(.resize(width: width, height: height), to: &app, width: width, height: height)

    while true {
        if needsDraw {
            let frame = LoopCore.frame(of: app, width: width, height: height, charset: charset)
            let tooSmall = LoopCore.isTooSmall(minimum: app.minimumSize, width: width, height: height)
            backend.draw(frame, previous: previous, cursor: tooSmall ? nil : app.cursor)
            previous = frame
            needsDraw = false
        }
        let signal = pendingSignal.load(ordering: .sequentiallyConsistent)
        if signal != 0 { return signal }

        let interval = app.tickInterval.flatMap { $0 > .zero ? $0 : nil }
        if interval != nil, !ticking { lastTick = clock.now }
        ticking = interval != nil
        var timeout = idlePoll
        if let interval {
            timeout = min(idlePoll, milliseconds(lastTick + interval - clock.now))
        }

        var events: [TerminalEvent] = []
        var input = backend.read(timeoutMilliseconds: timeout, wakeDescriptor: wake?.wakeDescriptor)
        var taken = 0
        while true {
            switch input {
            case .resize:
                let size = backend.size
                events.append(.resize(width: size.width, height: size.height))
            case .mouse(let mouse):
                events.append(.mouse(mouse))
            case .key(let code, let isFunctionKey):
                if let key = decodeKey(code: code, isFunctionKey: isFunctionKey) {
                    // Test hook: `STRIDE_TEST_TRAP_KEY=x` traps on that key, to check the terminal
                    // comes back after a crash inside a screen.
                    if let trap = testTrapKey, key == .char(trap) { fatalError("trap requested by STRIDE_TEST_TRAP_KEY") }
                    events.append(.key(key))
                }
            case .wake:
                events.append(.wake)
            case .none:
                break
            }
            taken += 1
            // Go on only while keys or mouse events are already waiting (a resize or a wake-up
            // ends the burst, so that it is drawn at once).
            guard taken < burstLimit else { break }
            if case .key = input {} else if case .mouse = input {} else { break }
            input = backend.read(timeoutMilliseconds: 0, wakeDescriptor: nil)
            if case .none = input { break }
        }
        if let interval, clock.now - lastTick >= interval {
            events.append(.tick)
            // Steady rate without drift: the next tick is one interval after this one was due,
            // unless the loop fell more than an interval behind (then it starts afresh).
            lastTick += interval
            if clock.now - lastTick >= interval { lastTick = clock.now }
        }

        for event in events {
            let size = LoopCore.size(after: event, width: width, height: height)
            if case .resize = event {
                (width, height) = size
                previous = Buffer(width: 0, height: 0, charset: charset)
                backend.prepareFullRedraw()
            }
            if LoopCore.route(event, to: &app, width: width, height: height) == .quit { return 0 }
            needsDraw = true
        }
    }
}

/// Input items read in one turn before drawing (a 100 KB paste is drawn every 512 keys).
let burstLimit = 512

/// The key that traps on purpose (tests only; see `STRIDE_TEST_TRAP_KEY`).
private let testTrapKey: Character? = getenv("STRIDE_TEST_TRAP_KEY").flatMap { String(cString: $0).first }

/// A duration in whole milliseconds, rounded up, at least 0.
private func milliseconds(_ duration: Duration) -> Int {
    guard duration > .zero else { return 0 }
    let (seconds, attoseconds) = duration.components
    let ms = seconds.multipliedReportingOverflow(by: 1000)
    if ms.overflow { return Int.max }
    return Int(ms.partialValue) + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
}

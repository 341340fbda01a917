import Explorer
import Foundation
import Synchronization
import Terminal

/// Runs the explorer full screen; terminal problems become one stderr line and exit 2.
///
/// Under a non-UTF-8 locale the screen is drawn in ASCII and says so; Korean cannot be
/// shown there, so the screens switch to English. `record` (`--record FILE.cast`) is opened
/// before the app is built, so a bad path is said before the screen changes.
package func runExplorer(language: Language, record: RecordOption? = nil, afterwards: () -> Void = {},
                 _ build: (Language) throws -> ExplorerApp) throws {
    if let problem = TerminalCapabilities.fullScreenProblem() {
        printError(problem.description)
        throw ExitCodeError.usage
    }
    let recorder = try reportingErrors { try record?.open() }
    let localeFallback = adoptEnvironmentLocaleFallback()
    let utf8 = localeIsUTF8()
    var app = try reportingErrors { try build(utf8 ? language : .en) }
    if !utf8 {
        app.notice = language == .ko
            ? "ASCII drawing: the locale is not UTF-8, so Korean is shown in English (try LANG=C.UTF-8)."
            : "ASCII drawing: the locale is not UTF-8 (try LANG=C.UTF-8 for box lines)."
    }
    else if let localeFallback { app.notice = localeFallback.note(korean: language == .ko) }
    do {
        var watched = InterruptWatch(app: app)
        let signal = try runFullScreen(&watched, recorder: recorder)
        app = watched.app
        app.closeAll()
        afterwards()
        if signal != 0 { exit(128 + signal) }
        // After Ctrl-C the command still prints what it prints after a quit (a training
        // summary); `Stride.main` then exits with `interruptedStatus`.
        if watched.interrupted { userInterrupted.store(true, ordering: .relaxed) }
    } catch let error as TerminalError {
        afterwards()
        printError(error.description)
        throw ExitCodeError.usage
    }
}

/// Set when a full-screen run ended on Ctrl-C: the process then exits with `interruptedStatus`.
package let userInterrupted = Atomic<Bool>(false)

/// 130 = 128 + SIGINT, what a shell expects after Ctrl-C (raw mode delivers it as a key, not
/// as SIGINT, but it means the same). SIGTERM and SIGHUP end with 143 and 129 at once.
package let interruptedStatus: Int32 = 128 + SIGINT

/// Passes everything to `app` and notes whether the run ended on Ctrl-C (also pressed while
/// the terminal is too small: the loop hands Ctrl-C to the app before it quits).
struct InterruptWatch<App: TerminalApp>: TerminalApp {
    var app: App
    /// The last key was Ctrl-C (the loop quits after it).
    private(set) var interrupted = false

    mutating func handle(_ event: TerminalEvent) -> AppCommand {
        if case .key = event { interrupted = event == .key(.ctrl("c")) }
        return app.handle(event)
    }
    func render(into buffer: inout Buffer) { app.render(into: &buffer) }
    var minimumSize: (width: Int, height: Int) { app.minimumSize }
    var tickInterval: Duration? { app.tickInterval }
    var cursor: (x: Int, y: Int)? { app.cursor }
    func sizeMessage(width: Int, height: Int) -> String? { app.sizeMessage(width: width, height: height) }
    var wakeSource: (any WakeSource)? { app.wakeSource }
}

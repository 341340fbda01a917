import Explorer
import Foundation
import Terminal

/// Runs the explorer full screen; terminal problems become one stderr line and exit 2.
///
/// Under a non-UTF-8 locale the screen is drawn in ASCII and says so; Korean cannot be
/// shown there, so the screens switch to English.
func runExplorer(language: Language, afterwards: () -> Void = {},
                 _ build: (Language) throws -> ExplorerApp) throws {
    let localeNote = adoptEnvironmentLocale()
    let utf8 = localeIsUTF8()
    var app = try reportingErrors { try build(utf8 ? language : .en) }
    if !utf8 {
        app.notice = language == .ko
            ? "ASCII drawing: the locale is not UTF-8, so Korean is shown in English (try LANG=C.UTF-8)."
            : "ASCII drawing: the locale is not UTF-8 (try LANG=C.UTF-8 for box lines)."
    }
    else if let localeNote { app.notice = localeNote }
    do {
        let signal = try runFullScreen(&app)
        app.closeAll()
        afterwards()
        if signal != 0 { exit(128 + signal) }
    } catch let error as TerminalError {
        afterwards()
        printError(error.description)
        throw ExitCodeError.usage
    }
}

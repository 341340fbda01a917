import Explorer
import Terminal

/// Runs the explorer full screen; terminal problems become one stderr line and exit 2.
func runExplorer(_ app: ExplorerApp) throws {
    var app = app
    do {
        try runFullScreen(&app)
    } catch let error as TerminalError {
        printError(error.description)
        throw ExitCodeError.usage
    }
}

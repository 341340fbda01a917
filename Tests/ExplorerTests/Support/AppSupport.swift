import Foundation
import Explorer
import Terminal

/// The app opened on a registered screen (over the home screen), as `stride show` opens it.
func appShowing(_ id: String, _ flags: [String: String] = [:], language: Language = .en) throws -> ExplorerApp {
    let registry = ScreenRegistry.builtIn
    let screen = try registry.make(id, settings: .flags(flags), language: language)
    return ExplorerApp(screens: [HomeScreen(registry: registry, language: language), screen], language: language)
}

/// The home screen alone.
func homeApp(language: Language = .en) -> ExplorerApp {
    ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language)], language: language)
}

/// The screen after `keys`, at `size`.
func screen(_ app: inout ExplorerApp, _ keys: [Key] = [], size: (Int, Int) = (80, 24)) -> Buffer {
    drive(&app, events: keys.map { .key($0) }, size: size)
}

/// Prints a buffer as a Swift array literal (for writing expectations by hand after checking them).
func dump(_ buffer: Buffer) -> String {
    "[\n" + buffer.lines.map { "    \"\($0.replacingOccurrences(of: "\\", with: "\\\\"))\"," }.joined(separator: "\n") + "\n]"
}

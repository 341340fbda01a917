/// The in-memory test backend: runs `app` like `runFullScreen` does, without a terminal.
///
/// Sends `.resize` with the starting size first (as the real loop does), then applies `events` in order (a `.resize` event also changes the size used from then
/// on), stops after the first event that quits (as the real loop does: the app's
/// `.quit`, Ctrl-C, or q/Esc/Ctrl-C on the too-small screen), and returns the final
/// frame — `SizeMessage` when the terminal is smaller than `app.minimumSize`.
public func drive<App: TerminalApp>(
    _ app: inout App, events: [TerminalEvent], size: (Int, Int), charset: Charset = .unicode
) -> Buffer {
    var (width, height) = (max(0, size.0), max(0, size.1))
    _ = LoopCore.route(.resize(width: width, height: height), to: &app, width: width, height: height)
    for event in events {
        (width, height) = LoopCore.size(after: event, width: width, height: height)
        if LoopCore.route(event, to: &app, width: width, height: height) == .quit { break }
    }
    return LoopCore.frame(of: app, width: width, height: height, charset: charset)
}

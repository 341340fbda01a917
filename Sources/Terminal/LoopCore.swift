/// The decisions shared by the real run loop and `drive`, so the two cannot drift.
enum LoopCore {
    /// Whether a terminal of this size is below the app's minimum.
    static func isTooSmall(minimum: (width: Int, height: Int), width: Int, height: Int) -> Bool {
        width < minimum.width || height < minimum.height
    }

    /// Delivers `event` to `app` in a terminal of the given size; returns `.quit` when the loop should stop.
    ///
    /// - Resize events and ticks always reach the app.
    /// - While the terminal is too small, keys do not reach the app, except that
    ///   q and Esc quit, and Ctrl-C reaches it (so that it knows the run ended on Ctrl-C) and quits.
    /// - Otherwise keys reach the app; Ctrl-C quits after the app has seen it.
    static func route<App: TerminalApp>(_ event: TerminalEvent, to app: inout App, width: Int, height: Int)
        -> AppCommand
    {
        let tooSmall = isTooSmall(minimum: app.minimumSize, width: width, height: height)
        if case .mouse = event, tooSmall { return .none }
        if case .key(let key) = event, tooSmall {
            switch key {
            case .char("q"), .char("Q"), .escape: return .quit
            case .ctrl("c"):
                _ = app.handle(event)
                return .quit
            default: return .none
            }
        }
        let command = app.handle(event)
        if event == .key(.ctrl("c")) { return .quit }
        return command
    }

    /// The frame to show: the app's rendering, or `SizeMessage` when the terminal is too small.
    static func frame<App: TerminalApp>(of app: App, width: Int, height: Int, charset: Charset) -> Buffer {
        var buffer = Buffer(width: width, height: height, charset: charset)
        let minimum = app.minimumSize
        if isTooSmall(minimum: minimum, width: width, height: height) {
            var message = SizeMessage(width: width, height: height, minimumWidth: minimum.width, minimumHeight: minimum.height)
            message.text = app.sizeMessage(width: width, height: height)
            message.render(in: buffer.area, buffer: &buffer)
        } else {
            app.render(into: &buffer)
        }
        return buffer
    }

    /// The terminal size after `event` (a resize changes it).
    static func size(after event: TerminalEvent, width: Int, height: Int) -> (width: Int, height: Int) {
        if case .resize(let w, let h) = event { return (max(0, w), max(0, h)) }
        return (width, height)
    }
}

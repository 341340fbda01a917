#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an asciicast v2 recording (asciinema, asciinema-player and agg replay it): a header
/// line `{"version": 2, "width": W, "height": H, "timestamp": T, "title": "…"}`, then one
/// `[seconds, "o", "ANSI"]` line per drawn frame, and `[seconds, "r", "WxH"]` when the
/// terminal is resized (the frame after it repaints everything).
///
/// The ANSI is made from the cell buffers, not taken from ncurses (whose bytes are not
/// reachable): each frame's changed cells, with cursor moves and SGR colours. Keys are never
/// recorded. Every line goes to the file in one `write(2)` as soon as it is made, so a crash
/// or a kill leaves a valid recording of everything drawn so far.
public final class AsciicastRecorder {
    private let fd: Int32
    private let path: String
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// The size the player's terminal has (the header's, then the last "r" event's).
    private var size: (width: Int, height: Int)
    /// Whether colours are written (off under NO_COLOR, like the screen).
    var colorEnabled = true
    /// Write failures after the first are not reported again; the app keeps running.
    public private(set) var failure: String?

    /// Creates (or truncates) `path` and writes the header. Refuses a folder; any other
    /// problem is said with the path before the full-screen app starts.
    public init(path: String, width: Int, height: Int, title: String, timestamp: Int? = nil) throws(TerminalError) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw TerminalError("\(path): is a folder; --record needs a file name (e.g. \(path)/stride.cast)")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw TerminalError("\(path): cannot write the recording: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.path = path
        self.size = (max(1, width), max(1, height))
        start = clock.now
        let time = timestamp ?? Int(time(nil))
        let header = "{\"version\": 2, \"width\": \(size.width), \"height\": \(size.height), \"timestamp\": \(time), "
            + "\"title\": \(Self.jsonString(title)), \"env\": {\"TERM\": \"xterm-256color\"}}\n"
        guard writeLine(header) else {
            close(fd)
            throw TerminalError("\(path): cannot write the recording: \(failure ?? "write failed")")
        }
    }

    deinit { close(fd) }

    /// The terminal's size from stdout (80×24 when it cannot be asked).
    public static func terminalSize() -> (width: Int, height: Int) {
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0, w.ws_row > 0 { return (Int(w.ws_col), Int(w.ws_row)) }
        return (80, 24)
    }

    /// Records `frame`: a resize event when its size differs from the player's, then the
    /// cells that differ from `previous` (all of them after a resize) as ANSI.
    public func record(_ frame: Buffer, previous: Buffer, cursor: (x: Int, y: Int)?) {
        var out = ""
        var previous = previous
        if frame.width != size.width || frame.height != size.height {
            size = (frame.width, frame.height)
            emit("r", "\(frame.width)x\(frame.height)")
            previous = Buffer(width: 0, height: 0, charset: frame.charset)
        }
        if previous.width != frame.width || previous.height != frame.height {
            out += "\u{1b}[0m\u{1b}[2J"
            sgr = nil
        }
        out += AsciicastRecorder.ansi(frame, previous: previous, cursor: cursor, colors: colorEnabled, state: &sgr)
        if !out.isEmpty { emit("o", out) }
    }

    /// The SGR in effect in the player after the last event (nil: unknown).
    private var sgr: Style?

    private func emit(_ type: String, _ data: String) {
        let elapsed = (clock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let rounded = (seconds * 1e6).rounded() / 1e6
        _ = writeLine("[\(rounded), \"\(type)\", \(Self.jsonString(data))]\n")
    }

    @discardableResult
    private func writeLine(_ line: String) -> Bool {
        guard failure == nil else { return false }
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return false
            }
            offset += n
        }
        return true
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped
    /// (`\u001b` for ESC); everything else as UTF-8.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension AsciicastRecorder {
    /// The ANSI that turns a terminal showing `previous` into one showing `frame`: for each
    /// changed cell (row-major; a changed half of a wide character redraws the character) a
    /// cursor move when it is not already there, an SGR when the style changes
    /// (`0;1;2;4;7`, 30–37/90–97 and 40–47/100–107 for the 16 colours, `38;5;N`/`48;5;N` for
    /// the palette), and the character (ASCII stand-ins in `.ascii`, as the screen draws);
    /// then the text cursor shown at `cursor` or hidden. `state` carries the SGR in effect.
    static func ansi(_ frame: Buffer, previous: Buffer, cursor: (x: Int, y: Int)?, colors: Bool, state: inout Style?) -> String {
        var out = ""
        var at: (x: Int, y: Int)? = nil
        var lastDrawn: (x: Int, y: Int)? = nil
        for change in frame.diff(from: previous) {
            var x = change.x
            var cell = change.cell
            if cell.isContinuation {
                x -= 1
                cell = frame[x, change.y]
                if x < 0 || cell.isContinuation { continue }
                if let d = lastDrawn, d.x == x, d.y == change.y { continue }
            }
            var character = cell.character
            if frame.charset == .ascii, !character.isASCII { character = asciiFallback(character).first ?? " " }
            var width = displayWidth(character)
            if width == 0 || (width == 2 && !frame[x + 1, change.y].isContinuation) || character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                character = " "
                width = 1
            }
            if at == nil || at! != (x, change.y) { out += "\u{1b}[\(change.y + 1);\(x + 1)H" }
            let style = colors ? cell.style : Style(bold: cell.style.bold, dim: cell.style.dim, reverse: cell.style.reverse, underline: cell.style.underline)
            if state != style {
                out += sgr(style)
                state = style
            }
            out.append(character)
            lastDrawn = (x, change.y)
            // After the last column the terminal waits to wrap: always move explicitly next.
            at = x + width < frame.width ? (x + width, change.y) : nil
        }
        if let cursor, frame.area.contains(x: cursor.x, y: cursor.y) {
            out += "\u{1b}[\(cursor.y + 1);\(cursor.x + 1)H\u{1b}[?25h"
        } else {
            out += "\u{1b}[?25l"
        }
        return out
    }

    /// The SGR sequence for `style`, starting from a reset.
    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if let fg = style.foreground { codes.append(colorCode(fg, base: 30, bright: 90, extended: 38)) }
        if let bg = style.background { codes.append(colorCode(bg, base: 40, bright: 100, extended: 48)) }
        return "\u{1b}[" + codes.joined(separator: ";") + "m"
    }

    private static func colorCode(_ color: Color, base: Int, bright: Int, extended: Int) -> String {
        if case .indexed(let n) = color { return "\(extended);5;\(min(max(n, 0), 255))" }
        let n = color.ansiIndex
        return n < 8 ? "\(base + n)" : "\(bright + n - 8)"
    }
}

/// A backend that shows frames on `inner` and records each one (see `AsciicastRecorder`).
final class RecordingBackend<Inner: TerminalBackend>: TerminalBackend {
    let inner: Inner
    let recorder: AsciicastRecorder

    init(_ inner: Inner, recorder: AsciicastRecorder) {
        self.inner = inner
        self.recorder = recorder
    }

    var size: (width: Int, height: Int) { inner.size }
    func read(timeoutMilliseconds: Int, wakeDescriptor: Int32?) -> BackendInput {
        inner.read(timeoutMilliseconds: timeoutMilliseconds, wakeDescriptor: wakeDescriptor)
    }
    func draw(_ frame: Buffer, previous: Buffer, cursor: (x: Int, y: Int)?) {
        inner.draw(frame, previous: previous, cursor: cursor)
        recorder.record(frame, previous: previous, cursor: cursor)
    }
    func prepareFullRedraw() { inner.prepareFullRedraw() }
}

/// Runs `app` on `backend` like `runLoop`, recording every frame into `recorder` (tests).
public func runLoop<App: TerminalApp>(
    _ app: inout App, backend: some TerminalBackend, recordingInto recorder: AsciicastRecorder, charset: Charset = .unicode
) -> Int32 {
    runLoop(&app, backend: RecordingBackend(backend, recorder: recorder), charset: charset)
}

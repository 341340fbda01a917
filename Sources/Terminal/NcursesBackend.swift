#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Synchronization

/// Whether ncurses currently owns the terminal (read by the atexit handler).
private let cursesActive = Atomic<Bool>(false)
/// Whether the atexit last-resort restore has been registered.
private let atexitRegistered = Atomic<Bool>(false)

/// The only place that talks to ncurses: set-up, input, drawing frames, restoring.
///
/// Not thread-safe; used by the run loop on one thread.
final class NcursesBackend: TerminalBackend {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let charset: Charset
    /// Whether colours are drawn (a recording follows it).
    let colorEnabled: Bool
    private let terminalColors: Int
    private let defaultColors: Bool
    private var pairs: ColorPairs
    private var restored = false

    /// Takes over the terminal: raw mode (Ctrl-C arrives as a key), no echo, keypad
    /// decoding, 25 ms Escape delay, hidden cursor, colours when enabled.
    /// Throws `TerminalError` when the terminal cannot be initialised.
    init(charset: Charset, colorOption: Bool?, noColorSet: Bool) throws {
        guard let screen = newterm(nil, stride_stdout(), stride_stdin()) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "unset"
            throw TerminalError(
                "Could not initialise the terminal (TERM=\(term)). Set TERM to a terminal type "
                    + "this system knows, e.g. TERM=xterm-256color.")
        }
        guard let window = stride_stdscr() else {
            endwin()
            delscreen(screen)
            throw TerminalError("Could not initialise the terminal: ncurses created no screen window.")
        }
        self.screen = screen
        self.window = window
        self.charset = charset
        cursesActive.store(true, ordering: .sequentiallyConsistent)
        if !atexitRegistered.exchange(true, ordering: .sequentiallyConsistent) {
            atexit { restoreTerminalAtExit() }
        }

        raw()
        noecho()
        nonl()
        keypad(window, true)
        leaveok(window, true)
        scrollok(window, false)
        _ = curs_set(0)
        _ = set_escdelay(25)
        // Home/End sequences some terminals send that their terminfo entry may not list.
        for (sequence, code) in [("\u{1b}[1~", KEY_HOME), ("\u{1b}[4~", KEY_END), ("\u{1b}[H", KEY_HOME),
                                 ("\u{1b}[F", KEY_END), ("\u{1b}OH", KEY_HOME), ("\u{1b}OF", KEY_END),
                                 ("\u{1b}[7~", KEY_HOME), ("\u{1b}[8~", KEY_END)] {
            _ = define_key(sequence, code)
        }

        stride_enable_mouse()
        // Button-motion tracking (drags); ncurses itself only asks for clicks.
        writeToTerminal("\u{1b}[?1002h")

        let hasColors = has_colors()
        colorEnabled = OptionResolution.colorEnabled(option: colorOption, noColorSet: noColorSet, terminalHasColors: hasColors)
        if colorEnabled {
            start_color()
            defaultColors = use_default_colors() == OK
            terminalColors = Int(stride_colors())
            pairs = ColorPairs(limit: Int(stride_color_pairs()))
        } else {
            defaultColors = false
            terminalColors = 0
            pairs = ColorPairs(limit: 0)
        }
    }

    /// The terminal's size in columns and rows.
    var size: (width: Int, height: Int) {
        (max(0, Int(getmaxx(window))), max(0, Int(getmaxy(window))))
    }

    /// Waits up to `timeoutMilliseconds` (0 = poll) for one input or a wake-up.
    ///
    /// Input ncurses has already buffered is returned first (a non-blocking read);
    /// otherwise stdin and `wakeDescriptor` are `poll()`ed together with the timeout,
    /// and keys are then read without delay. A resize (SIGWINCH) interrupts the poll
    /// and arrives as KEY_RESIZE on the following non-blocking read.
    func read(timeoutMilliseconds: Int, wakeDescriptor: Int32? = nil) -> BackendInput {
        let buffered = readNow()
        if buffered != .none { return buffered }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        if let wakeDescriptor { fds.append(pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: max(0, timeoutMilliseconds)))
        if ready > 0, fds.count > 1, fds[1].revents & Int16(POLLIN) != 0 { return .wake }
        return readNow()
    }

    /// One `get_wch` without waiting.
    private func readNow() -> BackendInput {
        wtimeout(window, 0)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == KEY_CODE_YES {
            if code == UInt32(KEY_MOUSE) { return readMouse() }
            return code == UInt32(KEY_RESIZE) ? .resize : .key(code: UInt32(code), isFunctionKey: true)
        }
        if result == OK { return .key(code: UInt32(code), isFunctionKey: false) }
        return .none
    }

    /// Whether the first button is held (a motion report is then a drag).
    private var buttonDown = false

    private func readMouse() -> BackendInput {
        var x: Int32 = 0, y: Int32 = 0
        let kind: MouseEvent.Kind
        switch stride_read_mouse(&x, &y) {
        case 1: kind = .press; buttonDown = true
        case 2: kind = .release; buttonDown = false
        case 3:
            guard buttonDown else { return .none }
            kind = .drag
        case 4: kind = .scrollUp
        case 5: kind = .scrollDown
        default: return .none
        }
        return .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))
    }

    /// Makes the next `draw` repaint the whole screen (after a resize).
    func prepareFullRedraw() {
        werase(window)
        clearok(window, true)
    }

    /// Sends the cells of `frame` that differ from `previous` (everything when the
    /// sizes differ) and refreshes. A changed continuation cell redraws its wide
    /// character; in `.ascii` charset stray non-ASCII characters go through `asciiFallback`.
    func draw(_ frame: Buffer, previous: Buffer, cursor: (x: Int, y: Int)? = nil) {
        for change in frame.diff(from: previous) {
            var x = change.x
            var cell = change.cell
            if cell.isContinuation {
                x -= 1
                cell = frame[x, change.y]
                if x < 0 || cell.isContinuation { continue }
            }
            var character = cell.character
            if charset == .ascii, !character.isASCII {
                character = asciiFallback(character).first ?? " "
            }
            let width = displayWidth(character)
            if width == 0 || (width == 2 && !frame[x + 1, change.y].isContinuation) {
                character = " "  // a stray zero-width or half-fitting wide character
            }
            put(character, x: x, y: change.y, style: cell.style)
        }
        if let cursor, frame.area.contains(x: cursor.x, y: cursor.y) {
            leaveok(window, false)
            _ = curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            leaveok(window, true)
            _ = curs_set(0)
        }
        wrefresh(window)
    }

    private func put(_ character: Character, x: Int, y: Int, style: Style) {
        var attributes: attr_t = 0
        // Terminals that brighten bold text turn bold black into grey: on a coloured
        // background, palette black (index 16) stays black only where 256 colours exist.
        let boldGreys = style.foreground == Color.trueBlack && terminalColors < 256
        if style.bold && !boldGreys { attributes |= attr_t(truncatingIfNeeded: stride_attr_bold()) }
        if style.dim { attributes |= attr_t(truncatingIfNeeded: stride_attr_dim()) }
        if style.reverse { attributes |= attr_t(truncatingIfNeeded: stride_attr_reverse()) }
        if style.underline { attributes |= attr_t(truncatingIfNeeded: stride_attr_underline()) }
        let pair = colorEnabled ? colorPair(foreground: style.foreground, background: style.background) : 0
        let chars = character.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        chars.withUnsafeBufferPointer { buffer in
            _ = stride_put_cell(window, Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count), attributes, pair)
        }
    }

    /// The colour pair for (foreground, background), initialised on first use.
    private func colorPair(foreground: Color?, background: Color?) -> Int16 {
        let (number, isNew) = pairs.pair(foreground: foreground, background: background)
        if isNew {
            var fg = ColorPairs.colorNumber(foreground, terminalColors: terminalColors)
            var bg = ColorPairs.colorNumber(background, terminalColors: terminalColors)
            if !defaultColors {
                if fg < 0 { fg = Int16(COLOR_WHITE) }
                if bg < 0 { bg = Int16(COLOR_BLACK) }
            }
            _ = init_pair(number, fg, bg)
        }
        return number
    }

    /// Gives the terminal back (cursor, modes, screen contents). Idempotent.
    func restore() {
        guard !restored else { return }
        restored = true
        writeToTerminal("\u{1b}[?1002l")
        _ = curs_set(1)
        // Blank the screen first: where the terminal keeps no alternate screen (or a resize
        // confused it), nothing of the app's last frame stays on the shell's screen.
        if !isendwin() {
            _ = werase(stride_stdscr())
            _ = wrefresh(stride_stdscr())
            endwin()
        }
        cursesActive.store(false, ordering: .sequentiallyConsistent)
        delscreen(screen)
    }
}

/// Writes an escape sequence straight to the terminal (modes ncurses does not manage).
private func writeToTerminal(_ sequence: String) {
    fflush(stride_stdout())
    _ = sequence.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
}

/// Last resort at process exit: if ncurses still owns the terminal, give it back.
private func restoreTerminalAtExit() {
    if cursesActive.exchange(false, ordering: .sequentiallyConsistent), !isendwin() {
        writeToTerminal("\u{1b}[?1002l")
        endwin()
    }
}

/// What one read from a backend produced.
public enum BackendInput: Sendable, Equatable {
    /// Nothing before the timeout (or an interrupted read).
    case none
    /// A `get_wch` result: a character, or a KEY_* code when `isFunctionKey`.
    case key(code: UInt32, isFunctionKey: Bool)
    /// The terminal was resized; read the new `size`.
    case resize
    /// A decoded mouse event.
    case mouse(MouseEvent)
    /// The wake descriptor became readable (an `Inbox` was posted to).
    case wake
}

/// What the run loop needs from a terminal: its size, input (keys, mouse, resizes, wake-ups)
/// with a timeout, and a way to show a frame. `NcursesBackend` is the real one;
/// `MemoryBackend` plays scripted input and keeps the frames, for loop-level tests.
///
/// Used by one thread (the run loop's).
public protocol TerminalBackend: AnyObject {
    /// The terminal's size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Waits up to `timeoutMilliseconds` (0 = poll) for one input, or for `wakeDescriptor`
    /// to become readable (then `.wake`). Must block, not spin, while nothing happens.
    func read(timeoutMilliseconds: Int, wakeDescriptor: Int32?) -> BackendInput
    /// Shows `frame`, sending only what differs from `previous`; places the text cursor.
    func draw(_ frame: Buffer, previous: Buffer, cursor: (x: Int, y: Int)?)
    /// Makes the next `draw` repaint everything (after a resize).
    func prepareFullRedraw()
}

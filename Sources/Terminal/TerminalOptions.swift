/// How `runFullScreen` sets up the terminal.
public struct TerminalOptions: Sendable, Equatable {
    /// true = draw with ASCII only; false = Unicode; nil = Unicode when the locale is UTF-8.
    public var asciiOnly: Bool?
    /// true/false forces colour on/off; nil = detect: off when NO_COLOR is set (any
    /// value) or the terminal has no colours.
    public var color: Bool?

    public init(asciiOnly: Bool? = nil, color: Bool? = nil) {
        self.asciiOnly = asciiOnly
        self.color = color
    }
}

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Every error the engine reports. Each message names what is wrong and, where there is
/// a file, where (`file:line`).
public enum CNNError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter out of range or of the wrong kind (stride 0, unknown mode, …).
    case invalidArgument(String)
    /// Shapes that do not fit together (kernel larger than padded input, ragged matrix, …).
    case shapeMismatch(String)
    /// A malformed file: `path`, optional 1-based line, and what is wrong.
    case badFile(path: String, line: Int?, message: String)
    /// A file or directory that could not be read or written.
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .invalidArgument(let m), .shapeMismatch(let m): m
        case .badFile(let path, let line?, let m): "\(path):\(line): \(m)"
        case .badFile(let path, nil, let m): "\(path): \(m)"
        case .io(let path, let m): "\(path): \(m)"
        }
    }
}

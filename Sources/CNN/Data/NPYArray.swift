/// The header of a NumPy `.npy` array, as found inside Keras's `mnist.npz`.
///
///     bytes 0–5   "\x93NUMPY"
///     bytes 6–7   version major, minor (1.x: 2-byte header length; 2.x, 3.x: 4-byte)
///     2 or 4      header length H, little-endian
///     H bytes     a Python dict literal, e.g.
///                 {'descr': '|u1', 'fortran_order': False, 'shape': (60000, 28, 28), }
///     the rest    the elements, C order unless fortran_order
struct NPYHeader: Equatable {
    let descr: String
    let fortranOrder: Bool
    let shape: [Int]
    /// Where the elements start.
    let dataOffset: Int

    /// Longest header accepted (NumPy itself writes a few hundred bytes at most).
    static let maxHeaderLength = 1 << 16

    /// Bytes needed to know the header's length.
    static let preambleSize = 12

    /// The total header size from the first `preambleSize` bytes (or fewer for a tiny file).
    static func headerEnd(_ bytes: [UInt8], path: String, member: String) throws(CNNError) -> Int {
        func bad(_ m: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: "\(member): \(m)") }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw bad("not a .npy array (no \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let length: Int, start: Int
        switch major {
        case 1:
            length = Int(bytes[8]) | Int(bytes[9]) << 8
            start = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw bad("truncated .npy header") }
            length = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
            start = 12
        default:
            throw bad(".npy format version \(major).\(bytes[7]) is not supported")
        }
        guard length <= maxHeaderLength else { throw bad(".npy header of \(length) bytes is implausible") }
        return start + length
    }

    /// Parses the header from the file's first `headerEnd` bytes.
    init(_ bytes: [UInt8], path: String, member: String) throws(CNNError) {
        func bad(_ m: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: "\(member): \(m)") }
        let end = try Self.headerEnd(bytes, path: path, member: member)
        guard bytes.count >= end else { throw bad("truncated .npy header") }
        let text = String(decoding: bytes[(bytes[6] == 1 ? 10 : 12)..<end], as: UTF8.self)
        var parser = PythonLiteralParser(text)
        guard let dict = parser.parseDict() else { throw bad("unreadable .npy header: \(text.prefix(120))") }
        guard case .string(let descr)? = dict["descr"] else { throw bad(".npy header has no descr") }
        guard case .bool(let fortran)? = dict["fortran_order"] else { throw bad(".npy header has no fortran_order") }
        guard case .tuple(let shape)? = dict["shape"], shape.allSatisfy({ $0 >= 0 }) else {
            throw bad(".npy header has no valid shape")
        }
        self.descr = descr
        self.fortranOrder = fortran
        self.shape = shape
        self.dataOffset = end
    }

    /// Whether the elements are unsigned bytes (`|u1`).
    var isUInt8: Bool { ["|u1", "<u1", ">u1", "=u1", "u1", "B", "|B"].contains(descr) }
}

/// Just enough of Python's literal syntax for `.npy` headers: a dict of string keys whose
/// values are strings, `True`/`False`, or tuples/lists of non-negative integers.
struct PythonLiteralParser {
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    private let chars: [Character]
    private var i = 0

    init(_ text: String) { chars = Array(text) }

    mutating func parseDict() -> [String: Value]? {
        skipSpace()
        guard take("{") else { return nil }
        var dict: [String: Value] = [:]
        while true {
            skipSpace()
            if take("}") { return dict }
            guard let key = parseString() else { return nil }
            skipSpace()
            guard take(":") else { return nil }
            skipSpace()
            guard let value = parseValue() else { return nil }
            dict[key] = value
            skipSpace()
            if take(",") { continue }
            skipSpace()
            guard take("}") else { return nil }
            return dict
        }
    }

    private mutating func parseValue() -> Value? {
        if let s = parseString() { return .string(s) }
        if word("True") { return .bool(true) }
        if word("False") { return .bool(false) }
        guard i < chars.count, chars[i] == "(" || chars[i] == "[" else { return nil }
        let close: Character = chars[i] == "(" ? ")" : "]"
        i += 1
        var items: [Int] = []
        while true {
            skipSpace()
            if take(close) { return .tuple(items) }
            var digits = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber, digits.count < 18 { digits.append(chars[i]); i += 1 }
            // Python 2 era files may write long integers as `60000L`.
            _ = take("L")
            guard let v = Int(digits) else { return nil }
            items.append(v)
            skipSpace()
            if take(",") { continue }
            skipSpace()
            guard take(close) else { return nil }
            return .tuple(items)
        }
    }

    private mutating func parseString() -> String? {
        guard i < chars.count, chars[i] == "'" || chars[i] == "\"" else { return nil }
        let quote = chars[i]
        i += 1
        var s = ""
        while i < chars.count, chars[i] != quote { s.append(chars[i]); i += 1 }
        guard take(quote) else { return nil }
        return s
    }

    private mutating func word(_ w: String) -> Bool {
        let w = Array(w)
        guard i + w.count <= chars.count, Array(chars[i..<(i + w.count)]) == w else { return false }
        i += w.count
        return true
    }

    private mutating func take(_ c: Character) -> Bool {
        guard i < chars.count, chars[i] == c else { return false }
        i += 1
        return true
    }

    private mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
}

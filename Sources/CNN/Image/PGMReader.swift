/// Netpbm greymaps, parsed by hand (the format is a few lines): `P2` (plain: decimal values)
/// and `P5` (raw: one byte per value when maxval < 256, else two, most significant first).
///
/// Header: magic, width, height, maxval (1…65535), separated by whitespace, with `#` comments
/// to the end of a line; values are scaled to 0…255 as `round(255 · v / maxval)`. A value above
/// maxval, a header that stops early or fewer values than `width × height` is an error naming
/// the file (and the line, for P2 and the header). Extra bytes after the picture are ignored
/// (a file may hold several pictures; the first is read).
enum PGMReader {
    static func decode(_ bytes: [UInt8], path: String, budget: ImageBudget) throws(CNNError) -> GreyImage {
        var scanner = Scanner(bytes: bytes, path: path)
        let plain = bytes[1] == UInt8(ascii: "2")
        scanner.position = 2
        let width = try scanner.number("width")
        let height = try scanner.number("height")
        let maxval = try scanner.number("maxval")
        guard (1...65_535).contains(maxval) else {
            throw scanner.error("maxval \(maxval) is out of range: 1 to 65535")
        }
        try budget.check(width: width, height: height, path: path)
        let count = width * height
        var pixels = [UInt8](repeating: 0, count: count)
        func scaled(_ v: Int) -> UInt8 { UInt8((255 * v * 2 + maxval) / (2 * maxval)) }
        if plain {
            for i in 0..<count {
                guard let v = try scanner.optionalNumber() else {
                    throw scanner.error("the picture ends after \(i) of \(count) values (truncated)")
                }
                guard v <= maxval else { throw scanner.error("value \(v) is above maxval \(maxval)") }
                pixels[i] = scaled(v)
            }
        } else {
            // Exactly one whitespace byte separates maxval from the raster.
            guard scanner.position < bytes.count, Scanner.isSpace(bytes[scanner.position]) else {
                throw scanner.error("expected one whitespace byte after maxval")
            }
            let start = scanner.position + 1
            let size = maxval < 256 ? 1 : 2
            guard bytes.count - start >= count * size else {
                let have = max(0, bytes.count - start) / size
                throw CNNError.badFile(path: path, line: nil, message: "the picture ends after \(have) of \(count) values (truncated)")
            }
            for i in 0..<count {
                let v = size == 1 ? Int(bytes[start + i]) : Int(bytes[start + 2 * i]) << 8 | Int(bytes[start + 2 * i + 1])
                guard v <= maxval else {
                    throw CNNError.badFile(path: path, line: nil, message: "value \(v) at pixel \(i) is above maxval \(maxval)")
                }
                pixels[i] = scaled(v)
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }

    /// Whitespace- and comment-separated decimal numbers, tracking the line for errors.
    struct Scanner {
        let bytes: [UInt8]
        let path: String
        var position = 0

        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }

        /// The 1-based line of `position` (counted when an error is reported, not on every byte).
        var line: Int { 1 + bytes[..<min(position, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

        func error(_ message: String) -> CNNError { CNNError.badFile(path: path, line: line, message: message) }

        mutating func skipSpaceAndComments() {
            while position < bytes.count {
                if Self.isSpace(bytes[position]) { position += 1 }
                else if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                } else { return }
            }
        }

        /// The next number, or nil at the end of the file.
        mutating func optionalNumber() throws(CNNError) -> Int? {
            skipSpaceAndComments()
            guard position < bytes.count else { return nil }
            var value = 0, digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                value = value * 10 + Int(bytes[position] - 0x30)
                digits += 1
                guard value <= 1 << 31 else { throw error("a number is too large") }
                position += 1
            }
            guard digits > 0 else { throw error("expected a whole number, found byte 0x\(String(bytes[position], radix: 16))") }
            if position < bytes.count, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: "#") {
                throw error("expected whitespace after a number, found byte 0x\(String(bytes[position], radix: 16))")
            }
            return value
        }

        /// The next number of the header, named `what` in the error when missing.
        mutating func number(_ what: String) throws(CNNError) -> Int {
            guard let n = try optionalNumber() else { throw error("the header ends before its \(what) (truncated)") }
            return n
        }
    }
}

import CImageCodecs

/// The picture formats Stride reads, told apart by their first bytes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, pgm

    /// The format `bytes` start like, or nil.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "2") || bytes[1] == UInt8(ascii: "5") {
            return .pgm
        }
        return nil
    }
}

extension GreyImage {
    /// Reads a PNG, JPEG or PGM file (P2 or P5) as grey (see `GreyImage`).
    ///
    /// Hostile files are expected: the file's length and the picture's declared size are
    /// checked against `budget` before anything large is allocated; truncated, corrupt or lying
    /// files throw `CNNError` naming `path` (`FILE: the file ends early …`), never trap.
    public static func load(_ path: String, budget: ImageBudget = .standard) throws(CNNError) -> GreyImage {
        try decode(try readFileBytes(path, limit: budget.maxFileBytes), path: path, budget: budget)
    }

    /// Decodes the bytes of a PNG, JPEG or PGM file; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String, budget: ImageBudget = .standard) throws(CNNError) -> GreyImage {
        guard !bytes.isEmpty else { throw CNNError.badFile(path: path, line: nil, message: "the file is empty") }
        switch ImageFormat.sniff(bytes) {
        case .png?: return try decodeWithCodec(bytes, path: path, budget: budget, kind: "PNG",
                                               size: stride_png_size, rgba: stride_png_rgba)
        case .jpeg?: return try decodeWithCodec(bytes, path: path, budget: budget, kind: "JPEG",
                                                size: stride_jpeg_size, rgba: stride_jpeg_rgba)
        case .pgm?: return try PGMReader.decode(bytes, path: path, budget: budget)
        case nil:
            throw CNNError.badFile(path: path, line: nil, message: "not a PNG, JPEG or PGM picture (its first bytes are none of theirs)")
        }
    }

    private typealias SizeFunction = (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt32>?, UnsafeMutablePointer<UInt32>?,
                                      UnsafeMutablePointer<CChar>?, Int) -> Int32
    private typealias RGBAFunction = (UnsafePointer<UInt8>?, Int, UInt32, UInt32, UnsafeMutablePointer<UInt8>?,
                                      UnsafeMutablePointer<CChar>?, Int) -> Int32

    /// Header first (size checked against the budget), then the pixels as RGBA, then grey.
    private static func decodeWithCodec(_ bytes: [UInt8], path: String, budget: ImageBudget, kind: String,
                                        size: SizeFunction, rgba: RGBAFunction) throws(CNNError) -> GreyImage {
        var message = [CChar](repeating: 0, count: 256)
        var width: UInt32 = 0, height: UInt32 = 0
        let headerStatus = bytes.withUnsafeBufferPointer { data in
            size(data.baseAddress, data.count, &width, &height, &message, message.count)
        }
        guard headerStatus == 0 else { throw codecError(path, kind, message) }
        let (w, h) = (Int(width), Int(height))
        try budget.check(width: w, height: h, path: path)
        var pixels = [UInt8](repeating: 0, count: w * h * 4)
        let status = bytes.withUnsafeBufferPointer { data in
            pixels.withUnsafeMutableBufferPointer { out in
                rgba(data.baseAddress, data.count, width, height, out.baseAddress, &message, message.count)
            }
        }
        guard status == 0 else { throw codecError(path, kind, message) }
        return pixels.withUnsafeBufferPointer { GreyImage(width: w, height: h, rgba: $0) }
    }

    private static func codecError(_ path: String, _ kind: String, _ message: [CChar]) -> CNNError {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return CNNError.badFile(path: path, line: nil, message: "not a readable \(kind): \(text.isEmpty ? "unknown error" : text)")
    }
}

extension GreyImage {
    /// The picture as a PNG file's bytes (8-bit grey, libpng).
    public func pngData() throws(CNNError) -> [UInt8] {
        try Self.encode(pixels, width: width, height: height, channels: 1) { p, w, h, c, out, size, message, count in
            stride_png_encode(p, w, h, c, out, size, message, count)
        }
    }

    /// The picture as a baseline JPEG's bytes (libjpeg-turbo), `quality` 1–100.
    public func jpegData(quality: Int = 90) throws(CNNError) -> [UInt8] {
        try Self.encode(pixels, width: width, height: height, channels: 1) { p, w, h, c, out, size, message, count in
            stride_jpeg_encode(p, w, h, c, Int32(quality), out, size, message, count)
        }
    }

    /// Writes the picture to `path` as a PNG, atomically (readers see the old file or the whole new one).
    public func writePNG(to path: String) throws(CNNError) {
        try writeAtomically(try pngData(), to: path)
    }

    /// Encodes `pixels` (`width * height * channels` bytes) as PNG: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
    public static func pngData(_ pixels: [UInt8], width: Int, height: Int, channels: Int) throws(CNNError) -> [UInt8] {
        try encode(pixels, width: width, height: height, channels: channels) { p, w, h, c, out, size, message, count in
            stride_png_encode(p, w, h, c, out, size, message, count)
        }
    }

    /// Encodes `pixels` (`width * height * channels` bytes, 1 grey or 3 RGB) as a baseline JPEG.
    public static func jpegData(_ pixels: [UInt8], width: Int, height: Int, channels: Int, quality: Int = 90) throws(CNNError) -> [UInt8] {
        try encode(pixels, width: width, height: height, channels: channels) { p, w, h, c, out, size, message, count in
            stride_jpeg_encode(p, w, h, c, Int32(quality), out, size, message, count)
        }
    }

    private typealias EncodeFunction = (UnsafePointer<UInt8>?, UInt32, UInt32, Int32,
                                        UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<Int>?,
                                        UnsafeMutablePointer<CChar>?, Int) -> Int32

    private static func encode(_ pixels: [UInt8], width: Int, height: Int, channels: Int,
                               _ function: EncodeFunction) throws(CNNError) -> [UInt8] {
        guard width > 0, height > 0, width <= 65_535, height <= 65_535, (1...4).contains(channels),
              pixels.count == width * height * channels else {
            throw CNNError.invalidArgument("cannot encode a \(width)×\(height) picture of \(channels) channel\(channels == 1 ? "" : "s") from \(pixels.count) bytes")
        }
        var message = [CChar](repeating: 0, count: 256)
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = pixels.withUnsafeBufferPointer { p in
            function(p.baseAddress, UInt32(width), UInt32(height), Int32(channels), &out, &size, &message, message.count)
        }
        defer { stride_codec_free(out) }
        guard status == 0, let out else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw CNNError.invalidArgument("cannot encode the picture: \(text)")
        }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }
}

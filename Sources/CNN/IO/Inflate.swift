import CZlib

/// Raw DEFLATE decompression (no zlib or gzip wrapper: `windowBits = −15`), as used inside
/// ZIP archives.
///
/// Produces exactly `outputCount` bytes, or the first `outputCount` bytes of a longer
/// stream when `prefixOnly` is set. Errors (corrupt data, a stream that ends early or is
/// longer than promised) are `CNNError.badFile` naming `path` and `member`.
func inflateRaw(_ input: ArraySlice<UInt8>, outputCount: Int, prefixOnly: Bool = false,
                path: String, member: String) throws(CNNError) -> [UInt8] {
    func bad(_ m: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: "\(member): \(m)") }
    var stream = z_stream()
    guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw bad("cannot start decompression")
    }
    defer { inflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: outputCount)
    var status: Int32 = Z_OK
    var produced = 0
    var consumedAll = false
    input.withUnsafeBytes { inRaw in
        output.withUnsafeMutableBytes { outRaw in
            stream.next_in = UnsafeMutablePointer(mutating: inRaw.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.next_out = outRaw.baseAddress?.assumingMemoryBound(to: Bytef.self)
            var inLeft = inRaw.count
            var outLeft = outRaw.count
            repeat {
                let inChunk = min(inLeft, 1 << 30), outChunk = min(outLeft, 1 << 30)
                stream.avail_in = uInt(inChunk)
                stream.avail_out = uInt(outChunk)
                status = inflate(&stream, Z_NO_FLUSH)
                inLeft -= inChunk - Int(stream.avail_in)
                outLeft -= outChunk - Int(stream.avail_out)
            } while status == Z_OK && outLeft > 0 && inLeft > 0
            produced = outRaw.count - outLeft
            consumedAll = inLeft == 0
        }
    }
    switch status {
    case Z_STREAM_END:
        guard produced == outputCount else {
            throw bad("decompresses to \(produced) bytes, but the archive says \(outputCount)")
        }
    case Z_OK, Z_BUF_ERROR:
        if produced == outputCount {
            if prefixOnly { return output }
            throw bad("decompresses to more than the \(outputCount) bytes the archive says")
        }
        throw bad(consumedAll ? "compressed data ends early (truncated?)" : "corrupt compressed data")
    default:
        let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
        throw bad("corrupt compressed data (\(message))")
    }
    return output
}

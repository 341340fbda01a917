import CZlib
import Foundation

/// Sequential reading of a file that may or may not be gzip-compressed (zlib's `gzread`
/// passes plain files through unchanged).
///
/// `read` fills a buffer completely unless the data ends; a truncated or corrupt gzip
/// stream is an error (`CNNError.badFile`) naming the file, never a silent short read.
final class GzipReader {
    let path: String
    private let file: gzFile
    /// Uncompressed bytes delivered so far.
    private(set) var position = 0

    init(path: String) throws(CNNError) {
        self.path = path
        guard isRegularFile(path) else {
            throw CNNError.io(path: path, message: FileManager.default.fileExists(atPath: path)
                              ? "not a regular file" : "no such file")
        }
        guard let f = gzopen(path, "rb") else {
            throw CNNError.io(path: path, message: "cannot open: \(errnoText())")
        }
        file = f
        gzbuffer(file, 1 << 17)
    }

    deinit { gzclose(file) }

    /// Whether the file is gzip-compressed (false: plain bytes).
    var isCompressed: Bool { gzdirect(file) == 0 }

    /// Reads up to `buffer.count` bytes; fewer only at the end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CNNError) -> Int {
        var done = 0
        while done < buffer.count {
            let want = UInt32(min(buffer.count - done, 1 << 30))
            let n = gzread(file, buffer.baseAddress! + done, want)
            if n < 0 { throw failure() }
            if n == 0 {
                var code: Int32 = 0
                _ = gzerror(file, &code)
                if code == Z_BUF_ERROR {
                    throw CNNError.badFile(path: path, line: nil, message:
                        "the compressed data ends early (truncated file?) after \(position + done) bytes")
                }
                if code != Z_OK { throw failure() }
                break
            }
            done += Int(n)
        }
        position += done
        return done
    }

    /// Exactly `count` bytes, or nil when the data ends first. Grows its buffer as data
    /// arrives, so a wrong size claimed by a header cannot make it allocate much more than
    /// the file really holds.
    func read(count: Int) throws(CNNError) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 64 << 20))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(count, 1 << 20)), alignment: 8)
        defer { chunk.deallocate() }
        while out.count < count {
            let want = min(count - out.count, chunk.count)
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<want]))
            out.append(contentsOf: chunk[0..<n])
            if n < want { return nil }
        }
        return out
    }

    /// Reads to the end, or until `maximum` bytes have been skipped, discarding them; returns
    /// how many there were (`maximum` means: that many or more). The cap keeps a small file
    /// that inflates to gigabytes from costing more than the bytes anyone needs to count.
    func skipToEnd(maximum: Int = Int.max) throws(CNNError) -> Int {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { scratch.deallocate() }
        var total = 0
        while total < maximum {
            let want = min(scratch.count, maximum - total)
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<want]))
            total += n
            if n < want { return total }
        }
        return total
    }

    private func failure() -> CNNError {
        var code: Int32 = 0
        let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
        if code == Z_ERRNO {
            return CNNError.io(path: path, message: "cannot read: \(errnoText())")
        }
        return CNNError.badFile(path: path, line: nil, message: "corrupt compressed data (\(message))")
    }
}

/// The uncompressed size recorded in a gzip file's trailer (ISIZE, modulo 2³²), or nil when
/// the file is too short to have one.
func gzipTrailerSize(_ path: String) -> UInt32? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let end = try? handle.seekToEnd(), end >= 18 else { return nil }
    try? handle.seek(toOffset: end - 4)
    guard let data = try? handle.read(upToCount: 4), data.count == 4 else { return nil }
    return data.reversed().reduce(0) { $0 << 8 | UInt32($1) }
}

/// The size of a regular file, or nil.
func fileSize(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_size)
}

/// The whole contents of `path`, decompressed when it is gzip (plain files pass through).
/// Throws `CNNError.badFile` for a truncated or corrupt stream, or when the data exceeds
/// `limit` bytes (checked as it is read, so nothing larger is ever held).
public func decompressedContents(ofFile path: String, limit: Int = 256 << 20) throws(CNNError) -> [UInt8] {
    let reader = try GzipReader(path: path)
    var out: [UInt8] = []
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
    defer { chunk.deallocate() }
    while true {
        let n = try reader.read(into: chunk)
        out.append(contentsOf: chunk[0..<n])
        guard out.count <= limit else { throw CNNError.badFile(path: path, line: nil, message: "more than \(limit) bytes of data") }
        if n < chunk.count { return out }
    }
}

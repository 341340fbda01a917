import CZlib
import Foundation
import Testing
@testable import CNN

// Shared fixtures for the data, model-file and safetensors tests (no tests of its own):
// the repository root, scratch directories, and builders for tiny IDX / gzip / NPZ files.

/// The repository root, found from this file's path (`Tests/CNNTests/…`).
func repositoryRoot(_ file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}

/// A fresh empty directory under the system temp dir; remove it with `removeScratch`.
func makeScratchDirectory(_ label: String = "stride-test") -> String {
    let path = NSTemporaryDirectory() + "/\(label)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeScratch(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

func writeBytes(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

func bigEndian32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
}

func littleEndian16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
func littleEndian32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

/// An IDX file: magic `0x0000080<d>`, big-endian dimensions, then `body`.
func idxBytes(dims: [Int], body: [UInt8], magic: UInt32? = nil) -> [UInt8] {
    bigEndian32(magic ?? UInt32(0x800 + dims.count)) + dims.flatMap { bigEndian32(UInt32($0)) } + body
}

/// A tiny image set: image `i` has pixel `p` = `(i·7 + p) % 256`.
func tinyImages(count: Int, rows: Int, cols: Int) -> [UInt8] {
    (0..<count).flatMap { i in (0..<(rows * cols)).map { p in UInt8((i * 7 + p) % 256) } }
}

/// gzip-compresses `bytes` with zlib (a single member, as `gzip` writes).
func gzipBytes(_ bytes: [UInt8]) -> [UInt8] {
    compress(bytes, windowBits: 15 + 16)
}

/// Raw DEFLATE (as inside ZIP archives).
func deflateRawBytes(_ bytes: [UInt8]) -> [UInt8] {
    compress(bytes, windowBits: -15)
}

private func compress(_ bytes: [UInt8], windowBits: Int32) -> [UInt8] {
    var stream = z_stream()
    precondition(deflateInit2_(&stream, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                               ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
    let produced = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            stream.next_out = outBuf.baseAddress
            stream.avail_out = uInt(outBuf.count)
            precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return outBuf.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<produced])
}

/// A `.npy` file (version 1.0) of unsigned bytes.
func npyBytes(shape: [Int], body: [UInt8], descr: String = "|u1", fortran: Bool = false) -> [UInt8] {
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    return [0x93] + Array("NUMPY".utf8) + [1, 0] + littleEndian16(header.utf8.count) + Array(header.utf8) + body
}

/// A ZIP archive of `members` (name, bytes), each stored or deflated, with a central
/// directory and end record, as `numpy.savez` / `savez_compressed` write.
func zipBytes(_ members: [(name: String, data: [UInt8])], deflate: Bool = false) -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for m in members {
        let payload = deflate ? deflateRawBytes(m.data) : m.data
        let crc = crc32(m.data)
        let name = Array(m.name.utf8)
        let method = deflate ? 8 : 0
        let offset = out.count
        out += littleEndian32(0x0403_4B50) + littleEndian16(20) + littleEndian16(0) + littleEndian16(method)
            + littleEndian16(0) + littleEndian16(0x21) + littleEndian32(crc)
            + littleEndian32(UInt32(payload.count)) + littleEndian32(UInt32(m.data.count))
            + littleEndian16(name.count) + littleEndian16(0) + name + payload
        central += littleEndian32(0x0201_4B50) + littleEndian16(20) + littleEndian16(20) + littleEndian16(0)
            + littleEndian16(method) + littleEndian16(0) + littleEndian16(0x21) + littleEndian32(crc)
            + littleEndian32(UInt32(payload.count)) + littleEndian32(UInt32(m.data.count))
            + littleEndian16(name.count) + littleEndian16(0) + littleEndian16(0) + littleEndian16(0)
            + littleEndian16(0) + littleEndian32(0) + littleEndian32(UInt32(offset)) + name
    }
    let dirOffset = out.count
    out += central
    out += littleEndian32(0x0605_4B50) + littleEndian16(0) + littleEndian16(0)
        + littleEndian16(members.count) + littleEndian16(members.count)
        + littleEndian32(UInt32(central.count)) + littleEndian32(UInt32(dirOffset)) + littleEndian16(0)
    return out
}

/// A Keras-style `mnist.npz` with `train`/`test` images of 4×3 and labels `i % 10`.
func tinyNPZ(train: Int = 5, test: Int = 3, deflate: Bool = false) -> [UInt8] {
    zipBytes([
        ("x_test.npy", npyBytes(shape: [test, 4, 3], body: tinyImages(count: test, rows: 4, cols: 3))),
        ("x_train.npy", npyBytes(shape: [train, 4, 3], body: tinyImages(count: train, rows: 4, cols: 3))),
        ("y_train.npy", npyBytes(shape: [train], body: (0..<train).map { UInt8($0 % 10) })),
        ("y_test.npy", npyBytes(shape: [test], body: (0..<test).map { UInt8($0 % 10) })),
    ], deflate: deflate)
}

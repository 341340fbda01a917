import Foundation

/// Reads a whole file into memory.
///
/// Refuses files larger than `limit` bytes (checked with `stat` before allocating), so a
/// wrong path (a device, a huge file) cannot exhaust memory. Errors are `CNNError.io`
/// naming `path`.
package func readFileBytes(_ path: String, limit: Int = 1 << 30) throws(CNNError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw CNNError.io(path: path, message: "cannot open: \(errnoText())") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw CNNError.io(path: path, message: "cannot stat: \(errnoText())") }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw CNNError.io(path: path, message: "not a regular file")
    }
    let size = Int(info.st_size)
    guard size <= limit else {
        throw CNNError.io(path: path, message: "file is \(size) bytes; more than the \(limit) this reader accepts")
    }
    var bytes = [UInt8](repeating: 0, count: size)
    var offset = 0
    var failed = false
    bytes.withUnsafeMutableBytes { raw in
        while offset < size {
            let n = read(fd, raw.baseAddress! + offset, size - offset)
            if n < 0 { if errno == EINTR { continue }; failed = true; return }
            if n == 0 { break }
            offset += n
        }
    }
    if failed { throw CNNError.io(path: path, message: "cannot read: \(errnoText())") }
    // The file shrank while we read it: return what is there.
    if offset < size { bytes.removeLast(size - offset) }
    return bytes
}

/// Whether `path` names an existing regular file (following symlinks).
func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
}

/// Whether anything exists at `path` (following symlinks).
func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}

/// Whether `path` names an existing directory (following symlinks).
func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

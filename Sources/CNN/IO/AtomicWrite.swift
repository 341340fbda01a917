import Foundation

/// Writes `data` to `path` so that readers see either the old file or the complete new one.
///
/// The bytes go to a uniquely named temporary file in the same directory (so the final
/// `rename(2)` stays on one file system), are flushed with `fsync`, and the temporary file is
/// then renamed over `path`. On any failure the temporary file is removed and the old file,
/// if any, is left untouched. Errors are `CNNError.io` naming `path`.
///
/// The temporary file is named `.NAME.tmp-PID-XXXXXX`. A writer killed mid-write (kill -9
/// cannot be caught) leaves its temporary file behind; the next write to the same path removes
/// those of writers that no longer run (`removeAbandonedTemporaryFiles`), so they never pile up.
public func writeAtomically(_ data: [UInt8], to path: String) throws(CNNError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    removeAbandonedTemporaryFiles(of: path)
    let template = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-XXXXXX"
    var templateBytes = Array(template.utf8CString)
    let fd = templateBytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
        throw CNNError.io(path: path, message: "cannot create a temporary file in \(directory): \(errnoText())")
    }
    let tempPath = String(decoding: templateBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var failure: String?
    let written = data.withUnsafeBytes { raw -> Bool in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
    if !written { failure = "cannot write: \(errnoText())" }
    if failure == nil, fsync(fd) != 0 { failure = "cannot flush to disk: \(errnoText())" }
    // mkstemp creates the file 0600; give it the usual permissions (subject to the umask).
    if failure == nil {
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
    }
    if close(fd) != 0, failure == nil { failure = "cannot close: \(errnoText())" }
    if failure == nil, rename(tempPath, path) != 0 { failure = "cannot rename into place: \(errnoText())" }
    if let failure {
        unlink(tempPath)
        throw CNNError.io(path: path, message: failure)
    }
}

/// Checks, before any work is done, that `writeAtomically(_:to: path)` could succeed: `path`
/// is not a folder, and a temporary file can be created (and is removed at once) in its
/// folder. Throws `CNNError.io` naming `path` and the reason.
public func checkWritable(_ path: String) throws(CNNError) {
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
        throw CNNError.io(path: path, message: "is a folder, not a file")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var templateBytes = Array((directory + "/.stride-write-check-\(getpid())-XXXXXX").utf8CString)
    let fd = templateBytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw CNNError.io(path: path, message: "cannot write in \(directory): \(errnoText())") }
    close(fd)
    _ = templateBytes.withUnsafeBufferPointer { unlink($0.baseAddress!) }
}

/// Removes `.NAME.tmp-PID-*` files beside `path` whose process `PID` no longer exists: what a
/// writer killed between creating and renaming its temporary file leaves. Files of running
/// processes (another writer at work) and files named otherwise are left alone.
func removeAbandonedTemporaryFiles(of path: String) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let prefix = "." + url.lastPathComponent + ".tmp-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names where name.hasPrefix(prefix) {
        guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
    }
}

/// The current `errno` as text (`strerror`).
func errnoText() -> String { String(cString: strerror(errno)) }

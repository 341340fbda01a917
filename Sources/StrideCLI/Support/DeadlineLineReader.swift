import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from a file descriptor (stdin for `stride quiz --plain --time-limit`) until a
/// deadline on the monotonic clock: `poll(2)` waits for input no longer than the time left,
/// so the quiz ends on time even while no line comes. A line longer than `maxLine` bytes is
/// cut there (the rest, up to the newline, is dropped): a stream without newlines cannot
/// grow memory without bound.
final class DeadlineLineReader {
    private let fd: Int32
    private let deadline: DispatchTime
    private var buffer: [UInt8] = []
    private var atEnd = false
    private var dropping = false
    /// Bytes of the line being read so far (after the last newline in `buffer`).
    private var lineLength = 0
    /// Set once `readLine` returned nil because the deadline passed.
    private(set) var timedOut = false
    static let maxLine = 1 << 20

    init(fd: Int32 = 0, seconds: Int) {
        self.fd = fd
        deadline = DispatchTime.now() + .seconds(seconds)
    }

    /// The next line without its newline; nil at end of input or when the deadline passed.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[..<newline]
                buffer.removeSubrange(...newline)
                return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            let now = DispatchTime.now()
            guard now < deadline else { timedOut = true; return nil }
            let milliseconds = Int32(clamping: (deadline.uptimeNanoseconds - now.uptimeNanoseconds + 999_999) / 1_000_000)
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }  // the deadline check above ends the wait
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { raw in raw.baseAddress.map { Glibc.read(fd, $0, raw.count) } ?? 0 }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { atEnd = true; continue }
            append(chunk[..<n])
        }
    }

    /// Adds read bytes, cutting an over-long line at `maxLine` and dropping its rest.
    private func append(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            if byte == 0x0A {
                dropping = false
                lineLength = 0
                buffer.append(byte)
            } else if !dropping {
                buffer.append(byte)
                lineLength += 1
                dropping = lineLength >= Self.maxLine
            }
        }
    }
}

import CommandLineSupport
import CCurl
import Foundation

/// What one download may cost, whatever the server does.
struct DownloadLimits {
    /// Most bytes accepted, counted as sent on the wire: transfer encodings are never
    /// inflated here (a `Content-Encoding: gzip` body is kept as the gzip bytes it is).
    var maxBytes = 64 << 20
    /// Give up when fewer than `stallBytesPerSecond` arrive for this many seconds (a server
    /// that sends headers and then nothing, or one byte a second).
    var stallSeconds = 30
    var stallBytesPerSecond = 1024
    /// Give up when the whole download (connection included) takes longer than this.
    var deadlineSeconds = 600
}

/// One HTTP(S) GET streamed to a file with libcurl, with a progress line on stderr
/// (redrawn in place on a terminal).
///
/// Contract: at most `limits.maxBytes` bytes reach the file (the write callback refuses the
/// chunk that would cross the cap, which aborts the transfer); no content decoding; only
/// http and https, redirects included (at most 5); the stall limit and the deadline are
/// enforced by libcurl's own poll-based loop, so waiting costs no CPU. Every failure is a
/// `UserError` naming the URL in plain words.
struct HTTPDownload {
    let url: String
    let label: String
    var limits = DownloadLimits()

    /// Downloads into a new file at `path` (which must not exist); returns the byte count.
    func run(into path: String) throws -> Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UserError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        HTTPDownload.initialiseOnce
        guard let handle = curl_easy_init() else { throw UserError("\(url): cannot start libcurl") }
        defer { curl_easy_cleanup(handle) }

        let sink = Sink(fd: fd, cap: limits.maxBytes, label: label)
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let started = ContinuousClock.now
        let code: CURLcode = errorText.withUnsafeMutableBufferPointer { errorBuffer in
            configure(handle, context: context.toOpaque(), errorBuffer: errorBuffer.baseAddress!)
            return curl_easy_perform(handle)
        }
        sink.finishProgressLine()
        let elapsed = ContinuousClock.now - started
        var status = 0
        _ = stride_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)

        if sink.writeFailed != 0 { throw UserError("cannot write \(path): \(String(cString: strerror(sink.writeFailed)))") }
        if sink.overCap || code == CURLE_FILESIZE_EXCEEDED {
            throw UserError("\(url): the server sent more than \(limits.maxBytes >> 20) MB, far more than a dataset file; giving up")
        }
        switch code {
        case CURLE_OK:
            break
        case CURLE_OPERATION_TIMEDOUT where elapsed >= .seconds(limits.deadlineSeconds):
            throw UserError("\(url): not finished after \(limits.deadlineSeconds) s (\(sink.written) bytes received); giving up")
        case CURLE_OPERATION_TIMEDOUT:
            throw UserError("\(url): stalled — under \(limits.stallBytesPerSecond) bytes/s for \(limits.stallSeconds) s "
                            + "(\(sink.written) bytes received); giving up")
        case CURLE_HTTP_RETURNED_ERROR:
            throw UserError("\(url): HTTP status \(status)")
        case CURLE_UNSUPPORTED_PROTOCOL:
            throw UserError("\(url): only http:// and https:// are followed (a redirect went elsewhere)")
        default:
            let written = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let detail = written.isEmpty ? String(cString: curl_easy_strerror(code)) : written
            throw UserError("\(url): \(plainText(detail))")
        }
        guard status == 200 else { throw UserError("\(url): HTTP status \(status)") }
        return sink.written
    }

    private func configure(_ handle: UnsafeMutableRawPointer, context: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>) {
        _ = stride_curl_set_string(handle, CURLOPT_URL, url)
        _ = stride_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = stride_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = stride_curl_set_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = stride_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        _ = stride_curl_set_long(handle, CURLOPT_MAXREDIRS, 5)
        _ = stride_curl_set_long(handle, CURLOPT_FAILONERROR, 1)
        _ = stride_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        // The body exactly as sent: a gzip Content-Encoding is our .gz, inflated (with its
        // own limit) only after it is on disk.
        _ = stride_curl_set_long(handle, CURLOPT_HTTP_CONTENT_DECODING, 0)
        _ = stride_curl_set_string(handle, CURLOPT_USERAGENT, "stride")
        _ = stride_curl_set_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBytes))
        _ = stride_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, min(limits.stallSeconds, limits.deadlineSeconds))
        _ = stride_curl_set_long(handle, CURLOPT_LOW_SPEED_LIMIT, limits.stallBytesPerSecond)
        _ = stride_curl_set_long(handle, CURLOPT_LOW_SPEED_TIME, limits.stallSeconds)
        _ = stride_curl_set_long(handle, CURLOPT_TIMEOUT, limits.deadlineSeconds)
        _ = stride_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = stride_curl_set_write(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue().accept(data, size * count)
        }
        _ = stride_curl_set_long(handle, CURLOPT_NOPROGRESS, 0)
        _ = stride_curl_set_pointer(handle, CURLOPT_XFERINFODATA, context)
        _ = stride_curl_set_progress(handle) { context, total, now, _, _ in
            guard let context else { return 0 }
            Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue().show(total: Int(total), now: Int(now))
            return 0
        }
    }

    /// `curl_global_init`, once per process.
    private static let initialiseOnce: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()
}

/// Where libcurl's callbacks deliver: the file, the byte count against the cap, the progress line.
private final class Sink {
    let fd: Int32
    let cap: Int
    let label: String
    private(set) var written = 0
    private(set) var overCap = false
    private(set) var writeFailed: Int32 = 0
    private var lastShown = ContinuousClock.now - .seconds(1)
    private var shownAny = false
    private let interactive = isatty(STDERR_FILENO) == 1

    init(fd: Int32, cap: Int, label: String) {
        self.fd = fd
        self.cap = cap
        self.label = label
    }

    /// Writes the chunk, or returns 0 (libcurl then aborts) when it would cross the cap.
    func accept(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        guard count <= cap - written else { overCap = true; return 0 }
        var done = 0
        while done < count {
            let n = write(fd, data + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                writeFailed = errno
                return 0
            }
            done += n
        }
        written += count
        return count
    }

    /// Redraws the progress line at most ten times a second (only on a terminal).
    func show(total: Int, now: Int) {
        guard interactive, ContinuousClock.now - lastShown > .milliseconds(100) else { return }
        lastShown = ContinuousClock.now
        shownAny = true
        let fraction = total > 0 ? min(1, Double(now) / Double(total)) : 0
        let filled = Int(fraction * 30)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
        let line = String(format: "\r  %@ %@ %3.0f%%  %.1f MB", label, bar, fraction * 100, Double(now) / 1e6)
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func finishProgressLine() {
        if shownAny { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// `text` with control characters (a server's words can carry escape sequences) shown as `?`.
func plainText(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) ? "?" : $0 }))
}

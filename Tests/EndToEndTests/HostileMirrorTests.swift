import TestSupport
import Foundation
import Testing

/// `stride data fetch` against a loopback server (127.0.0.1) that plays each hostile mirror:
/// it floods, sends a Content-Encoding gzip bomb, drips one byte a second, sends headers and
/// then nothing, or stalls in the second file while the test signals the fetch. Each run is
/// measured with `wait4` (peak memory, CPU) and bounded in time.
@Suite("stride data fetch (hostile loopback mirrors)", .serialized,
       .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason),
       .enabled(if: loopbackPython != nil, "no python3 (for the loopback server)"))
struct HostileMirrorTests {
    /// The server: `GET /MODE/FILE` with FILE one of the four MNIST .gz files.
    static let script = #"""
import os, sys, time, gzip, socket
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
root, portfile = sys.argv[1], sys.argv[2]
member = gzip.compress(bytes(64 << 20), 9)
BOMB = member * 64            # 4 GiB of zeros once inflated, about 4 MB on the wire
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def head(self, length=None, extra=()):
        self.send_response(200)
        self.send_header("Content-Type", "application/gzip")
        if length is not None: self.send_header("Content-Length", str(length))
        for k, v in extra: self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
    def do_GET(self):
        mode, _, name = self.path.strip("/").partition("/")
        good = open(os.path.join(root, name), "rb").read()
        try:
            if mode == "gzenc":            # a real .gz labelled Content-Encoding: gzip
                self.head(len(good), [("Content-Encoding", "gzip")]); self.wfile.write(good)
            elif mode == "flood":          # endless data, no length
                self.head()
                chunk = bytes(1 << 20)
                while True: self.wfile.write(chunk)
            elif mode == "bomb":           # a gzip bomb the client would inflate
                self.head(len(BOMB), [("Content-Encoding", "gzip")]); self.wfile.write(BOMB)
            elif mode == "drip":           # one byte a second
                self.head(len(good))
                for b in good: self.wfile.write(bytes([b])); self.wfile.flush(); time.sleep(1)
            elif mode == "trickle":        # 4 KB a second: never stalls, never ends in time
                self.head(len(good))
                for i in range(0, len(good), 4096): self.wfile.write(good[i:i+4096]); self.wfile.flush(); time.sleep(1)
            elif mode == "silent":         # headers, then nothing
                self.head(len(good)); time.sleep(600)
            elif mode == "second":         # the first file whole, then half of the second and silence
                if name.startswith("train-images"): self.head(len(good)); self.wfile.write(good)
                else: self.head(len(good)); self.wfile.write(good[:len(good)//2]); self.wfile.flush(); time.sleep(600)
        except (BrokenPipeError, ConnectionResetError):
            pass
ThreadingHTTPServer.daemon_threads = True
server = ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(portfile + ".tmp", "w") as f: f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
server.serve_forever()
"""#

    final class Server {
        let directory = NSTemporaryDirectory() + "stride-hostile-\(UUID().uuidString)"
        let process = Process()
        var port = 0

        init() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try HostileMirrorTests.script.write(toFile: directory + "/server.py", atomically: true, encoding: .utf8)
            process.executableURL = URL(fileURLWithPath: loopbackPython!)
            process.arguments = [directory + "/server.py", TestData.mnist, directory + "/port"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, process.isRunning {
                if let text = try? String(contentsOfFile: directory + "/port", encoding: .utf8), let p = Int(text) { port = p; return }
                usleep(50_000)
            }
            stop()
            throw ServerError()
        }
        struct ServerError: Error {}

        func url(_ mode: String) -> String { "http://127.0.0.1:\(port)/\(mode)/" }

        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// A fresh HOME and cache.
    static func freshUser() -> (environment: [String: String], home: String, cache: String) {
        let home = NSTemporaryDirectory() + "stride-home-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return (["HOME": home, "XDG_CACHE_HOME": home + "/.cache", "STRIDE_DATA": ""], home, home + "/.cache/stride")
    }

    /// Every path under `home` (relative), to show what a run left behind.
    static func tree(_ home: String) -> [String] {
        (FileManager.default.enumerator(atPath: home)?.allObjects as? [String] ?? []).sorted()
    }

    static func fetch(_ server: Server, _ mode: String, _ environment: [String: String], extra: [String] = [],
                      timeout: Double = 60, during: ((pid_t, Double) -> Bool)? = nil) -> MeasuredRun {
        let run = runStrideMeasured(["data", "fetch", "mnist", "--from", server.url(mode)] + extra,
                                    environment: environment, timeout: timeout, during: during)
        print("fetch \(mode): status \(run.status) signal \(run.signal), \(String(format: "%.1f", run.seconds)) s, "
              + "\(String(format: "%.2f", run.cpuSeconds)) s CPU, peak \(Int(run.peakMB)) MB")
        return run
    }

    @Test func aRealGzipServedWithContentEncodingGzipStillWorks() throws {
        let server = try Server()
        defer { server.stop() }
        let user = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: user.home) }
        let run = Self.fetch(server, "gzenc", user.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "SHA-256 of the").count == 5, "\(run.stderr)")
        #expect(Self.tree(user.home).filter { $0.contains("URLCache") }.isEmpty, "no URL cache folder: \(Self.tree(user.home))")
        #expect(Self.tree(user.home).filter { $0.contains(".fetch-") }.isEmpty)
    }

    @Test func aFloodStopsAtTheByteCapWithLittleMemory() throws {
        let server = try Server()
        defer { server.stop() }
        let user = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: user.home) }
        let run = Self.fetch(server, "flood", user.environment)
        #expect(!run.timedOut && run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("more than 64 MB"), "\(run.stderr)")
        #expect(run.peakMB < 150, "peak \(run.peakMB) MB")
        #expect(Self.tree(user.cache).isEmpty, "\(Self.tree(user.cache))")
    }

    @Test func aContentEncodingBombIsNeverInflatedByTheClient() throws {
        let server = try Server()
        defer { server.stop() }
        let user = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: user.home) }
        let run = Self.fetch(server, "bomb", user.environment)
        #expect(!run.timedOut && run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("not a whole gzip file") && run.stderr.contains("more than"), "\(run.stderr)")
        #expect(run.peakMB < 150, "peak \(run.peakMB) MB")
        #expect(Self.tree(user.cache).isEmpty, "\(Self.tree(user.cache))")
    }

    @Test func oneByteASecondStallsOutWithoutSpinning() throws {
        let server = try Server()
        defer { server.stop() }
        let user = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: user.home) }
        for mode in ["drip", "silent"] {
            let run = Self.fetch(server, mode, user.environment, extra: ["--stall-seconds", "3"], timeout: 30)
            #expect(!run.timedOut && run.status == 2, "\(mode): \(run.stderr)")
            #expect(run.stderr.contains("stalled") && run.stderr.contains("for 3 s"), "\(mode): \(run.stderr)")
            #expect(!run.stderr.contains("NSURLError"), "\(run.stderr)")
            #expect(run.seconds < 15, "\(mode): \(run.seconds) s")
            #expect(run.cpuSeconds < 1.5, "\(mode): \(run.cpuSeconds) s of CPU while waiting")
            #expect(Self.tree(user.cache).isEmpty, "\(Self.tree(user.cache))")
        }
    }

    @Test func aSteadyTrickleMeetsTheDeadline() throws {
        let server = try Server()
        defer { server.stop() }
        let user = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: user.home) }
        let run = Self.fetch(server, "trickle", user.environment, extra: ["--stall-seconds", "3", "--deadline-seconds", "5"], timeout: 30)
        #expect(!run.timedOut && run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("not finished after 5 s"), "\(run.stderr)")
        #expect(run.seconds < 15 && run.cpuSeconds < 1.5, "\(run.seconds) s, \(run.cpuSeconds) s CPU")
    }

    /// SIGINT, SIGTERM, SIGHUP, SIGQUIT and crash signals (SIGSEGV, SIGABRT) while the second
    /// file is stalled leave no staging folder and still end the process; after a SIGKILL the
    /// next fetch removes the dead process's folder.
    @Test func signalsDuringTheSecondFileLeaveNothing() throws {
        let server = try Server()
        defer { server.stop() }
        let user = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: user.home) }
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGKILL] {
            var sent = false
            let run = Self.fetch(server, "second", user.environment, timeout: 60) { pid, _ in
                // In the second file: the staging folder holds the first file and the second's start.
                let staging = Self.tree(user.cache).first { $0.hasPrefix(".fetch-") && !$0.contains("/") }
                guard let staging, FileManager.default.fileExists(atPath: user.cache + "/" + staging + "/train-labels-idx1-ubyte.gz") else { return true }
                usleep(300_000)
                kill(pid, sig)
                sent = true
                return false
            }
            #expect(sent && run.signal == sig, "signal \(sig): status \(run.status) signal \(run.signal)\n\(run.stderr)")
            let left = Self.tree(user.cache)
            if sig == SIGKILL {
                #expect(left.contains { $0.hasPrefix(".fetch-") }, "a SIGKILL cannot be caught: the folder stays until the next fetch")
            } else {
                #expect(left.isEmpty, "signal \(sig) left \(left)")
            }
        }
        let next = Self.fetch(server, "gzenc", user.environment)
        #expect(next.status == 0 && next.stderr.contains("left by an interrupted fetch"), "\(next.stderr)")
        #expect(Self.tree(user.cache).filter { $0.contains(".fetch-") }.isEmpty, "\(Self.tree(user.cache))")
    }

    @Test func badPlacesAndURLsGetPlainMessages() throws {
        let user = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: user.home) }
        try FileManager.default.createDirectory(atPath: user.home + "/.cache", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: user.cache, contents: Data("x".utf8))
        let file = try runStride(["data", "fetch", "mnist", "--from", "http://127.0.0.1:9/"], environment: user.environment)
        #expect(file.status == 2 && file.stderr.contains("is a file, not a folder"), "\(file.stderr)")
        #expect(!file.stderr.contains("NSCocoaErrorDomain") && !file.stderr.contains("Error Domain"), "\(file.stderr)")

        let local = try runStride(["data", "fetch", "mnist", "--from", "file://" + TestData.mnist + "/"], environment: user.environment)
        #expect(local.status == 2 && local.stderr.contains("--from must be an http:// or https:// URL"), "\(local.stderr)")
    }
}

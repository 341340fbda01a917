import TestSupport
import Foundation
import Testing

/// python3, for the loopback web server.
let loopbackPython: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

/// `stride data fetch` against a web server on 127.0.0.1 serving the tests' MNIST (good) and
/// a copy with a truncated file (bad).
@Suite("stride data fetch (loopback mirror)", .serialized,
       .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason),
       .enabled(if: loopbackPython != nil, "no python3 (for the loopback server)"))
struct DataFetchTests {
    static let files = TestData.files

    /// A served directory with good/ and bad/ mirrors, and a python http.server on a free port.
    final class Mirror {
        let root = NSTemporaryDirectory() + "stride-mirror-\(UUID().uuidString)"
        let process = Process()
        var port = 0

        init() throws {
            let fm = FileManager.default
            try fm.createDirectory(atPath: root + "/good", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: root + "/bad", withIntermediateDirectories: true)
            for file in DataFetchTests.files {
                try fm.createSymbolicLink(atPath: root + "/good/" + file, withDestinationPath: TestData.mnist + "/" + file)
                let data = try Data(contentsOf: URL(fileURLWithPath: TestData.mnist + "/" + file))
                // The bad mirror cuts the training images in half.
                try (file.hasPrefix("train-images") ? data.prefix(data.count / 2) : data).write(to: URL(fileURLWithPath: root + "/bad/" + file))
            }
            for _ in 0..<20 {
                let candidate = Int.random(in: 20_000...60_000)
                let p = Process()
                p.executableURL = URL(fileURLWithPath: loopbackPython!)
                p.arguments = ["-m", "http.server", "\(candidate)", "--bind", "127.0.0.1", "--directory", root]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                // Ready when a request succeeds; gone when the port was taken.
                for _ in 0..<50 where p.isRunning {
                    if Self.accepts(port: candidate) {
                        port = candidate
                        processes.append(p)
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.1)
                }
                if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
            }
            throw MirrorError()
        }
        var processes: [Process] = []
        struct MirrorError: Error {}

        /// Whether something listens on 127.0.0.1:`port`.
        static func accepts(port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }

        func stop() {
            // SIGKILL: the server inherits the test runner's blocked signals, so SIGTERM may never arrive.
            for p in processes { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    /// A fresh user: own HOME and cache, no STRIDE_DATA.
    static func freshUser() -> (environment: [String: String], cache: String) {
        let home = NSTemporaryDirectory() + "stride-home-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return (["HOME": home, "XDG_CACHE_HOME": home + "/.cache", "STRIDE_DATA": ""], home + "/.cache/stride")
    }

    @Test func aGoodMirrorFillsTheCacheAndTrainingNeedsNoData() throws {
        let mirror = try Mirror()
        defer { mirror.stop() }
        let (environment, cache) = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: environment["HOME"]!) }
        let before = try runStride(["train", "--headless", "--model", "small", "--limit", "100", "--epochs", "1"], environment: environment)
        #expect(before.status != 0 && before.stderr.contains("stride data fetch"), "the not-found message names the fetch:\n\(before.stderr)")

        let fetch = try runStride(["data", "fetch", "mnist", "--from", "http://127.0.0.1:\(mirror.port)/good/"], environment: environment)
        #expect(fetch.status == 0, "\(fetch.stderr)")
        #expect(fetch.stderr.components(separatedBy: "SHA-256 of the").count == 5, "four files verified:\n\(fetch.stderr)")
        for file in Self.files { #expect(FileManager.default.fileExists(atPath: cache + "/mnist/" + file)) }

        let train = try runStride(["train", "--headless", "--model", "small", "--limit", "100", "--epochs", "1"], environment: environment)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("Test accuracy"), "\(train.stdout)")
        let report = try runStride(["data"], environment: environment)
        #expect(report.stdout.contains("mnist (MNIST): found via cache (\(cache)/mnist)"), "\(report.stdout)")
    }

    @Test func aTruncatedMirrorLeavesTheCacheEmpty() throws {
        let mirror = try Mirror()
        defer { mirror.stop() }
        let (environment, cache) = Self.freshUser()
        defer { try? FileManager.default.removeItem(atPath: environment["HOME"]!) }
        let fetch = try runStride(["data", "fetch", "mnist", "--from", "http://127.0.0.1:\(mirror.port)/bad/"], environment: environment)
        #expect(fetch.status == 2)
        #expect(fetch.stderr.contains("train-images-idx3-ubyte.gz") && fetch.stderr.contains("nothing was written"), "\(fetch.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        #expect(left.isEmpty, "nothing behind in \(cache): \(left)")

        let refused = try runStride(["data", "fetch", "mnist", "--from", "http://127.0.0.1:9/"], environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains("127.0.0.1"), "\(refused.stderr)")
        let bogus = try runStride(["data", "fetch", "digits"], environment: environment)
        #expect(bogus.status == 2 && bogus.stderr.contains("mnist or fashion"))
    }
}

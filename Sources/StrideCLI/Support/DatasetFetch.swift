import CNN
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `stride data fetch`: downloads a dataset's four IDX `.gz` files from a mirror, checks
/// each against the SHA-256 of the original distribution's file (after decompression, so
/// any faithful re-compression is accepted), and moves the set into Stride's cache in one
/// rename. A failed or corrupt download leaves nothing behind.
struct DatasetFetch {
    /// Public mirrors of the original files, tried in order.
    static let mirrors: [DatasetName: [String]] = [
        .mnist: ["https://ossci-datasets.s3.amazonaws.com/mnist/",
                 "https://storage.googleapis.com/cvdf-datasets/mnist/",
                 "http://yann.lecun.com/exdb/mnist/"],
        .fashion: ["https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
                   "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
    ]

    /// SHA-256 and size of each decompressed original file.
    static let digests: [DatasetName: [String: (sha256: String, bytes: Int)]] = [
        .mnist: [
            "train-images-idx3-ubyte": ("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016),
            "train-labels-idx1-ubyte": ("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008),
            "t10k-images-idx3-ubyte": ("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016),
            "t10k-labels-idx1-ubyte": ("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008),
        ],
        .fashion: [
            "train-images-idx3-ubyte": ("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47_040_016),
            "train-labels-idx1-ubyte": ("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60_008),
            "t10k-images-idx3-ubyte": ("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7_840_016),
            "t10k-labels-idx1-ubyte": ("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10_008),
        ],
    ]

    let name: DatasetName
    let bases: [String]
    /// Stride's cache; the dataset lands in `cacheDirectory/<name>`.
    let cacheDirectory: String
    /// Prints progress (to stderr).
    var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    var target: String { cacheDirectory + "/" + name.rawValue }

    /// Tries each base URL in turn; returns the directory written, or throws with every failure.
    func run() throws -> String {
        try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        var failures: [String] = []
        for base in bases {
            let staging = cacheDirectory + "/.fetch-\(name.rawValue)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            defer { try? FileManager.default.removeItem(atPath: staging) }
            do {
                try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
                log("Fetching \(name.displayName) from \(base)")
                for file in DataLocator.idxFileNames {
                    try fetch(file, from: base, into: staging)
                }
                try install(staging)
                return target
            } catch let error as UserError {
                failures.append(error.description)
            } catch {
                failures.append("\(base): \(error)")
            }
        }
        throw UserError("could not fetch \(name.displayName); nothing was written to \(cacheDirectory).\n"
                        + failures.map { "  " + $0 }.joined(separator: "\n"))
    }

    /// Downloads `file.gz`, checks it, and writes it into `directory`.
    func fetch(_ file: String, from base: String, into directory: String) throws {
        let url = try Self.url(base, file + ".gz")
        let data = try Download(url: url, label: file + ".gz", log: log).run()
        let path = directory + "/" + file + ".gz"
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw UserError("cannot write \(path)")
        }
        let contents: [UInt8]
        do { contents = try decompressedContents(ofFile: path, limit: 64 << 20) } catch {
            throw UserError("\(file).gz from \(url.absoluteString) is not a whole gzip file (\(error.description))")
        }
        guard let expected = Self.digests[name]?[file] else { throw UserError("no known digest for \(file)") }
        let digest = sha256Hex(contents)
        guard contents.count == expected.bytes, digest == expected.sha256 else {
            throw UserError("\(file).gz from \(url.absoluteString) does not match the original: "
                            + "\(contents.count) bytes with SHA-256 \(digest.prefix(16))…, expected \(expected.bytes) bytes with \(expected.sha256.prefix(16))…")
        }
        log("  \(file).gz: \(groupThousands(data.count)) bytes, SHA-256 of the \(groupThousands(contents.count)) decompressed bytes verified")
    }

    /// Moves the checked files into place: the old copy (if any) aside, the new one in, the old one removed.
    func install(_ staging: String) throws {
        let fm = FileManager.default
        let old = target + ".old-\(getpid())"
        let hadOld = fm.fileExists(atPath: target)
        if hadOld { try fm.moveItem(atPath: target, toPath: old) }
        do {
            try fm.moveItem(atPath: staging, toPath: target)
        } catch {
            if hadOld { try? fm.moveItem(atPath: old, toPath: target) }
            throw UserError("cannot move the files into \(target): \(error.localizedDescription)")
        }
        if hadOld { try? fm.removeItem(atPath: old) }
    }

    static func url(_ base: String, _ file: String) throws -> URL {
        let joined = base.hasSuffix("/") ? base + file : base + "/" + file
        guard let url = URL(string: joined), let scheme = url.scheme?.lowercased(), ["http", "https", "file"].contains(scheme) else {
            throw UserError("--from must be an http(s) URL, not '\(base)'")
        }
        return url
    }
}

/// One HTTP GET with a progress line on stderr (redrawn in place on a terminal).
final class Download: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let url: URL
    let label: String
    let log: (String) -> Void
    private var data = Data()
    private var expected: Int64 = -1
    private var status = 0
    private var failure: Error?
    private let done = DispatchSemaphore(value: 0)
    private var lastShown = Date.distantPast
    private let interactive = isatty(STDERR_FILENO) == 1

    init(url: URL, label: String, log: @escaping (String) -> Void) {
        self.url = url
        self.label = label
        self.log = log
    }

    func run() throws -> Data {
        if url.isFileURL {
            guard let data = FileManager.default.contents(atPath: url.path) else { throw UserError("\(url.path): no such file") }
            return data
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = URLCache(memoryCapacity: 0, diskCapacity: 0, diskPath: nil)
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url, timeoutInterval: 60)
        request.setValue("stride", forHTTPHeaderField: "User-Agent")
        session.dataTask(with: request).resume()
        done.wait()
        if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if let failure { throw UserError("\(url.absoluteString): \(failure.localizedDescription)") }
        guard status == 200 else { throw UserError("\(url.absoluteString): HTTP status \(status)") }
        if expected >= 0, Int64(data.count) != expected {
            throw UserError("\(url.absoluteString): got \(data.count) of \(expected) bytes")
        }
        return data
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        expected = response.expectedContentLength
        completionHandler(status == 200 ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
        data.append(chunk)
        guard data.count <= 128 << 20 else { dataTask.cancel(); return }
        if interactive, Date().timeIntervalSince(lastShown) > 0.1 {
            lastShown = Date()
            let fraction = expected > 0 ? Double(data.count) / Double(expected) : 0
            let filled = Int(fraction * 30)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
            let line = String(format: "\r  %@ %@ %3.0f%%  %.1f MB", label, bar, fraction * 100, Double(data.count) / 1e6)
            FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error, status == 200 || status == 0 { failure = error }
        done.signal()
    }
}

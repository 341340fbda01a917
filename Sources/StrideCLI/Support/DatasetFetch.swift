import CommandLineSupport
import CNN
import Foundation

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
    /// The byte cap, stall limit and deadline of each file's download.
    var limits = DownloadLimits()
    /// Prints progress (to stderr).
    var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    var target: String { cacheDirectory + "/" + name.rawValue }

    /// Tries each base URL in turn; returns the directory written, or throws with every failure.
    /// Staging folders left by fetches that were killed are removed first.
    func run() throws -> String {
        let urls = try bases.map { base in try DataLocator.idxFileNames.map { try Self.url(base, $0 + ".gz") } }
        try makeDirectories(cacheDirectory)
        for stale in FetchStaging.removeStale(in: cacheDirectory) { log("Removed \(stale), left by an interrupted fetch") }
        var failures: [String] = []
        for (base, files) in zip(bases, urls) {
            do {
                let staging = try FetchStaging(cache: cacheDirectory, name: name.rawValue,
                                               files: DataLocator.idxFileNames.map { $0 + ".gz" })
                defer { staging.remove() }
                log("Fetching \(name.displayName) from \(plainText(base))")
                for (file, url) in zip(DataLocator.idxFileNames, files) {
                    try fetch(file, from: url, into: staging.path)
                }
                try install(staging.path)
                return target
            } catch let error as UserError {
                failures.append(error.description)
            } catch {
                failures.append("\(plainText(base)): \(error)")
            }
        }
        throw UserError("could not fetch \(name.displayName); nothing was written to \(cacheDirectory).\n"
                        + failures.map { "  " + $0 }.joined(separator: "\n"))
    }

    /// Downloads `file.gz` from `url` into `directory` and checks it.
    func fetch(_ file: String, from url: String, into directory: String) throws {
        let path = directory + "/" + file + ".gz"
        let received = try HTTPDownload(url: url, label: file + ".gz", limits: limits).run(into: path)
        guard let expected = Self.digests[name]?[file] else { throw UserError("no known digest for \(file)") }
        // Inflated no further than the original's size: a bomb stops one chunk past it.
        let contents: [UInt8]
        do { contents = try decompressedContents(ofFile: path, limit: expected.bytes) } catch {
            throw UserError("\(file).gz from \(url) is not a whole gzip file (\(error.description))")
        }
        let digest = sha256Hex(contents)
        guard contents.count == expected.bytes, digest == expected.sha256 else {
            throw UserError("\(file).gz from \(url) does not match the original: "
                            + "\(contents.count) bytes with SHA-256 \(digest.prefix(16))…, expected \(expected.bytes) bytes with \(expected.sha256.prefix(16))…")
        }
        log("  \(file).gz: \(groupThousands(received)) bytes, SHA-256 of the \(groupThousands(contents.count)) decompressed bytes verified")
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

    /// `base` joined with `file`; only http:// and https:// bases are accepted.
    static func url(_ base: String, _ file: String) throws -> String {
        let joined = base.hasSuffix("/") ? base + file : base + "/" + file
        guard let url = URL(string: joined), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false else {
            throw UserError("--from must be an http:// or https:// URL, not '\(plainText(base))' "
                            + "(for files already on disk, use --data DIR instead of fetching)")
        }
        return joined
    }
}

/// `mkdir -p path`, with a plain message naming the part that is in the way.
func makeDirectories(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        var info = stat()
        if stat(current, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw UserError("cannot use the cache folder \(path): \(current) is a file, not a folder")
            }
            continue
        }
        guard mkdir(current, 0o755) == 0 || errno == EEXIST else {
            throw UserError("cannot create the cache folder \(current): \(String(cString: strerror(errno)))")
        }
    }
}

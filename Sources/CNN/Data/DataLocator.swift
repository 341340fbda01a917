import Foundation

/// Where a dataset's files were found.
public struct DatasetFiles: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A directory with the four IDX files (raw or `.gz`).
        case idx(directory: String)
        /// Keras's `mnist.npz`.
        case npz(path: String)
    }

    public let name: DatasetName
    /// How it was found, for people: `--data /x`, `$STRIDE_DATA`, `~/.keras/datasets/mnist.npz`, …
    public let source: String
    public let kind: Kind

    public init(name: DatasetName, source: String, kind: Kind) {
        self.name = name
        self.source = source
        self.kind = kind
    }

    /// The directory or file.
    public var path: String {
        switch kind {
        case .idx(let d): d
        case .npz(let p): p
        }
    }
}

/// Finds MNIST and Fashion-MNIST on this machine and loads them.
///
/// Discovery order, first match wins:
/// 1. `--data DIR` (`dataDirectory`)
/// 2. `$STRIDE_DATA`
/// 3. Keras's download cache: `~/.keras/datasets/mnist.npz` (MNIST),
///    `~/.keras/datasets/fashion-mnist/` (Fashion-MNIST, IDX files)
/// 4. Stride's cache: `$XDG_CACHE_HOME/stride/<dataset>` or `~/.cache/stride/<dataset>`
/// 5. `/usr/share/datasets/fashion-mnist/` (Fashion-MNIST; Debian's `dataset-fashion-mnist`)
///
/// A directory qualifies when it holds the four IDX files, each raw or gzipped:
/// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
/// `t10k-labels-idx1-ubyte` (`.gz`; the dotted spelling `train-images.idx3-ubyte` too).
/// For `--data` and `$STRIDE_DATA`, a subdirectory named after the dataset (`mnist`;
/// `fashion`, `fashion-mnist`) and, for MNIST, a `mnist.npz` also qualify. As the two
/// datasets share file names, `DIR` itself counts as Fashion-MNIST when its name contains
/// "fashion" and as MNIST otherwise.
public struct DataLocator: Sendable {
    public let dataDirectory: String?
    public let environment: [String: String]
    public let homeDirectory: String
    /// Where the system's Fashion-MNIST package installs it (tests point this elsewhere).
    public let systemFashionDirectory: String

    public init(dataDirectory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String? = nil, systemFashionDirectory: String = DataLocator.debianFashionDirectory) {
        self.dataDirectory = dataDirectory
        self.environment = environment
        self.systemFashionDirectory = systemFashionDirectory
        self.homeDirectory = homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
    }

    /// The standard IDX file names, in the order train images, train labels, test images, test labels.
    public static let idxFileNames = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    /// Debian's package for Fashion-MNIST, and where it installs the files.
    public static let debianFashionPackage = "dataset-fashion-mnist"
    public static let debianFashionDirectory = "/usr/share/datasets/fashion-mnist"

    /// Stride's own cache directory: `$XDG_CACHE_HOME/stride` or `~/.cache/stride`.
    public var cacheDirectory: String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/stride" }
        return homeDirectory + "/.cache/stride"
    }

    /// One place to look: a description, a path, and whether it is a directory of IDX files.
    struct Candidate: Equatable {
        let source: String
        let path: String
        let isNPZ: Bool
    }

    /// Every place `locate` looks for `name`, in order.
    func candidates(_ name: DatasetName) -> [Candidate] {
        var list: [Candidate] = []
        func dataRoot(_ dir: String, _ source: String) {
            if Self.directoryItselfHolds(name, dir) { list.append(Candidate(source: source, path: dir, isNPZ: false)) }
            for sub in name.directoryNames {
                list.append(Candidate(source: source, path: dir + "/" + sub, isNPZ: false))
            }
            if name == .mnist { list.append(Candidate(source: source, path: dir + "/mnist.npz", isNPZ: true)) }
        }
        if let d = dataDirectory { dataRoot(d, "--data \(d)") }
        if let d = environment["STRIDE_DATA"], !d.isEmpty { dataRoot(d, "$STRIDE_DATA (\(d))") }
        switch name {
        case .mnist:
            list.append(Candidate(source: "~/.keras/datasets/mnist.npz", path: homeDirectory + "/.keras/datasets/mnist.npz", isNPZ: true))
        case .fashion:
            list.append(Candidate(source: "~/.keras/datasets/fashion-mnist", path: homeDirectory + "/.keras/datasets/fashion-mnist", isNPZ: false))
        }
        for sub in name.directoryNames {
            list.append(Candidate(source: "cache (\(cacheDirectory)/\(sub))", path: cacheDirectory + "/" + sub, isNPZ: false))
        }
        if name == .fashion {
            list.append(Candidate(source: "\(systemFashionDirectory) (Debian package \(Self.debianFashionPackage))",
                                  path: systemFashionDirectory, isNPZ: false))
        }
        return list
    }

    /// The first place that holds `name`'s files, or nil.
    public func locate(_ name: DatasetName) -> DatasetFiles? {
        for c in candidates(name) {
            if c.isNPZ {
                if isRegularFile(c.path) { return DatasetFiles(name: name, source: c.source, kind: .npz(path: c.path)) }
            } else if Self.idxFiles(in: c.path) != nil {
                return DatasetFiles(name: name, source: c.source, kind: .idx(directory: c.path))
            }
        }
        return nil
    }

    /// Both datasets use the same file names, so a directory given directly holds
    /// Fashion-MNIST when its name says "fashion", and MNIST otherwise.
    static func directoryItselfHolds(_ name: DatasetName, _ directory: String) -> Bool {
        let last = URL(fileURLWithPath: directory).lastPathComponent.lowercased()
        return last.contains("fashion") == (name == .fashion)
    }

    /// The four IDX files in `directory` (see `idxFileNames`), or nil unless all are there.
    static func idxFiles(in directory: String) -> [String]? {
        guard isDirectory(directory) else { return nil }
        var found: [String] = []
        for base in idxFileNames {
            let dotted = base.replacingOccurrences(of: "-idx", with: ".idx")
            let options = [base + ".gz", base, dotted + ".gz", dotted].map { directory + "/" + $0 }
            guard let file = options.first(where: isRegularFile) else { return nil }
            found.append(file)
        }
        return found
    }
}

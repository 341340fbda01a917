/// `stride data`: what was found where, and what to do about what is missing.
extension DataLocator {
    /// Report lines, one block per dataset. Found IDX files are checked (headers and sizes,
    /// without decoding the images), so a damaged download shows up here too.
    public func report() -> [String] {
        var lines: [String] = []
        if let directory = dataDirectory, !isDirectory(directory) {
            lines += ["--data \(directory): \(fileExists(directory) ? "not a directory" : "no such directory") (it is ignored below)", ""]
        }
        for name in DatasetName.allCases {
            if !lines.isEmpty { lines.append("") }
            lines += report(name)
        }
        return lines
    }

    func report(_ name: DatasetName) -> [String] {
        let title = "\(name.rawValue) (\(name.displayName))"
        if let files = locate(name) {
            var lines = ["\(title): found via \(files.source)"]
            switch files.kind {
            case .npz(let path):
                lines.append("  \(path)")
            case .idx(let directory):
                for path in Self.idxFiles(in: directory) ?? [] {
                    lines.append("  \(path): " + describe(path))
                }
            }
            return lines
        }
        var lines = ["\(title): not found. Download it with: stride data fetch \(name.rawValue)", "  Looked in:"]
        lines += candidateSummary(name).map { "  \($0)" }
        lines.append("  To use it, put these four files (raw or .gz) in a directory:")
        lines.append("    " + Self.idxFileNames.map { $0 + ".gz" }.joined(separator: ", "))
        lines.append("  then run with --data DIR, or set STRIDE_DATA=DIR (a subdirectory DIR/\(name.directoryNames[0]) works too),")
        lines.append("  or copy them to \(cacheDirectory)/\(name.rawValue).")
        switch name {
        case .mnist:
            lines.append("  Keras users: keras.datasets.mnist.load_data() saves ~/.keras/datasets/mnist.npz, which Stride reads.")
        case .fashion:
            lines.append("  On Debian/Ubuntu: sudo apt-get install \(Self.debianFashionPackage)   (installs \(Self.debianFashionDirectory))")
        }
        return lines
    }

    /// The places looked in, one line per source (with its paths when there are several).
    private func candidateSummary(_ name: DatasetName) -> [String] {
        var groups: [(source: String, paths: [String])] = []
        for c in candidates(name) {
            if let i = groups.firstIndex(where: { $0.source == c.source }) {
                groups[i].paths.append(c.path)
            } else {
                groups.append((c.source, [c.path]))
            }
        }
        var lines = groups.map { g in
            g.paths.count == 1 && (g.source.contains(g.paths[0]) || g.source.hasPrefix("~"))
                ? g.source : "\(g.source): \(g.paths.joined(separator: ", "))"
        }
        let unset = environment["STRIDE_DATA"]?.isEmpty ?? true
        if unset { lines.insert("$STRIDE_DATA (not set)", at: dataDirectory == nil ? 0 : 1) }
        if dataDirectory == nil { lines.insert("--data DIR (not given)", at: 0) }
        return lines
    }

    /// "60000 images of 28×28, 47.0 MB" or the reason the file is unusable.
    private func describe(_ path: String) -> String {
        let isImages = path.contains("images")
        do {
            let header = try IDXFile.inspect(path, dimensions: isImages ? 3 : 1)
            return isImages ? "\(groupThousands(header.count)) images of \(header.dims[1])×\(header.dims[2])"
                            : "\(groupThousands(header.count)) labels"
        } catch {
            switch error {
            case .badFile(_, _, let message), .io(_, let message): return "UNUSABLE: \(message)"
            default: return "UNUSABLE: \(error.description)"
            }
        }
    }
}

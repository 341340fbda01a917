/// Loading a located dataset.
extension DataLocator {
    /// Locates and loads `name`: the first `trainLimit` training and `testLimit` test
    /// images (all when nil). Only the requested images are decoded from IDX files.
    public func load(_ name: DatasetName, trainLimit: Int? = nil, testLimit: Int? = nil) throws(CNNError)
        -> (train: Dataset, test: Dataset) {
        try Self.load(require(name), trainLimit: trainLimit, testLimit: testLimit)
    }

    /// Where `name` is, or an error saying what to do. A folder the user names (`--data DIR`)
    /// must exist and hold the data: never a silent fallback to another place.
    public func require(_ name: DatasetName) throws(CNNError) -> DatasetFiles {
        if let directory = dataDirectory {
            guard isDirectory(directory) else {
                throw CNNError.invalidArgument("--data \(directory): " + (fileExists(directory) ? "not a directory" : "no such directory"))
            }
            guard let files = locate(name), files.source.hasPrefix("--data ") else {
                throw CNNError.invalidArgument(
                    "--data \(directory) holds no \(name.displayName) files: expected "
                        + Self.idxFileNames.map { $0 + ".gz" }.joined(separator: ", ")
                        + " (raw or gzip) there or in \(directory)/\(name.directoryNames[0])"
                        + (name == .mnist ? ", or mnist.npz" : ""))
            }
            return files
        }
        guard let files = locate(name) else {
            let others = DatasetName.allCases.filter { $0 != name && locate($0) != nil }
            let installed = others.isEmpty ? "" : " Installed: " + others.map { "\($0.displayName) (--dataset \($0.rawValue))" }.joined(separator: ", ") + "."
            throw CNNError.invalidArgument(
                "\(name.displayName) not found. Download it with `stride data fetch \(name.rawValue)`, "
                    + "or run `stride data` to see where Stride looks.\(installed)")
        }
        return files
    }

    /// Loads from known files.
    public static func load(_ files: DatasetFiles, trainLimit: Int? = nil, testLimit: Int? = nil) throws(CNNError)
        -> (train: Dataset, test: Dataset) {
        switch files.kind {
        case .npz(let path):
            return try NPZDataset.load(path, name: files.name, trainLimit: trainLimit, testLimit: testLimit)
        case .idx(let directory):
            guard let paths = idxFiles(in: directory) else {
                throw CNNError.io(path: directory, message: "the IDX files are no longer all there")
            }
            let train = try loadIDX(images: paths[0], labels: paths[1], name: files.name, limit: trainLimit)
            let test = try loadIDX(images: paths[2], labels: paths[3], name: files.name, limit: testLimit)
            guard (train.height, train.width) == (test.height, test.width) else {
                throw CNNError.badFile(path: paths[2], line: nil, message:
                    "test images are \(test.height)×\(test.width) but training images \(train.height)×\(train.width)")
            }
            return (train, test)
        }
    }

    /// One split from an images file and a labels file.
    static func loadIDX(images: String, labels: String, name: DatasetName, limit: Int?) throws(CNNError) -> Dataset {
        let (pixels, imageHeader) = try IDXFile.readImages(images, limit: limit)
        let (labelBytes, labelHeader) = try IDXFile.readLabels(labels, limit: limit)
        guard imageHeader.count == labelHeader.count else {
            throw CNNError.badFile(path: labels, line: nil, message:
                "\(labelHeader.count) labels for the \(imageHeader.count) images in \(images)")
        }
        return try Dataset(name: name, pixels: pixels, height: imageHeader.dims[1], width: imageHeader.dims[2],
                           labels: labelBytes, source: labels)
    }
}

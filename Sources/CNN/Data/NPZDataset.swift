/// Keras's `mnist.npz` (what `keras.datasets.mnist.load_data()` downloads to
/// `~/.keras/datasets/`): a ZIP of four `.npy` arrays of unsigned bytes:
///
///     x_train.npy (60000, 28, 28)   y_train.npy (60000,)
///     x_test.npy  (10000, 28, 28)   y_test.npy  (10000,)
///
/// Errors name the file and the member.
enum NPZDataset {
    static func load(_ path: String, name: DatasetName, trainLimit: Int?, testLimit: Int?) throws(CNNError)
        -> (train: Dataset, test: Dataset) {
        let archive = try ZipArchive(bytes: readFileBytes(path), path: path)
        func split(_ suffix: String, limit: Int?) throws(CNNError) -> Dataset {
            let (pixels, shape, images) = try array("x_\(suffix).npy", in: archive, dimensions: 3, limit: limit)
            let (labels, _, labelCount) = try array("y_\(suffix).npy", in: archive, dimensions: 1, limit: limit)
            guard images == labelCount else {
                throw CNNError.badFile(path: path, line: nil, message:
                    "x_\(suffix).npy has \(images) images but y_\(suffix).npy has \(labelCount) labels")
            }
            return try Dataset(name: name, pixels: pixels, height: shape[1], width: shape[2], labels: labels,
                               source: path, member: "y_\(suffix).npy")
        }
        return (try split("train", limit: trainLimit), try split("test", limit: testLimit))
    }

    /// The first `min(limit, n)` items of a uint8 array, their shape, and the full `n`.
    static func array(_ member: String, in archive: ZipArchive, dimensions: Int, limit: Int?) throws(CNNError)
        -> (bytes: [UInt8], shape: [Int], fullCount: Int) {
        let path = archive.path
        func bad(_ m: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: "\(member): \(m)") }
        guard let entry = archive.member(named: member) else {
            throw CNNError.badFile(path: path, line: nil, message:
                "no \(member) in the archive (it has \(archive.members.map(\.name).joined(separator: ", ")))")
        }
        let preamble = try archive.data(of: entry, prefix: NPYHeader.preambleSize)
        let headerEnd = try NPYHeader.headerEnd(preamble, path: path, member: member)
        let header = try NPYHeader(archive.data(of: entry, prefix: headerEnd), path: path, member: member)
        guard header.isUInt8 else { throw bad("elements are '\(header.descr)', expected unsigned bytes ('|u1')") }
        guard header.shape.count == dimensions else {
            throw bad("shape \(header.shape) should have \(dimensions) dimension\(dimensions == 1 ? "" : "s")")
        }
        guard !header.fortranOrder || dimensions == 1 else { throw bad("Fortran-ordered arrays are not supported") }
        guard dimensions == 1 || (header.shape[1] >= 1 && header.shape[2] >= 1) else { throw bad("empty images \(header.shape)") }
        let itemSize = header.shape.dropFirst().reduce(1, *)
        guard let total = checkedProduct(header.shape), total + header.dataOffset == entry.uncompressedSize else {
            throw bad("shape \(header.shape) needs \(header.dataOffset) + \(checkedProduct(header.shape).map(String.init) ?? "too many") bytes, but the member has \(entry.uncompressedSize)")
        }
        let count = min(max(limit ?? header.shape[0], 0), header.shape[0])
        try DatasetBudget.check(items: count, of: header.shape, path: "\(path) (\(member))", kind: dimensions == 3 ? "images" : "labels")
        let data = try archive.data(of: entry, prefix: header.dataOffset + count * itemSize)
        return (Array(data[header.dataOffset...]), [count] + header.shape.dropFirst(), header.shape[0])
    }
}

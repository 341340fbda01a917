/// The engine's file readers as one public surface, for fuzzing and for tools that check a
/// file without training on it. Each throws `CNNError` naming `path` for anything malformed.
public enum FileParsers {
    /// An IDX image file (raw or gzip): the pixel count read.
    public static func idxImages(_ path: String, limit: Int? = nil) throws(CNNError) -> Int {
        try IDXFile.readImages(path, limit: limit).pixels.count
    }

    /// An IDX label file (raw or gzip): the label count read.
    public static func idxLabels(_ path: String, limit: Int? = nil) throws(CNNError) -> Int {
        try IDXFile.readLabels(path, limit: limit).labels.count
    }

    /// A Keras `mnist.npz`: the training images read.
    public static func npz(_ path: String, limit: Int? = nil) throws(CNNError) -> Int {
        try NPZDataset.load(path, name: .mnist, trainLimit: limit, testLimit: limit).train.count
    }
}

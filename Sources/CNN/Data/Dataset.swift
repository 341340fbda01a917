/// The datasets Stride trains on. Both are 28×28 grey images in 10 classes, 60,000 for
/// training and 10,000 for testing, in the same IDX file layout.
public enum DatasetName: String, Sendable, CaseIterable {
    case mnist
    case fashion

    /// What the class indices mean.
    public var classNames: [String] {
        switch self {
        case .mnist: (0..<10).map(String.init)
        case .fashion: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        }
    }

    /// A human name for messages ("MNIST", "Fashion-MNIST").
    public var displayName: String {
        switch self {
        case .mnist: "MNIST"
        case .fashion: "Fashion-MNIST"
        }
    }

    /// Directory names that may hold this dataset below a data directory.
    var directoryNames: [String] {
        switch self {
        case .mnist: ["mnist"]
        case .fashion: ["fashion", "fashion-mnist"]
        }
    }
}

/// One split (train or test) of a dataset, in memory.
public struct Dataset: Sendable {
    /// `mnist` or `fashion`.
    public let name: String
    public let count: Int
    public let height: Int
    public let width: Int
    /// `count·height·width` pixels as stored in the file (0–255), image after image, each
    /// row-major. Kept as bytes: a quarter of the memory of floats; training scales them.
    public let pixels: [UInt8]
    /// `count` class indices, each `< classNames.count`.
    public let labels: [UInt8]
    public let classNames: [String]

    public init(name: String, count: Int, height: Int, width: Int, pixels: [UInt8], labels: [UInt8], classNames: [String]) {
        self.name = name
        self.count = count
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
        self.classNames = classNames
    }

    /// Pixels per image.
    public var imageSize: Int { height * width }

    /// Every pixel scaled to [0, 1] as `Float(byte) / 255` (Keras's `x.astype("float32") / 255`).
    /// A new array of `4·count·height·width` bytes: training reads `pixels` instead.
    public var images: [Float] { pixels.map(UInt8.scaledPixel) }

    /// Image `i`'s pixels scaled to [0, 1] (row-major).
    public func image(_ i: Int) -> ArraySlice<Float> {
        pixels[(i * imageSize)..<((i + 1) * imageSize)].map(UInt8.scaledPixel)[...]
    }
}

extension Dataset {
    /// Builds a split from raw bytes: checks that there is one
    /// label per image, each naming a class. `source` names the file in errors, `member`
    /// (if any) the part of it holding the labels.
    init(name: DatasetName, pixels: [UInt8], height: Int, width: Int, labels: [UInt8],
         source: String, member: String? = nil) throws(CNNError) {
        let prefix = member.map { "\($0): " } ?? ""
        let count = labels.count
        guard pixels.count == count * height * width else {
            throw CNNError.badFile(path: source, line: nil, message:
                "\(prefix)\(pixels.count / max(1, height * width)) images but \(count) labels")
        }
        let classes = name.classNames
        if let bad = labels.firstIndex(where: { Int($0) >= classes.count }) {
            throw CNNError.badFile(path: source, line: nil, message:
                "\(prefix)label \(labels[bad]) of item \(bad) is not a class (0–\(classes.count - 1))")
        }
        self.init(name: name.rawValue, count: count, height: height, width: width,
                  pixels: pixels, labels: labels, classNames: classes)
    }
}

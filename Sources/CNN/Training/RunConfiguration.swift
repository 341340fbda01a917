/// Everything that defines a training run, with its defaults declared once and its checks
/// made once: `stride train`, a lesson's `train` block, the home screen's training entries and
/// `stride draw`'s first model all build one of these and hand it to `prepare()`
/// (`RunConfiguration+Prepare.swift`), which loads the data and builds the model, the
/// optimizer and the session. Nothing here touches a terminal: call it from any thread.
///
/// Test images: the first `limit` (as many as training images, at most the whole test set).
public struct RunConfiguration: Sendable, Equatable {
    /// The defaults, in one place.
    public enum Defaults {
        public static let model = "seed"
        public static let dataset = DatasetName.mnist
        public static let epochs = 5
        public static let batchSize = 64
        public static let optimizer = OptimizerKind.rmsprop
        public static let seed: UInt64 = 0
        /// Data-parallel shards (cores) per batch.
        public static let threads = 2
        public static let threadRange = 1...8
    }

    /// `seed`, `small` or the path of a YAML model file.
    public var model: String
    public var dataset: DatasetName
    /// Where the dataset's files are (nil: the usual places, see `DataLocator`).
    public var dataDirectory: String?
    /// Epochs in all (with `resumePath`: counting the saved ones).
    public var epochs: Int
    public var batchSize: Int
    public var optimizer: OptimizerKind
    /// nil: the optimizer's Keras default (or, on a resume, the saved rate).
    public var learningRate: Float?
    /// Only the first `limit` training images and at most `limit` test images (nil: all).
    public var limit: Int?
    /// Seeds the weights, dropout and shuffling.
    public var seed: UInt64
    public var threads: Int
    /// Write a checkpoint here after every epoch.
    public var savePath: String?
    /// Continue from this checkpoint (same model).
    public var resumePath: String?

    /// A configuration from values already typed; `validate()` checks them.
    public init(model: String = Defaults.model, dataset: DatasetName = Defaults.dataset, dataDirectory: String? = nil,
                epochs: Int = Defaults.epochs, batchSize: Int = Defaults.batchSize, optimizer: OptimizerKind = Defaults.optimizer,
                learningRate: Float? = nil, limit: Int? = nil, seed: UInt64 = Defaults.seed, threads: Int = Defaults.threads,
                savePath: String? = nil, resumePath: String? = nil) {
        (self.model, self.dataset, self.dataDirectory, self.epochs, self.batchSize) = (model, dataset, dataDirectory, epochs, batchSize)
        (self.optimizer, self.learningRate, self.limit, self.seed, self.threads) = (optimizer, learningRate, limit, seed, threads)
        (self.savePath, self.resumePath) = (savePath, resumePath)
    }

    /// A configuration from names as a user types them (`--dataset fashion`, `optimizer: adam`),
    /// checked: throws the first problem, naming the setting.
    public init(model: String = Defaults.model, dataset: String, dataDirectory: String? = nil, epochs: Int = Defaults.epochs,
                batchSize: Int = Defaults.batchSize, optimizer: String, learningRate: Float? = nil, limit: Int? = nil,
                seed: UInt64 = Defaults.seed, threads: Int = Defaults.threads, savePath: String? = nil,
                resumePath: String? = nil) throws(RunSettingError) {
        guard let name = DatasetName(rawValue: dataset) else {
            throw RunSettingError(.dataset, "must be \(DatasetName.allCases.map(\.rawValue).joined(separator: " or ")), not '\(dataset)'")
        }
        guard let kind = OptimizerKind(rawValue: optimizer) else {
            throw RunSettingError(.optimizer, "must be rmsprop, adam or sgd, not '\(optimizer)'")
        }
        self.init(model: model, dataset: name, dataDirectory: dataDirectory, epochs: epochs, batchSize: batchSize, optimizer: kind,
                  learningRate: learningRate, limit: limit, seed: seed, threads: threads, savePath: savePath, resumePath: resumePath)
        try validate()
    }

    /// Checks every number; throws the first problem, naming the setting.
    public func validate() throws(RunSettingError) {
        guard !model.isEmpty else { throw RunSettingError(.model, "must name a model (seed, small or a YAML file)") }
        guard epochs >= 1 else { throw RunSettingError(.epochs, "must be ≥ 1, not \(epochs)") }
        guard (1...Sequential.maxBatchSize).contains(batchSize) else {
            throw RunSettingError(.batchSize, "must be from 1 to \(Sequential.maxBatchSize), not \(batchSize)")
        }
        guard Defaults.threadRange.contains(threads) else {
            throw RunSettingError(.threads, "must be from \(Defaults.threadRange.lowerBound) to \(Defaults.threadRange.upperBound), not \(threads)")
        }
        if let limit, limit < 1 { throw RunSettingError(.limit, "must be ≥ 1, not \(limit)") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw RunSettingError(.learningRate, "must be a finite number > 0, not \(learningRate)")
        }
    }

    /// The short run `stride draw` trains when it has no model, and the home screen offers:
    /// the `small` model for 3 epochs, everything else at the defaults.
    public static func quick(_ dataset: DatasetName = Defaults.dataset) -> RunConfiguration {
        RunConfiguration(model: "small", dataset: dataset, epochs: 3)
    }

    /// The model's name for files and titles: `small` for `small`, `net` for `models/net.yaml`.
    public var modelName: String {
        let file = model.split(separator: "/").last.map(String.init) ?? model
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}

/// A setting of a `RunConfiguration` with a bad value. `description` reads
/// `epochs must be ≥ 1, not 0`; a command line prefixes `--` (`flag`), a lesson its file and line.
public struct RunSettingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Setting: String, Sendable {
        case model, dataset, epochs, optimizer, limit, seed, threads
        case batchSize = "batch-size", learningRate = "learning-rate"
    }

    public let setting: Setting
    public let message: String

    public init(_ setting: Setting, _ message: String) { (self.setting, self.message) = (setting, message) }

    public var description: String { "\(setting.rawValue) \(message)" }
    /// The message naming the command-line flag: `--batch-size must be ≥ 1, not 0`.
    public var flagMessage: String { "--\(description)" }
}

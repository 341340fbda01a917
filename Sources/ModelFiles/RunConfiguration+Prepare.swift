import CNN
import Foundation
/// The run configuration factory: loads the data and builds the model, the optimizer and the
/// session. It reads files and allocates (seconds for the full MNIST): call it off the UI thread.
extension RunConfiguration {
    /// Checks the configuration, builds the model (`seed` weights; a resume restores the
    /// checkpoint's weights, optimizer state and epoch), the optimizer (the saved one when a
    /// resume names the same kind, with `learningRate` applied if given) and loads the data,
    /// checking that the images fit the model's input and the classes its outputs.
    public func prepare() throws(CNNError) -> PreparedRun {
        do { try validate() } catch { throw CNNError.invalidArgument(error.description) }
        // A bad save path is said now, not after every epoch has trained (its folder is
        // created, as the dashboard's saves do).
        if let savePath {
            let folder = URL(fileURLWithPath: savePath).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try checkWritable(savePath)
        }
        let spec = try ModelFile.load(model)
        // The model and a batch's activations must fit the memory budget before anything is allocated.
        try spec.memoryEstimate(batchSize: batchSize, optimizerSlots: optimizer.stateSlots)
            .check(what: "training \(model) with batches of \(batchSize)")
        let net = try Sequential(spec: spec, seed: seed)
        net.threads = threads
        var optimizer = self.optimizer.make(learningRate: learningRate)
        var initialEpoch = 0, fraction = 0.0
        if let resumePath {
            let restored = try Checkpoint.load(from: resumePath, into: net)
            if let saved = restored.optimizer, saved.name == self.optimizer.rawValue {
                optimizer = saved
                if let learningRate { optimizer.learningRate = learningRate }
            }
            initialEpoch = restored.epoch
            fraction = restored.fraction
        }
        let locator = DataLocator(dataDirectory: dataDirectory)
        let (train, test) = try locator.load(dataset, trainLimit: limit, testLimit: limit)
        guard [train.height, train.width, 1] == spec.inputShape else {
            throw CNNError.shapeMismatch("the model expects \(spec.inputShape) inputs but \(dataset.rawValue) images are [\(train.height), \(train.width), 1]")
        }
        guard train.classNames.count <= net.classes else {
            throw CNNError.shapeMismatch("the model has \(net.classes) outputs but \(dataset.rawValue) has \(train.classNames.count) classes")
        }
        return PreparedRun(configuration: self, model: net, optimizer: optimizer, train: train, test: test,
                           initialEpoch: initialEpoch, resumedFraction: fraction, dataFiles: locator.locate(dataset),
                           cacheDirectory: locator.cacheDirectory)
    }
}

/// A run ready to train: what `RunConfiguration.prepare()` built. Hand it to one thread at a
/// time (the model is not thread-safe); `session()` moves it onto a training thread.
public final class PreparedRun: @unchecked Sendable {
    public let configuration: RunConfiguration
    public let model: Sequential
    public let optimizer: any Optimizer
    public let train: Dataset
    public let test: Dataset
    /// Epochs the resumed checkpoint had completed (0 without a resume).
    public let initialEpoch: Int
    /// The share of epoch `initialEpoch + 1` the checkpoint had trained (retrained on resume).
    public let resumedFraction: Double
    /// Where the dataset was found.
    public let dataFiles: DatasetFiles?
    let cacheDirectory: String

    init(configuration: RunConfiguration, model: Sequential, optimizer: any Optimizer, train: Dataset, test: Dataset,
         initialEpoch: Int, resumedFraction: Double, dataFiles: DatasetFiles?, cacheDirectory: String) {
        (self.configuration, self.model, self.optimizer, self.train, self.test) = (configuration, model, optimizer, train, test)
        (self.initialEpoch, self.resumedFraction, self.dataFiles, self.cacheDirectory) = (initialEpoch, resumedFraction, dataFiles, cacheDirectory)
    }

    /// Epochs in all: the configuration's, or the checkpoint's when it holds more.
    public var epochs: Int { max(configuration.epochs, initialEpoch) }
    /// Whether there is anything left to train.
    public var hasWorkLeft: Bool { initialEpoch < configuration.epochs }

    /// Where a requested save goes when the run has no `savePath`:
    /// `<cache>/checkpoints/<model>-<dataset>.safetensors`.
    public var requestPath: String {
        cacheDirectory + "/checkpoints/\(configuration.modelName)-\(configuration.dataset.rawValue).safetensors"
    }

    /// With `savePath`: a checkpoint there after every epoch (and on request); without: only on
    /// request, to `requestPath`.
    public var checkpointPolicy: CheckpointPolicy {
        configuration.savePath.map { CheckpointPolicy(path: $0, schedule: .everyEpoch) }
            ?? CheckpointPolicy(path: requestPath, schedule: .onRequest)
    }

    /// The session training this run (not started). For a dashboard (`views`): snapshots every
    /// second and a confusion matrix of up to 2,000 test images after each epoch; without: neither.
    public func session(views: Bool = true) throws(CNNError) -> TrainingSession {
        var c = TrainingSession.Configuration(epochs: epochs, initialEpoch: initialEpoch, batchSize: configuration.batchSize,
                                              seed: configuration.seed, checkpoints: checkpointPolicy)
        c.confusionImages = views ? min(2000, test.count) : 0
        c.snapshots = views
        return try TrainingSession(model: model, optimizer: optimizer, train: train, test: test, configuration: c)
    }
}

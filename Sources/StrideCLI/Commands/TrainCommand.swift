import ArgumentParser
import CNN
import Foundation

/// `stride train --headless`: trains a model on MNIST or Fashion-MNIST with a Keras-style log.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a convnet on MNIST or Fashion-MNIST (Keras-style log).")

    @Flag(help: "Train in the terminal without the dashboard (the dashboard is not available yet).") var headless = false
    @Option(help: "mnist or fashion.") var dataset = "mnist"
    @Option(help: "Directory holding the dataset's IDX files (or mnist.npz).") var data: String?
    @Option(help: "seed, small or the path of a YAML model file.") var model = "seed"
    @Option(help: "Epochs to train (with --resume: the total, counting the saved ones).") var epochs = 5
    @Option(name: .customLong("batch-size"), help: "Samples per batch.") var batchSize = 64
    @Option(help: "rmsprop, adam or sgd (Keras defaults).") var optimizer = "rmsprop"
    @Option(name: .customLong("learning-rate"), help: "Learning rate (default: the optimizer's Keras default).") var learningRate: Float?
    @Option(help: "Use only the first N training images (and at most N test images).") var limit: Int?
    @Option(help: "Seed for weights, dropout and shuffling.") var seed: UInt64 = 0
    @Option(help: "Batch chunks run in parallel (default 2).") var threads = 2
    @Option(help: "Write a checkpoint here after each epoch.") var save: String?
    @Option(help: "Continue from this checkpoint (same model).") var resume: String?
    @Flag(help: "End with one JSON object on stdout.") var json = false

    func run() throws {
        guard headless else {
            printError("the training dashboard is not available yet; use `stride train --headless`")
            throw ExitCodeError.usage
        }
        let (net, opt, startEpoch, train, test) = try reportingErrors { () throws -> (Sequential, any Optimizer, Int, Dataset, Dataset) in
            guard epochs >= 1 else { throw UserError("--epochs must be ≥ 1, not \(epochs)") }
            guard batchSize >= 1 else { throw UserError("--batch-size must be ≥ 1, not \(batchSize)") }
            guard threads >= 1 else { throw UserError("--threads must be ≥ 1, not \(threads)") }
            if let limit, limit < 1 { throw UserError("--limit must be ≥ 1, not \(limit)") }
            if let learningRate, !(learningRate > 0) { throw UserError("--learning-rate must be > 0") }
            guard let name = DatasetName(rawValue: dataset) else { throw UserError("--dataset must be mnist or fashion, not '\(dataset)'") }
            guard let kind = OptimizerKind(rawValue: optimizer) else {
                throw UserError("--optimizer must be rmsprop, adam or sgd, not '\(optimizer)'")
            }
            let spec = try ModelFile.load(model)
            let net = try Sequential(spec: spec, seed: seed)
            var opt = kind.make(learningRate: learningRate)
            var start = 0
            if let resume {
                let restored = try Checkpoint.load(from: resume, into: net)
                if let saved = restored.optimizer, saved.name == kind.rawValue {
                    opt = saved
                    if let learningRate { opt.learningRate = learningRate }
                }
                start = restored.epoch
            }
            let (train, test) = try DataLocator(dataDirectory: data).load(name, trainLimit: limit, testLimit: limit)
            guard [train.height, train.width, 1] == spec.inputShape else {
                throw UserError("the model expects \(spec.inputShape) inputs but \(name.rawValue) images are [\(train.height), \(train.width), 1]")
            }
            guard train.classNames.count <= net.classes else {
                throw UserError("the model has \(net.classes) outputs but \(name.rawValue) has \(train.classNames.count) classes")
            }
            return (net, opt, start, train, test)
        }
        Engine.threads = threads
        let log = TrainingLog(epochs: max(epochs, startEpoch))
        if startEpoch > 0 { log.line("Resuming after epoch \(startEpoch) from \(resume ?? "")") }
        var saveError: CNNError?
        let summary = try reportingErrors { () throws -> TrainingSummary in
            try net.fit(train: (train.pixels, train.labels), test: (test.pixels, test.labels), epochs: max(epochs, startEpoch),
                        batchSize: batchSize, optimizer: opt, shuffle: true, seed: seed, initialEpoch: startEpoch) { event in
                log.handle(event)
                if case .epochEnd(let epoch, _, _, _, _, _, _) = event, let save, saveError == nil {
                    do throws(CNNError) { try Checkpoint.save(model: net, optimizer: opt, epoch: epoch, to: save) } catch { saveError = error }
                }
            }
        }
        if let saveError { try reportingErrors { throw saveError } }
        let testLoss = summary.testLoss ?? 0, testAccuracy = summary.testAccuracy ?? 0
        log.line("Test accuracy: \(String(format: "%.4f", testAccuracy)) - test loss: \(String(format: "%.4f", testLoss))")
        if let save { log.line("Saved checkpoint to \(save)") }
        if json {
            print(try jsonLine([
                "test_accuracy": testAccuracy, "test_loss": testLoss, "epochs": summary.epochs,
                "train_accuracy": summary.accuracy, "train_loss": summary.loss,
                "train_seconds": summary.trainSeconds, "samples_per_second": summary.samplesPerSecond,
                "train_samples": train.count, "test_samples": test.count, "batch_size": batchSize,
                "optimizer": opt.name, "learning_rate": Double(opt.learningRate.description) ?? 0, "model": model,
                "dataset": dataset, "parameters": net.parameterCount, "seed": Int(seed),
            ] as [String: Any]))
        }
    }
}

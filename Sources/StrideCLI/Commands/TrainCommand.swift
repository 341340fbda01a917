import ArgumentParser
import CNN
import Explorer
import Foundation
import Terminal

/// `stride train`: trains a model on MNIST or Fashion-MNIST on the live dashboard, or with a
/// Keras-style log (`--headless`).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a convnet on MNIST or Fashion-MNIST on a live dashboard (or --headless: a Keras-style log).")

    @Flag(help: "Print a Keras-style log instead of opening the dashboard.") var headless = false
    @Option(help: "mnist or fashion.") var dataset = "mnist"
    @Option(help: "Directory holding the dataset's IDX files (or mnist.npz).") var data: String?
    @Option(help: "seed, small or the path of a YAML model file.") var model = "seed"
    @Option(help: "Epochs to train (with --resume: the total, counting the saved ones).") var epochs = 5
    @Option(name: .customLong("batch-size"), help: "Samples per batch.") var batchSize = 64
    @Option(help: "rmsprop, adam or sgd (Keras defaults).") var optimizer = "rmsprop"
    @Option(name: .customLong("learning-rate"), help: "Learning rate (default: the optimizer's Keras default).") var learningRate: Float?
    @Option(help: "Use only the first N training images (and at most N test images).") var limit: Int?
    @Option(help: "Seed for weights, dropout and shuffling.") var seed: UInt64 = 0
    @Option(help: "Cores to train on: each batch is split into this many data-parallel shards (1–8, default 2).") var threads = 2
    @Option(help: "Write a checkpoint here after each epoch.") var save: String?
    @Option(help: "Continue from this checkpoint (same model).") var resume: String?
    @Flag(help: "End with one JSON object on stdout.") var json = false
    @OptionGroup var language: LanguageOption

    func run() throws {
        if !headless, isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 {
            printError("the training dashboard needs an interactive terminal (stdin and stdout); use --headless for a Keras-style log")
            throw ExitCodeError.usage
        }
        let (net, opt, startEpoch, train, test) = try reportingErrors { () throws -> (Sequential, any Optimizer, Int, Dataset, Dataset) in
            guard epochs >= 1 else { throw UserError("--epochs must be ≥ 1, not \(epochs)") }
            guard (1...Sequential.maxBatchSize).contains(batchSize) else {
                throw UserError("--batch-size must be from 1 to \(Sequential.maxBatchSize), not \(batchSize)")
            }
            guard (1...8).contains(threads) else { throw UserError("--threads must be from 1 to 8, not \(threads)") }
            if let limit, limit < 1 { throw UserError("--limit must be ≥ 1, not \(limit)") }
            if let learningRate, !(learningRate.isFinite && learningRate > 0) {
                throw UserError("--learning-rate must be a finite number > 0, not \(learningRate)")
            }
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
        net.threads = threads
        // A finished checkpoint has nothing to show live: both modes say "Nothing to train" and
        // report the checkpoint's own test figures (below) instead of an empty dashboard.
        if !headless && startEpoch < epochs {
            try runDashboard(net: net, optimizer: opt, startEpoch: startEpoch, train: train, test: test)
            return
        }
        let log = TrainingLog(epochs: max(epochs, startEpoch))
        if let files = DataLocator(dataDirectory: data).locate(DatasetName(rawValue: dataset) ?? .mnist) {
            log.line("Data: \(groupThousands(train.count)) training and \(groupThousands(test.count)) test images of \(files.name.displayName) from \(files.path) (\(files.source))")
        }
        if startEpoch > 0 { log.line("Resuming after epoch \(startEpoch) from \(resume ?? "")") }
        var saveError: CNNError?
        let summary = try reportingErrors { () throws -> TrainingSummary in
            if startEpoch >= epochs {
                // Nothing left to train: say so and report the checkpoint's real test figures.
                log.line("Nothing to train: the checkpoint holds \(startEpoch) epoch(s) and --epochs asks for \(epochs) in all.")
                let e = try net.evaluate(images: test.pixels, labels: test.labels)
                // --save still gets the (restored) model, as "Saved checkpoint to" says below.
                if let save { try Checkpoint.save(model: net, optimizer: opt, epoch: startEpoch, to: save) }
                return TrainingSummary(epochs: startEpoch, loss: .nan, accuracy: .nan, testLoss: e.loss, testAccuracy: e.accuracy,
                                       trainSeconds: 0, samplesPerSecond: 0, stopped: false)
            }
            return try net.fit(train: (train.pixels, train.labels), test: (test.pixels, test.labels), epochs: max(epochs, startEpoch),
                        batchSize: batchSize, optimizer: opt, shuffle: true, seed: seed, initialEpoch: startEpoch) { event in
                log.handle(event)
                if case .epochEnd(let epoch, _, _, _, _, _, _) = event, let save, saveError == nil {
                    do throws(CNNError) { try Checkpoint.save(model: net, optimizer: opt, epoch: epoch, to: save) } catch { saveError = error }
                }
            }
        }
        if let saveError { try reportingErrors { throw saveError } }
        let testLoss = summary.testLoss ?? .nan, testAccuracy = summary.testAccuracy ?? .nan
        log.line("Test accuracy: \(String(format: "%.4f", testAccuracy)) - test loss: \(String(format: "%.4f", testLoss))")
        if let save { log.line("Saved checkpoint to \(save)") }
        if json {
            print(try jsonLine([
                "test_accuracy": finiteOrNull(testAccuracy), "test_loss": finiteOrNull(testLoss), "epochs": summary.epochs,
                "train_accuracy": finiteOrNull(summary.accuracy), "train_loss": finiteOrNull(summary.loss),
                "train_seconds": summary.trainSeconds, "samples_per_second": summary.samplesPerSecond,
                "train_samples": train.count, "test_samples": test.count, "batch_size": batchSize,
                "optimizer": opt.name, "learning_rate": finiteOrNull(Double(opt.learningRate.description) ?? 0), "model": model,
                "dataset": dataset, "parameters": net.parameterCount, "seed": Int(seed),
            ] as [String: Any]))
        }
    }

    /// Trains on a background thread while the dashboard shows it; q, Ctrl-C or a signal
    /// stop training (after the current batch) once the terminal is restored.
    func runDashboard(net: Sequential, optimizer: any Optimizer, startEpoch: Int, train: Dataset, test: Dataset) throws {
        let spec = net.spec
        let locator = DataLocator(dataDirectory: data)
        let datasetName = DatasetName(rawValue: dataset) ?? .mnist
        let modelName = URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
        let info = DashboardInfo(
            model: model, layers: (try? spec.layerInfos()) ?? [], parameters: net.parameterCount, dataset: datasetName.displayName,
            classNames: train.classNames, trainCount: train.count, testCount: test.count, optimizer: optimizer.name,
            batchSize: batchSize, epochs: max(epochs, startEpoch), initialEpoch: startEpoch,
            dataSource: locator.locate(datasetName)?.path ?? "")
        var configuration = TrainingRun.Configuration(
            epochs: max(epochs, startEpoch), initialEpoch: startEpoch, batchSize: batchSize, seed: seed, savePath: save,
            requestPath: locator.cacheDirectory + "/checkpoints/\(modelName)-\(dataset).safetensors")
        configuration.confusionImages = min(2000, test.count)
        let run = TrainingRun(model: net, optimizer: optimizer, train: train, test: test, configuration: configuration)
        let language = try reportingErrors { try self.language.language() }
        run.start()
        var stoppedInTime = true
        try runExplorer(language: language, wake: run.inbox, afterwards: {
            run.stop()
            stoppedInTime = run.wait(seconds: 10)
        }) { language in
            ExplorerApp(screens: [DashboardScreen(info: info, handle: run, language: language)], language: language)
        }
        if !stoppedInTime { printError("training did not stop within 10 s") }
        if let d = run.divergence {
            print("Diverged at epoch \(d.epoch), batch \(d.batch) (loss \(d.loss)): training stopped; try a smaller --learning-rate.")
            return
        }
        if let summary = run.summary {
            let acc = summary.testAccuracy.map { String(format: "%.4f", $0) } ?? "–"
            let loss = summary.testLoss.map { String(format: "%.4f", $0) } ?? "–"
            print("\(summary.stopped ? "Stopped" : "Trained") \(summary.epochs) epoch(s) of \(TerminalSafe.text(model)) on \(datasetName.displayName): "
                  + "test accuracy \(acc) - test loss \(loss) - \(Int(summary.samplesPerSecond)) samples/s")
        }
        if let save { print("Checkpoint: \(TerminalSafe.text(save))") }
    }
}

import CommandLineSupport
import ArgumentParser
import CNN
import Explorer
import Foundation
import ModelFiles
import Terminal

/// `stride train`: trains a model on MNIST or Fashion-MNIST on the live dashboard, or with a
/// Keras-style log (`--headless`).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a convnet on MNIST or Fashion-MNIST on a live dashboard (or --headless: a Keras-style log).")

    @Flag(help: "Print a Keras-style log instead of opening the dashboard.") var headless = false
    @Option(help: "mnist or fashion.") var dataset = RunConfiguration.Defaults.dataset.rawValue
    @Option(help: "Directory holding the dataset's IDX files (or mnist.npz).") var data: String?
    @Option(help: "seed, small, dense, seed-dropout or the path of a YAML model file.") var model = RunConfiguration.Defaults.model
    @Option(help: "Epochs to train (with --resume: the total, counting the saved ones).") var epochs = RunConfiguration.Defaults.epochs
    @Option(name: .customLong("batch-size"), help: "Samples per batch.") var batchSize = RunConfiguration.Defaults.batchSize
    @Option(help: "rmsprop, adam or sgd (Keras defaults).") var optimizer = RunConfiguration.Defaults.optimizer.rawValue
    @Option(name: .customLong("learning-rate"), help: "Learning rate (default: the optimizer's Keras default).") var learningRate: Float?
    @Option(help: "Use only the first N training images (and at most N test images).") var limit: Int?
    @Option(help: "Seed for weights, dropout and shuffling.") var seed: UInt64 = RunConfiguration.Defaults.seed
    @Option(help: "Cores to train on: each batch is split into this many data-parallel shards (1–8).") var threads = RunConfiguration.Defaults.threads
    @Option(help: "Write a checkpoint here after each epoch.") var save: String?
    @Option(help: "Continue from this checkpoint (same model).") var resume: String?
    @Flag(help: "End with one JSON object on stdout.") var json = false
    @OptionGroup var language: LanguageOption
    @OptionGroup var recording: RecordOption

    func run() throws {
        if !headless, isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 {
            printError("the training dashboard needs an interactive terminal (stdin and stdout); use --headless for a Keras-style log")
            throw ExitCodeError.usage
        }
        if !headless, let problem = TerminalCapabilities.fullScreenProblem() {  // before loading any data
            printError(problem.description)
            throw ExitCodeError.usage
        }
        try reportingErrors { try recording.check(headless: headless ? "--headless" : nil) }
        let prepared = try reportingErrors { try runConfiguration().prepare() }
        let (net, opt, startEpoch, train, test) = (prepared.model, prepared.optimizer, prepared.initialEpoch, prepared.train, prepared.test)
        // A finished checkpoint has nothing to show live: both modes say "Nothing to train" and
        // report the checkpoint's own test figures (below) instead of an empty dashboard.
        if !headless && startEpoch < epochs {
            try runDashboard(prepared)
            return
        }
        let log = TrainingLog(epochs: max(epochs, startEpoch))
        if let files = prepared.dataFiles {
            log.line("Data: \(groupThousands(train.count)) training and \(groupThousands(test.count)) test images of \(files.name.displayName) from \(files.path) (\(files.source))")
        }
        if startEpoch > 0 { log.line("Resuming after epoch \(startEpoch) from \(resume ?? "")") }
        var saveError: CNNError?
        let summary = try reportingErrors { () throws -> TrainingSummary in
            if startEpoch >= epochs {
                // Nothing left to train: say so and report the checkpoint's real test figures.
                log.line("Nothing to train: the checkpoint holds \(counted(startEpoch, "epoch")) and --epochs asks for \(epochs) in all.")
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

    /// The run these flags ask for (checked: a bad value is one line naming its flag).
    func runConfiguration() throws -> RunConfiguration {
        try checkedFlags { () throws(RunSettingError) -> RunConfiguration in
            try RunConfiguration(model: model, dataset: dataset, dataDirectory: data, epochs: epochs, batchSize: batchSize,
                                 optimizer: optimizer, learningRate: learningRate, limit: limit, seed: seed, threads: threads,
                                 savePath: save, resumePath: resume)
        }
    }

    /// Trains on a background thread while the dashboard shows it; q, Ctrl-C or a signal
    /// stop training (after the current batch) once the terminal is restored.
    func runDashboard(_ prepared: PreparedRun) throws {
        let (run, info) = try reportingErrors { try TrainingRun.make(prepared, model: model) }
        let datasetName = prepared.configuration.dataset
        let language = try reportingErrors { try self.language.language() }
        run.start()
        var stoppedInTime = true
        try runExplorer(language: language, record: recording, afterwards: {
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
            let done = run.epochsTrained
            let howFar = summary.stopped && done > Double(summary.epochs)
                ? "after " + String(format: "%.2f", done) + " epochs"
                : counted(summary.epochs, "epoch")
            print("\(summary.stopped ? "Stopped" : "Trained") \(howFar) of \(TerminalSafe.text(model)) on \(datasetName.displayName): "
                  + "test accuracy \(acc) - test loss \(loss) - \(Int(summary.samplesPerSecond)) samples/s")
        }
        if let saved = run.lastSavedPath {
            print("Checkpoint: \(TerminalSafe.text(saved))")
        } else if let save {
            print("No checkpoint was written to \(TerminalSafe.text(save)) (the dashboard said why).")
        }
    }
}

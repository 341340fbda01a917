import CommandLineSupport
import ArgumentParser
import CNN
import Explorer
import Foundation
import ModelFiles
import Terminal

/// `stride draw [--checkpoint FILE]`: draw a digit on a 28×28 canvas and watch a trained
/// model's probabilities. Without a checkpoint it offers to train the `small` model first
/// (a short headless run) and keeps it in the cache for next time.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw", abstract: "Draw a digit and see what a trained model predicts.")

    @Option(help: "A checkpoint saved by `stride train --save` (default: the small model in Stride's cache).") var checkpoint: String?
    @Option(help: "Where MNIST is, if the small model has to be trained first.") var data: String?
    @Flag(help: "Train the small model without asking when there is no checkpoint.") var yes = false
    @OptionGroup var language: LanguageOption
    @OptionGroup var recording: RecordOption

    /// The cached small model.
    static func defaultCheckpoint(_ locator: DataLocator) -> String { locator.cacheDirectory + "/checkpoints/small-mnist.safetensors" }

    func run() throws {
        let locator = DataLocator(dataDirectory: data)
        let path = checkpoint ?? Self.defaultCheckpoint(locator)
        if checkpoint == nil, !FileManager.default.fileExists(atPath: path) {
            try reportingErrors { try offerTraining(to: path, locator: locator) }
        }
        let language = try reportingErrors { try self.language.language() }
        // Loaded before the terminal is taken over, so a bad file is one line on stderr.
        guard case .ready(let handoff) = DrawLauncher.prepare(checkpoint: path, language: language) else {
            _ = try reportingErrors { try Checkpoint.load(from: path) }
            return
        }
        try runExplorer(language: language, record: recording) { l in
            let screen = l == language ? handoff.screen : {
                if case .ready(let again) = DrawLauncher.prepare(checkpoint: path, language: l) { return again.screen }
                return handoff.screen
            }()
            return ExplorerApp(screens: [screen], language: l)
        }
    }

    /// Epochs trained as a checkpoint records them: `3`, or `0.25` for a save a quarter into the first.
    static func epochsText(_ epochs: Double) -> String {
        epochs == epochs.rounded() ? String(Int(epochs)) : String(format: "%.2f", epochs)
    }

    /// The run that makes the first model: `RunConfiguration.quick()` on MNIST, saved to `path`.
    static func trainingConfiguration(dataDirectory: String?, savePath: String) -> RunConfiguration {
        var configuration = RunConfiguration.quick(.mnist)
        (configuration.dataDirectory, configuration.savePath) = (dataDirectory, savePath)
        return configuration
    }

    /// Asks (unless --yes), then trains the quick run (`small`, 3 epochs on MNIST) on a
    /// training session that saves it to `path` after every epoch.
    func offerTraining(to path: String, locator: DataLocator) throws {
        // A folder named with --data must hold MNIST (said before asking anything).
        if data != nil { _ = try locator.require(.mnist) }
        guard locator.locate(.mnist) != nil else {
            throw UserError("no trained model at \(path), and MNIST is not here to train one: run `stride data fetch mnist` (or pass --checkpoint FILE)")
        }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw UserError("no trained model at \(path); pass --yes to train the small model first, or --checkpoint FILE")
            }
            print("No trained model at \(TerminalSafe.text(path)).")
            print("Train the small model on MNIST now (\(counted(RunConfiguration.quick().epochs, "epoch")), about a minute)? [Y/n] ", terminator: "")
            fflush(nil)
            let answer = (readLine() ?? "n").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer.isEmpty || answer.hasPrefix("y") else { throw UserError("nothing to draw with: no model (pass --checkpoint FILE)") }
        }
        let prepared = try Self.trainingConfiguration(dataDirectory: data, savePath: path).prepare()
        let session = try prepared.session(views: false)
        let log = SessionLog(TrainingLog(epochs: prepared.epochs))
        log.log.line("Training the small model on \(groupThousands(prepared.train.count)) MNIST images…")
        session.events { log.handle($0) }
        session.start()
        while !session.wait(seconds: 3600) {}
        switch session.finalEvent {
        case .finished?: break
        case .failed(let message)?: throw UserError("training the small model failed: \(message)")
        case .diverged(let epoch, let batch, _)?: throw UserError("training the small model diverged at epoch \(epoch), batch \(batch)")
        default: throw UserError("training the small model stopped early")
        }
        if let problem = log.saveProblem { throw UserError("could not save the small model: \(problem)") }
        log.log.line("Saved to \(path)")
    }
}

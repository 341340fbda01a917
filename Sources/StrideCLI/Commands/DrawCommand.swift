import ArgumentParser
import CNN
import Explorer
import Foundation
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

    /// The cached small model.
    static func defaultCheckpoint(_ locator: DataLocator) -> String { locator.cacheDirectory + "/checkpoints/small-mnist.safetensors" }

    func run() throws {
        let locator = DataLocator(dataDirectory: data)
        let path = checkpoint ?? Self.defaultCheckpoint(locator)
        if checkpoint == nil, !FileManager.default.fileExists(atPath: path) {
            try reportingErrors { try offerTraining(to: path, locator: locator) }
        }
        let state = try reportingErrors { try Checkpoint.load(from: path) }
        let net = state.model
        let language = try reportingErrors { try self.language.language() }
        let file = URL(fileURLWithPath: path).lastPathComponent
        let note = language == .ko ? "\(file) · 파라미터 \(groupThousands(net.parameterCount))개 · 에폭 \(state.epoch)회"
            : "\(file) · \(groupThousands(net.parameterCount)) params · \(state.epoch) epoch(s)"
        let box = UnsafeModel(net)
        try runExplorer(language: language) { language in
            ExplorerApp(screens: [DrawScreen(modelNote: note, language: language) { image in
                (try? box.model.predict(images: image)) ?? []
            }], language: language)
        }
    }

    /// Asks (unless --yes), then trains `small` on MNIST for 3 epochs and saves it to `path`.
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
            print("Train the small model on MNIST now (3 epochs, about a minute)? [Y/n] ", terminator: "")
            fflush(nil)
            let answer = (readLine() ?? "n").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer.isEmpty || answer.hasPrefix("y") else { throw UserError("nothing to draw with: no model (pass --checkpoint FILE)") }
        }
        let net = try Sequential(spec: try ModelFile.load("small"), seed: 0)
        let optimizer = OptimizerKind.rmsprop.make(learningRate: nil)
        let (train, test) = try locator.load(.mnist)
        let log = TrainingLog(epochs: 3)
        log.line("Training the small model on \(groupThousands(train.count)) MNIST images…")
        try net.fit(train: (train.pixels, train.labels), test: (test.pixels, test.labels), epochs: 3, batchSize: 64,
                    optimizer: optimizer, seed: 0) { log.handle($0) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Checkpoint.save(model: net, optimizer: optimizer, epoch: 3, to: path)
        log.line("Saved to \(path)")
    }
}

/// The model, used only from the UI thread (the draw screen predicts synchronously).
final class UnsafeModel: @unchecked Sendable {
    let model: Sequential
    init(_ model: Sequential) { self.model = model }
}

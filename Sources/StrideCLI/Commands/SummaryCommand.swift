import ArgumentParser
import CNN
import Foundation
import ModelFiles
import Terminal

/// `stride summary [--model seed|small|FILE]`: prints Keras's `model.summary()` table.
/// Errors (unknown file, bad YAML, shapes that do not fit) go to stderr as one line; exit 2.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print a model's layers, output shapes and parameter counts (like Keras's model.summary()).")

    @Option(name: .long, help: "A built-in model (\(ModelFile.builtinNames.joined(separator: ", "))) or a YAML model file.")
    var model: String = "seed"

    func run() throws {
        do {
            let spec = try ModelFile.load(model)
            print(try spec.summary())
            // Not part of Keras's table: what `stride train` would need with its defaults.
            let estimate = try spec.memoryEstimate(batchSize: 64, optimizerSlots: OptimizerKind.rmsprop.stateSlots)
            let over = estimate.totalBytes > MemoryEstimate.budgetBytes
            print(" Memory to train (batch 64, rmsprop): \(estimate.description)"
                  + (over ? " — over the \(Int(MemoryEstimate.budgetBytes / 1_073_741_824)) GiB limit: stride train refuses it" : ""))
        } catch {
            FileHandle.standardError.write(Data("stride summary: \(TerminalSafe.text(error.description, .multiline))\n".utf8))
            throw ExitCode(2)
        }
    }
}

import CNN
import Foundation
import Terminal

/// Keras-style training output: `Epoch 1/5`, then a progress line
/// `938/938 ━━━━━━━━━━━━━━━━━━━━ 12s 13ms/step - accuracy: 0.9512 - loss: 0.1578`,
/// rewritten in place with `\r` on a terminal (at most 10 times a second), printed every 10 %
/// of an epoch otherwise.
final class TrainingLog {
    private let tty = isatty(STDOUT_FILENO) == 1
    private var epochStart = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var lastDecile = -1
    /// Total epochs, for `Epoch e/E`.
    let epochsTotal: Int

    init(epochs: Int) { epochsTotal = epochs }

    /// One whole line (it may quote a path or a model file: shown through `TerminalSafe`).
    func line(_ text: String) {
        print(TerminalSafe.text(text, .multiline))
        fflush(nil)
    }

    func handle(_ event: TrainingEvent) {
        switch event {
        case .batchEnd(let epoch, let batch, let batches, let loss, let accuracy, _):
            let now = DispatchTime.now().uptimeNanoseconds
            batchesPerEpoch = batches
            if batch == 1 {
                line("Epoch \(epoch)/\(epochsTotal)")
                epochStart = now
                lastDecile = -1
            }
            guard batch < batches else { return }  // the last batch is drawn at .epochEnd, with test metrics
            let text = progress(batch, batches, seconds: Double(now - epochStart) / 1e9, accuracy: accuracy, loss: loss)
            if tty {
                guard now - lastDraw > 100_000_000 else { return }
                lastDraw = now
                print("\r" + text, terminator: "")
                fflush(nil)
            } else {
                let decile = batch * 10 / batches
                if decile > lastDecile { lastDecile = decile; line(text) }
            }
        case .epochEnd(_, _, let loss, let accuracy, let testLoss, let testAccuracy, let seconds):
            var text = progress(nil, nil, seconds: seconds, accuracy: accuracy, loss: loss)
            if let testAccuracy, let testLoss {
                text += " - test_accuracy: \(f4(testAccuracy)) - test_loss: \(f4(testLoss))"
            }
            if tty { print("\r" + text + "\u{1B}[K") } else { print(text) }
            fflush(nil)
        case .finished, .stopped:
            break
        }
    }

    private var batchesPerEpoch = 0

    private func f4(_ x: Double) -> String { String(format: "%.4f", x) }

    private func progress(_ batch: Int?, _ batches: Int?, seconds: Double, accuracy: Double, loss: Double) -> String {
        let b = batch ?? batchesPerEpoch, n = batches ?? batchesPerEpoch
        let filled = n > 0 ? b * 20 / n : 20
        let bar = String(repeating: "━", count: filled) + String(repeating: "─", count: 20 - filled)
        let perStep = b > 0 ? seconds / Double(b) * 1000 : 0
        let width = String(n).count
        let count = String(repeating: " ", count: max(0, width - String(b).count)) + "\(b)/\(n)"
        return "\(count) \(bar) \(Int(seconds.rounded()))s \(Int(perStep.rounded()))ms/step - accuracy: \(f4(accuracy)) - loss: \(f4(loss))"
    }
}

/// A `TrainingLog` fed by a `TrainingSession`'s events (on its training thread, while the main
/// thread waits): progress lines, epoch lines, and the first failed save.
final class SessionLog: @unchecked Sendable {
    let log: TrainingLog
    private(set) var saveProblem: String?

    init(_ log: TrainingLog) { self.log = log }

    func handle(_ event: TrainingSessionEvent) {
        switch event {
        case .progress(let p):
            log.handle(.batchEnd(epoch: p.epoch, batch: p.batch, batchesPerEpoch: p.batches, loss: p.loss, accuracy: p.accuracy,
                                 samplesSeen: 0))
        case .epoch(let e):
            log.handle(.epochEnd(epoch: e.epoch, epochs: log.epochsTotal, loss: e.loss, accuracy: e.accuracy, testLoss: e.testLoss,
                                 testAccuracy: e.testAccuracy, seconds: e.seconds))
        case .saveFailed(_, let message):
            if saveProblem == nil { saveProblem = message }
        default:
            break
        }
    }
}

import Synchronization
import Foundation

/// What `Sequential.fit` reports, in order: `batchEnd`… `epochEnd`, per epoch, then
/// `finished` or `stopped`. Loss and accuracy in `batchEnd` are running means over the
/// epoch so far (as Keras's progress bar shows). Epochs and batches are 1-based.
public enum TrainingEvent: Sendable, Equatable {
    case batchEnd(epoch: Int, batch: Int, batchesPerEpoch: Int, loss: Double, accuracy: Double, samplesSeen: Int)
    case epochEnd(epoch: Int, epochs: Int, loss: Double, accuracy: Double, testLoss: Double?, testAccuracy: Double?, seconds: Double)
    case finished(TrainingSummary)
    case stopped(epoch: Int, batch: Int)
}

/// The outcome of `fit`.
public struct TrainingSummary: Sendable, Equatable {
    /// Epochs completed (counting any before a resume).
    public var epochs: Int
    public var loss: Double
    public var accuracy: Double
    public var testLoss: Double?
    public var testAccuracy: Double?
    /// Wall-clock seconds spent in training batches (excluding evaluation).
    public var trainSeconds: Double
    /// Training samples processed per second of `trainSeconds`.
    public var samplesPerSecond: Double
    public var stopped: Bool

    public init(epochs: Int, loss: Double, accuracy: Double, testLoss: Double? = nil, testAccuracy: Double? = nil,
                trainSeconds: Double, samplesPerSecond: Double, stopped: Bool) {
        (self.epochs, self.loss, self.accuracy, self.testLoss, self.testAccuracy) = (epochs, loss, accuracy, testLoss, testAccuracy)
        (self.trainSeconds, self.samplesPerSecond, self.stopped) = (trainSeconds, samplesPerSecond, stopped)
    }
}

/// Pause / resume / stop for a training loop running on another thread. `fit` checks it
/// between batches: while paused it waits; once stopped it returns after the current batch.
public final class TrainingControl: Sendable {
    private struct State { var paused = false, stopped = false }
    private let state = Mutex(State())

    public init() {}

    public func pause() { state.withLock { $0.paused = true } }
    public func resume() { state.withLock { $0.paused = false } }
    public func stop() { state.withLock { $0.stopped = true } }
    public var isPaused: Bool { state.withLock { $0.paused } }
    public var isStopped: Bool { state.withLock { $0.stopped } }

    /// Blocks while paused (polling every 10 ms); returns `true` when training should stop.
    func waitWhilePaused() -> Bool {
        while true {
            let s = state.withLock { $0 }
            if s.stopped { return true }
            if !s.paused { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

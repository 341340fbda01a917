/// The figures a training session reports (see `TrainingSessionEvent`): plain values, safe to
/// hand to another thread.

/// Where an epoch stands.
public struct TrainingProgress: Sendable, Equatable {
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batches: Int
    /// Running means over the epoch so far (as Keras's progress bar shows).
    public var loss: Double
    public var accuracy: Double
    /// Training samples per second in this epoch so far.
    public var samplesPerSecond: Double
    /// Seconds since the epoch began.
    public var seconds: Double

    public init(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double,
                samplesPerSecond: Double, seconds: Double) {
        (self.epoch, self.epochs, self.batch, self.batches) = (epoch, epochs, batch, batches)
        (self.loss, self.accuracy, self.samplesPerSecond, self.seconds) = (loss, accuracy, samplesPerSecond, seconds)
    }

    /// Fraction of the epoch done, 0...1.
    public var fraction: Double { batches > 0 ? Double(batch) / Double(batches) : 0 }
    /// Seconds left in this epoch at the current pace: elapsed × (batches − batch) / batch.
    public var secondsLeft: Double? { batch > 0 ? seconds * Double(batches - batch) / Double(batch) : nil }
}

/// One point of the training curves after `step` batches in all (counting earlier epochs of
/// this session): the last batch's own loss and accuracy and their exponential smoothing.
public struct CurvePoint: Sendable, Equatable {
    public var step: Int
    public var epoch: Int
    public var batch: Int
    /// The mean loss and accuracy of batch `batch` alone (not the epoch's running mean).
    public var batchLoss: Double
    public var batchAccuracy: Double
    /// `LossSmoother`'s values after this batch.
    public var loss: Double
    public var accuracy: Double

    public init(step: Int, epoch: Int, batch: Int, batchLoss: Double, batchAccuracy: Double, loss: Double, accuracy: Double) {
        (self.step, self.epoch, self.batch, self.batchLoss, self.batchAccuracy) = (step, epoch, batch, batchLoss, batchAccuracy)
        (self.loss, self.accuracy) = (loss, accuracy)
    }
}

/// One row of the epoch table.
public struct EpochResult: Sendable, Equatable {
    public var epoch: Int
    public var loss: Double
    public var accuracy: Double
    public var testLoss: Double?
    public var testAccuracy: Double?
    public var seconds: Double

    public init(epoch: Int, loss: Double, accuracy: Double, testLoss: Double?, testAccuracy: Double?, seconds: Double) {
        (self.epoch, self.loss, self.accuracy, self.testLoss, self.testAccuracy, self.seconds) = (epoch, loss, accuracy, testLoss, testAccuracy, seconds)
    }
}

/// Recovers one batch's mean from the epoch's running means, as `fit`'s `batchEnd` reports them.
///
/// With running mean `Mₛ` after `s` samples and `Mₚ` after the previous `p` samples, the batch
/// of `s − p` samples has mean `(Mₛ·s − Mₚ·p) / (s − p)` (for `s = p`, `Mₛ` itself).
public struct BatchMeans: Sendable, Equatable {
    public private(set) var loss = 0.0
    public private(set) var accuracy = 0.0
    public private(set) var seen = 0

    public init() {}

    /// Folds in the running means after `seen` samples of the epoch; returns the latest batch's
    /// own means. A new epoch (`seen` not above the last) starts from zero.
    public mutating func batch(runningLoss: Double, runningAccuracy: Double, seen: Int) -> (loss: Double, accuracy: Double) {
        if seen <= self.seen { (loss, accuracy, self.seen) = (0, 0, 0) }
        let n = Double(seen - self.seen)
        let result = n > 0
            ? ((runningLoss * Double(seen) - loss * Double(self.seen)) / n,
               (runningAccuracy * Double(seen) - accuracy * Double(self.seen)) / n)
            : (runningLoss, runningAccuracy)
        (loss, accuracy, self.seen) = (runningLoss, runningAccuracy, seen)
        return result
    }
}

/// Exponential smoothing of a noisy series, `s ← s + α·(x − s)` with `α = 2 / (span + 1)`
/// (pandas' `ewm(span:, adjust: false)`); the first value, or any after a non-finite `s`,
/// starts the series again.
public struct LossSmoother: Sendable, Equatable {
    public let alpha: Double
    public private(set) var value: (loss: Double, accuracy: Double)?

    public init(span: Int) { alpha = 2 / Double(max(span, 1) + 1) }

    public mutating func add(loss: Double, accuracy: Double) -> (loss: Double, accuracy: Double) {
        let next: (Double, Double)
        if let s = value, s.loss.isFinite {
            next = (s.loss + alpha * (loss - s.loss), s.accuracy + alpha * (accuracy - s.accuracy))
        } else {
            next = (loss, accuracy)
        }
        value = next
        return next
    }

    public static func == (a: LossSmoother, b: LossSmoother) -> Bool {
        a.alpha == b.alpha && a.value?.loss == b.value?.loss && a.value?.accuracy == b.value?.accuracy
    }
}

import CNN

/// What the training thread tells the dashboard (through an `Inbox`). Progress and
/// snapshots coalesce (only the newest pending one matters); everything else is kept.
public enum TrainingUpdate: Sendable, Equatable {
    case progress(TrainingProgress)
    /// A point of the training curves: the smoothed per-batch loss and accuracy after
    /// `step` batches in all (counting earlier epochs).
    case curve(step: Int, loss: Double, accuracy: Double)
    case epoch(EpochResult)
    case snapshot(TrainingSnapshot)
    /// The confusion matrix of the test images named in its note, after an epoch.
    case confusion(ConfusionMatrix)
    case learningRate(Float)
    case paused(Bool)
    /// A one-line notice (a checkpoint saved, a save that failed, …).
    case notice(String)
    case finished(TrainingSummary)
    case stopped
    /// The loss became NaN, infinite or exploded; training was stopped at this point.
    case diverged(epoch: Int, batch: Int, loss: Double)
    case failed(String)

    /// Updates of one kind that may replace each other while pending.
    var coalescingKey: String? {
        switch self {
        case .progress: "progress"
        case .snapshot: "snapshot"
        default: nil
        }
    }
}

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

/// Counts by (true class, predicted class) over `total` test images.
public struct ConfusionMatrix: Sendable, Equatable {
    public var counts: [[Int]]
    public var total: Int { counts.joined().reduce(0, +) }
    public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }

    public init(classes: Int) { counts = Array(repeating: Array(repeating: 0, count: classes), count: classes) }

    /// Counts from labels and the model's probabilities (`[count × classes]`, argmax wins).
    public init(labels: [UInt8], probabilities: [Float], classes: Int) {
        self.init(classes: classes)
        for (i, label) in labels.enumerated() where Int(label) < classes {
            counts[Int(label)][argmax(probabilities[(i * classes)..<((i + 1) * classes)])] += 1
        }
    }
}

/// The index of the largest value (the first, on ties; NaN never wins).
func argmax(_ values: ArraySlice<Float>) -> Int {
    var best = values.startIndex
    for i in values.indices where values[i] > values[best] || values[best].isNaN { best = i }
    return best - values.startIndex
}

/// A look inside the model at one moment of training.
public struct TrainingSnapshot: Sendable, Equatable {
    /// Fixed test images with the model's prediction.
    public var predictions: [DigitPrediction]
    /// The first convolution layer's kernels (input channel 0), each `kernelHeight × kernelWidth`.
    public var filters: FilterBank?
    /// What each convolution layer outputs for `predictions[0]`'s image.
    public var featureMaps: [FeatureMaps]
    /// Batches trained in all when it was taken.
    public var step: Int

    public init(predictions: [DigitPrediction], filters: FilterBank?, featureMaps: [FeatureMaps], step: Int) {
        (self.predictions, self.filters, self.featureMaps, self.step) = (predictions, filters, featureMaps, step)
    }
}

/// A test image, its label and the model's answer.
public struct DigitPrediction: Sendable, Equatable {
    /// `height × width` pixels in 0...1.
    public var pixels: [Float]
    public var height: Int
    public var width: Int
    public var label: Int
    public var predicted: Int
    /// The probability the model gives its answer.
    public var confidence: Double
    public var isCorrect: Bool { label == predicted }

    public init(pixels: [Float], height: Int, width: Int, label: Int, predicted: Int, confidence: Double) {
        (self.pixels, self.height, self.width, self.label, self.predicted, self.confidence) = (pixels, height, width, label, predicted, confidence)
    }
}

/// Convolution kernels as small images.
public struct FilterBank: Sendable, Equatable {
    public var layer: String
    public var kernelHeight: Int
    public var kernelWidth: Int
    /// One `kernelHeight × kernelWidth` array per filter.
    public var kernels: [[Float]]

    public init(layer: String, kernelHeight: Int, kernelWidth: Int, kernels: [[Float]]) {
        (self.layer, self.kernelHeight, self.kernelWidth, self.kernels) = (layer, kernelHeight, kernelWidth, kernels)
    }
}

/// One layer's output for one image: `channels` maps of `height × width`, map-major.
public struct FeatureMaps: Sendable, Equatable {
    public var layer: String
    public var height: Int
    public var width: Int
    public var maps: [[Float]]

    public init(layer: String, height: Int, width: Int, maps: [[Float]]) {
        (self.layer, self.height, self.width, self.maps) = (layer, height, width, maps)
    }
}

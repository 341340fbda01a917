/// Plain-value views of a model for a dashboard: weight grids, feature maps, predictions and
/// the confusion matrix (computed by `Sequential+Introspection.swift`).

/// Counts by (true class, predicted class): `counts[t][p]` images of class `t` the model
/// called `p`. Rows sum to the images of each class; the whole matrix to the images counted.
public struct ConfusionMatrix: Sendable, Equatable {
    public var counts: [[Int]]
    public var total: Int { counts.joined().reduce(0, +) }
    /// The diagonal: images whose predicted class is their label.
    public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }

    public init(classes: Int) { counts = Array(repeating: Array(repeating: 0, count: max(classes, 0)), count: max(classes, 0)) }

    /// Counts from labels and predicted classes (pairs whose label or prediction is not a
    /// class below `classes` are not counted).
    public init(labels: [UInt8], predicted: [Int], classes: Int) {
        self.init(classes: classes)
        for (label, guess) in zip(labels, predicted) where Int(label) < classes && (0..<classes).contains(guess) {
            counts[Int(label)][guess] += 1
        }
    }

    /// Counts from labels and the model's outputs (`[count × classes]`, the arg-max wins).
    public init(labels: [UInt8], probabilities: [Float], classes: Int) {
        let rows = classes > 0 ? min(labels.count, probabilities.count / classes) : 0
        self.init(labels: Array(labels.prefix(rows)),
                  predicted: (0..<rows).map { argmax(probabilities[($0 * classes)..<(($0 + 1) * classes)]) }, classes: classes)
    }
}

/// The index of the largest value relative to the slice's start (the first, on ties; NaN never wins).
public func argmax(_ values: ArraySlice<Float>) -> Int {
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
    /// What each spatial layer outputs for `predictions[0]`'s image.
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

/// One input channel of a convolution layer's kernels as small images.
public struct FilterBank: Sendable, Equatable {
    public var layer: String
    public var kernelHeight: Int
    public var kernelWidth: Int
    /// `kernels[f][y·kernelWidth + x]` = `kernel[y, x, channel, f]` (Keras layout `[KH, KW, C, F]`).
    public var kernels: [[Float]]

    public init(layer: String, kernelHeight: Int, kernelWidth: Int, kernels: [[Float]]) {
        (self.layer, self.kernelHeight, self.kernelWidth, self.kernels) = (layer, kernelHeight, kernelWidth, kernels)
    }
}

/// One layer's output for one image: `channels` maps of `height × width`, map-major
/// (`maps[c][y·width + x]` = output `[y, x, c]`).
public struct FeatureMaps: Sendable, Equatable {
    public var layer: String
    public var height: Int
    public var width: Int
    public var maps: [[Float]]

    public init(layer: String, height: Int, width: Int, maps: [[Float]]) {
        (self.layer, self.height, self.width, self.maps) = (layer, height, width, maps)
    }

    /// HWC → CHW: `values` holds `height·width·channels` values, channel fastest
    /// (`[y, x, c]` at `(y·width + x)·channels + c`); returns one row-major map per channel.
    public static func channelMajor(_ values: [Float], height: Int, width: Int, channels: Int) -> [[Float]] {
        precondition(values.count == height * width * channels, "\(values.count) values for \(height)×\(width)×\(channels)")
        return (0..<channels).map { c in (0..<(height * width)).map { values[$0 * channels + c] } }
    }
}

import Foundation

/// Labelled images: `images` is `count × H·W·C` pixels (NHWC) — floats, or bytes scaled by
/// 1/255 (see `PixelValue`) — and `labels` `count` class indices.
public typealias Labeled<P: PixelValue> = (images: [P], labels: [UInt8])
/// Labelled float images.
public typealias LabeledImages = Labeled<Float>

extension Sequential {
    /// Trains with sparse categorical cross-entropy, Keras-style, data-parallel over `shards`
    /// shards (default the model's `threads`; see `Sequential+DataParallel.swift`). For a fixed seed
    /// and shard count the result is reproducible.
    ///
    /// Each epoch visits every training sample once in mini-batches of `batchSize` (the last
    /// may be short), in an order shuffled by a generator seeded from `(seed, epoch)`, so a
    /// resumed run shuffles as the uninterrupted one would. After each epoch the `test` set,
    /// if any, is evaluated. `onEvent` runs on the calling thread; `control` is checked
    /// between batches. Epochs are numbered from `initialEpoch + 1` to `epochs`.
    /// The largest batch `fit` accepts (and `stride train --batch-size`): checked before any
    /// buffer is sized by it, so 10¹² or `Int.max` is refused instead of overflowing
    /// `count + batchSize − 1` or allocating a terabyte.
    public static let maxBatchSize = 4096

    /// Batches in an epoch, `ceil(samples / batchSize)`, without the overflow of
    /// `(samples + batchSize − 1) / batchSize` (`batchSize` ≥ 1).
    public static func batchCount(samples: Int, batchSize: Int) -> Int {
        samples / batchSize + (samples % batchSize == 0 ? 0 : 1)
    }

    @discardableResult
    public func fit<P: PixelValue>(train: Labeled<P>, test: Labeled<P>? = nil, epochs: Int, batchSize: Int = 32,
                    optimizer: any Optimizer, shuffle: Bool = true, seed: UInt64 = 0, initialEpoch: Int = 0,
                    shards: Int? = nil, control: TrainingControl? = nil,
                    onEvent: (TrainingEvent) -> Void = { _ in }) throws(CNNError) -> TrainingSummary {
        let count = try sampleCount(train.images)
        guard train.labels.count == count else { throw CNNError.shapeMismatch("\(train.labels.count) labels for \(count) images") }
        guard count > 0 else { throw CNNError.invalidArgument("no training samples") }
        guard (1...Self.maxBatchSize).contains(batchSize) else {
            throw CNNError.invalidArgument("batch size must be from 1 to \(Self.maxBatchSize), not \(batchSize)")
        }
        guard epochs >= initialEpoch else { throw CNNError.invalidArgument("epochs (\(epochs)) < initial epoch (\(initialEpoch))") }
        try checkLabels(train.labels)
        if let test {
            guard test.labels.count == (try sampleCount(test.images)) else {
                throw CNNError.shapeMismatch("\(test.labels.count) test labels for \(test.images.count) test values")
            }
            try checkLabels(test.labels)
        }
        Engine.configureBLAS()
        let shards = max(1, shards ?? threads)
        prepare(maxBatch: min(batchSize, count))
        optimizer.build(parameters)
        let batches = Self.batchCount(samples: count, batchSize: batchSize)
        var summary = TrainingSummary(epochs: initialEpoch, loss: 0, accuracy: 0, trainSeconds: 0, samplesPerSecond: 0, stopped: false)
        var samples = 0
        var order = Array(0..<count)
        for epoch in (initialEpoch + 1)...max(epochs, initialEpoch + 1) where epoch <= epochs {
            if shuffle {
                order = Array(0..<count)
                var rng = SeededGenerator(seed: SeededGenerator.derive(seed, UInt64(epoch)))
                rng.shuffle(&order)
            }
            let start = DispatchTime.now().uptimeNanoseconds
            var lossSum = 0.0, correct = 0, seen = 0
            var stoppedAt: Int?
            train.images.withUnsafeBufferPointer { img in
                var labels = [UInt8](repeating: 0, count: min(batchSize, count))
                for b in 0..<batches {
                    if control?.waitWhilePaused() == true { stoppedAt = b; return }
                    let idx = order[(b * batchSize)..<min((b + 1) * batchSize, count)]
                    for (k, i) in idx.enumerated() { labels[k] = train.labels[i] }
                    let r = labels.withUnsafeBufferPointer {
                        trainStep(images: img, indices: idx, labels: $0.baseAddress!, optimizer: optimizer, shards: shards)
                    }
                    lossSum += r.loss * Double(idx.count)
                    correct += r.correct
                    seen += idx.count
                    onEvent(.batchEnd(epoch: epoch, batch: b + 1, batchesPerEpoch: batches, loss: lossSum / Double(seen),
                                      accuracy: Double(correct) / Double(seen), samplesSeen: seen))
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            summary.trainSeconds += seconds
            samples += seen
            summary.samplesPerSecond = Double(samples) / max(summary.trainSeconds, 1e-9)
            if seen > 0 { summary.loss = lossSum / Double(seen); summary.accuracy = Double(correct) / Double(seen) }
            if let b = stoppedAt {
                summary.stopped = true
                onEvent(.stopped(epoch: epoch, batch: b))
                return summary
            }
            if let test {
                let e = try evaluate(images: test.images, labels: test.labels)
                (summary.testLoss, summary.testAccuracy) = (e.loss, e.accuracy)
            }
            summary.epochs = epoch
            onEvent(.epochEnd(epoch: epoch, epochs: epochs, loss: summary.loss, accuracy: summary.accuracy,
                              testLoss: summary.testLoss, testAccuracy: summary.testAccuracy, seconds: seconds))
        }
        onEvent(.finished(summary))
        return summary
    }
}

import CNN
import Dispatch
import Foundation
import Synchronization
import Terminal

/// What the dashboard may ask of a training run. Calls come from the UI thread; the run
/// acts on them between batches.
public protocol TrainingHandle: AnyObject, Sendable {
    /// Every update posted since the last drain, oldest first.
    func drain() -> [TrainingUpdate]
    func setPaused(_ paused: Bool)
    /// Stops after the current batch (returns at once).
    func stop()
    /// Writes a checkpoint at the next batch boundary.
    func requestSave()
    /// Multiplies the learning rate by `factor` at the next batch boundary.
    func scaleLearningRate(by factor: Float)
}

/// `Sequential.fit` on a background thread, reporting to an `Inbox` that wakes the run loop.
///
/// The training thread alone touches the model: snapshots (predictions, filters, feature
/// maps) and checkpoints are taken inside `fit`'s event callback, between batches, so
/// inference never races training. Progress is posted at most every `progressInterval`
/// seconds, snapshots every `snapshotInterval` seconds and after each epoch, curve points
/// about `curvePointsPerEpoch` times an epoch: the inbox stays small under any batch rate.
public final class TrainingRun: TrainingHandle, @unchecked Sendable {
    public struct Configuration: Sendable {
        public var epochs: Int
        public var initialEpoch: Int
        public var batchSize: Int
        public var seed: UInt64
        /// Checkpoint after every epoch here (and on request); nil = only on request, to `requestPath`.
        public var savePath: String?
        /// Where a requested save goes when `savePath` is nil.
        public var requestPath: String
        public var progressInterval: Double = 0.1
        public var snapshotInterval: Double = 1.0
        public var curvePointsPerEpoch = 50
        /// Test images in the per-epoch confusion matrix.
        public var confusionImages = 2000
        /// A running loss above this (or not finite) counts as diverged.
        public var divergenceLoss = 100.0

        public init(epochs: Int, initialEpoch: Int = 0, batchSize: Int = 64, seed: UInt64 = 0, savePath: String? = nil,
                    requestPath: String) {
            (self.epochs, self.initialEpoch, self.batchSize, self.seed) = (epochs, initialEpoch, batchSize, seed)
            (self.savePath, self.requestPath) = (savePath, requestPath)
        }
    }

    public let inbox = Inbox<TrainingUpdate>(coalescingKey: { $0.coalescingKey })
    public let configuration: Configuration
    private let model: Sequential
    private let optimizer: any Optimizer
    private let train: Dataset
    private let test: Dataset
    private let control = TrainingControl()
    private enum Request { case save, scale(Float) }
    private let requests = Mutex<[Request]>([])
    private let done = DispatchSemaphore(value: 0)
    private let outcome = Mutex<TrainingSummary?>(nil)
    private let started = Mutex(false)

    public init(model: Sequential, optimizer: any Optimizer, train: Dataset, test: Dataset, configuration: Configuration) {
        self.model = model
        self.optimizer = optimizer
        self.train = train
        self.test = test
        self.configuration = configuration
    }

    /// Starts training on a new thread (once).
    public func start() {
        guard started.withLock({ let was = $0; $0 = true; return !was }) else { return }
        let thread = Thread { [self] in
            self.runTraining()
            self.done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits up to `seconds` for the thread to end; true when it has.
    public func wait(seconds: Double) -> Bool {
        guard started.withLock({ $0 }) else { return true }
        if done.wait(timeout: .now() + seconds) == .success { done.signal(); return true }
        return false
    }

    /// What `fit` returned (nil while running, or when it failed).
    public var summary: TrainingSummary? { outcome.withLock { $0 } }

    private let divergedAt = Mutex<(epoch: Int, batch: Int, loss: Double)?>(nil)
    /// Where the loss diverged, when it did.
    public var divergence: (epoch: Int, batch: Int, loss: Double)? { divergedAt.withLock { $0 } }

    public func drain() -> [TrainingUpdate] { inbox.drain() }

    public func setPaused(_ paused: Bool) {
        paused ? control.pause() : control.resume()
        inbox.post(.paused(paused))
    }

    public func stop() { control.stop() }
    public func requestSave() { requests.withLock { $0.append(.save) } }
    public func scaleLearningRate(by factor: Float) { requests.withLock { $0.append(.scale(factor)) } }

    // MARK: - The training thread

    private func runTraining() {
        let c = configuration
        let clock = ContinuousClock()
        var lastProgress = clock.now, lastSnapshot = clock.now
        let epochStart = Mutex(clock.now)
        var previous = (loss: 0.0, accuracy: 0.0, seen: 0)
        var smoothed: (loss: Double, accuracy: Double)?
        var step = 0
        let batches = Sequential.batchCount(samples: train.count, batchSize: max(1, c.batchSize))
        let pointEvery = max(1, batches / max(1, c.curvePointsPerEpoch))
        // Exponential smoothing over about max(pointEvery, 10) batches.
        let alpha = 2 / Double(max(pointEvery, 10) + 1)
        var completedEpochs = c.initialEpoch
        let probe = Self.probeIndices(test.labels, count: 12)
        inbox.post(.learningRate(optimizer.learningRate))
        post(snapshotAt: 0, probe: probe)

        do throws(CNNError) {
            let summary = try model.fit(
                train: (train.pixels, train.labels), test: (test.pixels, test.labels), epochs: c.epochs,
                batchSize: c.batchSize, optimizer: optimizer, shuffle: true, seed: c.seed, initialEpoch: c.initialEpoch,
                control: control
            ) { event in
                switch event {
                case .batchEnd(let epoch, let batch, let perEpoch, let loss, let accuracy, let seen):
                    if batch == 1 { epochStart.withLock { $0 = clock.now }; previous = (0, 0, 0) }
                    step += 1
                    let n = Double(seen - previous.seen)
                    let batchLoss = n > 0 ? (loss * Double(seen) - previous.loss * Double(previous.seen)) / n : loss
                    let batchAccuracy = n > 0 ? (accuracy * Double(seen) - previous.accuracy * Double(previous.seen)) / n : accuracy
                    previous = (loss, accuracy, seen)
                    if let s = smoothed, s.loss.isFinite {
                        smoothed = (s.loss + alpha * (batchLoss - s.loss), s.accuracy + alpha * (batchAccuracy - s.accuracy))
                    } else {
                        smoothed = (batchLoss, batchAccuracy)
                    }
                    if !loss.isFinite || loss > c.divergenceLoss {
                        inbox.post(.diverged(epoch: epoch, batch: batch, loss: loss))
                        divergedAt.withLock { $0 = (epoch, batch, loss) }
                        control.stop()
                        return
                    }
                    if step % pointEvery == 0, let s = smoothed {
                        inbox.post(.curve(step: step, loss: s.loss, accuracy: s.accuracy))
                    }
                    let now = clock.now
                    if now - lastProgress >= .seconds(c.progressInterval) || batch == 1 || batch == perEpoch {
                        let elapsed = (now - epochStart.withLock { $0 }).seconds
                        inbox.post(.progress(TrainingProgress(
                            epoch: epoch, epochs: c.epochs, batch: batch, batches: perEpoch, loss: loss, accuracy: accuracy,
                            samplesPerSecond: Double(seen) / max(elapsed, 1e-9), seconds: elapsed)))
                        lastProgress = now
                    }
                    if now - lastSnapshot >= .seconds(c.snapshotInterval) {
                        post(snapshotAt: step, probe: probe)
                        lastSnapshot = clock.now
                    }
                    handleRequests(epoch: completedEpochs, note: "epoch \(epoch), batch \(batch)")
                case .epochEnd(let epoch, _, let loss, let accuracy, let testLoss, let testAccuracy, let seconds):
                    completedEpochs = epoch
                    inbox.post(.epoch(EpochResult(epoch: epoch, loss: loss, accuracy: accuracy, testLoss: testLoss,
                                                  testAccuracy: testAccuracy, seconds: seconds)))
                    postConfusion()
                    post(snapshotAt: step, probe: probe)
                    if let path = c.savePath { save(to: path, epoch: epoch, note: "epoch \(epoch)") }
                case .finished(let summary):
                    inbox.post(.finished(summary))
                case .stopped:
                    inbox.post(.stopped)
                }
            }
            outcome.withLock { $0 = summary }
        } catch {
            inbox.post(.failed(error.description))
        }
    }

    private func handleRequests(epoch: Int, note: String) {
        let pending = requests.withLock { r -> [Request] in defer { r.removeAll() }; return r }
        for request in pending {
            switch request {
            case .save:
                save(to: configuration.savePath ?? configuration.requestPath, epoch: epoch, note: note)
            case .scale(let factor):
                let rate = optimizer.learningRate * factor
                if rate.isFinite, rate > 0 { optimizer.learningRate = rate }
                inbox.post(.learningRate(optimizer.learningRate))
            }
        }
    }

    private func save(to path: String, epoch: Int, note: String) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        do throws(CNNError) {
            try Checkpoint.save(model: model, optimizer: optimizer, epoch: epoch, to: path)
            inbox.post(.notice("saved (\(note)) to \(path)"))
        } catch {
            inbox.post(.notice("could not save: \(error.description)"))
        }
    }

    /// The first test image of each class, then the next ones, up to `count`.
    static func probeIndices(_ labels: [UInt8], count: Int) -> [Int] {
        var chosen: [Int] = [], seen = Set<UInt8>()
        for (i, label) in labels.enumerated() where !seen.contains(label) {
            seen.insert(label)
            chosen.append(i)
        }
        chosen.sort { labels[$0] < labels[$1] }
        var i = 0
        while chosen.count < min(count, labels.count) {
            if !chosen.contains(i) { chosen.append(i) }
            i += 1
        }
        return Array(chosen.prefix(count))
    }

    private func post(snapshotAt step: Int, probe: [Int]) {
        if let snapshot = try? takeSnapshot(step: step, probe: probe) { inbox.post(.snapshot(snapshot)) }
    }

    /// Predictions for the probe images, the first conv layer's kernels, and every spatial
    /// layer's output for the first probe image.
    func takeSnapshot(step: Int, probe: [Int]) throws(CNNError) -> TrainingSnapshot {
        let size = test.imageSize
        var images: [Float] = []
        images.reserveCapacity(probe.count * size)
        for i in probe { images += test.image(i) }
        let classes = model.classes
        let probabilities = try model.predict(images: images)
        let predictions = probe.enumerated().map { k, i in
            let row = probabilities[(k * classes)..<((k + 1) * classes)]
            let best = argmax(row)
            return DigitPrediction(pixels: Array(test.image(i)), height: test.height, width: test.width,
                                   label: Int(test.labels[i]), predicted: best, confidence: Double(row[row.startIndex + best]))
        }
        var filters: FilterBank?
        if let kernel = model.weights.first(where: { $0.name.hasSuffix("/kernel") && $0.value.shape.count == 4 }) {
            let s = kernel.value.shape  // [KH, KW, C, F]
            let (kh, kw, channels, count) = (s[0], s[1], s[2], s[3])
            let kernels = (0..<count).map { f in
                (0..<(kh * kw)).map { p in kernel.value.values[(p * channels) * count + f] }
            }
            filters = FilterBank(layer: String(kernel.name.split(separator: "/").first ?? ""), kernelHeight: kh,
                                 kernelWidth: kw, kernels: kernels)
        }
        var maps: [FeatureMaps] = []
        if let first = probe.first {
            for (layer, output) in try model.activations(image: Array(test.image(first))) {
                let shape = output.shape.count == 4 ? Array(output.shape.dropFirst()) : output.shape
                guard shape.count == 3, shape[0] > 1, shape[1] > 1 else { continue }
                let (h, w, c) = (shape[0], shape[1], shape[2])
                let channelMaps = (0..<c).map { ch in (0..<(h * w)).map { output.values[$0 * c + ch] } }
                maps.append(FeatureMaps(layer: layer, height: h, width: w, maps: channelMaps))
            }
        }
        return TrainingSnapshot(predictions: predictions, filters: filters, featureMaps: maps, step: step)
    }

    private func postConfusion() {
        let n = min(configuration.confusionImages, test.count)
        guard n > 0 else { return }
        let images = Array(test.pixels[0..<(n * test.imageSize)])
        guard let probabilities = try? model.predict(images: images) else { return }
        inbox.post(.confusion(ConfusionMatrix(labels: Array(test.labels[0..<n]), probabilities: probabilities, classes: model.classes)))
    }
}

extension Duration {
    /// This duration in seconds.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

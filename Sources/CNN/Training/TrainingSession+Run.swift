import Foundation

/// The training thread: `fit` with a callback that turns its events into session events and
/// serves commands between batches.
extension TrainingSession {
    /// The loop's bookkeeping (touched by the training thread only).
    struct RunState {
        var step = 0
        var completedEpochs: Int
        /// The epoch being trained (1-based) and the batches of it done.
        var epoch: Int
        var batch = 0
        var batchMeans = BatchMeans()
        var smoother: LossSmoother
        var epochStart: ContinuousClock.Instant
        var lastProgress: ContinuousClock.Instant
        var lastSnapshot: ContinuousClock.Instant
    }

    func run() {
        let c = configuration
        let clock = ContinuousClock()
        let batches = batchesPerEpoch
        let pointEvery = max(1, batches / max(1, c.curvePointsPerEpoch))
        // Exponential smoothing over about max(pointEvery, 10) batches.
        var s = RunState(completedEpochs: c.initialEpoch, epoch: c.initialEpoch + 1, smoother: LossSmoother(span: max(pointEvery, 10)),
                         epochStart: clock.now, lastProgress: clock.now, lastSnapshot: clock.now)
        let probe = Self.probeIndices(test.labels, count: c.probeImages)
        trained.withLock { $0 = Double(c.initialEpoch) }
        hub.emit(.started(learningRate: optimizer.learningRate, initialEpoch: c.initialEpoch, batchesPerEpoch: batches))
        if c.snapshots { emitSnapshot(step: 0, probe: probe) }
        let testSplit: Labeled<UInt8>? = test.count > 0 ? (test.pixels, test.labels) : nil
        let result: TrainingSummary
        do throws(CNNError) {
            result = try model.fit(
                train: (train.pixels, train.labels), test: testSplit, epochs: c.epochs,
                batchSize: c.batchSize, optimizer: optimizer, shuffle: true, seed: c.seed, initialEpoch: c.initialEpoch,
                control: control
            ) { event in
                switch event {
                case .batchEnd(let epoch, let batch, let perEpoch, let loss, let accuracy, let seen):
                    self.batchEnded(&s, epoch: epoch, batch: batch, of: perEpoch, loss: loss, accuracy: accuracy, seen: seen,
                                    pointEvery: pointEvery, probe: probe, clock: clock)
                case .epochEnd(let epoch, _, let loss, let accuracy, let testLoss, let testAccuracy, let seconds):
                    s.completedEpochs = epoch
                    self.trained.withLock { $0 = Double(epoch) }
                    s.batch = 0
                    self.hub.emit(.epoch(EpochResult(epoch: epoch, loss: loss, accuracy: accuracy, testLoss: testLoss,
                                                     testAccuracy: testAccuracy, seconds: seconds)))
                    self.emitConfusion()
                    if c.snapshots { self.emitSnapshot(step: s.step, probe: probe) }
                    if c.checkpoints.schedule == .everyEpoch, let path = c.checkpoints.path {
                        self.save(to: path, state: s)
                    }
                case .finished, .stopped:
                    break
                }
            }
        } catch {
            hub.emit(.failed(error.description))
            return
        }
        outcome.withLock { $0 = result }
        if let d = divergence {
            hub.emit(.diverged(epoch: d.epoch, batch: d.batch, loss: d.loss))
            return
        }
        if c.checkpoints.schedule == .atEnd, let path = c.checkpoints.path { save(to: path, state: s) }
        serveRequests(s)
        hub.emit(result.stopped ? .stopped(result) : .finished(result))
    }

    /// After each batch: curve point, progress, divergence check, snapshot, then commands.
    private func batchEnded(_ s: inout RunState, epoch: Int, batch: Int, of perEpoch: Int, loss: Double, accuracy: Double,
                            seen: Int, pointEvery: Int, probe: [Int], clock: ContinuousClock) {
        let c = configuration
        if batch == 1 { s.epochStart = clock.now }
        s.step += 1
        (s.epoch, s.batch) = (epoch, batch)
        trained.withLock { $0 = Double(epoch - 1) + Double(batch) / Double(max(perEpoch, 1)) }
        let own = s.batchMeans.batch(runningLoss: loss, runningAccuracy: accuracy, seen: seen)
        let smooth = s.smoother.add(loss: own.loss, accuracy: own.accuracy)
        if !loss.isFinite || loss > c.divergenceLoss {
            divergedAt.withLock { $0 = (epoch, batch, loss) }
            control.stop()
            return
        }
        if s.step % pointEvery == 0 {
            hub.emit(.curve(CurvePoint(step: s.step, epoch: epoch, batch: batch, batchLoss: own.loss, batchAccuracy: own.accuracy,
                                       loss: smooth.loss, accuracy: smooth.accuracy)))
        }
        let now = clock.now
        if now - s.lastProgress >= .seconds(c.progressInterval) || batch == 1 || batch == perEpoch {
            let elapsed = Self.seconds(now - s.epochStart)
            hub.emit(.progress(TrainingProgress(epoch: epoch, epochs: c.epochs, batch: batch, batches: perEpoch, loss: loss,
                                                accuracy: accuracy, samplesPerSecond: Double(seen) / max(elapsed, 1e-9),
                                                seconds: elapsed)))
            s.lastProgress = now
        }
        if c.snapshots, c.snapshotInterval.isFinite, now - s.lastSnapshot >= .seconds(c.snapshotInterval) {
            emitSnapshot(step: s.step, probe: probe)
            s.lastSnapshot = clock.now
        }
        serveRequests(s)
        holdWhilePaused(s)
    }

    /// Blocks the training thread while paused (serving saves and rate changes meanwhile).
    private func holdWhilePaused(_ s: RunState) {
        guard commands.withLock({ $0.paused && !$0.stopped }) else { return }
        hub.emit(.paused(true))
        while true {
            wakeUp.lock()
            let keepWaiting = commands.withLock { $0.paused && !$0.stopped && $0.requests.isEmpty }
            if keepWaiting { _ = wakeUp.wait(until: Date().addingTimeInterval(0.5)) }
            wakeUp.unlock()
            serveRequests(s)
            if !commands.withLock({ $0.paused && !$0.stopped }) { break }
        }
        hub.emit(.paused(false))
    }

    /// Acts on queued saves and learning-rate changes, oldest first.
    private func serveRequests(_ s: RunState) {
        let pending = commands.withLock { c -> [Request] in defer { c.requests.removeAll() }; return c.requests }
        for request in pending {
            switch request {
            case .save:
                if let path = configuration.checkpoints.path {
                    save(to: path, state: s)
                } else {
                    hub.emit(.saveFailed(path: "", message: "this run has no checkpoint path"))
                }
            case .setRate(let rate):
                if rate.isFinite, rate > 0 { optimizer.learningRate = rate }
                hub.emit(.learningRate(optimizer.learningRate))
            case .scaleRate(let factor):
                let rate = optimizer.learningRate * factor
                if rate.isFinite, rate > 0 { optimizer.learningRate = rate }
                hub.emit(.learningRate(optimizer.learningRate))
            }
        }
    }

    /// Writes a checkpoint recording what the run has done: the epochs completed and the share
    /// of the current epoch's batches trained (`batch / batchesPerEpoch`; a finished epoch counts whole).
    func save(to path: String, state s: RunState) {
        let batches = batchesPerEpoch
        let midEpoch = s.batch > 0 && s.batch < batches && s.completedEpochs < s.epoch
        let epochs = midEpoch ? s.epoch - 1 : max(s.completedEpochs, s.batch >= batches ? s.epoch : 0)
        let fraction = midEpoch ? Double(s.batch) / Double(batches) : 0
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        do throws(CNNError) {
            try Checkpoint.save(model: model, optimizer: optimizer, epoch: epochs, fraction: fraction, to: path)
            hub.emit(.saved(path: path, epoch: s.epoch, batch: midEpoch ? s.batch : nil, epochsTrained: Double(epochs) + fraction))
        } catch {
            hub.emit(.saveFailed(path: path, message: error.description))
        }
    }

    private func emitSnapshot(step: Int, probe: [Int]) {
        if let snapshot = try? takeSnapshot(step: step, probe: probe) { hub.emit(.snapshot(snapshot)) }
    }

    /// Predictions for the probe images, the first convolution layer's kernels (input channel
    /// 0), and every spatial layer's feature maps for the first probe image.
    func takeSnapshot(step: Int, probe: [Int]) throws(CNNError) -> TrainingSnapshot {
        var images: [Float] = []
        images.reserveCapacity(probe.count * test.imageSize)
        for i in probe { images += test.image(i) }
        let predictions = try model.predictions(images: images, labels: probe.map { test.labels[$0] }, height: test.height, width: test.width)
        var filters: FilterBank?
        if let first = model.convolutionLayerNames.first { filters = try model.filters(layer: first) }
        var maps: [FeatureMaps] = []
        if let first = probe.first { maps = try model.featureMaps(image: Array(test.image(first))) }
        return TrainingSnapshot(predictions: predictions, filters: filters, featureMaps: maps, step: step)
    }

    private func emitConfusion() {
        let n = min(configuration.confusionImages, test.count)
        guard n > 0 else { return }
        let images = Array(test.pixels[0..<(n * test.imageSize)])
        if let matrix = try? model.confusionMatrix(images: images, labels: Array(test.labels[0..<n])) { hub.emit(.confusion(matrix)) }
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}

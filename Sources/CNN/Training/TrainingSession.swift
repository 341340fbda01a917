import Dispatch
import Foundation
import Synchronization

/// A training run as an engine object: `Sequential.fit` on its own thread, driven by
/// thread-safe commands (`start`, `pause`, `resume`, `stop`, `save`, `setLearningRate`) and
/// reporting `TrainingSessionEvent`s to subscribers (`events(_:)` or `eventStream()`).
///
/// Only the training thread touches the model and optimizer: commands are queued and acted on
/// between batches (a pause holds the thread between batches and still serves saves and
/// learning-rate changes), snapshots, confusion matrices and checkpoints are taken there, so
/// inference never races training. Progress is reported at most every `progressInterval`
/// seconds, snapshots every `snapshotInterval` seconds and after each epoch, curve points
/// about `curvePointsPerEpoch` times an epoch: subscribers get a bounded rate under any batch rate.
public final class TrainingSession: @unchecked Sendable {
    public struct Configuration: Sendable, Equatable {
        /// Epochs in all, counting the `initialEpoch` already done (a resume).
        public var epochs: Int
        public var initialEpoch: Int
        public var batchSize: Int
        /// Seeds the shuffling of every epoch (`fit`'s `seed`).
        public var seed: UInt64
        public var checkpoints: CheckpointPolicy
        public var progressInterval: Double = 0.1
        /// Whether to take snapshots at all (a run without a dashboard needs none).
        public var snapshots = true
        /// Seconds between snapshots while an epoch runs (`.infinity`: only at the start and after each epoch).
        public var snapshotInterval: Double = 1.0
        public var curvePointsPerEpoch = 50
        /// Test images shown with predictions in snapshots (the first of each class first).
        public var probeImages = 12
        /// Test images in the per-epoch confusion matrix (0: none).
        public var confusionImages = 2000
        /// A running loss above this (or not finite) counts as diverged.
        public var divergenceLoss = 100.0

        public init(epochs: Int, initialEpoch: Int = 0, batchSize: Int = 64, seed: UInt64 = 0,
                    checkpoints: CheckpointPolicy = .never) {
            (self.epochs, self.initialEpoch, self.batchSize, self.seed, self.checkpoints) = (epochs, initialEpoch, batchSize, seed, checkpoints)
        }
    }

    public let configuration: Configuration
    let model: Sequential
    let optimizer: any Optimizer
    let train: Dataset
    let test: Dataset
    let hub = EventHub()
    let control = TrainingControl()

    enum Request: Equatable { case save, setRate(Float), scaleRate(Float) }
    struct Commands { var requests: [Request] = []; var paused = false; var stopped = false; var started = false }
    let commands = Mutex(Commands())
    /// Signalled when a command arrives (wakes a paused training thread at once).
    let wakeUp = NSCondition()
    private let done = DispatchSemaphore(value: 0)
    let outcome = Mutex<TrainingSummary?>(nil)
    let divergedAt = Mutex<(epoch: Int, batch: Int, loss: Double)?>(nil)
    /// Epochs completed plus the share of the current one: `(epoch − 1) + batch / batchesPerEpoch`.
    let trained = Mutex<Double>(0)

    /// Checks the data against the model now, so that a bad combination fails here, not on the thread.
    public init(model: Sequential, optimizer: any Optimizer, train: Dataset, test: Dataset,
                configuration: Configuration) throws(CNNError) {
        guard configuration.batchSize >= 1 else { throw CNNError.invalidArgument("batch size must be ≥ 1, not \(configuration.batchSize)") }
        guard configuration.epochs >= configuration.initialEpoch, configuration.initialEpoch >= 0 else {
            throw CNNError.invalidArgument("epochs (\(configuration.epochs)) < initial epoch (\(configuration.initialEpoch))")
        }
        guard train.count > 0 else { throw CNNError.invalidArgument("no training samples") }
        for split in [train, test] where split.count > 0 {
            guard [split.height, split.width, 1] == model.inputShape else {
                throw CNNError.shapeMismatch("the model expects \(model.inputShape) inputs but \(split.name) images are [\(split.height), \(split.width), 1]")
            }
        }
        try model.checkLabels(train.labels)
        try model.checkLabels(test.labels)
        (self.model, self.optimizer, self.train, self.test, self.configuration) = (model, optimizer, train, test, configuration)
        trained.withLock { $0 = Double(configuration.initialEpoch) }
    }

    /// Batches in one epoch: `⌈train.count / batchSize⌉`.
    public var batchesPerEpoch: Int { (train.count + configuration.batchSize - 1) / configuration.batchSize }

    // MARK: Subscribing

    /// Calls `handler` with every event from now on, on the training thread, in order. After
    /// the run has ended, it gets the final event at once.
    @discardableResult
    public func events(_ handler: @escaping @Sendable (TrainingSessionEvent) -> Void) -> TrainingSubscription {
        hub.subscribe(handler)
    }

    /// The events as an `AsyncStream` that finishes after the final event (or when the
    /// consumer stops iterating). Nothing is dropped: subscribe before `start`.
    public func eventStream() -> AsyncStream<TrainingSessionEvent> {
        let (stream, continuation) = AsyncStream<TrainingSessionEvent>.makeStream()
        let subscription = events { event in
            continuation.yield(event)
            if event.isFinal { continuation.finish() }
        }
        continuation.onTermination = { _ in subscription.cancel() }
        return stream
    }

    /// The final event, once the run has ended.
    public var finalEvent: TrainingSessionEvent? { hub.finalEvent }

    // MARK: Commands (any thread)

    /// Starts training on a new thread (once; later calls do nothing).
    public func start() {
        guard commands.withLock({ c in defer { c.started = true }; return !c.started }) else { return }
        let thread = Thread { [self] in
            self.run()
            self.done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Holds training after the current batch until `resume()`.
    public func pause() { command { $0.paused = true } }
    public func resume() { command { $0.paused = false } }
    public func setPaused(_ paused: Bool) { paused ? pause() : resume() }
    /// Ends the run after the current batch (returns at once; `wait` for the end).
    public func stop() {
        command { $0.stopped = true }
        control.stop()
    }
    /// Writes a checkpoint to the policy's path after the current batch (or at once when paused).
    public func save() { command { $0.requests.append(.save) } }
    /// Uses `rate` (finite, > 0; others are ignored) from the next batch on.
    public func setLearningRate(_ rate: Float) { command { $0.requests.append(.setRate(rate)) } }
    /// Multiplies the learning rate by `factor` from the next batch on.
    public func scaleLearningRate(by factor: Float) { command { $0.requests.append(.scaleRate(factor)) } }

    private func command(_ change: (inout Commands) -> Void) {
        commands.withLock { change(&$0) }
        wakeUp.lock()
        wakeUp.broadcast()
        wakeUp.unlock()
    }

    /// Waits up to `seconds` for the training thread to end; true when it has (or never started).
    public func wait(seconds: Double) -> Bool {
        guard commands.withLock({ $0.started }) else { return true }
        if done.wait(timeout: .now() + seconds) == .success { done.signal(); return true }
        return false
    }

    /// What `fit` returned (nil while running, or when it failed).
    public var summary: TrainingSummary? { outcome.withLock { $0 } }
    /// How far the run has got, in epochs (a resumed run counts the checkpoint's): 1.37 after
    /// 37 % of the second epoch's batches.
    public var epochsTrained: Double { trained.withLock { $0 } }
    /// Where the loss diverged, when it did.
    public var divergence: (epoch: Int, batch: Int, loss: Double)? { divergedAt.withLock { $0 } }

    /// The first test image of each class (in class order), then the next ones, up to `count`.
    public static func probeIndices(_ labels: [UInt8], count: Int) -> [Int] {
        var chosen: [Int] = [], seen = Set<UInt8>()
        for (i, label) in labels.enumerated() where !seen.contains(label) {
            seen.insert(label)
            chosen.append(i)
        }
        chosen.sort { labels[$0] < labels[$1] }
        chosen = Array(chosen.prefix(count))
        var taken = Set(chosen), i = 0
        while chosen.count < min(count, labels.count) {
            if taken.insert(i).inserted { chosen.append(i) }
            i += 1
        }
        return chosen
    }
}

import CNN
import Foundation
import ModelFiles
import Synchronization
import Terminal

/// What the dashboard may ask of a training run. Calls come from the UI thread; the run
/// acts on them between batches.
public protocol TrainingHandle: AnyObject, Sendable {
    /// Every update posted since the last drain, oldest first (for callers that poll).
    func drain() -> [TrainingUpdate]
    /// Sends every update from now on (and those still waiting) to `send`, from the
    /// training thread; returns how to stop (the run itself goes on until `stop()`).
    func subscribe(_ send: @escaping @Sendable (TrainingUpdate) -> Void) -> @Sendable () -> Void
    func setPaused(_ paused: Bool)
    /// Stops after the current batch (returns at once).
    func stop()
    /// Writes a checkpoint at the next batch boundary.
    func requestSave()
    /// Multiplies the learning rate by `factor` at the next batch boundary.
    func scaleLearningRate(by factor: Float)
    /// How far the run has got, in epochs (1.37: 37 % into the second).
    var epochsTrained: Double { get }
    /// Once training has ended: writes the checkpoint now (blocking — run it as a command) and
    /// says what happened, as `.saved` or `.saveFailed`.
    func saveAfterEnd() -> TrainingUpdate
}

/// A `TrainingSession` seen by the dashboard: the session's events, turned into
/// `TrainingUpdate`s, go to the dashboard's subscription (or wait in `inbox` until it
/// subscribes, or for a caller that polls); the dashboard's commands go to the session.
/// Everything the dashboard shows is computed by the engine.
public final class TrainingRun: TrainingHandle, Sendable {
    public let inbox = Inbox<TrainingUpdate>(coalescingKey: { $0.coalescingKey })
    public let session: TrainingSession
    private let subscription: TrainingSubscription
    /// Where updates go: a subscriber when there is one, else the inbox.
    private let sink = UpdateSink()

    public init(session: TrainingSession) {
        self.session = session
        let inbox = self.inbox
        let sink = self.sink
        subscription = session.events { event in
            if case .saved(let path, _, _, _) = event { sink.lastSaved.withLock { $0 = path } }
            sink.send.withLock { send in
                for update in TrainingUpdate.updates(for: event) {
                    if let send { send(update) } else { inbox.post(update) }
                }
            }
        }
    }

    public func subscribe(_ send: @escaping @Sendable (TrainingUpdate) -> Void) -> @Sendable () -> Void {
        let inbox = self.inbox
        sink.send.withLock { sink in
            for update in inbox.drain() { send(update) }
            sink = send
        }
        return { [weak self] in self?.sink.send.withLock { $0 = nil } }
    }

    /// Builds the session of a prepared run and what the dashboard shows before training
    /// starts; `model` is the name as the user gave it (default: the configuration's).
    public static func make(_ run: PreparedRun, model: String? = nil) throws(CNNError) -> (TrainingRun, DashboardInfo) {
        let c = run.configuration
        let info = DashboardInfo(
            model: model ?? c.model, layers: (try? run.model.spec.layerInfos()) ?? [], parameters: run.model.parameterCount,
            dataset: c.dataset.displayName, classNames: run.train.classNames, trainCount: run.train.count, testCount: run.test.count,
            optimizer: run.optimizer.name, batchSize: c.batchSize, epochs: run.epochs, initialEpoch: run.initialEpoch,
            dataSource: run.dataFiles?.path ?? "")
        return (TrainingRun(session: try run.session()), info)
    }

    /// Starts training on the session's thread (once).
    public func start() { session.start() }
    /// Waits up to `seconds` for training to end; true when it has.
    public func wait(seconds: Double) -> Bool { session.wait(seconds: seconds) }
    /// What `fit` returned (nil while running, or when it failed).
    public var summary: TrainingSummary? { session.summary }
    public var epochsTrained: Double { session.epochsTrained }
    /// Where the loss diverged, when it did.
    public var divergence: (epoch: Int, batch: Int, loss: Double)? { session.divergence }

    public func drain() -> [TrainingUpdate] { inbox.drain() }
    /// Where the last checkpoint that was really written went (nil: none was).
    public var lastSavedPath: String? { sink.lastSaved.withLock { $0 } }
    public func setPaused(_ paused: Bool) { session.setPaused(paused) }
    public func stop() { session.stop() }
    public func requestSave() { session.save() }
    public func scaleLearningRate(by factor: Float) { session.scaleLearningRate(by: factor) }

    public func saveAfterEnd() -> TrainingUpdate {
        do {
            let saved = try session.saveAfterRun()
            sink.lastSaved.withLock { $0 = saved.path }
            let epoch = Int(saved.epochsTrained.rounded(.up))
            return .saved(path: saved.path, epoch: max(epoch, 1), batch: nil, epochsTrained: saved.epochsTrained)
        } catch {
            return .saveFailed(error.description)
        }
    }

    deinit { subscription.cancel() }
}

/// The dashboard's subscription, shared with the session's event callback.
private final class UpdateSink: Sendable {
    let send = Mutex<(@Sendable (TrainingUpdate) -> Void)?>(nil)
    let lastSaved = Mutex<String?>(nil)
}

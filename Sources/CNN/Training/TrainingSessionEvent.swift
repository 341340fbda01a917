import Synchronization

/// What a `TrainingSession` reports, in order, all from its training thread: `started`, then
/// per batch `curve` points and throttled `progress`, per epoch `epoch` and `confusion`,
/// `snapshot`s on a timer and after each epoch, command echoes (`learningRate`, `paused`,
/// `saved`/`saveFailed`), and exactly one final event (`isFinal`): `finished`, `stopped`,
/// `diverged` or `failed`. Nothing follows the final event.
public enum TrainingSessionEvent: Sendable, Equatable {
    /// Training began: the optimizer's learning rate and the epochs already done (a resume).
    case started(learningRate: Float, initialEpoch: Int, batchesPerEpoch: Int)
    case progress(TrainingProgress)
    case curve(CurvePoint)
    case epoch(EpochResult)
    /// Predictions on a few fixed test images, first-layer filters, feature maps.
    case snapshot(TrainingSnapshot)
    /// The confusion matrix of the first `Configuration.confusionImages` test images after an epoch.
    case confusion(ConfusionMatrix)
    /// The learning rate now in use (after `setLearningRate`/`scaleLearningRate`).
    case learningRate(Float)
    /// The training thread paused (true) or went on (false) between batches.
    case paused(Bool)
    /// A checkpoint was written: `epoch` (1-based) is the epoch being trained, `batch` the batch
    /// after which it was saved (nil at the epoch's end), `epochsTrained` what the file records.
    case saved(path: String, epoch: Int, batch: Int?, epochsTrained: Double)
    case saveFailed(path: String, message: String)
    case finished(TrainingSummary)
    /// `stop()` ended the run early; the summary counts the epochs completed.
    case stopped(TrainingSummary)
    /// The running loss became NaN, infinite or larger than `Configuration.divergenceLoss`.
    case diverged(epoch: Int, batch: Int, loss: Double)
    case failed(String)

    /// Whether this is the session's last event.
    public var isFinal: Bool {
        switch self {
        case .finished, .stopped, .diverged, .failed: true
        default: false
        }
    }
}

/// When a session writes checkpoints. Every write is atomic (`Checkpoint.save`); a save
/// requested with `TrainingSession.save()` always goes to `path`.
public struct CheckpointPolicy: Sendable, Equatable {
    public enum Schedule: Sendable, Equatable {
        /// After every epoch (the last one included).
        case everyEpoch
        /// Once, when the run finishes or is stopped (mid-epoch: with the fraction done).
        case atEnd
        /// Only when asked.
        case onRequest
    }

    /// Where checkpoints go; nil: nowhere (a requested save reports `saveFailed`).
    public var path: String?
    public var schedule: Schedule

    public init(path: String?, schedule: Schedule) { (self.path, self.schedule) = (path, schedule) }

    public static let never = CheckpointPolicy(path: nil, schedule: .onRequest)
}

/// A handler registered with `TrainingSession.events(_:)`; `cancel()` unregisters it (the
/// handler may still be running one event when `cancel` returns, never a later one).
public final class TrainingSubscription: Sendable {
    private let cancelAction: Mutex<(@Sendable () -> Void)?>

    init(cancel: @escaping @Sendable () -> Void) { cancelAction = Mutex(cancel) }

    public func cancel() {
        let action = cancelAction.withLock { a -> (@Sendable () -> Void)? in defer { a = nil }; return a }
        action?()
    }
}

/// The handlers of one session and its final event (replayed to late subscribers).
final class EventHub: Sendable {
    private struct State {
        var handlers: [Int: @Sendable (TrainingSessionEvent) -> Void] = [:]
        var next = 0
        var final: TrainingSessionEvent?
    }
    private let state = Mutex(State())
    /// Serialises delivery, so that every handler sees the events in order.
    private let delivery = Mutex(())

    func subscribe(_ handler: @escaping @Sendable (TrainingSessionEvent) -> Void) -> TrainingSubscription {
        let (id, final) = state.withLock { s -> (Int?, TrainingSessionEvent?) in
            if let f = s.final { return (nil, f) }
            defer { s.next += 1 }
            s.handlers[s.next] = handler
            return (s.next, nil)
        }
        guard let id else {
            if let final { handler(final) }
            return TrainingSubscription {}
        }
        return TrainingSubscription { [weak self] in
            guard let self else { return }
            self.state.withLock { _ = $0.handlers.removeValue(forKey: id) }
        }
    }

    /// Calls every handler with `event`; after a final event, no handler is called again.
    func emit(_ event: TrainingSessionEvent) {
        delivery.withLock { _ in
            let handlers = state.withLock { s -> [@Sendable (TrainingSessionEvent) -> Void] in
                guard s.final == nil else { return [] }
                if event.isFinal { s.final = event }
                let list = s.handlers.sorted { $0.key < $1.key }.map(\.value)
                if event.isFinal { s.handlers.removeAll() }
                return list
            }
            for handler in handlers { handler(event) }
        }
    }

    var finalEvent: TrainingSessionEvent? { state.withLock { $0.final } }
}

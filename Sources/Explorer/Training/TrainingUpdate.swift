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
    /// A one-line notice.
    case notice(String)
    /// A checkpoint was written: `epoch`/`batch` where the run was (batch nil: at an epoch's
    /// end or after the run), `epochsTrained` what the file records.
    case saved(path: String, epoch: Int, batch: Int?, epochsTrained: Double)
    case saveFailed(String)
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

extension TrainingUpdate {
    /// What the dashboard makes of a session event (the figures are the engine's, unchanged).
    public static func updates(for event: TrainingSessionEvent) -> [TrainingUpdate] {
        switch event {
        case .started(let rate, _, _): [.learningRate(rate)]
        case .progress(let p): [.progress(p)]
        case .curve(let point): [.curve(step: point.step, loss: point.loss, accuracy: point.accuracy)]
        case .epoch(let e): [.epoch(e)]
        case .snapshot(let s): [.snapshot(s)]
        case .confusion(let c): [.confusion(c)]
        case .learningRate(let rate): [.learningRate(rate)]
        case .paused(let paused): [.paused(paused)]
        case .saved(let path, let epoch, let batch, let trained): [.saved(path: path, epoch: epoch, batch: batch, epochsTrained: trained)]
        case .saveFailed(_, let message): [.saveFailed(message)]
        case .finished(let summary): [.finished(summary)]
        case .stopped: [.stopped]
        case .diverged(let epoch, let batch, let loss): [.diverged(epoch: epoch, batch: batch, loss: loss)]
        case .failed(let message): [.failed(message)]
        }
    }
}

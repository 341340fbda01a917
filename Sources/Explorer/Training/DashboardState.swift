import CNN
import Terminal

/// What the dashboard knows before training starts.
public struct DashboardInfo: Sendable, Equatable {
    /// The model's name as the user gave it (`seed`, `small`, a file).
    public var model: String
    public var layers: [LayerInfo]
    public var parameters: Int
    /// `MNIST` or `Fashion-MNIST`.
    public var dataset: String
    public var classNames: [String]
    public var trainCount: Int
    public var testCount: Int
    public var optimizer: String
    public var batchSize: Int
    public var epochs: Int
    public var initialEpoch: Int
    /// Where the training images came from (a directory or file).
    public var dataSource: String

    public init(model: String, layers: [LayerInfo], parameters: Int, dataset: String, classNames: [String],
                trainCount: Int, testCount: Int, optimizer: String, batchSize: Int, epochs: Int, initialEpoch: Int = 0,
                dataSource: String = "") {
        (self.model, self.layers, self.parameters, self.dataset, self.classNames) = (model, layers, parameters, dataset, classNames)
        (self.trainCount, self.testCount, self.optimizer, self.batchSize) = (trainCount, testCount, optimizer, batchSize)
        (self.epochs, self.initialEpoch, self.dataSource) = (epochs, initialEpoch, dataSource)
    }

    /// Batches in one epoch.
    public var batchesPerEpoch: Int { max(1, (trainCount + batchSize - 1) / max(1, batchSize)) }
}

/// Where the run stands.
public enum TrainingPhase: Sendable, Equatable {
    case starting, running, paused
    case finished(TrainingSummary)
    case stopped
    case diverged(epoch: Int, batch: Int, loss: Double)
    case failed(String)

    /// Training no longer runs (the figures are final).
    public var isOver: Bool {
        switch self {
        case .finished, .stopped, .diverged, .failed: true
        default: false
        }
    }
}

/// The dashboard's state: every training update folded in. Pure; tests feed it updates.
public struct DashboardState: Sendable, Equatable {
    public var info: DashboardInfo
    public var phase = TrainingPhase.starting
    public var progress: TrainingProgress?
    public var learningRate: Float?
    /// Smoothed training loss and accuracy by batches trained.
    public var curve: [(step: Int, loss: Double, accuracy: Double)] = []
    public var epochs: [EpochResult] = []
    public var snapshot: TrainingSnapshot?
    public var confusion: ConfusionMatrix?
    public var notice: String?
    /// The epochs the last written checkpoint records, and where it went (nil: none written).
    public var saved: (epochsTrained: Double, path: String)?
    /// The language of notices made from updates.
    public var language = Language.en

    public init(info: DashboardInfo, language: Language = .en) { (self.info, self.language) = (info, language) }

    public static func == (a: DashboardState, b: DashboardState) -> Bool {
        a.info == b.info && a.phase == b.phase && a.progress == b.progress && a.learningRate == b.learningRate
            && a.curve.elementsEqual(b.curve, by: { $0 == $1 }) && a.epochs == b.epochs && a.snapshot == b.snapshot
            && a.confusion == b.confusion && a.notice == b.notice && a.saved?.epochsTrained == b.saved?.epochsTrained
            && a.saved?.path == b.saved?.path
    }

    public mutating func apply(_ update: TrainingUpdate) {
        switch update {
        case .progress(let p):
            progress = p
            if phase == .starting { phase = .running }
        case .curve(let step, let loss, let accuracy):
            curve.append((step, loss, accuracy))
            if curve.count > 4000 { curve = stride(from: 0, to: curve.count, by: 2).map { curve[$0] } }
        case .epoch(let e):
            epochs.removeAll { $0.epoch == e.epoch }
            epochs.append(e)
        case .snapshot(let s): snapshot = s
        case .confusion(let c): confusion = c
        case .learningRate(let r): learningRate = r
        case .paused(let paused):
            if !phase.isOver { phase = paused ? .paused : .running }
        case .notice(let text): notice = text
        case .saved(let path, let epoch, let batch, let trained):
            saved = (trained, path)
            notice = Self.savedNotice(path: path, epoch: epoch, batch: batch, epochsTrained: trained)[language]
        case .saveFailed(let message):
            notice = Localized(en: "could not save: \(message)", ko: "저장하지 못했습니다: \(message)")[language]
        case .finished(let summary): phase = .finished(summary)
        case .stopped:
            if case .diverged = phase { return }
            phase = .stopped
        case .diverged(let epoch, let batch, let loss): phase = .diverged(epoch: epoch, batch: batch, loss: loss)
        case .failed(let message): phase = .failed(message)
        }
    }

    /// The x of a batch count on the charts: epochs as a fraction (resumed runs start at
    /// their first epoch).
    func epochX(step: Int) -> Double { Double(info.initialEpoch) + Double(step) / Double(info.batchesPerEpoch) }

    /// "saved (epoch 2, batch 40) to PATH" mid-epoch, "saved (epoch 3) to PATH" at an epoch's
    /// end, "saved (0.37 epochs) to PATH" for a stopped run saved after its end.
    static func savedNotice(path: String, epoch: Int, batch: Int?, epochsTrained: Double) -> Localized {
        let shown = TerminalSafe.text(path)
        if let batch {
            return Localized(en: "saved (epoch \(epoch), batch \(batch)) to \(shown)", ko: "저장했습니다 (에포크 \(epoch), 배치 \(batch)): \(shown)")
        }
        if epochsTrained == epochsTrained.rounded() {
            return Localized(en: "saved (epoch \(Int(epochsTrained))) to \(shown)", ko: "저장했습니다 (에포크 \(Int(epochsTrained))): \(shown)")
        }
        let amount = String(format: "%.2f", epochsTrained)
        return Localized(en: "saved (\(amount) epochs) to \(shown)", ko: "저장했습니다 (에포크 \(amount)회): \(shown)")
    }

    /// The run is over and has trained more than its last checkpoint holds.
    public func isUnsaved(epochsTrained: Double) -> Bool {
        guard phase.isOver else { return false }
        if case .diverged = phase { return false }
        if case .failed = phase { return false }
        return epochsTrained > max(Double(info.initialEpoch), saved?.epochsTrained ?? -1) + 1e-9
    }

    /// The best test accuracy so far.
    var bestTestAccuracy: Double? { epochs.compactMap(\.testAccuracy).max() }
}

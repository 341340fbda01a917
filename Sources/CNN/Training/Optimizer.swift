import Foundation

/// An optimizer updates parameters from their gradients, Keras 3's formulas and defaults.
/// State ("slots", e.g. Adam's `m` and `v`) is one tensor per slot per parameter, created
/// on `build`; `iterations` counts the steps taken. Both are exposed for checkpoints.
public protocol Optimizer: AnyObject {
    /// Keras name: `sgd`, `rmsprop`, `adam`.
    var name: String { get }
    var learningRate: Float { get set }
    /// Every hyper-parameter by its Keras name (including `learning_rate`).
    var hyperParameters: [String: Double] { get }
    /// Steps taken so far (Keras `iterations`).
    var iterations: Int { get set }
    /// Slot names, e.g. `["momentum", "velocity"]` for Adam; empty for plain SGD.
    var slotNames: [String] { get }
    /// `slots[p][s]`: slot `s` of parameter `p` (same shape as the parameter), after `build`.
    var slots: [[Tensor]] { get }
    /// Creates zeroed slots for `parameters` (idempotent for the same count).
    func build(_ parameters: [Parameter])
    /// One update of every parameter from its gradient; increments `iterations`.
    func update(_ parameters: [Parameter])
}

/// Slot storage and step count shared by the optimizers.
public class OptimizerSlots {
    public internal(set) var slots: [[Tensor]] = []
    public var iterations = 0

    func makeSlots(_ parameters: [Parameter], count: Int) {
        guard slots.count != parameters.count else { return }
        slots = parameters.map { p in (0..<count).map { _ in Tensor(shape: p.value.shape) } }
    }
}

/// The optimizers `stride train --optimizer` knows.
public enum OptimizerKind: String, Sendable, CaseIterable {
    case sgd, rmsprop, adam

    /// Values the optimizer keeps per parameter (for `ModelSpec.memoryEstimate`); SGD with
    /// momentum keeps one, so SGD counts one too.
    public var stateSlots: Int { self == .adam ? 2 : 1 }

    /// A fresh optimizer with Keras's defaults, and `learningRate` if given.
    public func make(learningRate: Float? = nil) -> any Optimizer {
        switch self {
        case .sgd: SGD(learningRate: learningRate ?? 0.01)
        case .rmsprop: RMSprop(learningRate: learningRate ?? 0.001)
        case .adam: Adam(learningRate: learningRate ?? 0.001)
        }
    }

    /// Rebuilds an optimizer from its name and hyper-parameters (as stored in a checkpoint).
    ///
    /// Every value is checked first, as the command line checks its own: the learning rate and
    /// epsilon finite and > 0 (as float32), rho, momentum and the betas in [0, 1), nesterov 0 or 1.
    public static func make(name: String, hyperParameters h: [String: Double]) throws(CNNError) -> any Optimizer {
        try validate(h)
        let lr = h["learning_rate"].map(Float.init)
        switch name {
        case "sgd":
            return SGD(learningRate: lr ?? 0.01, momentum: Float(h["momentum"] ?? 0), nesterov: (h["nesterov"] ?? 0) != 0)
        case "rmsprop":
            return RMSprop(learningRate: lr ?? 0.001, rho: Float(h["rho"] ?? 0.9), momentum: Float(h["momentum"] ?? 0),
                           epsilon: Float(h["epsilon"] ?? 1e-7))
        case "adam":
            return Adam(learningRate: lr ?? 0.001, beta1: Float(h["beta_1"] ?? 0.9), beta2: Float(h["beta_2"] ?? 0.999),
                        epsilon: Float(h["epsilon"] ?? 1e-7))
        default:
            throw CNNError.invalidArgument("unknown optimizer '\(name)' (expected sgd, rmsprop or adam)")
        }
    }

    /// Throws `CNNError.invalidArgument` naming the first hyper-parameter out of its range.
    static func validate(_ h: [String: Double]) throws(CNNError) {
        for (key, value) in h.sorted(by: { $0.key < $1.key }) {
            let ok: Bool
            switch key {
            case "learning_rate", "epsilon": ok = Float(value).isFinite && Float(value) > 0
            case "rho", "momentum", "beta_1", "beta_2": ok = value >= 0 && value < 1
            case "nesterov": ok = value == 0 || value == 1
            default: ok = value.isFinite
            }
            guard ok else { throw CNNError.invalidArgument("optimizer setting \(key) = \(value) is out of range") }
        }
    }
}

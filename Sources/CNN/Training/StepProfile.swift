import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The parts a training step is timed in (`StepRecorder`), each with the work it does.
public enum StepPart: Int, CaseIterable, Sendable {
    /// Bytes → floats of the batch's images (per shard).
    case loadBatch
    /// A layer's whole forward or backward (its named parts below are also counted on their own).
    case layerForward, layerBackward
    /// Convolution parts: unrolling, the forward GEMM, bias + activation, `dz` and `db`, `dW`, `dx`.
    case im2col, forwardGEMM, epilogue, activationBackward, weightGEMM, inputGEMM, col2im
    /// Pooling forward and backward.
    case poolForward, poolBackward
    /// Softmax cross-entropy and its gradient.
    case loss
    /// Serial parts of a data-parallel step: weights copied into the replicas, shard gradients
    /// added up, the optimizer's update.
    case copyWeights, reduceGradients, optimizer
    /// A shard's idle time: waiting for the slowest shard.
    case waitForShards

    public var label: String {
        switch self {
        case .loadBatch: "load batch (bytes → floats)"
        case .layerForward: "forward"
        case .layerBackward: "backward"
        case .im2col: "im2col"
        case .forwardGEMM: "forward GEMM"
        case .epilogue: "bias + activation"
        case .activationBackward: "activation backward + db"
        case .weightGEMM: "dW GEMM"
        case .inputGEMM: "dx GEMM"
        case .col2im: "col2im"
        case .poolForward: "pool forward"
        case .poolBackward: "pool backward"
        case .loss: "softmax + cross-entropy"
        case .copyWeights: "copy weights to replicas"
        case .reduceGradients: "sum shard gradients"
        case .optimizer: "optimizer update"
        case .waitForShards: "shards waiting for each other"
        }
    }
}

/// Accumulated time (thread nanoseconds), floating-point operations and bytes moved of one part.
public struct PartTotals: Sendable {
    public var nanoseconds: UInt64 = 0
    public var flops: Double = 0
    public var bytes: Double = 0
    public var calls = 0

    public init(nanoseconds: UInt64 = 0, flops: Double = 0, bytes: Double = 0, calls: Int = 0) {
        (self.nanoseconds, self.flops, self.bytes, self.calls) = (nanoseconds, flops, bytes, calls)
    }

    static func + (a: PartTotals, b: PartTotals) -> PartTotals {
        PartTotals(nanoseconds: a.nanoseconds + b.nanoseconds, flops: a.flops + b.flops, bytes: a.bytes + b.bytes,
                   calls: a.calls + b.calls)
    }
}

/// Per-thread accumulator of where a training step's time goes, for `stride-bench`. Off unless
/// a model's `profiling` is on; then each shard's model has its own recorder (no sharing between
/// threads), made current on the shard's thread while it runs (`StepRecorder.current`).
/// Rows: `-1` for the step itself, else the layer's index.
final class StepRecorder {
    private(set) var totals: [Int: [PartTotals]] = [:]
    /// The layer whose parts are being timed (`-1` outside layers).
    var layer = -1
    /// This shard's own time in the current step (set as it ends; see `addWait`).
    var busyNanoseconds: UInt64 = 0

    func add(_ part: StepPart, nanoseconds: UInt64, flops: Double = 0, bytes: Double = 0, layer: Int? = nil) {
        let row = layer ?? self.layer
        var parts = totals[row] ?? Array(repeating: PartTotals(), count: StepPart.allCases.count)
        parts[part.rawValue].nanoseconds += nanoseconds
        parts[part.rawValue].flops += flops
        parts[part.rawValue].bytes += bytes
        parts[part.rawValue].calls += 1
        totals[row] = parts
    }

    /// Records this shard's wait in a step that took `wall` for the slowest shard.
    func addWait(wall: UInt64) {
        add(.waitForShards, nanoseconds: wall - min(busyNanoseconds, wall), layer: -1)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The recorder of the shard running on this thread, or nil (profiling off).
    static var current: StepRecorder? {
        pthread_getspecific(key).map { Unmanaged<StepRecorder>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with `recorder` current on this thread.
    static func with<T>(_ recorder: StepRecorder?, _ body: () -> T) -> T {
        guard let recorder else { return body() }
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(recorder).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return body()
    }
}

@inline(__always) func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Runs `body`, and when a recorder is current on this thread adds its time to `part`
/// (with `flops` and `bytes` of work, for GFLOP/s and GB/s).
@inline(__always)
func timed<T>(_ part: StepPart, flops: @autoclosure () -> Double = 0, bytes: @autoclosure () -> Double = 0,
              _ body: () -> T) -> T {
    guard let recorder = StepRecorder.current else { return body() }
    let t0 = monotonicNanoseconds()
    let value = body()
    recorder.add(part, nanoseconds: monotonicNanoseconds() - t0, flops: flops(), bytes: bytes())
    return value
}

/// Where the time of a run of training steps went, summed over shards (thread time).
public struct StepProfileReport: Sendable {
    /// Training steps recorded and their summed wall-clock time.
    public var steps = 0
    public var wallNanoseconds: UInt64 = 0
    /// Shards per step (the thread budget of a step is `wall × shards`).
    public var shards = 1
    /// Step-level parts (key `-1`) and each layer's parts (key = layer index), thread time.
    public var parts: [Int: [PartTotals]] = [:]

    public func totals(layer: Int, _ part: StepPart) -> PartTotals {
        parts[layer]?[part.rawValue] ?? PartTotals()
    }
}

extension Sequential {
    /// Turns step profiling on (fresh recorders) or off for this model and its replicas.
    /// Costs two clock reads per timed part (a few dozen per step) while on.
    public var profiling: Bool {
        get { recorder != nil }
        set {
            recorder = newValue ? StepRecorder() : nil
            for r in replicas { r.recorder = newValue ? StepRecorder() : nil }
            profileReport = StepProfileReport()
        }
    }

    /// What the recorders hold so far, summed over shards.
    public var stepProfile: StepProfileReport {
        var report = profileReport
        for model in [self] + replicas {
            guard let totals = model.recorder?.totals else { continue }
            for (row, parts) in totals {
                let mine = report.parts[row] ?? Array(repeating: PartTotals(), count: StepPart.allCases.count)
                report.parts[row] = zip(mine, parts).map(+)
            }
        }
        return report
    }
}

/// The known mistakes of this material, one code each, with the formula the mistake
/// computes instead of the engine's. This list is the single place the codes are defined;
/// `stride quiz --plain --json` and results files carry `code.rawValue` as `diagnosis`,
/// and README.md's table mirrors it (a test keeps the two in step).
///
/// Output size (right: `out = floor((n + 2p − d(k−1) − 1) / s) + 1`, `same`: `ceil(n / s)`):
///
/// | code | what the mistake computes |
/// |---|---|
/// | `missing-plus-one` | `floor((n + 2p − d(k−1) − 1) / s)`: the `+ 1` left out |
/// | `ceil-not-floor` | `ceil((n + 2p − d(k−1) − 1) / s) + 1` |
/// | `one-side-padding` | `floor((n + p − d(k−1) − 1) / s) + 1`: padding on one side only |
/// | `no-padding` | the `valid` size: padding left out |
/// | `no-dilation` | `d = 1`: the kernel's span taken as `k`, not `d(k−1) + 1` |
/// | `no-stride` | `s = 1`: the stride left out (window positions moved by 1) |
/// | `same-keeps-size` | `out = n` for `same` at a stride above 1 |
/// | `same-symmetric` | `same` padding split evenly (the odd cell dropped or doubled) or its extra cell put top/left; Keras puts it bottom/right |
///
/// Output cells: `no-flip` (asked to convolve, answered the cross-correlation), `flipped`
/// (the reverse), `no-bias` (the window's sum without the bias), `no-padding`, `no-stride`,
/// `same-symmetric` (the window over the wrongly padded input) and `off-by-one-index` (a
/// neighbouring cell's value, or the cell one row and column up: counted from 1).
/// Multi-channel cells: `no-bias`, `no-input-channels` (one channel's window sum alone),
/// `wrong-filter` (another filter's map at the same cell), `off-by-one-index`.
///
/// Parameters (right: `k·k·c_in·c_out + c_out`, dense `inputs·units + units`): `no-bias`
/// (`k·k·c_in·c_out`), `bias-per-weight` (`2·k·k·c_in·c_out`), `no-input-channels`
/// (`k·k·c_out + c_out`).
///
/// Pooling: `pool-stride-one` (the window moved by 1 instead of its size, in a pooling cell
/// or a layer chain), `wrong-pool-kind` (max for average or back), `no-divide` (an
/// average's sum left undivided), `padding-in-average` (a padded average divided by the
/// whole window, `k·k`, not by its real cells), `off-by-one-index`.
/// Layer chains: `missing-plus-one`, `ceil-not-floor`, `no-padding`, `pool-stride-one`,
/// applied at every layer.
public enum MistakeCode: String, CaseIterable, Sendable, Codable {
    case missingPlusOne = "missing-plus-one"
    case ceilNotFloor = "ceil-not-floor"
    case oneSidePadding = "one-side-padding"
    case noPadding = "no-padding"
    case noDilation = "no-dilation"
    case noStride = "no-stride"
    case sameKeepsSize = "same-keeps-size"
    case sameSymmetric = "same-symmetric"
    case noFlip = "no-flip"
    case flipped
    case noBias = "no-bias"
    case biasPerWeight = "bias-per-weight"
    case noInputChannels = "no-input-channels"
    /// Another filter's feature map at the same cell.
    case wrongFilter = "wrong-filter"
    case poolStrideOne = "pool-stride-one"
    case wrongPoolKind = "wrong-pool-kind"
    /// An average pooling's sum not divided by the number of cells.
    case noDivide = "no-divide"
    /// A padded average divided by the whole window (`k·k`) instead of its real cells.
    case paddingInAverage = "padding-in-average"
    case offByOneIndex = "off-by-one-index"
}

/// One known mistake applied to a question's own numbers: the answer it gives, and the
/// working, both computed by the engine (`AxisGeometry`, `ConvTrace`, `PoolTrace`,
/// `ModelSpec.layerInfos`). The strings are arithmetic only (no words), so any language
/// can wrap them in a sentence.
public struct Mistake: Sendable, Equatable {
    public let code: MistakeCode
    /// The answer the mistake gives.
    public let value: Double
    /// How the mistake gets `value`, e.g. `floor(26 / 2) = 13`.
    public let working: String
    /// The step done right, e.g. `floor(26 / 2) + 1 = 14`.
    public let fix: String

    public init(_ code: MistakeCode, value: Double, working: String, fix: String) {
        self.code = code
        self.value = value
        self.working = working
        self.fix = fix
    }
}

/// Finding the mistakes that explain a wrong answer.
public enum Diagnosis {
    /// The mistakes among `candidates` that give `answer` (within `tolerance`) but not the
    /// right answer `expected`: a mistake that happens to give the right number explains
    /// nothing. One per code (the first), in `candidates` order. Empty when `answer` is right
    /// or no known mistake gives it.
    public static func match(answer: Double, expected: Double, candidates: [Mistake], tolerance: Double = 1e-3) -> [Mistake] {
        guard abs(answer - expected) > tolerance else { return [] }
        var seen = Set<MistakeCode>()
        return candidates.filter { m in
            abs(m.value - answer) <= tolerance && abs(m.value - expected) > tolerance && seen.insert(m.code).inserted
        }
    }

    /// `floor(a / b)` for `b > 0` (rounds toward −∞ for negative `a`).
    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    /// `ceil(a / b)` for `b > 0`.
    static func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
}

import CNN

/// A known mistake a wrong prediction matches, named by the quiz's diagnosis code (README's
/// list), with what to say. The value each mistake would give is computed by the engine from
/// the question's own numbers (another trace or geometry), never by hand.
public struct PredictDiagnosis: Sendable, Equatable {
    public let code: PredictMistake
    public let message: Localized
}

/// The mistakes predict mode recognises. The raw values are the quiz's diagnosis codes, so
/// the quiz's named feedback can be put in for any of them (`PredictFeedback.diagnose…`).
public enum PredictMistake: String, Sendable, CaseIterable {
    case missingPlusOne = "missing-plus-one"
    case ceilNotFloor = "ceil-not-floor"
    case noPadding = "no-padding"
    case noDilation = "no-dilation"
    /// A convolution's cell answered with the stride-1 window at the same index.
    case noStride = "no-stride"
    /// Asked to convolve, answered the cross-correlation.
    case noFlip = "no-flip"
    /// Asked for the cross-correlation, answered the convolution.
    case flipped
    case noBias = "no-bias"
    case noInputChannels = "no-input-channels"
    /// Another filter's feature map at the same cell.
    case wrongFilter = "wrong-filter"
    case poolStrideOne = "pool-stride-one"
    case wrongPoolKind = "wrong-pool-kind"
    /// An average pooling's sum not divided by the number of cells.
    case noDivide = "no-divide"
    /// A `same` average divided by the whole window instead of its real cells.
    case paddingInAverage = "padding-in-average"
    /// A neighbouring output cell's value (the window one row or column off).
    case offByOneIndex = "off-by-one-index"
}

/// Whether a typed value reads as the engine's value (`PredictGuess.close`).
func matches(_ guess: Double, _ value: Float) -> Bool { PredictGuess.close(guess, value) }

extension ConvStep {
    /// `rows 0–2, columns 1–3`: the padded input cells this step's window covers.
    var windowRange: (rows: ClosedRange<Int>, cols: ClosedRange<Int>) {
        let rows = terms.map(\.paddedRow), cols = terms.map(\.paddedCol)
        return ((rows.min() ?? 0)...(rows.max() ?? 0), (cols.min() ?? 0)...(cols.max() ?? 0))
    }
}

extension PoolStep {
    /// The input cells this window covers (real cells only).
    var windowRange: (rows: ClosedRange<Int>, cols: ClosedRange<Int>) {
        let rows = cells.map(\.row), cols = cells.map(\.col)
        return ((rows.min() ?? 0)...(rows.max() ?? 0), (cols.min() ?? 0)...(cols.max() ?? 0))
    }
}

/// `rows 0–2 and columns 1–3` in both languages.
func windowText(_ range: (rows: ClosedRange<Int>, cols: ClosedRange<Int>)) -> Localized {
    func span(_ r: ClosedRange<Int>) -> String { r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)" }
    let (r, c) = (span(range.rows), span(range.cols))
    return Localized(en: "rows \(r), columns \(c)", ko: "행 \(r), 열 \(c)")
}

/// `out[1,0]`: an output cell's name.
func cellName(_ prefix: String, _ row: Int, _ col: Int) -> String { "\(prefix)[\(row),\(col)]" }

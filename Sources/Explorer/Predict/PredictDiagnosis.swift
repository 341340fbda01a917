import CNN

/// A known mistake a wrong prediction matches, named by its `MistakeCode` (the quiz's codes,
/// README's one table), with what to say. The value each mistake would give is computed by
/// the engine's `Diagnosis` from the question's own numbers (another trace or geometry).
public struct PredictDiagnosis: Sendable, Equatable {
    public let code: MistakeCode
    public let message: Localized
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

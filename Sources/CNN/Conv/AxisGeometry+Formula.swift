/// The output-size formula worked out with one axis's numbers, for `stride size`, the
/// scenes and the quiz:
///
///     out = floor((n + 2p − d(k−1) − 1) / s) + 1
///
/// With asymmetric (`same`) padding `2p` is written `p_before + p_after`.
extension AxisGeometry {
    /// `n + p_before + p_after − d(k−1) − 1`: the numerator of the formula.
    public var numerator: Int { inputSize + padBefore + padAfter - dilation * (kernelSize - 1) - 1 }

    /// The formula in symbols, then with numbers, then reduced, one string per line:
    /// `out = floor((n + 2p − d(k−1) − 1) / s) + 1`,
    /// `    = floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1`, `    = floor(1 / 1) + 1`, `    = 2`.
    public var workedFormula: [String] {
        let symmetric = padBefore == padAfter
        let symbols = symmetric
            ? "out = floor((n + 2p − d(k−1) − 1) / s) + 1"
            : "out = floor((n + p_before + p_after − d(k−1) − 1) / s) + 1"
        let pad = symmetric ? "2·\(padBefore)" : "\(padBefore) + \(padAfter)"
        let numbers = "    = floor((\(inputSize) + \(pad) − \(dilation)·(\(kernelSize)−1) − 1) / \(stride)) + 1"
        let reduced = "    = floor(\(numerator) / \(stride)) + 1"
        let quotient = "    = \(numerator / stride) + 1"
        return [symbols, numbers, reduced, quotient, "    = \(outputSize)"]
    }
}

extension AxisGeometry {
    /// The formula on one line with this axis's numbers:
    /// `floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2`.
    public var compactFormula: String {
        let pad = padBefore == padAfter ? "2·\(padBefore)" : "\(padBefore) + \(padAfter)"
        return "floor((\(inputSize) + \(pad) − \(dilation)·(\(kernelSize)−1) − 1) / \(stride)) + 1 = \(outputSize)"
    }
}

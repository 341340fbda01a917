/// The geometry of a sliding window along one axis: sizes, padding on each side, output length.
///
/// With effective kernel size `k_eff = d·(k − 1) + 1` and padding `p_before`, `p_after`:
///
///     out = floor((n + p_before + p_after − k_eff) / s) + 1
///
/// which, for symmetric padding `p`, is the textbook `floor((n + 2p − d(k−1) − 1) / s) + 1`.
/// Output cell `i` covers padded positions `i·s + d·u` for `u` in `0..<k`.
public struct AxisGeometry: Equatable, Hashable, Sendable {
    public let inputSize: Int
    public let kernelSize: Int
    public let stride: Int
    public let dilation: Int
    public let padBefore: Int
    public let padAfter: Int
    public let outputSize: Int

    /// `d·(k − 1) + 1`: the span of the dilated kernel.
    public var effectiveKernel: Int { dilation * (kernelSize - 1) + 1 }
    /// `n + p_before + p_after`.
    public var paddedSize: Int { inputSize + padBefore + padAfter }

    /// Validates the parameters and works out padding and output size.
    /// Throws when `n < 1`, `k < 1`, `s < 1`, `d < 1`, or the output would be empty.
    public init(input n: Int, kernel k: Int, stride s: Int = 1, dilation d: Int = 1,
                padding: Padding = .valid) throws(CNNError) {
        guard n >= 1 else { throw CNNError.invalidArgument("input size must be ≥ 1, not \(n)") }
        guard k >= 1 else { throw CNNError.invalidArgument("kernel size must be ≥ 1, not \(k)") }
        guard s >= 1 else { throw CNNError.invalidArgument("stride must be ≥ 1, not \(s)") }
        guard d >= 1 else { throw CNNError.invalidArgument("dilation must be ≥ 1, not \(d)") }
        let kEff = try Self.checked("dilation \(d) × (kernel \(k) − 1) + 1") {
            let (span, o1) = d.multipliedReportingOverflow(by: k - 1)
            let (eff, o2) = span.addingReportingOverflow(1)
            return o1 || o2 ? nil : eff
        }
        let before: Int, after: Int
        switch padding {
        case .valid:
            (before, after) = (0, 0)
        case .same:
            let out = n / s + (n % s == 0 ? 0 : 1)  // ceil(n / s) without overflow
            let total = try Self.checked("'same' padding for input \(n), stride \(s), effective kernel \(kEff)") {
                let (a, o1) = (out - 1).multipliedReportingOverflow(by: s)
                let (b, o2) = a.addingReportingOverflow(kEff - n)
                return o1 || o2 ? nil : max(b, 0)
            }
            (before, after) = (total / 2, total - total / 2)
        case .full:
            (before, after) = (kEff - 1, kEff - 1)
        case .explicit(let p):
            guard p >= 0 else { throw CNNError.invalidArgument("padding must be ≥ 0, not \(p)") }
            (before, after) = (p, p)
        }
        let padded = try Self.checked("input \(n) + padding \(before) + \(after)") {
            let (a, o1) = n.addingReportingOverflow(before)
            let (b, o2) = a.addingReportingOverflow(after)
            return o1 || o2 ? nil : b
        }
        let span = padded - kEff  // both are ≥ 1, so this cannot overflow
        guard span >= 0 else {
            throw CNNError.shapeMismatch(
                "kernel (effective size \(kEff)) is larger than the padded input (\(padded)): the output would be empty")
        }
        self.inputSize = n
        self.kernelSize = k
        self.stride = s
        self.dilation = d
        self.padBefore = before
        self.padAfter = after
        self.outputSize = span / s + 1
    }

    /// Runs overflow-reporting arithmetic; `nil` means it overflowed, which becomes an error naming `what`.
    private static func checked(_ what: @autoclosure () -> String, _ compute: () -> Int?) throws(CNNError) -> Int {
        guard let value = compute() else {
            throw CNNError.invalidArgument("\(what()) is too large (overflows a \(Int.bitWidth)-bit integer)")
        }
        return value
    }

    /// Padded position of kernel tap `u` for output cell `i`: `i·s + d·u`.
    @inlinable public func paddedPosition(output i: Int, tap u: Int) -> Int { i * stride + dilation * u }
    /// Input position (may be outside `0..<n`, i.e. a padding cell) of tap `u` for output `i`.
    @inlinable public func inputPosition(output i: Int, tap u: Int) -> Int { i * stride + dilation * u - padBefore }
}

/// The output length of a convolution or pooling along one axis; see `AxisGeometry`.
public func convOutputSize(input n: Int, kernel k: Int, padding: Padding = .valid,
                           stride s: Int = 1, dilation d: Int = 1) throws(CNNError) -> Int {
    try AxisGeometry(input: n, kernel: k, stride: s, dilation: d, padding: padding).outputSize
}

/// The geometry of a 2-D window: one `AxisGeometry` for rows, one for columns.
public struct ConvGeometry: Equatable, Hashable, Sendable {
    public let rows: AxisGeometry
    public let cols: AxisGeometry

    public init(rows: AxisGeometry, cols: AxisGeometry) {
        self.rows = rows
        self.cols = cols
    }

    /// Square stride/dilation/padding on both axes.
    public init(inputRows: Int, inputCols: Int, kernelRows: Int, kernelCols: Int,
                stride: Int = 1, dilation: Int = 1, padding: Padding = .valid) throws(CNNError) {
        rows = try AxisGeometry(input: inputRows, kernel: kernelRows, stride: stride, dilation: dilation, padding: padding)
        cols = try AxisGeometry(input: inputCols, kernel: kernelCols, stride: stride, dilation: dilation, padding: padding)
    }

    public var outputRows: Int { rows.outputSize }
    public var outputCols: Int { cols.outputSize }

    /// Whether any side gets padding cells.
    public var hasPadding: Bool { rows.padBefore + rows.padAfter + cols.padBefore + cols.padAfter > 0 }
}

extension AxisGeometry {
    /// A geometry with `before` and `after` cells of padding, as a student might lay it out
    /// (the mistakes below); throws when a side is negative or the window does not fit.
    static func laidOut(input n: Int, kernel k: Int, stride s: Int, dilation d: Int, padBefore before: Int, padAfter after: Int) throws(CNNError) -> AxisGeometry {
        guard before >= 0, after >= 0 else { throw CNNError.shapeMismatch("the window does not fit the padded input") }
        return try AxisGeometry(input: n, kernel: k, stride: s, dilation: d, padBefore: before, padAfter: after)
    }
}

/// One window layer of a chain: a convolution (stride 1 unless given) or a pooling layer
/// (stride = its size unless given), as `out = floor((n + 2p − k) / s) + 1` sees it.
public struct ChainLayer: Sendable, Hashable {
    public var isPool: Bool
    public var kernel: Int
    public var stride: Int
    public var padding: Padding

    public init(isPool: Bool, kernel: Int, stride: Int, padding: Padding) {
        self.isPool = isPool
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }
}

extension Diagnosis {
    /// The size formula with any numbers, the window fitting or not:
    /// `floor((n + p_before + p_after − d(k−1) − 1) / s) + 1`, taken as 0 when it is below
    /// (no window fits: `… = -1 → 0`), and its working in `AxisGeometry.compactFormula`'s form.
    static func formula(n: Int, k: Int, s: Int, d: Int, before: Int, after: Int) -> (value: Int, working: String) {
        let raw = floorDiv(n + before + after - d * (k - 1) - 1, s) + 1
        let pad = before == after ? "2·\(before)" : "\(before) + \(after)"
        return (max(0, raw), "floor((\(n) + \(pad) − \(d)·(\(k)−1) − 1) / \(s)) + 1 = \(raw)" + (raw < 0 ? " → 0" : ""))
    }

    /// The output size of one axis as each known mistake computes it (see `MistakeCode`):
    /// `missing-plus-one`, `ceil-not-floor`, `one-side-padding` (explicit or full padding),
    /// `no-padding`, `no-dilation` (d > 1), `no-stride` / `same-keeps-size` (s > 1) and
    /// `same-symmetric` (`same` with an odd total padding). A mistake's size may be 0 or less
    /// (the window no longer fits). Empty when the engine rejects the question's numbers.
    public static func sizeMistakes(n: Int, k: Int, padding: Padding, s: Int, d: Int) -> [Mistake] {
        guard let g = try? AxisGeometry(input: n, kernel: k, stride: s, dilation: d, padding: padding) else { return [] }
        let num = g.numerator, out = g.outputSize
        let right = g.compactFormula
        func with(_ code: MistakeCode, s: Int, d: Int, _ pads: (Int, Int)) -> Mistake {
            let f = formula(n: n, k: k, s: s, d: d, before: pads.0, after: pads.1)
            return Mistake(code, value: Double(f.value), working: f.working, fix: right)
        }
        var result = [
            Mistake(.missingPlusOne, value: Double(max(0, floorDiv(num, s))),
                    working: "floor(\(num) / \(s)) = \(floorDiv(num, s))", fix: "floor(\(num) / \(s)) + 1 = \(out)"),
            Mistake(.ceilNotFloor, value: Double(ceilDiv(num, s) + 1),
                    working: "ceil(\(num) / \(s)) + 1 = \(ceilDiv(num, s) + 1)", fix: "floor(\(num) / \(s)) + 1 = \(out)"),
        ]
        if padding != .same, g.padBefore > 0 {
            let f = formula(n: n, k: k, s: s, d: d, before: g.padBefore, after: 0)
            result.append(Mistake(.oneSidePadding, value: Double(f.value),
                                  working: "floor((\(n) + \(g.padBefore) − \(d)·(\(k)−1) − 1) / \(s)) + 1 = \(f.value)", fix: right))
        }
        if padding != .valid { result.append(with(.noPadding, s: s, d: d, (0, 0))) }
        if d > 1 {
            // Without dilation the padding is what the same rule gives for d = 1.
            let plain = (try? AxisGeometry(input: n, kernel: k, stride: s, dilation: 1, padding: padding)).map { ($0.padBefore, $0.padAfter) }
            result.append(with(.noDilation, s: s, d: 1, plain ?? (g.padBefore, g.padAfter)))
        }
        if s > 1 {
            if padding == .same {
                result.append(Mistake(.sameKeepsSize, value: Double(n), working: "out = n = \(n)", fix: "ceil(\(n) / \(s)) = \(out)"))
            } else {
                result.append(with(.noStride, s: 1, d: d, (g.padBefore, g.padAfter)))
            }
        }
        let total = g.padBefore + g.padAfter
        if padding == .same, total % 2 == 1 {
            for each in [total / 2, total / 2 + 1] { result.append(with(.sameSymmetric, s: s, d: d, (each, each))) }
        }
        return result
    }

    /// The final size of a chain of window layers on an `n`-wide input, with one mistake
    /// made at every layer it applies to: `missing-plus-one`, `ceil-not-floor`, `no-padding`
    /// (`same` taken as `valid`) and `pool-stride-one` (a pooling layer's stride taken as 1).
    /// Each layer's padding is the engine's (`AxisGeometry`) for the size reached. The working
    /// lists the sizes layer by layer (`28 → 26 → 25`); a chain whose sizes drop below 1 before
    /// the last layer (or below 0 at it) gives no mistake.
    public static func chainMistakes(n: Int, layers: [ChainLayer]) -> [Mistake] {
        guard let right = chainSizes(n: n, layers: layers, { try? AxisGeometry(input: $1, kernel: $0.kernel, stride: $0.stride, padding: $0.padding).outputSize })
        else { return [] }
        let fix = right.map(String.init).joined(separator: " → ")
        /// `n + p_before + p_after − k` for the layer's padding at this size (`same` always fits).
        func numerator(_ l: ChainLayer, _ size: Int, padding: Padding? = nil) -> Int? {
            let p = padding ?? l.padding
            if p == .valid { return size - l.kernel }
            return (try? AxisGeometry(input: size, kernel: l.kernel, stride: l.stride, padding: p))?.numerator
        }
        let variants: [(MistakeCode, Bool, (ChainLayer, Int) -> Int?)] = [
            (.missingPlusOne, true, { l, size in numerator(l, size).map { max(0, floorDiv($0, l.stride)) } }),
            (.ceilNotFloor, true, { l, size in numerator(l, size).map { max(0, ceilDiv($0, l.stride) + 1) } }),
            (.noPadding, layers.contains { $0.padding != .valid }, { l, size in
                numerator(l, size, padding: .valid).map { max(0, floorDiv($0, l.stride) + 1) } }),
            (.poolStrideOne, layers.contains { $0.isPool && $0.stride != 1 }, { l, size in
                numerator(l, size).map { max(0, floorDiv($0, l.isPool ? 1 : l.stride) + 1) } }),
        ]
        return variants.compactMap { code, applies, size in
            guard applies, let sizes = chainSizes(n: n, layers: layers, size, lastMayBeZero: true), let last = sizes.last else { return nil }
            return Mistake(code, value: Double(last), working: sizes.map(String.init).joined(separator: " → "), fix: fix)
        }
    }

    /// `[n, size after layer 1, …]`, or nil when a size drops below 1 (the last below 0 when
    /// `lastMayBeZero`: a mistake can leave nothing at the end).
    private static func chainSizes(n: Int, layers: [ChainLayer], _ next: (ChainLayer, Int) -> Int?,
                                   lastMayBeZero: Bool = false) -> [Int]? {
        var sizes = [n]
        for (index, layer) in layers.enumerated() {
            let floor = lastMayBeZero && index == layers.count - 1 ? 0 : 1
            guard let size = next(layer, sizes.last!), size >= floor else { return nil }
            sizes.append(size)
        }
        return sizes
    }
}

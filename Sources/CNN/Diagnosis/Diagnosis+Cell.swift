extension Diagnosis {
    /// One output cell of a single-channel convolution as each known mistake computes it,
    /// every value from `ConvTrace` (a step over the geometry the mistake uses):
    /// `no-flip` (convolve asked, the kernel used as is), `flipped` (correlate asked, the
    /// kernel rotated), `no-padding` (the `valid` output's cell), `same-symmetric` (`same`
    /// with an odd total: the extra cell top/left, or the padding split evenly), `no-stride`
    /// (the window at `(i, j)` instead of `(i·s, j·s)`) and `off-by-one-index` (a neighbouring
    /// cell, or `(i−1, j−1)`: counted from 1). The working is `out[i, j] = 1·2 + … = v`.
    public static func cellMistakes(input: Matrix, kernel: Matrix, mode: ConvMode, padding: Padding,
                                    stride: Int, i: Int, j: Int) -> [Mistake] {
        guard let trace = try? ConvTrace(input: input, kernel: kernel, padding: padding, stride: stride, mode: mode),
              i >= 0, j >= 0, i < trace.output.rows, j < trace.output.cols else { return [] }
        let g = trace.geometry
        func line(_ step: ConvStep) -> String { "out[\(step.outputRow), \(step.outputCol)] = \(step.equation(times: "·"))" }
        let fix = line(trace.steps[i * g.outputCols + j])
        func mistake(_ code: MistakeCode, _ geometry: ConvGeometry, _ mode: ConvMode, _ r: Int, _ c: Int) -> Mistake? {
            guard r >= 0, c >= 0, r < geometry.outputRows, c < geometry.outputCols else { return nil }
            let step = ConvTrace.step(row: r, col: c, input: input, kernel: kernel, bias: 0, geometry: geometry, mode: mode)
            return Mistake(code, value: Double(step.result), working: line(step), fix: fix)
        }
        var result: [Mistake?] = []
        result.append(mistake(mode == .convolve ? .noFlip : .flipped, g, mode == .convolve ? .correlate : .convolve, i, j))
        if padding != .valid, let valid = try? ConvTrace.geometry(input: input, kernel: kernel, padding: .valid, stride: stride) {
            result.append(mistake(.noPadding, valid, mode, i, j))
        }
        if padding == .same, (g.rows.padBefore + g.rows.padAfter) % 2 == 1 || (g.cols.padBefore + g.cols.padAfter) % 2 == 1 {
            // The odd cell top/left; then the padding split evenly, the odd cell dropped or doubled.
            for layout in [{ (t: Int) in (t - t / 2, t / 2) }, { (t: Int) in (t / 2, t / 2) }, { (t: Int) in (t - t / 2, t - t / 2) }] {
                if let rows = try? axis(g.rows, stride: stride, layout(g.rows.padBefore + g.rows.padAfter)),
                   let cols = try? axis(g.cols, stride: stride, layout(g.cols.padBefore + g.cols.padAfter)) {
                    result.append(mistake(.sameSymmetric, ConvGeometry(rows: rows, cols: cols), mode, i, j))
                }
            }
        }
        if stride > 1, let rows = try? axis(g.rows, stride: 1, (g.rows.padBefore, g.rows.padAfter)),
           let cols = try? axis(g.cols, stride: 1, (g.cols.padBefore, g.cols.padAfter)) {
            result.append(mistake(.noStride, ConvGeometry(rows: rows, cols: cols), mode, i, j))
        }
        for (r, c) in neighbours(i, j) { result.append(mistake(.offByOneIndex, g, mode, r, c)) }
        return result.compactMap { $0 }
    }

    /// One output cell of max or average pooling as each known mistake computes it, from
    /// `PoolTrace`: `wrong-pool-kind` (the other kind, same window), `pool-stride-one` (the
    /// window moved by 1, not by its stride) and `off-by-one-index` (a neighbouring cell).
    /// The working is `max(1, 3, 5, 7) = 7` or `(1 + 3 + 5 + 7) / 4 = 4`.
    public static func poolMistakes(input: Matrix, kind: PoolTrace.Kind, size: Int, stride: Int, i: Int, j: Int) -> [Mistake] {
        guard let trace = try? PoolTrace(input: input, kind: kind, size: size, stride: stride),
              i >= 0, j >= 0, i < trace.output.rows, j < trace.output.cols else { return [] }
        let cols = trace.output.cols
        let fix = trace.steps[i * cols + j].equation
        func mistake(_ code: MistakeCode, _ t: PoolTrace?, _ r: Int, _ c: Int) -> Mistake? {
            guard let t, r >= 0, c >= 0, r < t.output.rows, c < t.output.cols else { return nil }
            let step = t.steps[r * t.output.cols + c]
            return Mistake(code, value: Double(step.result), working: step.equation, fix: fix)
        }
        var result: [Mistake?] = [
            mistake(.wrongPoolKind, try? PoolTrace(input: input, kind: kind == .max ? .average : .max, size: size, stride: stride), i, j),
        ]
        if stride != 1 { result.append(mistake(.poolStrideOne, try? PoolTrace(input: input, kind: kind, size: size, stride: 1), i, j)) }
        for (r, c) in neighbours(i, j) { result.append(mistake(.offByOneIndex, trace, r, c)) }
        return result.compactMap { $0 }
    }

    /// The cells a miscounted index lands on: one up or down, left or right, and one up and
    /// left (the cell read as counted from 1).
    static func neighbours(_ i: Int, _ j: Int) -> [(Int, Int)] {
        [(i - 1, j - 1), (i, j - 1), (i, j + 1), (i - 1, j), (i + 1, j)]
    }

    /// `g`'s axis with another stride and padding layout.
    private static func axis(_ g: AxisGeometry, stride: Int, _ pads: (Int, Int)) throws(CNNError) -> AxisGeometry {
        try AxisGeometry.laidOut(input: g.inputSize, kernel: g.kernelSize, stride: stride, dilation: g.dilation,
                                 padBefore: pads.0, padAfter: pads.1)
    }
}

extension Diagnosis {
    /// One output cell of a single-channel convolution as each known mistake computes it,
    /// every value from `ConvTrace` (a step over the geometry the mistake uses):
    /// `no-flip` (convolve asked, the kernel used as is), `flipped` (correlate asked, the
    /// kernel rotated), `no-bias` (the window's sum, when `bias` is not 0), `no-padding` (the
    /// `valid` output's cell), `same-symmetric` (`same` with an odd total: the extra cell
    /// top/left, or the padding split evenly), `no-stride` (the window at `(i, j)` instead of
    /// `(i·s, j·s)`) and `off-by-one-index` (a neighbouring cell, or `(i−1, j−1)`: counted
    /// from 1). The working is `out[i, j] = 1·2 + … = v`. Predict mode's output cells are this
    /// question at each index (`cellMistakes(_:i:j:)`).
    public static func cellMistakes(input: Matrix, kernel: Matrix, bias: Float = 0, mode: ConvMode, padding: Padding,
                                    stride: Int, dilation: Int = 1, i: Int, j: Int) -> [Mistake] {
        guard let trace = try? ConvTrace(input: input, kernel: kernel, bias: bias, padding: padding, stride: stride,
                                         dilation: dilation, mode: mode),
              i >= 0, j >= 0, i < trace.output.rows, j < trace.output.cols else { return [] }
        let g = trace.geometry
        func line(_ step: ConvStep) -> String { "out[\(step.outputRow), \(step.outputCol)] = \(step.equation(times: "·"))" }
        let fix = line(trace.steps[i * g.outputCols + j])
        func mistake(_ code: MistakeCode, _ geometry: ConvGeometry, _ mode: ConvMode, _ r: Int, _ c: Int) -> Mistake? {
            guard r >= 0, c >= 0, r < geometry.outputRows, c < geometry.outputCols else { return nil }
            let step = ConvTrace.step(row: r, col: c, input: input, kernel: kernel, bias: code == .noBias ? 0 : bias,
                                      geometry: geometry, mode: mode)
            return Mistake(code, value: Double(step.result), working: line(step), fix: fix)
        }
        var result: [Mistake?] = []
        result.append(mistake(mode == .convolve ? .noFlip : .flipped, g, mode == .convolve ? .correlate : .convolve, i, j))
        if bias != 0 { result.append(mistake(.noBias, g, mode, i, j)) }
        if padding != .valid,
           let valid = try? ConvTrace.geometry(input: input, kernel: kernel, padding: .valid, stride: stride, dilation: dilation) {
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

    /// `cellMistakes` for output cell `(i, j)` of `trace` (its input, kernel, bias, mode,
    /// padding, stride and dilation).
    public static func cellMistakes(_ trace: ConvTrace, i: Int, j: Int) -> [Mistake] {
        cellMistakes(input: trace.input, kernel: trace.kernel, bias: trace.bias, mode: trace.mode, padding: trace.padding,
                     stride: trace.geometry.rows.stride, dilation: trace.geometry.rows.dilation, i: i, j: j)
    }

    /// One output cell of max or average pooling as each known mistake computes it, from
    /// `PoolTrace`: `wrong-pool-kind` (the other kind, same window), `pool-stride-one` (the
    /// window moved by 1, not by its stride), for average pooling `no-divide` (the window's
    /// sum, more than one cell) and `padding-in-average` (a window over padding: the sum over
    /// `size·size`, not over its real cells), and `off-by-one-index` (a neighbouring cell).
    /// The working is `max(1, 3, 5, 7) = 7` or `(1 + 3 + 5 + 7) / 4 = 4`.
    public static func poolMistakes(input: Matrix, kind: PoolTrace.Kind, size: Int, stride: Int, padding: Padding = .valid,
                                    i: Int, j: Int) -> [Mistake] {
        guard let trace = try? PoolTrace(input: input, kind: kind, size: size, stride: stride, padding: padding),
              i >= 0, j >= 0, i < trace.output.rows, j < trace.output.cols else { return [] }
        let cols = trace.output.cols
        let step = trace.steps[i * cols + j]
        let fix = step.equation
        func mistake(_ code: MistakeCode, _ t: PoolTrace?, _ r: Int, _ c: Int) -> Mistake? {
            guard let t, r >= 0, c >= 0, r < t.output.rows, c < t.output.cols else { return nil }
            let step = t.steps[r * t.output.cols + c]
            return Mistake(code, value: Double(step.result), working: step.equation, fix: fix)
        }
        var result: [Mistake?] = [
            mistake(.wrongPoolKind, try? PoolTrace(input: input, kind: kind == .max ? .average : .max, size: size, stride: stride,
                                                   padding: padding), i, j),
        ]
        if stride != 1 {
            result.append(mistake(.poolStrideOne, try? PoolTrace(input: input, kind: kind, size: size, stride: 1, padding: padding), i, j))
        }
        if kind == .average {
            let terms = step.cells.map { $0.value < 0 ? "(\(formatNumber($0.value)))" : formatNumber($0.value) }.joined(separator: " + ")
            if step.cells.count > 1 {
                result.append(Mistake(.noDivide, value: Double(step.sum), working: "\(terms) = \(formatNumber(step.sum))", fix: fix))
            }
            let whole = size * size
            if step.cells.count < whole {
                let value = step.sum / Float(whole)
                result.append(Mistake(.paddingInAverage, value: Double(value),
                                      working: "(\(terms)) / \(whole) = \(formatNumber(value))", fix: fix))
            }
        }
        for (r, c) in neighbours(i, j) { result.append(mistake(.offByOneIndex, trace, r, c)) }
        return result.compactMap { $0 }
    }

    /// `poolMistakes` for output cell `(i, j)` of `trace`.
    public static func poolMistakes(_ trace: PoolTrace, i: Int, j: Int) -> [Mistake] {
        poolMistakes(input: trace.input, kind: trace.kind, size: trace.size, stride: trace.geometry.rows.stride,
                     padding: trace.padding, i: i, j: j)
    }

    /// Cell `(i, j)` of filter `filter`'s feature map in a multi-channel convolution
    /// (`ChannelTrace`) as each known mistake computes it: `no-bias` (the channels' sums
    /// without the filter's bias, when it is not 0), `no-input-channels` (one channel's window
    /// sum alone, with or without the bias; more than one channel), `wrong-filter` (another
    /// filter's map at the same cell) and `off-by-one-index` (a neighbouring cell of the same
    /// map, or `(i−1, j−1)`). The working is `y1[0,0] = 3 + (−2) + 5 + 1 = 7` (channel sums,
    /// then the bias; `y1` is filter 1's feature map, in symbols like every working, so it
    /// reads the same in any language).
    public static func channelMistakes(_ trace: ChannelTrace, filter f: Int, i: Int, j: Int) -> [Mistake] {
        guard trace.outputs.indices.contains(f) else { return [] }
        let map = trace.outputs[f]
        guard i >= 0, j >= 0, i < map.rows, j < map.cols else { return [] }
        let bias = trace.biases[f]
        func factor(_ x: Float) -> String { x < 0 ? "(\(formatNumber(x)))" : formatNumber(x) }
        /// `y1[i,j] = s1 + s2 + … (+ b) = v`: the channel sums of filter `g` at `(r, c)`.
        func line(_ g: Int, _ r: Int, _ c: Int, channels: [Int]? = nil, withBias: Bool = true) -> (Float, String) {
            let cell = r * map.cols + c
            let sums = (channels ?? Array(trace.inputs.indices)).map { trace.slices[g][$0].steps[cell].sum }
            let b = withBias ? trace.biases[g] : 0
            let value = sums.reduce(0, +) + b
            let parts = sums.map(factor) + (b != 0 ? [factor(b)] : [])
            // One channel's sum alone is its own value: `y1[0,0] = 5`, not `= 5 = 5`.
            let terms = parts.count > 1 ? "\(parts.joined(separator: " + ")) = " : ""
            return (value, "y\(g + 1)[\(r),\(c)] = \(terms)\(formatNumber(value))")
        }
        let fix = line(f, i, j).1
        func mistake(_ code: MistakeCode, _ v: (Float, String)) -> Mistake { Mistake(code, value: Double(v.0), working: v.1, fix: fix) }
        var result: [Mistake] = []
        if bias != 0 { result.append(mistake(.noBias, line(f, i, j, withBias: false))) }
        if trace.inputs.count > 1 {
            for c in trace.inputs.indices {
                result.append(mistake(.noInputChannels, line(f, i, j, channels: [c], withBias: false)))
                if bias != 0 { result.append(mistake(.noInputChannels, line(f, i, j, channels: [c]))) }
            }
        }
        for g in trace.outputs.indices where g != f { result.append(mistake(.wrongFilter, line(g, i, j))) }
        for (r, c) in neighbours(i, j) where r >= 0 && c >= 0 && r < map.rows && c < map.cols {
            result.append(mistake(.offByOneIndex, line(f, r, c)))
        }
        return result
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

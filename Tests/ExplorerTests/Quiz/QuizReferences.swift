import CNN
@testable import Explorer

/// Plain reference implementations, written from the definitions and not through the
/// engine's geometry or traces, that the quiz's engine-computed answers are checked against.
enum Reference {
    /// Padding before and after along one axis (Keras `same`: the odd cell after).
    static func pads(n: Int, k: Int, s: Int, d: Int, padding: Padding) -> (Int, Int) {
        let kEff = d * (k - 1) + 1
        switch padding {
        case .valid: return (0, 0)
        case .explicit(let p): return (p, p)
        case .full: return (kEff - 1, kEff - 1)
        case .same:
            let out = (n + s - 1) / s
            let total = max(0, (out - 1) * s + kEff - n)
            return (total / 2, total - total / 2)
        }
    }

    /// `floor((n + p_before + p_after − d(k−1) − 1) / s) + 1`; `same` is `ceil(n / s)`.
    static func outputSize(n: Int, k: Int, s: Int, d: Int, padding: Padding) -> Int {
        if padding == .same { return (n + s - 1) / s }
        let (a, b) = pads(n: n, k: k, s: s, d: d, padding: padding)
        let numerator = n + a + b - d * (k - 1) - 1
        return numerator < 0 ? 0 : numerator / s + 1
    }

    /// Cross-correlation (or convolution, kernel flipped) at one output cell, by definition.
    static func cell(_ q: CellQuestion) -> Double {
        let (top, _) = pads(n: q.input.rows, k: q.kernel.rows, s: q.s, d: 1, padding: q.p)
        let (left, _) = pads(n: q.input.cols, k: q.kernel.cols, s: q.s, d: 1, padding: q.p)
        var sum = 0.0
        for u in 0..<q.kernel.rows {
            for v in 0..<q.kernel.cols {
                let r = q.i * q.s + u - top, c = q.j * q.s + v - left
                guard r >= 0, c >= 0, r < q.input.rows, c < q.input.cols else { continue }
                let w = q.mode == .convolve ? q.kernel[q.kernel.rows - 1 - u, q.kernel.cols - 1 - v] : q.kernel[u, v]
                sum += Double(q.input[r, c]) * Double(w)
            }
        }
        return sum
    }

    /// Max or mean of the real input cells under window (i, j).
    static func pool(_ q: PoolQuestion) -> Double {
        var values: [Double] = []
        for r in (q.i * q.stride)..<(q.i * q.stride + q.size) where r < q.input.rows {
            for c in (q.j * q.stride)..<(q.j * q.stride + q.size) where c < q.input.cols {
                values.append(Double(q.input[r, c]))
            }
        }
        return q.pool == .max ? values.max()! : values.reduce(0, +) / Double(values.count)
    }

    /// One cell of a multi-channel layer (valid, stride 1): every channel's window times its
    /// kernel, summed over channels, plus the bias; `channels` limits the sum (a mistake's).
    static func channels(inputs: [Matrix], kernel: [Matrix], bias: Float, i: Int, j: Int, channels: [Int]? = nil) -> Double {
        var sum = Double(bias)
        for c in channels ?? Array(inputs.indices) {
            for u in 0..<kernel[c].rows {
                for v in 0..<kernel[c].cols { sum += Double(inputs[c][i + u, j + v]) * Double(kernel[c][u, v]) }
            }
        }
        return sum
    }

    static func answer(_ q: QuizQuestion) -> Double {
        switch q.body {
        case .size(let s): return Double(outputSize(n: s.n, k: s.k, s: s.s, d: s.d, padding: s.p))
        case .chain(let c):
            var n = c.n
            for layer in c.layers { n = outputSize(n: n, k: layer.k, s: layer.s, d: 1, padding: layer.p) }
            return Double(n)
        case .params(.conv(let k, let cIn, let cOut)): return Double(k * k * cIn * cOut + cOut)
        case .params(.dense(let inputs, let units)): return Double(inputs * units + units)
        case .cell(let c): return cell(c)
        case .pool(let p): return pool(p)
        case .channels(let c): return channels(inputs: c.inputs, kernel: c.kernel, bias: c.bias, i: c.i, j: c.j)
        case .choice(let c): return Double(c.answer)
        case .truefalse(let t): return t.answer ? 1 : 0
        }
    }
}

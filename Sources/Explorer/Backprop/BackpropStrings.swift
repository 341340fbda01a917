import CNN
import Terminal

/// The backprop scene's words, in English and Korean (역전파, 기울기, 유한 차분).
enum BackpropStrings {
    static let title = Localized(en: "Backprop", ko: "역전파")
    static let views = [Localized(en: "forward, ∂L/∂y", ko: "순전파, ∂L/∂y"), Localized(en: "∂L/∂x", ko: "∂L/∂x"),
                        Localized(en: "∂L/∂w", ko: "∂L/∂w"), Localized(en: "∂L/∂b, check", ko: "∂L/∂b, 검산")]
    static let stuffedPadded = Localized(en: "∂L/∂y stuffed+padded", ko: "∂L/∂y 채움+패딩")
    static let start = Localized(en: "Press → to compute the first cell of this gradient.",
                                 ko: "→ 키를 누르면 이 기울기의 첫 칸을 계산합니다.")
    static let editHint = Localized(en: "edit ∂L/∂y: arrows move · 0-9/e type · +/- ±1 · o one-hot · a all ones",
                                    ko: "∂L/∂y 고치기: 화살표 이동 · 0-9/e 입력 · +/- ±1 · o 원-핫 · a 모두 1")
}

extension BackpropScene {
    /// The notes of the current view, every number from the engine's trace.
    var notes: [String] {
        let l = language
        var notes: [Localized]
        switch view {
        case .forward:
            notes = [
                Localized(en: "∂L/∂y[i,j] says how fast the loss L changes with y[i,j]; here L = Σ ∂L/∂y ⊙ y, so the ∂L/∂y you type is exactly its gradient.",
                          ko: "∂L/∂y[i,j]는 y[i,j]가 변할 때 손실 L이 얼마나 변하는지입니다. 여기서는 L = Σ ∂L/∂y ⊙ y이므로 입력한 ∂L/∂y가 그대로 기울기입니다."),
                Localized(en: "Tab: ∂L/∂x, then ∂L/∂w, then ∂L/∂b with a finite-difference check.",
                          ko: "Tab: ∂L/∂x, 다음은 ∂L/∂w, 그다음 ∂L/∂b와 유한 차분 검산."),
            ]
        case .inputGradient: notes = [stuffingNote, flipNote]
        case .kernelGradient: notes = kernelNotes
        case .check: notes = [agreementNote, linearNote]
        }
        return notes.map { "· " + $0[l] }
    }

    /// How ∂L/∂y was stuffed and padded, with the trace's own numbers.
    var stuffingNote: Localized {
        let f = trace.forward.geometry, g = trace.inputGradient.geometry
        let s = f.rows.stride
        func side(_ n: Int) -> String { n >= 0 ? "\(n)" : "\(n)" }
        let symmetric = g.rows.padBefore == g.cols.padBefore && g.rows.padAfter == g.cols.padAfter
        let pads = symmetric
            ? (en: "\(side(g.rows.padBefore)) top/left, \(side(g.rows.padAfter)) bottom/right",
               ko: "위·왼쪽 \(side(g.rows.padBefore)), 아래·오른쪽 \(side(g.rows.padAfter))")
            : (en: "top \(g.rows.padBefore), bottom \(g.rows.padAfter), left \(g.cols.padBefore), right \(g.cols.padAfter)",
               ko: "위 \(g.rows.padBefore), 아래 \(g.rows.padAfter), 왼쪽 \(g.cols.padBefore), 오른쪽 \(g.cols.padAfter)")
        let why = f.rows.effectiveKernel == f.cols.effectiveKernel && f.rows.padBefore == f.cols.padBefore
            ? "k_eff−1−p = \(f.rows.effectiveKernel)−1−\(f.rows.padBefore)"
            : "k_eff−1−p = \(f.rows.effectiveKernel)−1−\(f.rows.padBefore), \(f.cols.effectiveKernel)−1−\(f.cols.padBefore)"
        let negative = [g.rows.padBefore, g.rows.padAfter, g.cols.padBefore, g.cols.padAfter].contains { $0 < 0 }
        let cut = negative ? Localized(en: "; a negative count cuts that many cells, which only fed padding", ko: "; 음수는 그만큼 잘라낸 칸(패딩에만 닿던 칸)") : Localized(en: "", ko: "")
        return Localized(
            en: "∂L/∂x = true convolution: ∂L/∂y with s−1 = \(counted(s - 1, "zero")) between cells, padded \(pads.en) (\(why))\(cut.en), under w rotated 180°.",
            ko: "∂L/∂x = 진짜 합성곱: 칸 사이에 0을 s−1 = \(s - 1)개 넣은 ∂L/∂y에 패딩 \(pads.ko)(\(why))\(cut.ko), 180° 돌린 w를 밉니다.")
    }

    var flipNote: Localized {
        Localized(en: "Why rotated: x[r] met w[u] in y[i] where r = i·s + d·u − p; gathering, for one r, every ∂L/∂y[i] it fed reads w backwards.",
                  ko: "왜 돌리나: x[r]는 r = i·s + d·u − p인 y[i]에서 w[u]와 곱해졌습니다. r 하나가 기여한 ∂L/∂y[i]를 모으면 w를 거꾸로 읽게 됩니다.")
    }

    var kernelNotes: [Localized] {
        let f = trace.forward.geometry
        let s = f.rows.stride, d = f.rows.dilation
        var notes = [Localized(
            en: "∂L/∂w is the cross-correlation of x (padding as in the forward) with ∂L/∂y: w[u,v] collects x·∂L/∂y over every window it was used in. ∂L/∂y's cells sit s = \(s) apart; it slides d = \(d) at a time.",
            ko: "∂L/∂w는 x(순전파와 같은 패딩)와 ∂L/∂y의 교차상관입니다: w[u,v]는 자신이 쓰인 모든 창의 x·∂L/∂y를 모읍니다. ∂L/∂y의 칸은 s = \(s)칸 간격, 한 번에 d = \(d)칸씩 움직입니다.")]
        let rows = f.rows.numerator % s, cols = f.cols.numerator % s
        if rows + cols > 0 {
            notes.append(Localized(
                en: "Left out: \(counted(rows, "row")) and \(counted(cols, "column")) at the end that no forward window reached; they never met a weight.",
                ko: "끝의 행 \(rows)개와 열 \(cols)개는 어떤 순전파 창도 닿지 않아 빠졌습니다. 가중치와 곱해진 적이 없습니다."))
        }
        return notes
    }

    /// The traces against the training backward, with the largest difference.
    var agreementNote: Localized {
        let dx = zip(trace.inputGradientMatrix.values, gradients.input.values).map { abs($0 - $1) }.max() ?? 0
        let dw = zip(trace.kernelGradientMatrix.values, gradients.kernel.values).map { abs($0 - $1) }.max() ?? 0
        let largest = max(dx, dw, abs(trace.biasGradient - gradients.bias))
        let diff = largest == 0 ? "0" : largest < 0.0001 ? "< 0.0001" : formatNumber(largest)
        return Localized(en: "The step-by-step ∂L/∂x, ∂L/∂w and ∂L/∂b match the training code's backward (Conv2D): largest difference \(diff).",
                         ko: "단계별로 구한 ∂L/∂x, ∂L/∂w, ∂L/∂b는 학습 코드의 역전파(Conv2D)와 같습니다: 최대 차이 \(diff).")
    }

    var linearNote: Localized {
        Localized(en: "L is linear in each x cell, so the central difference is the gradient up to float32 rounding, whatever h is.",
                  ko: "L은 x의 각 칸에 대해 선형이라 중앙 차분은 h와 상관없이 float32 반올림 오차 안에서 기울기와 같습니다.")
    }

    /// `∂L/∂b = Σ ∂L/∂y = 1 + 1 + 1 + 1 = 4` (the count alone beyond 12 cells).
    var biasLine: String {
        let values = upstream.values
        let sum = formatNumber(trace.biasGradient)
        guard values.count <= 12 else {
            return Localized(en: "∂L/∂b = Σ ∂L/∂y (\(values.count) cells) = \(sum)", ko: "∂L/∂b = Σ ∂L/∂y (\(values.count)칸) = \(sum)")[language]
        }
        let terms = values.map { $0 < 0 ? "(\(formatNumber($0)))" : formatNumber($0) }.joined(separator: " + ")
        return "∂L/∂b = Σ ∂L/∂y = \(terms) = \(sum)"
    }

    /// The finite difference, worked out, then the backward's value beside it.
    var checkLines: [StyledLine] {
        let l = language, c = checkCell
        let cell = "x[\(c.row),\(c.col)]"
        let h = formatNumber(check.h)
        let backprop = gradients.input[c.row, c.col]
        let difference = abs(check.estimate - Double(backprop))
        let agrees = difference <= 0.01 * max(1, Double(abs(backprop)))
        let n = { (x: Double) in formatNumber(Float(x)) }
        let shownDifference = difference < 0.0001 ? "< 0.0001" : n(difference)
        return [
            StyledLine(Localized(en: "Finite difference on \(cell), h = \(h), L = Σ ∂L/∂y ⊙ y (two forward passes):",
                                 ko: "\(cell)의 유한 차분, h = \(h), L = Σ ∂L/∂y ⊙ y (순전파 두 번):")[l], style: Style(bold: true)),
            StyledLine("(L(\(cell) + h) − L(\(cell) − h)) / 2h = (\(n(check.lossPlus)) − \(n(check.lossMinus))) / \(formatNumber(2 * check.h)) = \(n(check.estimate))"),
            StyledLine([Span(Localized(en: "backprop ∂L/∂x\(cell.dropFirst()) = ", ko: "역전파 ∂L/∂x\(cell.dropFirst()) = ")[l]),
                        Span(formatNumber(backprop), style: Palette.current),
                        Span(Localized(en: "   difference \(shownDifference)", ko: "   차이 \(shownDifference)")[l] + (agrees ? " ✓" : ""))]),
        ]
    }
}

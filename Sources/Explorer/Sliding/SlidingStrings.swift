import CNN

/// The sliding-kernel scene's text, in English and Korean.
enum SlidingStrings {
    static let title = Localized(en: "Sliding kernel", ko: "커널 슬라이딩")
    static let step = Localized(en: "step", ko: "단계")
    static let input = Localized(en: "Input", ko: "입력")
    static let paddedInput = Localized(en: "Input + padding", ko: "입력 + 패딩")
    static let kernel = Localized(en: "Kernel", ko: "커널")
    static let rotated = Localized(en: "Rotated 180°", ko: "180° 회전")
    static let output = Localized(en: "Output", ko: "출력")
    static let padding = Localized(en: "padding", ko: "패딩")
    static let stride = Localized(en: "stride", ko: "스트라이드")
    static let dilation = Localized(en: "dilation", ko: "팽창")
    static let bias = Localized(en: "bias", ko: "절편")
    static let playing = Localized(en: "▶ playing", ko: "▶ 재생 중")
    static let paused = Localized(en: "paused", ko: "일시 정지")
    static let start = Localized(
        en: "Press → to place the kernel on the first window and compute the first output.",
        ko: "→ 키를 누르면 커널을 첫 번째 창에 놓고 첫 출력을 계산합니다.")
    static let done = Localized(en: "All outputs computed.", ko: "모든 출력을 계산했습니다.")
    static let legend = Localized(en: "dim 0 = padding cell", ko: "흐린 0 = 패딩 칸")
    static let outputSize = Localized(en: "output size", ko: "출력 크기")
    static let rows = Localized(en: "rows", ko: "행")
    static let cols = Localized(en: "cols", ko: "열")

    /// Short explanations of what this trace's options do, most basic first.
    static func notes(for trace: ConvTrace) -> [Localized] {
        let g = trace.geometry
        var notes = [Localized(
            en: "Each output cell is the sum of the kernel's weights times the input cells under the window.",
            ko: "출력 한 칸은 창 아래 입력 값과 커널 가중치를 곱해 모두 더한 값입니다.")]
        if trace.mode == .convolve {
            notes.append(Localized(
                en: "True convolution rotates the kernel 180° first; Keras's Conv2D skips the flip (cross-correlation).",
                ko: "진짜 합성곱은 커널을 180° 돌린 뒤 계산합니다. 케라스 Conv2D는 뒤집지 않습니다(교차상관)."))
        }
        if g.hasPadding {
            notes.append(Localized(
                en: "Padding adds zero cells around the input so the window can reach the edges.",
                ko: "패딩은 입력 둘레에 0을 채워 창이 가장자리까지 닿게 합니다."))
        }
        if g.rows.stride > 1 {
            notes.append(Localized(
                en: "A stride of \(g.rows.stride) moves the window \(g.rows.stride) cells at a time, so the output shrinks.",
                ko: "스트라이드 \(g.rows.stride): 창을 한 번에 \(g.rows.stride)칸씩 옮기므로 출력이 작아집니다."))
        }
        if g.rows.dilation > 1 {
            notes.append(Localized(
                en: "Dilation \(g.rows.dilation) spreads the kernel's taps \(g.rows.dilation) cells apart: it covers \(g.rows.effectiveKernel) cells.",
                ko: "팽창 \(g.rows.dilation): 커널 칸 사이를 \(g.rows.dilation)칸씩 벌려 모두 \(g.rows.effectiveKernel)칸을 덮습니다."))
        }
        return notes
    }

    static func mode(_ mode: ConvMode) -> Localized {
        switch mode {
        case .correlate: Localized(en: "cross-correlation (Keras Conv2D)",
                                   ko: "교차상관 (케라스 Conv2D)")
        case .convolve: Localized(en: "convolution (kernel flipped)",
                                  ko: "합성곱 (커널 뒤집기)")
        }
    }

    static let moreNotes = Localized(en: "… more notes: press i", ko: "… 설명이 더 있습니다: i 키")

    /// `cross-correlation · padding same (1) · stride 1 · dilation 1`.
    static func parameters(_ trace: ConvTrace) -> Localized {
        let g = trace.geometry
        func line(_ l: Language) -> String {
            var parts = [mode(trace.mode)[l], "\(padding[l]) \(paddingDescription(trace))",
                         "\(stride[l]) \(g.rows.stride)", "\(dilation[l]) \(g.rows.dilation)"]
            if trace.bias != 0 { parts.append("\(bias[l]) \(formatNumber(trace.bias))") }
            return parts.joined(separator: " · ")
        }
        return Localized(en: line(.en), ko: line(.ko))
    }

    /// `valid`, `same (1)`, `same (0/1)`, `full (2)`, `1`: the padding asked for, then the cells
    /// added per side (before/after when they differ).
    static func paddingDescription(_ trace: ConvTrace) -> String {
        let r = trace.geometry.rows
        if case .explicit = trace.padding { return trace.padding.description }
        guard trace.geometry.hasPadding else { return trace.padding.description }
        let cells = r.padBefore == r.padAfter ? "\(r.padBefore)" : "\(r.padBefore)/\(r.padAfter)"
        return "\(trace.padding) (\(cells))"
    }
}

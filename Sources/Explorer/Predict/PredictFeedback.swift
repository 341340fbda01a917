import CNN

/// Every wrong-answer hint of predict mode, one function per scene family, computed from the
/// engine's traces. A hint never holds the answer: it names a known mistake the guess matches
/// (`diagnose…`, several when they give the same number), else the first product a plausible
/// working got wrong, else which window to use and which way the guess is off.
///
/// The mistakes are the engine's (`Diagnosis.cellMistakes`, `poolMistakes`, `channelMistakes`,
/// `sizeMistakes`): a predicted output cell is the quiz's `cell` or `pool` question at that
/// index, so predict mode and the quiz name the same `MistakeCode` for the same wrong value.
/// `diagnoseConv`, `diagnosePool`, `diagnoseChannels` and `diagnoseSize` return the codes
/// matched, in `MistakeCode` order as the quiz gives them, each with predict mode's message
/// (the quiz's sentence for a code predict mode has no words of its own for).
enum PredictFeedback {
    // MARK: Convolution (sliding, padding, stride, flip, im2col)

    /// A wrong `guess` for output `index` of `trace`, called `prefix[i,j]` on screen.
    static func conv(_ trace: ConvTrace, index: Int, guess: Double, prefix: String = "out") -> Localized {
        let step = trace.steps[index]
        var candidates: [Localized?] = [joined(diagnoseConv(trace, index: index, guess: guess, prefix: prefix).map(\.message))]
        candidates.append(productHint(step.terms, guess: guess, expected: step.result))
        let name = cellName(prefix, step.outputRow, step.outputCol)
        let window = windowText(step.windowRange)
        let padded = trace.geometry.hasPadding
        var en = "\(name)'s window: \(window.en) of the \(padded ? "padded " : "")input, from 0. Multiply each cell by its weight"
        var ko = "\(name)의 창: \(padded ? "패딩한 " : "")입력의 \(window.ko)(0부터). 칸마다 가중치를 곱해 더하세요"
        if trace.mode == .convolve { en += " (kernel rotated 180°)"; ko += " (180° 돌린 커널로)" }
        en += " and add"
        if step.bias != 0 { en += ", then the bias"; ko += ". 절편도 더하세요" }
        let d = direction(guess, step.result)
        candidates.append(Localized(en: en + ". " + d.en, ko: ko + ". " + d.ko))
        candidates.append(Localized(
            en: "Multiply each highlighted cell by the weight in the same place\(trace.mode == .convolve ? " of the rotated kernel" : "") and add them all\(step.bias != 0 ? ", then the bias" : ""). \(d.en)",
            ko: "강조된 칸마다 \(trace.mode == .convolve ? "돌린 커널의 " : "")같은 자리 가중치를 곱해 모두 더하세요\(step.bias != 0 ? ". 절편도 더하세요" : ""). \(d.ko)"))
        return firstWithout(formatNumber(step.result), candidates)
    }

    /// The known mistakes whose value (computed by the engine) equals `guess` for output `index`.
    static func diagnoseConv(_ trace: ConvTrace, index: Int, guess: Double, prefix: String = "out") -> [PredictDiagnosis] {
        let step = trace.steps[index]
        let (i, j) = (step.outputRow, step.outputCol)
        let s = trace.geometry.rows.stride
        return named(Diagnosis.cellMistakes(trace, i: i, j: j), guess: guess, expected: step.result) { code in
            switch code {
            case .noFlip: Localized(
                en: "Check the flip: that is the cross-correlation (convolution rotates the kernel 180°).",
                ko: "뒤집기를 확인하세요: 그 값은 교차상관입니다 (합성곱은 커널을 180° 돌림).")
            case .flipped: Localized(
                en: "That is the convolution (kernel rotated 180°); cross-correlation, Keras's Conv2D, uses the kernel as it is.",
                ko: "그 값은 커널을 180° 돌린 합성곱입니다. 교차상관(케라스 Conv2D)은 커널을 그대로 씁니다.")
            case .noBias: Localized(
                en: "You left out the bias: it is added to every output cell.",
                ko: "절편을 빠뜨렸습니다: 절편은 모든 출력 칸에 더합니다.")
            case .noPadding: Localized(
                en: "That window leaves out the padding: with padding, \(cellName(prefix, i, j))'s window starts on the zero border.",
                ko: "그 창은 패딩을 빼고 놓은 것입니다. 패딩이 있으면 \(cellName(prefix, i, j))의 창은 0 테두리에서 시작합니다.")
            case .noStride: Localized(
                en: "That window moved one cell at a time: with stride \(s) the window jumps \(s) cells per output.",
                ko: "그 창은 한 칸씩 움직였습니다. 스트라이드 \(s)에서는 출력마다 창이 \(s)칸씩 건너뜁니다.")
            case .offByOneIndex: offByOne(name: cellName(prefix, i, j), window: step.windowRange)
            default: nil
            }
        }
    }

    // MARK: Pooling

    /// A wrong `guess` for output `index` of `trace` (`max[i,j]` or `avg[i,j]`).
    static func pool(_ trace: PoolTrace, index: Int, guess: Double, prefix: String) -> Localized {
        let step = trace.steps[index]
        var candidates: [Localized?] = [joined(diagnosePool(trace, index: index, guess: guess, prefix: prefix).map(\.message))]
        let window = windowText(step.windowRange)
        if trace.kind == .max, step.cells.contains(where: { matches(guess, $0.value) }) {
            candidates.append(Localized(en: "That value is in the window, but it is not the largest there.",
                                        ko: "그 값은 창 안에 있지만 가장 큰 값은 아닙니다."))
        }
        let rule = trace.kind == .max
            ? Localized(en: "Keep its largest value", ko: "가장 큰 값을 남기세요")
            : Localized(en: "Add its \(step.cells.count) values and divide by \(step.cells.count)", ko: "값 \(step.cells.count)개를 더해 \(step.cells.count)(으)로 나누세요")
        let name = cellName(prefix, step.outputRow, step.outputCol)
        let d = direction(guess, step.result)
        candidates.append(Localized(en: "\(name)'s window: \(window.en) of the input, from 0. \(rule.en). \(d.en)",
                                    ko: "\(name)의 창: 입력의 \(window.ko)(0부터). \(rule.ko). \(d.ko)"))
        candidates.append(trace.kind == .max
            ? Localized(en: "Keep the largest value of the highlighted window. \(d.en)", ko: "강조된 창에서 가장 큰 값을 남기세요. \(d.ko)")
            : Localized(en: "Add the highlighted window's values and divide by how many there are. \(d.en)",
                        ko: "강조된 창의 값을 더해 그 개수로 나누세요. \(d.ko)"))
        return firstWithout(formatNumber(step.result), candidates)
    }

    /// The known mistakes whose value (the engine's `Diagnosis.poolMistakes`) equals `guess`.
    static func diagnosePool(_ trace: PoolTrace, index: Int, guess: Double, prefix: String) -> [PredictDiagnosis] {
        let step = trace.steps[index]
        let (i, j) = (step.outputRow, step.outputCol)
        let s = trace.geometry.rows.stride
        return named(Diagnosis.poolMistakes(trace, i: i, j: j), guess: guess, expected: step.result) { code in
            switch code {
            case .wrongPoolKind: trace.kind == .max
                ? Localized(en: "That is the window's average; max pooling keeps its largest value.",
                            ko: "그 값은 창의 평균입니다. 최대 풀링은 가장 큰 값을 남깁니다.")
                : Localized(en: "That is the window's largest value; average pooling takes the mean.",
                            ko: "그 값은 창에서 가장 큰 값입니다. 평균 풀링은 평균을 냅니다.")
            case .poolStrideOne: Localized(
                en: "Stride 1? Pooling moves its window \(s) cells (Keras: the window size).",
                ko: "스트라이드 1인가요? 풀링 창은 \(s)칸씩 움직입니다 (케라스: 창 크기).")
            case .noDivide: Localized(
                en: "That is the window's sum: divide it by the number of cells.",
                ko: "그 값은 창의 합입니다. 칸 수로 나누세요.")
            case .paddingInAverage: Localized(
                en: "Padding cells do not count: Keras averages only the \(step.cells.count) real cells under the window.",
                ko: "패딩 칸은 세지 않습니다. 케라스는 창 아래 실제 칸 \(step.cells.count)개만 평균합니다.")
            case .offByOneIndex: offByOne(name: cellName(prefix, i, j), window: step.windowRange)
            default: nil
            }
        }
    }

    // MARK: Channels

    /// A wrong `guess` for cell `cell` of filter `filter`'s map (`map1[i,j]`).
    static func channels(_ trace: ChannelTrace, filter: Int, cell: Int, guess: Double) -> Localized {
        var candidates: [Localized?] = [joined(diagnoseChannels(trace, filter: filter, cell: cell, guess: guess).map(\.message))]
        let steps = trace.slices[filter].map { $0.steps[cell] }
        let expected = trace.outputs[filter].values[cell]
        candidates.append(productHint(steps.flatMap(\.terms), guess: guess, expected: expected))
        let window = windowText(steps[0].windowRange)
        let c = trace.inputs.count
        let d = direction(guess, expected)
        candidates.append(Localized(
            en: "Window: \(window.en), from 0, in each of the \(c) channels. Multiply by that channel's slice, add the \(c) sums and the bias. \(d.en)",
            ko: "창: 채널 \(c)개 각각의 \(window.ko)(0부터). 채널마다 커널 조각을 곱하고, 합 \(c)개와 절편을 더하세요. \(d.ko)"))
        candidates.append(Localized(
            en: "In every channel multiply the highlighted window by its kernel slice, add everything, then the bias. \(d.en)",
            ko: "채널마다 강조된 창에 커널 조각을 곱해 모두 더하고 절편을 더하세요. \(d.ko)"))
        return firstWithout(formatNumber(expected), candidates)
    }

    /// The known mistakes whose value (the engine's `Diagnosis.channelMistakes`) equals `guess`.
    static func diagnoseChannels(_ trace: ChannelTrace, filter f: Int, cell: Int, guess: Double) -> [PredictDiagnosis] {
        let map = trace.outputs[f]
        let (i, j) = (cell / map.cols, cell % map.cols)
        let c = trace.inputs.count
        return named(Diagnosis.channelMistakes(trace, filter: f, i: i, j: j), guess: guess, expected: map.values[cell]) { code in
            switch code {
            case .noBias: Localized(en: "You left out the filter's bias.", ko: "필터의 절편을 빠뜨렸습니다.")
            case .noInputChannels: Localized(
                en: "Only one channel? Add the window sums of all \(c) channels.",
                ko: "채널 하나만 계산했나요? 채널 \(c)개의 창 합을 모두 더하세요.")
            case .wrongFilter: Localized(
                en: "Another filter? This map uses w\(f + 1).c and its own bias.",
                ko: "다른 필터인가요? 이 특성 맵은 w\(f + 1).c와 그 절편을 씁니다.")
            case .offByOneIndex: offByOne(name: cellName("map\(f + 1)", i, j), window: trace.slices[f][0].steps[cell].windowRange)
            default: nil
            }
        }
    }

    // MARK: Output size

    /// A wrong size for a convolution (or pooling) of this geometry.
    static func size(_ g: ConvGeometry, padding: Padding, guess: (rows: Int, cols: Int)) -> Localized {
        let candidates: [Localized?] = [joined(diagnoseSize(g, padding: padding, guess: guess).map(\.message))]
        let formula = "out = floor((n + 2p − d(k−1) − 1) / s) + 1"
        let answer = "\(g.outputRows)×\(g.outputCols)"
        // The formula with this axis's numbers, not worked out (`= floor((4 + 2·0 − …) / 1) + 1`).
        let worked = g.rows.workedFormula[1].trimmingCharacters(in: .whitespaces)
        let square = g.rows == g.cols
        return firstWithout(answer, candidates + [
            square ? Localized(en: "With this scene's numbers: out \(worked).", ko: "이 장면의 수로: out \(worked).") : nil,
            Localized(en: "Work out \(formula) once for the rows and once for the columns.",
                      ko: "\(formula)를 행과 열에 대해 따로 계산하세요."),
        ])
    }

    /// The known mistakes (the engine's `Diagnosis.sizeMistakes`, one axis at a time) that give
    /// `guess` on both axes.
    static func diagnoseSize(_ g: ConvGeometry, padding: Padding, guess: (rows: Int, cols: Int)) -> [PredictDiagnosis] {
        guard (guess.rows, guess.cols) != (g.outputRows, g.outputCols) else { return [] }
        func mistakes(_ a: AxisGeometry) -> [Mistake] {
            Diagnosis.sizeMistakes(n: a.inputSize, k: a.kernelSize, padding: padding, s: a.stride, d: a.dilation)
        }
        let rows = mistakes(g.rows), cols = mistakes(g.cols)
        let codes = MistakeCode.allCases.filter { code in
            rows.contains { $0.code == code && $0.value == Double(guess.rows) }
                && cols.contains { $0.code == code && $0.value == Double(guess.cols) }
        }
        return codes.map { code in
            let message: Localized? = switch code {
            case .missingPlusOne: Localized(
                en: "You left out the +1: the first window counts too (floor(…) + 1).",
                ko: "+1을 빠뜨렸습니다: 첫 번째 창도 셉니다 (floor(…) + 1).")
            case .ceilNotFloor: Localized(
                en: "Round down, not up: a window that would run past the edge is not placed (floor).",
                ko: "올림이 아니라 내림입니다: 가장자리를 넘는 창은 놓지 않습니다 (floor).")
            case .noPadding: Localized(
                en: "That is the size without padding: padding adds cells on each side first.",
                ko: "그 값은 패딩이 없을 때의 크기입니다. 패딩은 먼저 양쪽에 칸을 더합니다.")
            case .noStride: Localized(
                en: "That is the size at stride 1: divide by the stride \(g.rows.stride) before adding 1.",
                ko: "그 값은 스트라이드 1일 때의 크기입니다. 1을 더하기 전에 스트라이드 \(g.rows.stride)(으)로 나누세요.")
            case .noDilation: Localized(
                en: "That ignores the dilation: the kernel spans d(k−1)+1 = \(g.rows.effectiveKernel) cells.",
                ko: "팽창을 빠뜨렸습니다: 커널은 d(k−1)+1 = \(g.rows.effectiveKernel)칸에 걸칩니다.")
            default: nil
            }
            return PredictDiagnosis(code: code, message: message ?? sentence(code))
        }
    }

    // MARK: Shared

    /// The first product a plausible working got wrong: a product left out (`guess = expected −
    /// p`, looked for first) or added with the wrong sign (`guess = expected − 2p`).
    static func productHint(_ terms: [ConvTerm], guess: Double, expected: Float) -> Localized? {
        for term in terms where term.product != 0 && matches(guess, expected - term.product) {
            let product = ConvPanel.product(term)
            return Localized(en: "Check the product \(product): it looks left out of the sum.",
                             ko: "곱 \(product)을 확인하세요: 합에서 빠진 것 같습니다.")
        }
        for term in terms where term.product != 0 {
            let product = ConvPanel.product(term)
            if matches(guess, expected - 2 * term.product) {
                return Localized(en: "Check the sign of the product \(product).",
                                 ko: "곱 \(product)의 부호를 확인하세요.")
            }
        }
        return nil
    }

    /// The neighbour is not named: its value may be a question still to come.
    static func offByOne(name: String, window: (rows: ClosedRange<Int>, cols: ClosedRange<Int>)) -> Localized {
        let w = windowText(window)
        return Localized(en: "One cell off? \(name)'s window: \(w.en).", ko: "한 칸 어긋났나요? \(name)의 창: \(w.ko).")
    }

    /// The engine's `mistakes` that give `guess` (as predict mode reads a typed value,
    /// `PredictGuess.close`) but not `expected`: one per code, in `MistakeCode` order (the
    /// quiz's order), each with `message(code)` or, where that is nil, the quiz's sentence.
    static func named(_ mistakes: [Mistake], guess: Double, expected: Float,
                      _ message: (MistakeCode) -> Localized?) -> [PredictDiagnosis] {
        guard !matches(guess, expected) else { return [] }
        let found = mistakes.filter { matches(guess, Float($0.value)) && !matches($0.value, expected) }
        return MistakeCode.allCases.filter { code in found.contains { $0.code == code } }
            .map { PredictDiagnosis(code: $0, message: message($0) ?? sentence($0)) }
    }

    /// The quiz's name of a mistake as a sentence (it holds no number of the question).
    static func sentence(_ code: MistakeCode) -> Localized {
        let name = QuizStrings.mistake(code)
        return Localized(en: name.en + ".", ko: name.ko + ".")
    }

    /// `Your value is too high.`
    static func direction(_ guess: Double, _ expected: Float) -> Localized {
        guess > Double(expected)
            ? Localized(en: "Too high.", ko: "너무 큽니다.")
            : Localized(en: "Too low.", ko: "너무 작습니다.")
    }

    /// The messages in one line; nil for none.
    static func joined(_ messages: [Localized]) -> Localized? {
        messages.isEmpty ? nil : Localized(en: messages.map(\.en).joined(separator: " "), ko: messages.map(\.ko).joined(separator: " "))
    }

    /// The first candidate (most specific first) that does not write `answer` in either
    /// language (a window's row number or a product can equal it); the last one otherwise.
    static func firstWithout(_ answer: String, _ candidates: [Localized?]) -> Localized {
        let present = candidates.compactMap { $0 }
        return present.first { Predictor.occurrences(of: answer, in: $0.en) == 0 && Predictor.occurrences(of: answer, in: $0.ko) == 0 }
            ?? present.last ?? ""
    }
}

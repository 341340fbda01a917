import CNN

/// Every wrong-answer hint of predict mode, one function per scene family, computed from the
/// engine's traces. A hint never holds the answer: it names a known mistake the guess matches
/// (`diagnose…`, several when they give the same number), else the first product a plausible
/// working got wrong, else which window to use and which way the guess is off.
///
/// The seam for the quiz's diagnosis: `diagnoseConv`, `diagnosePool`, `diagnoseChannels` and
/// `diagnoseSize` return the codes matched (`PredictMistake`'s raw values are the quiz's
/// codes) with a message each; the quiz's own wording can replace the message by code.
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
        guard !matches(guess, step.result) else { return [] }
        var found: [PredictDiagnosis] = []
        func retraced(padding: Padding? = nil, stride: Int? = nil, mode: ConvMode? = nil) -> ConvTrace? {
            try? ConvTrace(input: trace.input, kernel: trace.kernel, bias: trace.bias, padding: padding ?? trace.padding,
                           stride: stride ?? trace.geometry.rows.stride, dilation: trace.geometry.rows.dilation, mode: mode ?? trace.mode)
        }
        func value(_ t: ConvTrace?, _ i: Int, _ j: Int) -> Float? {
            guard let t, i >= 0, j >= 0, i < t.geometry.outputRows, j < t.geometry.outputCols else { return nil }
            return t.steps[i * t.geometry.outputCols + j].result
        }
        let (i, j) = (step.outputRow, step.outputCol)
        let other = retraced(mode: trace.mode == .convolve ? .correlate : .convolve)
        if let v = value(other, i, j), matches(guess, v) {
            found.append(trace.mode == .convolve
                ? PredictDiagnosis(code: .noFlip, message: Localized(
                    en: "Check the flip: that is the cross-correlation (convolution rotates the kernel 180°).",
                    ko: "뒤집기를 확인하세요: 그 값은 교차상관입니다 (합성곱은 커널을 180° 돌림)."))
                : PredictDiagnosis(code: .flipped, message: Localized(
                    en: "That is the convolution (kernel rotated 180°); cross-correlation, Keras's Conv2D, uses the kernel as it is.",
                    ko: "그 값은 커널을 180° 돌린 합성곱입니다. 교차상관(케라스 Conv2D)은 커널을 그대로 씁니다.")))
        }
        if step.bias != 0, matches(guess, step.sum) {
            found.append(PredictDiagnosis(code: .noBias, message: Localized(
                en: "You left out the bias: it is added to every output cell.",
                ko: "절편을 빠뜨렸습니다: 절편은 모든 출력 칸에 더합니다.")))
        }
        if trace.geometry.hasPadding, let v = value(retraced(padding: .valid), i, j), matches(guess, v) {
            found.append(PredictDiagnosis(code: .noPadding, message: Localized(
                en: "That window leaves out the padding: with padding, \(cellName(prefix, i, j))'s window starts on the zero border.",
                ko: "그 창은 패딩을 빼고 놓은 것입니다. 패딩이 있으면 \(cellName(prefix, i, j))의 창은 0 테두리에서 시작합니다.")))
        }
        let s = trace.geometry.rows.stride
        if s > 1, let v = value(retraced(stride: 1), i, j), matches(guess, v) {
            found.append(PredictDiagnosis(code: .noStride, message: Localized(
                en: "That window moved one cell at a time: with stride \(s) the window jumps \(s) cells per output.",
                ko: "그 창은 한 칸씩 움직였습니다. 스트라이드 \(s)에서는 출력마다 창이 \(s)칸씩 건너뜁니다.")))
        }
        for (di, dj) in [(0, 1), (0, -1), (1, 0), (-1, 0)] {
            if let v = value(trace, i + di, j + dj), matches(guess, v) {
                found.append(offByOne(name: cellName(prefix, i, j), neighbour: cellName(prefix, i + di, j + dj), window: step.windowRange))
                break
            }
        }
        return found
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

    static func diagnosePool(_ trace: PoolTrace, index: Int, guess: Double, prefix: String) -> [PredictDiagnosis] {
        let step = trace.steps[index]
        guard !matches(guess, step.result) else { return [] }
        var found: [PredictDiagnosis] = []
        let (i, j) = (step.outputRow, step.outputCol)
        let s = trace.geometry.rows.stride
        func value(_ t: PoolTrace?, _ i: Int, _ j: Int) -> Float? {
            guard let t, i >= 0, j >= 0, i < t.geometry.outputRows, j < t.geometry.outputCols else { return nil }
            return t.steps[i * t.geometry.outputCols + j].result
        }
        let otherKind: PoolTrace.Kind = trace.kind == .max ? .average : .max
        if let v = value(try? PoolTrace(input: trace.input, kind: otherKind, size: trace.size, stride: s, padding: trace.padding), i, j),
           matches(guess, v) {
            found.append(PredictDiagnosis(code: .wrongPoolKind, message: trace.kind == .max
                ? Localized(en: "That is the window's average; max pooling keeps its largest value.",
                            ko: "그 값은 창의 평균입니다. 최대 풀링은 가장 큰 값을 남깁니다.")
                : Localized(en: "That is the window's largest value; average pooling takes the mean.",
                            ko: "그 값은 창에서 가장 큰 값입니다. 평균 풀링은 평균을 냅니다.")))
        }
        if s > 1, let v = value(try? PoolTrace(input: trace.input, kind: trace.kind, size: trace.size, stride: 1, padding: trace.padding), i, j),
           matches(guess, v) {
            found.append(PredictDiagnosis(code: .poolStrideOne, message: Localized(
                en: "Stride 1? Pooling moves its window \(s) cells (Keras: the window size).",
                ko: "스트라이드 1인가요? 풀링 창은 \(s)칸씩 움직입니다 (케라스: 창 크기).")))
        }
        if trace.kind == .average {
            if step.cells.count > 1, matches(guess, step.sum) {
                found.append(PredictDiagnosis(code: .noDivide, message: Localized(
                    en: "That is the window's sum: divide it by the number of cells.",
                    ko: "그 값은 창의 합입니다. 칸 수로 나누세요.")))
            }
            let whole = trace.size * trace.size
            if step.cells.count < whole, matches(guess, step.sum / Float(whole)) {
                found.append(PredictDiagnosis(code: .paddingInAverage, message: Localized(
                    en: "Padding cells do not count: Keras averages only the \(step.cells.count) real cells under the window.",
                    ko: "패딩 칸은 세지 않습니다. 케라스는 창 아래 실제 칸 \(step.cells.count)개만 평균합니다.")))
            }
        }
        for (di, dj) in [(0, 1), (0, -1), (1, 0), (-1, 0)] {
            if let v = value(trace, i + di, j + dj), matches(guess, v) {
                found.append(offByOne(name: cellName(prefix, i, j), neighbour: cellName(prefix, i + di, j + dj), window: step.windowRange))
                break
            }
        }
        return found
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

    static func diagnoseChannels(_ trace: ChannelTrace, filter f: Int, cell: Int, guess: Double) -> [PredictDiagnosis] {
        let expected = trace.outputs[f].values[cell]
        guard !matches(guess, expected) else { return [] }
        var found: [PredictDiagnosis] = []
        let bias = trace.biases[f]
        if bias != 0, matches(guess, expected - bias) {
            found.append(PredictDiagnosis(code: .noBias, message: Localized(
                en: "You left out the filter's bias.",
                ko: "필터의 절편을 빠뜨렸습니다.")))
        }
        if trace.inputs.count > 1 {
            for (c, slice) in trace.slices[f].enumerated() {
                let sum = slice.steps[cell].sum
                if matches(guess, sum) || matches(guess, sum + bias) {
                    found.append(PredictDiagnosis(code: .noInputChannels, message: Localized(
                        en: "Only channel \(c + 1)? Add the window sums of all \(trace.inputs.count) channels.",
                        ko: "채널 \(c + 1)만 계산했나요? 채널 \(trace.inputs.count)개의 창 합을 모두 더하세요.")))
                    break
                }
            }
        }
        for (g, map) in trace.outputs.enumerated() where g != f && matches(guess, map.values[cell]) {
            found.append(PredictDiagnosis(code: .wrongFilter, message: Localized(
                en: "Another filter? This map uses w\(f + 1).c and its own bias.",
                ko: "다른 필터인가요? 이 특성 맵은 w\(f + 1).c와 그 절편을 씁니다.")))
            break
        }
        let map = trace.outputs[f]
        let (i, j) = (cell / map.cols, cell % map.cols)
        for (di, dj) in [(0, 1), (0, -1), (1, 0), (-1, 0)] {
            let (r, c) = (i + di, j + dj)
            if r >= 0, c >= 0, r < map.rows, c < map.cols, matches(guess, map[r, c]) {
                found.append(offByOne(name: cellName("map\(f + 1)", i, j), neighbour: cellName("map\(f + 1)", r, c),
                                      window: trace.slices[f][0].steps[cell].windowRange))
                break
            }
        }
        return found
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

    static func diagnoseSize(_ g: ConvGeometry, padding: Padding, guess: (rows: Int, cols: Int)) -> [PredictDiagnosis] {
        guard (guess.rows, guess.cols) != (g.outputRows, g.outputCols) else { return [] }
        var found: [PredictDiagnosis] = []
        /// Both axes' sizes under a change; nil when the engine refuses it.
        func sizes(_ change: (AxisGeometry) throws(CNNError) -> AxisGeometry) -> (Int, Int)? {
            guard let r = try? change(g.rows), let c = try? change(g.cols) else { return nil }
            return (r.outputSize, c.outputSize)
        }
        func given(_ m: (Int, Int)?) -> Bool { m.map { $0 == guess.rows && $1 == guess.cols } ?? false }
        if given((g.rows.numerator / g.rows.stride, g.cols.numerator / g.cols.stride)) {
            found.append(PredictDiagnosis(code: .missingPlusOne, message: Localized(
                en: "You left out the +1: the first window counts too (floor(…) + 1).",
                ko: "+1을 빠뜨렸습니다: 첫 번째 창도 셉니다 (floor(…) + 1).")))
        }
        func ceiled(_ a: AxisGeometry) -> Int { (a.numerator + a.stride - 1) / a.stride + 1 }
        if g.rows.numerator % g.rows.stride != 0 || g.cols.numerator % g.cols.stride != 0, given((ceiled(g.rows), ceiled(g.cols))) {
            found.append(PredictDiagnosis(code: .ceilNotFloor, message: Localized(
                en: "Round down, not up: a window that would run past the edge is not placed (floor).",
                ko: "올림이 아니라 내림입니다: 가장자리를 넘는 창은 놓지 않습니다 (floor).")))
        }
        if g.hasPadding, given(sizes { a throws(CNNError) in try AxisGeometry(input: a.inputSize, kernel: a.kernelSize, stride: a.stride, dilation: a.dilation) }) {
            found.append(PredictDiagnosis(code: .noPadding, message: Localized(
                en: "That is the size without padding: padding adds cells on each side first.",
                ko: "그 값은 패딩이 없을 때의 크기입니다. 패딩은 먼저 양쪽에 칸을 더합니다.")))
        }
        if g.rows.stride > 1, given(sizes { a throws(CNNError) in try AxisGeometry(input: a.inputSize, kernel: a.kernelSize, dilation: a.dilation, padding: padding) }) {
            found.append(PredictDiagnosis(code: .noStride, message: Localized(
                en: "That is the size at stride 1: divide by the stride \(g.rows.stride) before adding 1.",
                ko: "그 값은 스트라이드 1일 때의 크기입니다. 1을 더하기 전에 스트라이드 \(g.rows.stride)(으)로 나누세요.")))
        }
        if g.rows.dilation > 1, given(sizes { a throws(CNNError) in try AxisGeometry(input: a.inputSize, kernel: a.kernelSize, stride: a.stride, padding: padding) }) {
            found.append(PredictDiagnosis(code: .noDilation, message: Localized(
                en: "That ignores the dilation: the kernel spans d(k−1)+1 = \(g.rows.effectiveKernel) cells.",
                ko: "팽창을 빠뜨렸습니다: 커널은 d(k−1)+1 = \(g.rows.effectiveKernel)칸에 걸칩니다.")))
        }
        return found
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
    static func offByOne(name: String, neighbour: String, window: (rows: ClosedRange<Int>, cols: ClosedRange<Int>)) -> PredictDiagnosis {
        let w = windowText(window)
        return PredictDiagnosis(code: .offByOneIndex, message: Localized(
            en: "One cell off? \(name)'s window: \(w.en).",
            ko: "한 칸 어긋났나요? \(name)의 창: \(w.ko)."))
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

import CNN

/// The sentences of the quiz, in English and Korean. Korean puts no particle directly
/// after a number (`출력 크기는?`, `입력 채널 32개`), so any number reads correctly.
extension QuizQuestion {
    /// The question as one sentence: the author's `text`, or the generated one.
    public func prompt(_ language: Language) -> String {
        if let text, !text.isEmpty { return text }
        return generatedPrompt[language]
    }

    var generatedPrompt: Localized {
        switch body {
        case .size(let q):
            let d = q.d == 1 ? "" : ", dilation d = \(q.d)"
            let dKo = q.d == 1 ? "" : ", 팽창 d = \(q.d)"
            return Localized(
                en: "Input n = \(q.n), kernel k = \(q.k), padding p = \(q.p), stride s = \(q.s)\(d). What is the output size?",
                ko: "입력 n = \(q.n), 커널 k = \(q.k), 패딩 p = \(q.p), 스트라이드 s = \(q.s)\(dKo). 출력 크기는?")
        case .chain(let q):
            let steps = q.layers.map(\.shortDescription).joined(separator: " → ")
            return Localized(
                en: "Input \(q.n)×\(q.n) → \(steps). What is the final output size (one side)?",
                ko: "입력 \(q.n)×\(q.n) → \(steps). 마지막 출력의 한 변 크기는?")
        case .params(.conv(let k, let cIn, let cOut)):
            return Localized(
                en: "Conv2D layer: \(k)×\(k) kernel, \(counted(cIn, "input channel")), \(counted(cOut, "filter")), with bias. How many parameters?",
                ko: "Conv2D 층: \(k)×\(k) 커널, 입력 채널 \(cIn)개, 필터 \(cOut)개, 절편 포함. 파라미터 수는?")
        case .params(.dense(let inputs, let units)):
            return Localized(
                en: "Dense layer: \(inputs) inputs, \(units) units, with bias. How many parameters?",
                ko: "밀집층: 입력 \(inputs)개, 유닛 \(units)개, 절편 포함. 파라미터 수는?")
        case .cell(let q):
            let (ir, ic, kr, kc) = (q.input.rows, q.input.cols, q.kernel.rows, q.kernel.cols)
            return Localized(
                en: "Input \(ir)×\(ic), kernel \(kr)×\(kc), mode \(q.mode.rawValue), padding \(q.p), stride \(q.s). Output cell [\(q.i), \(q.j)] (counting from 0)?",
                ko: "입력 \(ir)×\(ic), 커널 \(kr)×\(kc), \(q.mode == .convolve ? "합성곱(커널 180° 회전)" : "교차상관"), 패딩 \(q.p), 스트라이드 \(q.s). 출력 [\(q.i), \(q.j)] 칸의 값은? (0부터 셈)")
        case .channels(let q):
            return q.prompt
        case .choice(let q):
            return q.question
        case .truefalse(let q):
            return Localized(en: q.statement.en + " (true or false?)", ko: q.statement.ko + " (참 또는 거짓?)")
        case .pool(let q):
            let name = q.pool == .max ? "max" : "average"
            let nameKo = q.pool == .max ? "최대" : "평균"
            return Localized(
                en: "\(name.capitalized) pooling \(q.size)×\(q.size), stride \(q.stride), on the \(q.input.rows)×\(q.input.cols) input. Output cell [\(q.i), \(q.j)] (counting from 0)?",
                ko: "\(q.input.rows)×\(q.input.cols) 입력에 \(q.size)×\(q.size) \(nameKo) 풀링, 스트라이드 \(q.stride). 출력 [\(q.i), \(q.j)] 칸의 값은? (0부터 셈)")
        }
    }

    /// The options of a `choice` question, one line each: `a) …`, `b) …` (empty for other kinds).
    public func optionLines(_ language: Language) -> [String] {
        guard case .choice(let q) = body else { return [] }
        return q.options.enumerated().map { "\(ChoiceQuestion.letter($0.offset))) \($0.element.text[language])" }
    }

    /// Matrices the question shows under its sentence, with a caption each.
    public func figures(_ language: Language) -> [(caption: String, lines: [String])] {
        switch body {
        case .cell(let q):
            return [(Localized(en: "input", ko: "입력")[language], matrixLines(q.input)),
                    (Localized(en: "kernel", ko: "커널")[language], matrixLines(q.kernel))]
        case .pool(let q):
            return [(Localized(en: "input", ko: "입력")[language], matrixLines(q.input))]
        case .channels(let q):
            return q.figures(language)
        default:
            return []
        }
    }

    /// The answer worked out with the question's numbers, one string per line: the formula
    /// for a size, each layer for a chain, the window on the input and its products for a cell.
    public func worked(_ language: Language) -> [String] {
        switch body {
        case .size(let q):
            guard let g = try? q.geometry() else { return [] }
            var lines: [String] = []
            if q.p == .same {
                lines.append(Localized(
                    en: "same: out = ceil(n / s) = ceil(\(q.n) / \(q.s)) = \(g.outputSize); padding \(g.padBefore) before, \(g.padAfter) after",
                    ko: "same: out = ceil(n / s) = ceil(\(q.n) / \(q.s)) = \(g.outputSize); 패딩 위·왼쪽 \(g.padBefore), 아래·오른쪽 \(g.padAfter)")[language])
            } else if q.p == .full {
                lines.append(Localized(en: "full: p = d(k−1) = \(g.padBefore) on each side",
                                       ko: "full: 양쪽 패딩 p = d(k−1) = \(g.padBefore)")[language])
            }
            return lines + g.workedFormula
        case .chain(let q):
            guard let gs = try? q.geometries() else { return [] }
            var lines: [String] = []
            for (index, (layer, g)) in zip(q.layers, gs).enumerated() {
                lines.append("\(index + 1). \(layer.shortDescription): \(g.compactFormula)")
            }
            return lines
        case .params(.conv(let k, let cIn, let cOut)):
            guard let n = try? ParamsQuestion.conv(k: k, cIn: cIn, cOut: cOut).paramCount() else { return [] }
            return ["k·k·c_in·c_out + c_out = \(k)·\(k)·\(cIn)·\(cOut) + \(cOut) = \(n)"]
        case .params(.dense(let inputs, let units)):
            guard let n = try? ParamsQuestion.dense(inputs: inputs, units: units).paramCount() else { return [] }
            return ["inputs·units + units = \(inputs)·\(units) + \(units) = \(n)"]
        case .cell(let q):
            guard let trace = try? q.trace(), let step = try? q.step() else { return [] }
            let g = trace.geometry
            let padded = g.rows.padBefore + g.rows.padAfter + g.cols.padBefore + g.cols.padAfter > 0
            var lines = [padded ? Localized(en: "the window on the input (padding shows as 0):", ko: "입력 위의 창 (패딩은 0):")[language]
                                : Localized(en: "the window on the input:", ko: "입력 위의 창:")[language]]
            lines += windowLines(trace: trace, step: step)
            if q.mode == .convolve {
                let rotated = trace.appliedKernel.nestedRows.map { $0.map { formatNumber($0) }.joined(separator: " ") }.joined(separator: "; ")
                lines.append(Localized(en: "convolve: the kernel rotated 180° is applied: \(rotated)",
                                       ko: "합성곱: 180° 돌린 커널을 씁니다: \(rotated)")[language])
            }
            lines.append("out[\(q.i), \(q.j)] = \(step.equation(times: "·"))")
            return lines
        case .channels(let q):
            return q.worked(language)
        case .choice(let q):
            guard q.options.indices.contains(q.answer) else { return [] }
            let right = "\(ChoiceQuestion.letter(q.answer))) \(q.options[q.answer].text[language])"
            return [Localized(en: "The answer: ", ko: "정답: ")[language] + right] + (q.explain.map { [$0[language]] } ?? [])
        case .truefalse(let q):
            let verdict = Localized(en: "The statement is \(TruthWords.name(q.answer).en).",
                                    ko: "이 문장은 \(TruthWords.name(q.answer).ko)입니다.")[language]
            return [verdict] + (q.explain.map { [$0[language]] } ?? [])
        case .pool(let q):
            guard let step = try? q.step() else { return [] }
            let cells = Set(step.cells.map { $0.row * q.input.cols + $0.col })
            var lines = [Localized(en: "the window on the input:", ko: "입력 위의 창:")[language]]
            lines += gridLines(rows: q.input.rows, cols: q.input.cols,
                               value: { q.input[$0, $1] }, marked: { cells.contains($0 * q.input.cols + $1) })
            lines.append("out[\(q.i), \(q.j)] = \(step.equation)")
            return lines
        }
    }

    /// The padded input with the cells under the window in brackets.
    private func windowLines(trace: ConvTrace, step: ConvStep) -> [String] {
        let g = trace.geometry
        let marked = Set(step.terms.map { $0.paddedRow * g.cols.paddedSize + $0.paddedCol })
        return gridLines(rows: g.rows.paddedSize, cols: g.cols.paddedSize,
                         value: { trace.inputValue(paddedRow: $0, paddedCol: $1) ?? 0 },
                         marked: { marked.contains($0 * g.cols.paddedSize + $1) })
    }
}

extension ChainQuestion.Layer {
    /// `conv k=3 p=same s=1`, `pool k=2 s=2`.
    public var shortDescription: String {
        switch type {
        case .conv: "conv k=\(k) p=\(p) s=\(stride)"
        case .pool: p == .valid ? "pool k=\(k) s=\(stride)" : "pool k=\(k) p=\(p) s=\(stride)"
        }
    }
}

/// A matrix as right-aligned text rows: `[" 1  2", "-3  4"]`.
public func matrixLines(_ m: Matrix) -> [String] {
    gridLines(rows: m.rows, cols: m.cols, value: { m[$0, $1] }, marked: { _, _ in false })
}

/// A grid of numbers, each in a cell `␣v␣` or `[v]` when marked.
func gridLines(rows: Int, cols: Int, value: (Int, Int) -> Float, marked: (Int, Int) -> Bool) -> [String] {
    var width = 1
    for r in 0..<rows { for c in 0..<cols { width = max(width, formatNumber(value(r, c)).count) } }
    return (0..<rows).map { r in
        (0..<cols).map { c in
            let text = formatNumber(value(r, c))
            let padded = String(repeating: " ", count: width - text.count) + text
            return marked(r, c) ? "[\(padded)]" : " \(padded) "
        }.joined()
    }
}

/// The quiz's fixed phrases.
enum QuizStrings {
    static let title = Localized(en: "Quiz", ko: "퀴즈")
    static func kindName(_ kind: QuizKind) -> Localized {
        switch kind {
        case .size: Localized(en: "output size", ko: "출력 크기")
        case .chain: Localized(en: "layer chain", ko: "층 연결")
        case .params: Localized(en: "parameters", ko: "파라미터 수")
        case .cell: Localized(en: "output cell", ko: "출력 칸")
        case .pool: Localized(en: "pooling", ko: "풀링")
        case .channels: Localized(en: "channels", ko: "채널")
        case .choice: Localized(en: "choice", ko: "선택형")
        case .truefalse: Localized(en: "true or false", ko: "참/거짓")
        }
    }

    /// The name of a known mistake, as the feedback gives it (followed by its working).
    static func mistake(_ code: MistakeCode) -> Localized {
        switch code {
        case .missingPlusOne: Localized(en: "You left out the +1", ko: "+1을 빠뜨렸습니다")
        case .ceilNotFloor: Localized(en: "You rounded up; the formula rounds down (floor)", ko: "올림을 했습니다. 공식은 내림(floor)입니다")
        case .oneSidePadding: Localized(en: "You added the padding on one side only; it goes on both (2p)",
                                        ko: "패딩을 한쪽에만 더했습니다. 패딩은 양쪽에 붙습니다 (2p)")
        case .noPadding: Localized(en: "You left out the padding", ko: "패딩을 빠뜨렸습니다")
        case .noDilation: Localized(en: "You left out the dilation: the kernel spans d(k−1)+1 cells",
                                    ko: "팽창을 빠뜨렸습니다. 커널은 d(k−1)+1칸에 걸칩니다")
        case .noStride: Localized(en: "You left out the stride: the window moves s cells at a time",
                                  ko: "스트라이드를 빠뜨렸습니다. 창은 한 번에 s칸씩 움직입니다")
        case .sameKeepsSize: Localized(en: "'same' keeps the size only at stride 1; at stride s the size is ceil(n / s)",
                                       ko: "'same'은 스트라이드 1에서만 크기를 유지합니다. 스트라이드 s에서는 ceil(n / s)")
        case .sameSymmetric: Localized(en: "Keras puts the odd 'same' padding cell at the bottom/right (not split evenly, not top/left)",
                                       ko: "Keras는 'same' 패딩의 남는 한 칸을 아래/오른쪽에 둡니다 (반씩 나누거나 위/왼쪽이 아님)")
        case .noFlip: Localized(en: "You computed the cross-correlation; convolution rotates the kernel 180° first",
                                ko: "교차상관을 계산했습니다. 합성곱은 커널을 먼저 180° 돌립니다")
        case .flipped: Localized(en: "You rotated the kernel; correlate (what Keras's Conv2D does) uses it as it is",
                                 ko: "커널을 돌렸습니다. correlate(Keras Conv2D가 하는 것)는 커널을 그대로 씁니다")
        case .noBias: Localized(en: "You left out the bias (one per filter or unit)", ko: "절편을 빠뜨렸습니다 (필터나 유닛마다 하나)")
        case .biasPerWeight: Localized(en: "You counted a bias per weight; there is one per filter or unit",
                                       ko: "가중치마다 절편을 셌습니다. 절편은 필터나 유닛마다 하나입니다")
        case .noInputChannels: Localized(en: "You left out input channels: each filter has k·k·c_in weights, a kernel for every input channel",
                                         ko: "입력 채널을 빠뜨렸습니다. 필터마다 가중치가 k·k·c_in개, 곧 입력 채널마다 커널이 하나씩입니다")
        case .wrongFilter: Localized(en: "You used another filter's weights; each feature map has its own filter and bias",
                                     ko: "다른 필터의 가중치를 썼습니다. 특성 맵마다 자기 필터와 절편이 있습니다")
        case .noDivide: Localized(en: "You left the sum undivided; average pooling divides by the number of cells",
                                  ko: "합을 나누지 않았습니다. 평균 풀링은 칸 수로 나눕니다")
        case .paddingInAverage: Localized(en: "You counted the padding cells; Keras averages only the real cells under the window",
                                          ko: "패딩 칸까지 셌습니다. 케라스는 창 아래 실제 칸만 평균합니다")
        case .poolStrideOne: Localized(en: "You moved the pooling window by 1; its stride is its size unless given",
                                       ko: "풀링 창을 1칸씩 옮겼습니다. 따로 주지 않으면 스트라이드는 창 크기입니다")
        case .wrongPoolKind: Localized(en: "You used the other pooling: max takes the largest value, average the mean",
                                       ko: "다른 풀링을 썼습니다. max는 가장 큰 값, average는 평균입니다")
        case .offByOneIndex: Localized(en: "You answered a neighbouring cell; rows and columns count from 0",
                                       ko: "옆 칸의 값을 답했습니다. 행과 열은 0부터 셉니다")
        }
    }
    static func score(_ correct: Int, _ total: Int, streak: Int) -> Localized {
        Localized(en: "score \(correct)/\(total) · streak \(streak)", ko: "점수 \(correct)/\(total) · 연속 정답 \(streak)")
    }
    static func right(_ value: QuizValue) -> Localized {
        Localized(en: "✓ correct: \(value.display(.en))", ko: "✓ 정답: \(value.display(.ko))")
    }
    static func wrong(answer: QuizValue, expected: QuizValue) -> Localized {
        Localized(en: "✗ wrong: you answered \(answer.display(.en)), expected \(expected.display(.en))",
                  ko: "✗ 오답: 입력한 값 \(answer.display(.ko)), 정답 \(expected.display(.ko))")
    }
    static func question(_ index: Int, of count: Int, kind: QuizKind) -> Localized {
        let name = kindName(kind)
        return Localized(en: "Question \(index)/\(count) · \(name.en)", ko: "문제 \(index)/\(count) · \(name.ko)")
    }
}

extension QuizTopic {
    /// The topic's name as `stride quiz` prints it: the `--kind` value in English, the kind's
    /// Korean name in Korean (`mixed` is 여러 종류).
    public var title: Localized {
        switch self {
        case .mixed: Localized(en: rawValue, ko: "여러 종류")
        default: Localized(en: rawValue, ko: kinds.first.map { QuizStrings.kindName($0)[.ko] } ?? rawValue)
        }
    }
}

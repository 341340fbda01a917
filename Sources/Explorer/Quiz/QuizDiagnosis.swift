import CNN

/// The verdict on one answer: right or wrong, the known mistakes that explain a wrong one
/// (`Diagnosis`, computed by the engine from the question's own numbers, or the mistake an
/// author tied to a wrong option), and the feedback an author wrote for it.
///
/// This is the grading API every front end uses (the TUI quiz, `--plain`, lesson checks,
/// class mode): `QuizQuestion.grade(_:)` → `correct`, `diagnoses` and `lines(_:)` (the
/// diagnosis sentences with their working), and `QuizQuestion.worked(_:)` for the working
/// of the right answer.
public struct QuizGrade: Sendable, Equatable {
    public let correct: Bool
    public let answer: QuizValue
    public let expected: QuizValue
    /// The engine-computed mistakes that give this answer (numeric kinds), in `MistakeCode`
    /// order; empty when the answer is right or no known mistake gives it.
    public let mistakes: [Mistake]
    /// The codes of the mistakes: `mistakes`' codes, or the wrong option's `diagnosis`.
    public let diagnoses: [MistakeCode]
    /// The author's feedback for the option picked (or for a wrong true/false).
    public let feedback: Localized?

    /// The first diagnosis (`"diagnosis"` in `--plain --json` and results files), or nil.
    public var diagnosis: MistakeCode? { diagnoses.first }

    /// The feedback in `language`: each mistake named with its working (`You left out the
    /// +1: floor(26 / 2) = 13; right: floor(26 / 2) + 1 = 14`), the second and later ones
    /// introduced with "Or:" (several mistakes give the same number); or the author's
    /// feedback; or the name of a tied mistake. The "right: …" part is left out when one of
    /// `shown` (the working printed below it) already contains it.
    public func lines(_ language: Language, shown: [String] = []) -> [String] {
        if correct { return [] }
        var lines: [String] = []
        for (index, m) in mistakes.enumerated() {
            // Several mistakes may share a working or a fix: say each once.
            let earlier = mistakes[..<index]
            var sentence = QuizStrings.mistake(m.code)[language]
            if !earlier.contains(where: { $0.working == m.working }) { sentence += ": " + m.working }
            if !earlier.contains(where: { $0.fix == m.fix }), !shown.contains(where: { $0.contains(m.fix) }) { sentence += "; " + Localized(en: "right: ", ko: "바르게: ")[language] + m.fix }
            lines.append(index == 0 ? sentence : Localized(en: "Or: ", ko: "또는: ")[language] + sentence)
        }
        if let feedback { lines.append(feedback[language]) }
        if mistakes.isEmpty, feedback == nil, let code = diagnosis { lines.append(QuizStrings.mistake(code)[language]) }
        return lines
    }
}

extension QuizQuestion {
    /// The answers the known mistakes give for this question (see `MistakeCode`), computed by
    /// the engine; empty for the conceptual kinds (their options carry their own).
    public var mistakes: [Mistake] {
        switch body {
        case .size(let q): Diagnosis.sizeMistakes(n: q.n, k: q.k, padding: q.p, s: q.s, d: q.d)
        case .chain(let q):
            Diagnosis.chainMistakes(n: q.n, layers: q.layers.map {
                ChainLayer(isPool: $0.type == .pool, kernel: $0.k, stride: $0.stride, padding: $0.p)
            })
        case .params(.conv(let k, let cIn, let cOut)): Diagnosis.convParamMistakes(k: k, cIn: cIn, cOut: cOut)
        case .params(.dense(let inputs, let units)): Diagnosis.denseParamMistakes(inputs: inputs, units: units)
        case .cell(let q): Diagnosis.cellMistakes(input: q.input, kernel: q.kernel, mode: q.mode, padding: q.p, stride: q.s, i: q.i, j: q.j)
        case .pool(let q): Diagnosis.poolMistakes(input: q.input, kind: q.pool, size: q.size, stride: q.stride, i: q.i, j: q.j)
        case .channels(let q): (try? q.trace()).map { Diagnosis.channelMistakes($0, filter: 0, i: q.i, j: q.j) } ?? []
        case .choice, .truefalse: []
        }
    }

    /// Grades `answer` against `expected` (the engine's answer, `expected()`): right or
    /// wrong, and for a wrong answer the known mistakes that give it.
    public func grade(_ answer: QuizValue, expected: QuizValue) -> QuizGrade {
        let correct = isCorrect(answer, expected: expected)
        var matched: [Mistake] = []
        var codes: [MistakeCode] = []
        var feedback: Localized?
        if !correct {
            switch body {
            case .choice(let q):
                if case .option(let i) = answer, q.options.indices.contains(i) {
                    feedback = q.options[i].feedback
                    codes = q.options[i].diagnosis.map { [$0] } ?? []
                }
            case .truefalse(let q):
                feedback = q.feedback
                codes = q.diagnosis.map { [$0] } ?? []
            default:
                let found = Diagnosis.match(answer: answer.doubleValue, expected: expected.doubleValue,
                                            candidates: mistakes, tolerance: Self.tolerance)
                // In `MistakeCode` order, so the first named is the same whatever the kind.
                matched = MistakeCode.allCases.compactMap { code in found.first { $0.code == code } }
                codes = matched.map(\.code)
            }
        }
        return QuizGrade(correct: correct, answer: answer, expected: expected, mistakes: matched, diagnoses: codes, feedback: feedback)
    }

    /// `grade(_:expected:)` with the engine's answer; throws when the question cannot be answered.
    public func grade(_ answer: QuizValue) throws(QuizQuestionError) -> QuizGrade {
        grade(answer, expected: try expected())
    }
}

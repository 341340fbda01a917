import CNN
import Terminal

/// Predict mode in the learn scene: before each of the first three updates is shown, the
/// student types one weight after the step, w − rate·∂L/∂w, from the weights and gradient on
/// screen (the answer is the engine's `KernelFit.Step.next`). The asked cell is highlighted in
/// both grids; the notes, which work the update out, give the question instead. A wrong value
/// is answered by naming the slip it matches: the gradient added, the rate left out, the step
/// taken from zero, the rate subtracted alone, w left unchanged.
extension LearnScene {
    /// The cells asked at steps 0, 1, 2.
    static let predictCells: [(row: Int, col: Int)] = [(0, 0), (1, 2), (2, 1)]

    /// The step whose update is asked (the one shown), nil when none is open.
    var askedStep: Int? {
        guard let predict, predict.revealed < Self.predictCells.count, history.count > predict.revealed else { return nil }
        return predict.revealed
    }

    /// `w[1,2] at step 2`: the weight after the shown step's update (the engine's value).
    public var question: PredictQuestion? {
        guard let step = askedStep else { return nil }
        let (r, c) = Self.predictCells[step]
        return PredictQuestion(Localized(en: "w[\(r),\(c)] at step \(step + 1)", ko: "\(step + 1)단계의 w[\(r),\(c)]"),
                               .value(history[step].next[r, c]))
    }

    /// Names the slip a wrong value matches, else says whether it is too high or too low.
    func hint(_ guess: PredictGuess) -> Localized {
        guard let step = askedStep, case .value(let x) = guess else { return PredictStrings.tooLow }
        let (r, c) = Self.predictCells[step]
        let s = history[step]
        return Self.updateHint(guess: x, weight: Double(s.weights[r, c]), gradient: Double(s.gradient[r, c]),
                               rate: Double(settings.rate), answer: Double(s.next[r, c]))
    }

    /// The hint for `guess` when `answer` = `weight` − `rate`·`gradient` (as the engine computed it).
    static func updateHint(guess: Double, weight w: Double, gradient g: Double, rate: Double, answer: Double) -> Localized {
        func near(_ v: Double) -> Bool { abs(guess - v) <= 0.0015 && abs(v - answer) > 0.0015 }
        if near(w + rate * g) {
            return Localized(en: "Gradient descent steps against the gradient: subtract rate × ∂L/∂w, do not add it.",
                             ko: "경사 하강법은 기울기의 반대로 움직입니다: 학습률 × ∂L/∂w를 더하지 말고 빼세요.")
        }
        if near(w - g) {
            return Localized(en: "Scale the gradient by the learning rate before subtracting it: w − rate × ∂L/∂w.",
                             ko: "기울기에 학습률을 곱한 뒤 빼세요: w − 학습률 × ∂L/∂w.")
        }
        if near(-rate * g) {
            return Localized(en: "The step changes w, it does not replace it: start from w now and subtract rate × ∂L/∂w.",
                             ko: "한 단계는 w를 바꾸는 것이지 대신하는 것이 아닙니다: 지금의 w에서 학습률 × ∂L/∂w를 빼세요.")
        }
        if near(w - rate) {
            return Localized(en: "Subtract the learning rate times the gradient, not the rate alone.",
                             ko: "학습률만 빼지 말고 학습률 × 기울기를 빼세요.")
        }
        if near(w) {
            return Localized(en: "That is w now; one step moves it by −rate × ∂L/∂w.",
                             ko: "그것은 지금의 w입니다. 한 단계에 −학습률 × ∂L/∂w만큼 움직입니다.")
        }
        return guess > answer
            ? Localized(en: "Not quite, and too high: w − rate × ∂L/∂w, both from the highlighted cells.",
                        ko: "아닙니다. 너무 큽니다: 강조된 칸의 w − 학습률 × ∂L/∂w입니다.")
            : Localized(en: "Not quite, and too low: w − rate × ∂L/∂w, both from the highlighted cells.",
                        ko: "아닙니다. 너무 작습니다: 강조된 칸의 w − 학습률 × ∂L/∂w입니다.")
    }

    /// What the notes say while an update is asked.
    func questionNote(step: Int) -> String {
        let (r, c) = Self.predictCells[step]
        // Four decimals here (the grids show three), so an answer worked from them to three
        // decimals is always within the tolerance of the engine's value.
        let s = history[step], rate = formatNumber(settings.rate)
        let w = formatNumber(s.weights[r, c], digits: 4), g = formatNumber(s.gradient[r, c], digits: 4)
        return Localized(
            en: "At step \(step), w[\(r),\(c)] = \(w) and ∂L/∂w[\(r),\(c)] = \(g) (highlighted). One gradient-descent step with rate \(rate): what is w[\(r),\(c)] at step \(step + 1)? Type it below (three decimals are enough).",
            ko: "\(step)단계에서 w[\(r),\(c)] = \(w), ∂L/∂w[\(r),\(c)] = \(g)입니다(강조). 학습률 \(rate)로 경사 하강법 한 단계를 가면 \(step + 1)단계의 w[\(r),\(c)]는 얼마일까요? 아래에 입력하세요 (소수 셋째 자리까지).")[language]
    }
}

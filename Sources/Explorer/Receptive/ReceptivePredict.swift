import CNN
import Terminal

/// Predict mode in the receptive scene: before each layer's field is shown, the student types
/// its side r (from the engine's `ReceptiveField`). The table shows the layers below in full,
/// the asked layer's output size with its field as `?`, and nothing of the layers above; the
/// picture shows what a cell of the layer below sees. A wrong guess is answered by naming the
/// slip it matches: the jump left out, k used for k − 1, this layer's stride used for the jump,
/// a pool taken to add nothing, fields multiplied, or the map's size given for the field.
extension ReceptiveScene {
    /// The layer whose field is asked (1-based level), nil when none is open.
    var askedLevel: Int? {
        guard let predict, predict.revealed < predictCount else { return nil }
        return predict.revealed + 1
    }

    /// Predict mode's open question: `layer 2 field`, answered by the engine's r (a side;
    /// one number or r×r).
    public var question: PredictQuestion? {
        guard let level = askedLevel else { return nil }
        let r = field.levels[level].size
        return PredictQuestion(Localized(en: "layer \(level) field", ko: "\(level)층 영역"), .size(rows: r, cols: r))
    }

    /// Says which slip a wrong side matches, else whether it is too high or too low.
    func hint(_ guess: PredictGuess) -> Localized {
        guard let level = askedLevel else { return PredictStrings.tooLow }
        let side: Int
        switch guess {
        case .size(let r, let c):
            guard r == c else {
                return Localized(en: "The region is square here (the same kernel and stride across and down): one number.",
                                 ko: "여기서는 영역이 정사각형입니다 (가로·세로 커널과 스트라이드가 같음): 숫자 하나를 입력하세요.")
            }
            side = r
        case .value(let x): side = Int(x)
        }
        return Self.receptiveHint(side: side, level: level, field: field, layers: layers)
    }

    /// The hint for `side` typed as the field of `level` (1-based): a named slip when `side` is
    /// what it gives, else too large / too small. Never writes the right side (a hint that would
    /// holds no number). Each fits the prompt's two rows at 80 columns.
    static func receptiveHint(side: Int, level: Int, field: ReceptiveField, layers: [WindowLayer]) -> Localized {
        let answer = field.levels[level].size
        let hint = namedSlip(side: side, level: level, field: field, layers: layers)
            ?? (side > answer
                ? Localized(en: "Not quite, and too large: start from r\(level - 1) in the table and add (k − 1)·j\(level - 1).",
                            ko: "아닙니다. 너무 큽니다: 표의 r\(level - 1)에서 시작해 (k − 1)·j\(level - 1)을 더하세요.")
                : Localized(en: "Not quite, and too small: start from r\(level - 1) in the table and add (k − 1)·j\(level - 1).",
                            ko: "아닙니다. 너무 작습니다: 표의 r\(level - 1)에서 시작해 (k − 1)·j\(level - 1)을 더하세요."))
        let number = "\(answer)"
        guard Predictor.occurrences(of: number, in: hint.en) == 0, Predictor.occurrences(of: number, in: hint.ko) == 0 else {
            return side > answer
                ? Localized(en: "Not quite, and too large: add (k − 1)·j of the layers below to their field.",
                            ko: "아닙니다. 너무 큽니다: 아래 층의 영역에 (k − 1)·j를 더하세요.")
                : Localized(en: "Not quite, and too small: add (k − 1)·j of the layers below to their field.",
                            ko: "아닙니다. 너무 작습니다: 아래 층의 영역에 (k − 1)·j를 더하세요.")
        }
        return hint
    }

    /// The slip `side` matches, if any.
    static func namedSlip(side: Int, level: Int, field: ReceptiveField, layers: [WindowLayer]) -> Localized? {
        let below = field.levels[level - 1], now = field.levels[level], layer = layers[level - 1]
        let k = layer.dilation * (layer.kernel - 1) + 1, r = below.size, j = below.jump
        guard side != now.size else { return nil }
        if j > 1 && side == r + (k - 1) {
            return Localized(
                en: "You added k − 1, as if one step here moved 1 input pixel; after the layers below it moves j\(level - 1) = \(j) pixels: add (k − 1)·j.",
                ko: "k − 1만 더했습니다. 아래 층들을 지나면 이 층의 한 걸음은 입력 \(j)픽셀(j\(level - 1))이니 (k − 1)·j를 더하세요.")
        }
        if side == r + k * j || (j > 1 && side == r + k) {
            return Localized(
                en: "A window of k cells adds k − 1 cells beyond the one the field already counts: add (k − 1)·j, not k·j.",
                ko: "k칸짜리 창은 이미 센 한 칸 말고 k − 1칸을 더합니다: k·j가 아니라 (k − 1)·j를 더하세요.")
        }
        if layer.stride != j && side == r + (k - 1) * layer.stride {
            return Localized(
                en: "That uses this layer's stride; the field grows by the jump of the layers below, j\(level - 1) (s sets the jump above).",
                ko: "이 층의 스트라이드를 썼습니다. 영역은 아래 층들의 간격 j\(level - 1)만큼씩 커집니다 (s는 위 층의 간격).")
        }
        if layer.kind == .pool && side == r {
            return Localized(
                en: "A pool has no weights but still reads k×k cells below: it grows the field like a conv window of its size.",
                ko: "풀링도 아래 층의 k×k칸을 읽으므로 같은 크기의 합성곱 창처럼 영역을 키웁니다.")
        }
        if r > 1 && (side == r * k || side == r * layer.kernel) {
            return Localized(
                en: "Fields add, they do not multiply: neighbouring windows overlap, so r grows by (k − 1)·j.",
                ko: "영역은 곱하지 않고 더합니다: 이웃한 창이 겹치므로 r은 (k − 1)·j만큼 커집니다.")
        }
        if side == now.outputSize && now.outputSize != now.size {
            return Localized(
                en: "That is this layer's map size; the field is how much of the input one of its cells sees.",
                ko: "그것은 이 층의 맵 크기입니다. 영역은 한 칸이 입력에서 보는 크기입니다.")
        }
        return nil
    }

    /// What the notes say while a layer's field is asked (nothing of the answer).
    func questionNote(level: Int) -> String {
        let below = field.levels[level - 1], layer = layers[level - 1]
        return Localized(
            en: "Layer \(level), \(name(layer)). Below it: field r\(level - 1) = \(below.size), jump j\(level - 1) = \(below.jump) (in input pixels). How many input pixels wide is the region one cell of layer \(level) sees? Type it below.",
            ko: "\(level)층, \(name(layer)). 아래 층: 영역 r\(level - 1) = \(below.size), 간격 j\(level - 1) = \(below.jump) (입력 픽셀). \(level)층의 한 칸이 보는 영역은 입력 몇 픽셀 너비일까요? 아래에 입력하세요.")[language]
    }
}

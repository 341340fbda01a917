import CNN
import Terminal

/// Predict mode's rows at the bottom of a scene: `out[0,1] = [   ]` (the answer field), then
/// the feedback on the last try in two rows. Every stepped scene draws it in the same place,
/// so the cursor's position follows from the area alone.
struct PredictPrompt {
    /// Rows the prompt takes at the bottom of the scene's area.
    static let rows = 3
    /// Columns of the answer field.
    static let fieldWidth = 12

    let predictor: Predictor
    /// The open question; nil when every value has been predicted or shown.
    let question: PredictQuestion?
    let language: Language

    /// The scene's area split into its picture and, in predict mode, the prompt's rows.
    static func split(_ area: Rect, predicting: Bool) -> (body: Rect, prompt: Rect?) {
        guard predicting else { return (area, nil) }
        let rows = min(Self.rows, area.height)
        return (Rect(x: area.x, y: area.y, width: area.width, height: area.height - rows),
                Rect(x: area.x, y: area.maxY - rows, width: area.width, height: rows))
    }

    private var prefix: String { question.map { "\($0.label[language]) = " } ?? "" }

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let inner = area.inset(left: 1, right: 1)
        guard inner.width > 0 else { return }
        if question != nil {
            buffer.write(prefix, x: inner.x, y: inner.y, style: Style(bold: true), maxWidth: inner.width)
            let x = inner.x + displayWidth(prefix)
            if x < inner.maxX {
                predictor.field.render(into: &buffer, x: x, y: inner.y, width: min(Self.fieldWidth, inner.maxX - x))
                if predictor.field.text.isEmpty && !predictor.focused {
                    buffer.write("?", x: x, y: inner.y, style: Style(bold: true, underline: true), maxWidth: 1)
                }
            }
        } else if predictor.finished > 0 {
            buffer.write(PredictStrings.summary(predictor)[language], x: inner.x, y: inner.y, style: Palette.heading, maxWidth: inner.width)
        }
        let rest = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        Text(lines: feedbackLines).render(in: rest, buffer: &buffer)
    }

    /// The feedback on the last try, or how to answer before the first.
    var feedbackLines: [StyledLine] {
        switch predictor.feedback {
        case nil:
            guard question != nil else { return [] }
            return [StyledLine(PredictStrings.howTo[language], style: Palette.note)]
        case .wrong(let guess, let hint)?:
            return [StyledLine([Span("✗ \(guess):", style: Palette.warning), Span(" " + hint[language], style: .plain)])]
        case .refused(let message)?:
            return [StyledLine(message[language], style: Palette.note)]
        case .right(let label, let answer)?:
            return [StyledLine([Span("✓ \(label[language]) = \(answer)", style: Palette.current),
                                Span(" " + (question == nil ? PredictStrings.rightLast : PredictStrings.right)[language])])]
        case .shown(let label, let answer)?:
            return [StyledLine([Span("\(label[language]) = \(answer)", style: Style(bold: true)),
                                Span(" " + PredictStrings.shown[language], style: Palette.note)])]
        }
    }

    /// Where the terminal cursor goes (in the field), relative to the screen's area of
    /// `width`×`height`; nil when no field has focus.
    func cursor(width: Int, height: Int) -> (x: Int, y: Int)? {
        guard question != nil, predictor.focused,
              let area = Self.split(Rect(x: 0, y: 0, width: width, height: height), predicting: true).prompt,
              !area.isEmpty, width > 2 else { return nil }
        let x = 1 + displayWidth(prefix) + min(predictor.field.cursorColumn, Self.fieldWidth - 1)
        return (min(x, width - 2), area.y)
    }
}

/// Predict mode's text, in English and Korean (the terms of lessons/ko).
enum PredictStrings {
    static let howTo = Localized(
        en: "Predict it, then Enter. Tab shows the answer (no credit); Esc leaves the field.",
        ko: "값을 예측해 입력하고 Enter. Tab은 답 보기(점수 없음), Esc는 입력 끝내기.")
    static let right = Localized(en: "right: on to the next.", ko: "맞았습니다. 다음으로 넘어갑니다.")
    static let rightLast = Localized(en: "right. Every output is shown: → and ← step through them.",
                                     ko: "맞았습니다. 모든 출력이 나왔습니다: →와 ← 키로 살펴보세요.")
    static let shown = Localized(en: "(shown, not counted)", ko: "(답 보기, 점수 없음)")
    static let outputSize = Localized(en: "output size", ko: "출력 크기")
    static let tooHigh = Localized(en: "Not quite, and too high: work the highlighted window through again.",
                                   ko: "아닙니다. 너무 큽니다: 강조된 창을 다시 계산해 보세요.")
    static let tooLow = Localized(en: "Not quite, and too low: work the highlighted window through again.",
                                  ko: "아닙니다. 너무 작습니다: 강조된 창을 다시 계산해 보세요.")

    /// `Predicted 3 of 4.`
    static func summary(_ p: Predictor) -> Localized {
        Localized(en: "Predicted \(p.predicted) of \(p.finished).", ko: "\(p.finished)개 중 \(p.predicted)개를 예측했습니다.")
    }

    /// Said under side-by-side panels (which draw no kernel) while a cell is asked.
    static func cellNote(_ label: String, kernel: Matrix) -> Localized {
        let k = kernel.nestedRows.map { $0.map { formatNumber($0) }.joined(separator: " ") }.joined(separator: "; ")
        return Localized(en: "\(label) = ?  Multiply the highlighted cells by the kernel [\(k)], add them up, and type the sum below.",
                         ko: "\(label) = ?  강조된 칸에 커널 [\(k)]을 곱해 모두 더한 값을 아래에 입력하세요.")
    }

    /// Said in the arithmetic rows while a cell is asked.
    static func cellNote(_ label: String) -> Localized {
        Localized(en: "\(label) = ?  Multiply each highlighted cell by its weight, add them up, and type the sum below.",
                  ko: "\(label) = ?  강조된 칸마다 가중치를 곱해 모두 더한 값을 아래에 입력하세요.")
    }

    /// Said in the arithmetic rows while the output size is asked.
    static let sizeNote = Localized(
        en: "How big is the output? Type rows×cols below (one number when they are equal).",
        ko: "출력은 얼마나 클까요? 아래에 행×열을 입력하세요 (같으면 숫자 하나).")
}

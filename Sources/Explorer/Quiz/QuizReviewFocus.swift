import CNN

/// Which questions can show a known mistake again: review asks a kind the student keeps
/// getting wrong with questions where the mistake they made most often (the card's
/// `commonDiagnosis`) is possible. A code this file does not know, or one that does not
/// concern the kind, sets no condition.
enum QuizReviewFocus {
    /// Whether `question` is one on which the mistake `code` can be made; nil when the code
    /// says nothing about this kind of question.
    static func fits(_ question: QuizQuestion, _ code: String) -> Bool? {
        switch (question.body, code) {
        case (.size, "missing-plus-one"), (.chain, "missing-plus-one"): return true
        case (.size(let q), "ceil-not-floor"): return q.s > 1
        case (.size(let q), "same-symmetric"): return q.p == .same
        case (.size(let q), "one-side-padding"), (.size(let q), "no-padding"): return q.p != .valid
        case (.size(let q), "no-dilation"): return q.d > 1
        case (.chain(let q), "pool-stride-one"): return q.layers.contains { $0.type == .pool }
        case (.chain(let q), "same-symmetric"): return q.layers.contains { $0.p == .same }
        case (.params(let q), "no-input-channels"):
            if case .conv(_, let cIn, _) = q { return cIn > 1 }
            return false
        case (.params, "no-bias"): return true
        case (.cell(let q), "no-flip"): return q.mode == .convolve
        case (.cell(let q), "flipped"): return q.mode == .correlate
        case (.cell(let q), "no-padding"), (.cell(let q), "one-side-padding"): return q.p != .valid
        case (.cell, "off-by-one-index"), (.pool, "off-by-one-index"), (.pool, "wrong-pool-kind"), (.pool, "pool-stride-one"): return true
        default: return nil
        }
    }

    /// Draws questions of `kind` until one fits `code` (at most `tries`; the last drawn when
    /// none does), so the review stays reproducible from its seed.
    static func next(_ kind: QuizKind, focus code: String?, generator: inout QuizGenerator, tries: Int = 64) -> QuizQuestion {
        var question = generator.next(kind)
        guard let code else { return question }
        for _ in 1..<tries {
            guard fits(question, code) == false else { return question }
            question = generator.next(kind)
        }
        return question
    }
}

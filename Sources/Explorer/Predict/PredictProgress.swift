import CNN
import Terminal

/// Predict mode inside one scene: the `Predictor`, whether the output size is still asked,
/// how many outputs are revealed, and the area's size (for the cursor). The scene says what
/// its open question is and how a wrong guess is answered; this routes keys, moves on after
/// a right answer or Tab, and draws the prompt's rows at the bottom of the scene.
public struct PredictProgress: Sendable, Equatable {
    public private(set) var predictor = Predictor()
    /// Whether the output size is asked before the first output.
    public private(set) var asksSize: Bool
    /// Outputs revealed so far (answered right or shown), in the scene's order.
    public private(set) var revealed = 0
    private var width = 80
    private var height = 22

    public init(asksSize: Bool) { self.asksSize = asksSize }

    /// Routes `message` while `question` is open; moves on when it is answered or shown.
    /// Keeps the area's size from `.resize` whatever the question.
    mutating func route(_ message: ScreenMessage, question: PredictQuestion,
                        hint: (PredictGuess) -> Localized) -> Predictor.Routing {
        if case .resize(let w, let h) = message { (width, height) = (w, h) }
        let routing = predictor.route(message, question: question, hint: hint)
        if routing == .advance {
            if asksSize { asksSize = false } else { revealed += 1 }
        }
        return routing
    }

    /// Remembers the area's size (for the cursor) when no question is open.
    mutating func observe(_ message: ScreenMessage) {
        if case .resize(let w, let h) = message { (width, height) = (w, h) }
    }

    /// `predicted 2/3`, then the scene's own status once the size is answered.
    func status(_ language: Language, then rest: String) -> String {
        asksSize ? predictor.status(language) : predictor.status(language) + " · " + rest
    }

    /// Whether the answer field has focus (the screen's `wantsText`).
    func wantsText(_ question: PredictQuestion?) -> Bool { question != nil && predictor.focused }

    func bindings(_ question: PredictQuestion?) -> [KeyBinding]? { question == nil ? nil : predictor.bindings }

    func cursor(_ question: PredictQuestion?, language: Language) -> (x: Int, y: Int)? {
        PredictPrompt(predictor: predictor, question: question, language: language).cursor(width: width, height: height)
    }

    func render(_ question: PredictQuestion?, language: Language, into buffer: inout Buffer, area: Rect) {
        PredictPrompt(predictor: predictor, question: question, language: language).render(into: &buffer, area: area)
    }
}

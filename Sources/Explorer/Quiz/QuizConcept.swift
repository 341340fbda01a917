import CNN

extension Localized: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(en)
        hasher.combine(ko)
    }
}

/// `choice`: a conceptual question with two to five options, exactly one right. Each wrong
/// option may carry the feedback shown when it is picked and the known mistake it stands for
/// (reported as the answer's `diagnosis`).
public struct ChoiceQuestion: Sendable, Hashable {
    public struct Option: Sendable, Hashable {
        public var text: Localized
        /// Shown when this option is picked and it is wrong.
        public var feedback: Localized?
        /// The mistake this option stands for, when it is wrong.
        public var diagnosis: MistakeCode?

        public init(_ text: Localized, feedback: Localized? = nil, diagnosis: MistakeCode? = nil) {
            self.text = text
            self.feedback = feedback
            self.diagnosis = diagnosis
        }
    }

    /// How many options a question may have.
    public static let optionCounts = 2...5

    public var question: Localized
    public var options: [Option]
    /// 0-based index of the right option (`a` is 0).
    public var answer: Int
    /// Why the right option is right, shown with the verdict.
    public var explain: Localized?

    public init(_ question: Localized, options: [Option], answer: Int, explain: Localized? = nil) {
        self.question = question
        self.options = options
        self.answer = answer
        self.explain = explain
    }

    /// `a`, `b`, … for option `index`.
    public static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(97 + max(0, min(index, 25)))))
    }
}

/// `truefalse`: a statement that is true or false, with feedback for a wrong answer (and the
/// mistake a wrong answer stands for, if any).
public struct TrueFalseQuestion: Sendable, Hashable {
    public var statement: Localized
    public var answer: Bool
    /// Shown when the answer is wrong.
    public var feedback: Localized?
    /// The mistake a wrong answer stands for.
    public var diagnosis: MistakeCode?
    /// Why the statement is true or false, shown with the verdict.
    public var explain: Localized?

    public init(_ statement: Localized, answer: Bool, feedback: Localized? = nil,
                diagnosis: MistakeCode? = nil, explain: Localized? = nil) {
        self.statement = statement
        self.answer = answer
        self.feedback = feedback
        self.diagnosis = diagnosis
        self.explain = explain
    }
}

/// The words a true/false answer may be typed as (case-insensitive), in both languages.
enum TruthWords {
    static let yes: Set<String> = ["t", "true", "y", "yes", "o", "참", "맞다", "맞음", "예", "네", "ㅇ"]
    static let no: Set<String> = ["f", "false", "n", "no", "x", "거짓", "틀리다", "틀림", "아니오", "아니요", "ㄴ"]

    static func name(_ value: Bool) -> Localized {
        value ? Localized(en: "true", ko: "참") : Localized(en: "false", ko: "거짓")
    }
}

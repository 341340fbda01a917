import CNN
import Foundation
import Terminal

/// Review mode's schedule: Leitner boxes over question kinds, replayed from the history.
///
/// Each kind the student has answered is a card in box 1…5. Box `b` waits
/// `intervals[b − 1]` days after the card last moved: 0, 1, 3, 7, 21. Replaying answers in
/// time order: a wrong answer sends the card to box 1 (due at once); a right answer given
/// while the card is due moves it up one box (at most 5); a right answer before it is due
/// changes nothing, so two right answers in one sitting count once. A kind is due when
/// `now ≥ moved + interval(box)`.
public struct LeitnerCard: Sendable, Equatable {
    public let kind: QuizKind
    public private(set) var box = 1
    /// When the card last changed box (or was first answered).
    public private(set) var moved: Date
    public private(set) var answers = 0
    public private(set) var misses = 0
    /// Diagnosis codes of the misses, with how often each was named.
    public private(set) var diagnoses: [String: Int] = [:]

    /// Days a card waits in box 1…5.
    public static let intervals: [Double] = [0, 1, 3, 7, 21]
    public static let boxes = 5

    public init(kind: QuizKind, first: Date) {
        self.kind = kind
        moved = first
    }

    /// When the card is next due.
    public var due: Date { moved.addingTimeInterval(Self.intervals[box - 1] * 86_400) }
    public func isDue(at now: Date) -> Bool { now >= due }

    /// Applies one answer given at `time`.
    public mutating func answer(correct: Bool, at time: Date, diagnosis: String? = nil) {
        answers += 1
        if correct {
            guard isDue(at: time) else { return }
            box = min(Self.boxes, box + 1)
        } else {
            misses += 1
            if let diagnosis, !diagnosis.isEmpty { diagnoses[diagnosis, default: 0] += 1 }
            box = 1
        }
        moved = time
    }

    /// The diagnosis named most often (ties: by code), if any.
    public var commonDiagnosis: String? {
        diagnoses.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key
    }
}

/// The review plan built from a history: the cards, which are due, and the questions to ask.
public struct QuizReview: Sendable {
    /// One card per kind answered, in `QuizKind` order.
    public let cards: [LeitnerCard]

    /// Replays `entries` (sorted by time; entries of unknown kinds or times are left out).
    public init(history entries: [QuizHistoryEntry]) {
        var cards: [QuizKind: LeitnerCard] = [:]
        let dated = entries.compactMap { entry in
            entry.date.flatMap { date in QuizKind(rawValue: entry.kind).map { (date, $0, entry) } }
        }
        // A stable sort: answers written in one second keep their file order.
        for (date, kind, entry) in dated.enumerated().sorted(by: { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }).map(\.element) {
            var card = cards[kind] ?? LeitnerCard(kind: kind, first: date)
            card.answer(correct: entry.correct, at: date, diagnosis: entry.diagnosis)
            cards[kind] = card
        }
        self.cards = QuizKind.allCases.compactMap { cards[$0] }
    }

    /// The cards due at `now`, most missed first (ties: lower box, then `QuizKind` order).
    public func due(at now: Date) -> [LeitnerCard] {
        cards.enumerated().filter { $0.element.isDue(at: now) }
            .sorted { ($1.element.misses, $0.element.box, $0.offset) < ($0.element.misses, $1.element.box, $1.offset) }
            .map(\.element)
    }

    /// The card due soonest after `now`, if none is due.
    public func next(after now: Date) -> LeitnerCard? {
        cards.filter { !$0.isDue(at: now) }.min { $0.due < $1.due }
    }

    /// How many questions of each due kind a review of `count` asks: every due kind at least
    /// one (when `count` allows), the rest shared in proportion to `misses + 1`, most missed
    /// first (largest remainders take the leftover questions).
    public func allocation(count: Int, at now: Date) -> [(kind: QuizKind, count: Int)] {
        let due = due(at: now)
        guard !due.isEmpty, count > 0 else { return [] }
        let shown = Array(due.prefix(count))
        var counts = Array(repeating: 1, count: shown.count)
        let rest = count - shown.count
        let weights = shown.map { $0.misses + 1 }
        let total = weights.reduce(0, +)
        var given = 0
        var remainders: [(Int, Int)] = []
        for (i, w) in weights.enumerated() {
            let share = rest * w / total
            counts[i] += share
            given += share
            remainders.append((rest * w % total, i))
        }
        for (_, i) in remainders.sorted(by: { ($1.0, $0.1) < ($0.0, $1.1) }).prefix(rest - given) { counts[i] += 1 }
        return zip(shown, counts).map { ($0.kind, $1) }
    }

    /// The review's questions: `allocation`'s kinds, drawn by the engine's seeded generator
    /// (the same history, time and seed give the same review), most missed kind first; for a
    /// kind whose misses carry a diagnosis, questions on which that mistake can be made again
    /// (`QuizReviewFocus`: `no-flip` asks convolutions, `same-symmetric` `same` padding, …).
    public func questions(count: Int, at now: Date, seed: UInt64) -> [QuizQuestion] {
        var generator = QuizGenerator(seed: seed)
        let focus = Dictionary(uniqueKeysWithValues: cards.map { ($0.kind, $0.commonDiagnosis) })
        return allocation(count: count, at: now).flatMap { row in
            (0..<row.count).map { _ in QuizReviewFocus.next(row.kind, focus: focus[row.kind] ?? nil, generator: &generator) }
        }
    }

    /// "2 kinds due: size (missed 3×, often missing-plus-one), cell" — what the review covers.
    public func dueLine(at now: Date, _ language: Language) -> String {
        let due = due(at: now)
        guard !due.isEmpty else {
            guard let next = next(after: now) else {
                return Localized(en: "Nothing to review yet: answer a quiz first.",
                                 ko: "아직 복습할 것이 없습니다. 먼저 퀴즈를 푸세요.")[language]
            }
            let days = max(1, Int((next.due.timeIntervalSince(now) / 86_400).rounded(.up)))
            return Localized(en: "Nothing is due; next: \(QuizStrings.kindName(next.kind).en) in \(counted(days, "day")).",
                             ko: "복습할 것이 없습니다. 다음: \(QuizStrings.kindName(next.kind).ko), \(days)일 뒤.")[language]
        }
        let parts = due.map { card -> String in
            let name = QuizStrings.kindName(card.kind)[language]
            guard card.misses > 0 else { return name }
            let often = card.commonDiagnosis.map { TerminalSafe.text($0) }.map { Localized(en: ", often \($0)", ko: ", 주로 \($0)")[language] } ?? ""
            return name + Localized(en: " (missed \(card.misses)×\(often))", ko: " (틀림 \(card.misses)회\(often))")[language]
        }
        return Localized(en: "\(counted(due.count, "kind")) due: ", ko: "복습할 종류 \(due.count)개: ")[language]
            + parts.joined(separator: ", ")
    }
}

import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// Leitner scheduling over the student's history, with a fixed clock, and review drawing
/// its questions from the kinds due.
@Suite("Quiz review")
struct QuizReviewTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(days: Double = 0, minutes: Double = 0) -> Date { t0.addingTimeInterval(days * 86_400 + minutes * 60) }
    static func entry(_ kind: QuizKind, _ correct: Bool, days: Double = 0, minutes: Double = 0, diagnosis: String? = nil) -> QuizHistoryEntry {
        QuizHistoryEntry(time: at(days: days, minutes: minutes), kind: kind.rawValue, correct: correct, diagnosis: diagnosis)
    }

    @Test func aRightAnswerMovesUpOnlyWhenDueAndAMissGoesBackToBoxOne() {
        var card = LeitnerCard(kind: .size, first: Self.t0)
        #expect(card.box == 1 && card.isDue(at: Self.t0), "a new card is due at once")
        card.answer(correct: false, at: Self.at(minutes: 1), diagnosis: "missing-plus-one")
        #expect(card.box == 1 && card.isDue(at: Self.at(minutes: 1)))
        card.answer(correct: true, at: Self.at(minutes: 2))
        #expect(card.box == 2 && card.due == Self.at(days: 1, minutes: 2))
        card.answer(correct: true, at: Self.at(minutes: 3))
        #expect(card.box == 2 && card.due == Self.at(days: 1, minutes: 2), "early: a right answer before it is due counts once")
        #expect(!card.isDue(at: Self.at(days: 1, minutes: 1)) && card.isDue(at: Self.at(days: 1, minutes: 2)))
        // Box 2 → 3 → 4 → 5 waiting 1, 3, 7 days; box 5 stays (21 days).
        var time = Self.at(days: 1, minutes: 2)
        for (box, wait) in [(3, 3.0), (4, 7.0), (5, 21.0), (5, 21.0)] {
            card.answer(correct: true, at: time)
            #expect(card.box == box && card.due == time.addingTimeInterval(wait * 86_400), "box \(box)")
            time = card.due
        }
        card.answer(correct: false, at: time, diagnosis: "missing-plus-one")
        #expect(card.box == 1 && card.isDue(at: time) && card.misses == 2 && card.answers == 8)
        #expect(card.diagnoses == ["missing-plus-one": 2] && card.commonDiagnosis == "missing-plus-one")
    }

    /// cell: missed 3 times (last a miss: box 1); size: missed once then right (box 2, due after
    /// a day); pool: right once (box 2); params: an unknown kind's entries are left out.
    static var history: [QuizHistoryEntry] {
        [entry(.cell, false, minutes: 0, diagnosis: "no-flip"), entry(.size, false, minutes: 1, diagnosis: "missing-plus-one"),
         entry(.pool, true, minutes: 2), entry(.cell, false, minutes: 3, diagnosis: "no-flip"),
         entry(.size, true, minutes: 4), entry(.cell, true, minutes: 5), entry(.cell, false, minutes: 6, diagnosis: "no-bias"),
         QuizHistoryEntry(time: at(minutes: 7), kind: "choice-from-the-future", correct: false)]
    }

    @Test func theScheduleReplaysTheHistory() {
        let review = QuizReview(history: Self.history.reversed())  // order in the file does not matter: times do
        #expect(review.cards.map(\.kind) == [.size, .cell, .pool])
        #expect(review.cards.map(\.box) == [2, 1, 2] && review.cards.map(\.misses) == [1, 3, 0])
        #expect(review.due(at: Self.at(minutes: 10)).map(\.kind) == [.cell])
        // A day later size and pool are due too; the most missed first.
        #expect(review.due(at: Self.at(days: 1, minutes: 10)).map(\.kind) == [.cell, .size, .pool])
        #expect(review.dueLine(at: Self.at(minutes: 10), .en) == "1 kind due: output cell (missed 3×, often no-flip)")
        #expect(review.dueLine(at: Self.at(days: 1, minutes: 10), .ko).hasPrefix("복습할 종류 3개: 출력 칸 (틀림 3회, 주로 no-flip), 출력 크기 (틀림 1회"))
        #expect(QuizReview(history: [Self.entry(.size, true)]).dueLine(at: Self.at(minutes: 1), .en)
                == "Nothing is due; next: output size in 1 day.")
        #expect(QuizReview(history: []).dueLine(at: Self.t0, .en) == "Nothing to review yet: answer a quiz first.")
    }

    @Test func reviewDrawsFromTheDueKindsMostMissedFirst() throws {
        let review = QuizReview(history: Self.history)
        let now = Self.at(days: 1, minutes: 10)
        let allocation = review.allocation(count: 10, at: now)
        // Weights misses + 1 = 4, 2, 1 over the 7 left after one each: 4, 2, 1 → 5, 3, 2.
        #expect(allocation.map(\.kind) == [.cell, .size, .pool] && allocation.map(\.count) == [5, 3, 2])
        #expect(review.allocation(count: 2, at: now).map(\.kind) == [.cell, .size])
        let questions = review.questions(count: 10, at: now, seed: 7)
        #expect(questions.map(\.kind) == Array(repeating: .cell, count: 5) + Array(repeating: .size, count: 3) + [.pool, .pool])
        #expect(questions == review.questions(count: 10, at: now, seed: 7), "the same seed gives the same review")
        #expect(try QuizSession(questions: questions).questions.count == 10, "every question is answerable")
        #expect(review.questions(count: 10, at: Self.at(minutes: 10), seed: 7).allSatisfy { $0.kind == .cell })
        #expect(QuizReview(history: []).questions(count: 10, at: now, seed: 1).isEmpty)
    }

    @Test func theHistoryFileIsAppendedAndReadWithABudget() throws {
        let dir = NSTemporaryDirectory() + "stride-history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state/stride/quiz-history.jsonl"
        #expect(QuizHistory.read(path).entries.isEmpty && QuizHistory.read(path).warnings.isEmpty, "no file: no history")
        try QuizHistory.append(Self.history, to: path)
        #expect(QuizHistory.read(path).entries == Self.history)
        // A torn write and an editor's typo are skipped with file:line; the rest still reads.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"correct\":tru\n{\"kind\":\"size\",\"correct\":true,\"time\":\"yesterday\"}\n{\"kind\":\"si".utf8))
        try handle.close()
        try QuizHistory.append([Self.entry(.size, true, days: 2)], to: path)  // starts a fresh line after the torn one
        var read = QuizHistory.read(path)
        #expect(read.entries == Self.history + [Self.entry(.size, true, days: 2)])
        #expect(read.warnings == ["\(path):9: skipped a line that is not a quiz history entry",
                                  "\(path):10: skipped a line that is not a quiz history entry",
                                  "\(path):11: skipped a line that is not a quiz history entry"])
        // Over the budget: the newest part only, said once, no half line.
        read = QuizHistory.read(path, budget: 200)
        #expect(read.warnings.first?.contains("reading the newest 200 bytes") == true)
        #expect(read.entries.last == Self.entry(.size, true, days: 2) && read.entries.count < Self.history.count)
        #expect(QuizHistory.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/stride/quiz-history.jsonl")
        #expect(QuizHistory.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/stride/quiz-history.jsonl")
    }

    @Test func manyBadLinesAreCountedNotListed() {
        let text = String(repeating: "junk\n", count: 40) + "{\"correct\":true,\"kind\":\"size\",\"time\":\"2027-01-15T08:00:00Z\"}\n"
        let parsed = QuizHistory.parse(text, file: "h.jsonl")
        #expect(parsed.entries.count == 1 && parsed.warnings.count == 6 && parsed.warnings.last == "h.jsonl: 35 more bad lines skipped")
    }

    @Test func theReviewEntryOpensAQuizOfTheDueKindsOrSaysWhyNot() throws {
        let dir = NSTemporaryDirectory() + "stride-review-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/quiz-history.jsonl"
        guard case .failed(let why) = QuizReviewLauncher.build(history: path, now: Self.t0, seed: 1, language: .en) else {
            Issue.record("an empty history has nothing to review"); return
        }
        #expect(why == "Nothing to review yet: answer a quiz first.")
        try QuizHistory.append(Self.history, to: path)
        guard case .ready(let handoff) = QuizReviewLauncher.build(history: path, now: Self.at(minutes: 10), seed: 1, language: .en),
              let quiz = handoff.screen as? QuizScreen else { Issue.record("no review quiz"); return }
        #expect(quiz.session.questions.count == QuizReviewLauncher.count && quiz.session.questions.allSatisfy { $0.kind == .cell })
        #expect(QuizReviewLauncher.mark(history: path, language: .en, now: Self.at(minutes: 10)) == "(1 due)")
        #expect(QuizReviewLauncher.mark(history: path, language: .ko, now: Self.at(days: 1, minutes: 10)) == "(3개 예정)")
        // Answering in the review adds to the history.
        var app = ExplorerApp(screens: [quiz], runtime: CommandRuntime(mode: .inline))
        _ = drive(&app, events: [.key(.char("0")), .key(.enter)], size: (80, 24))
        #expect(QuizHistory.read(path).entries.count == Self.history.count + 1)
    }
}

/// Review asks questions on which the student's most common mistake can be made again.
@Suite("Quiz review focus")
struct QuizReviewFocusTests {
    @Test func aDiagnosisNarrowsTheQuestionsOfItsKind() {
        let t0 = QuizReviewTests.t0
        let history = [QuizReviewTests.entry(.cell, false, diagnosis: "no-flip"),
                       QuizReviewTests.entry(.size, false, minutes: 1, diagnosis: "same-symmetric"),
                       QuizReviewTests.entry(.size, false, minutes: 2, diagnosis: "same-symmetric"),
                       QuizReviewTests.entry(.pool, false, minutes: 3)]
        let questions = QuizReview(history: history).questions(count: 30, at: t0.addingTimeInterval(600), seed: 3)
        var seen: [QuizKind: Int] = [:]
        for question in questions {
            seen[question.kind, default: 0] += 1
            switch question.body {
            case .cell(let q): #expect(q.mode == .convolve, "no-flip: asked to convolve")
            case .size(let q): #expect(q.p == .same, "same-symmetric: same padding")
            default: break
            }
        }
        #expect(seen == [.size: 12, .cell: 9, .pool: 9], "weights misses + 1 = 3, 2, 2: \(seen)")
        // Without diagnoses the generator's own mix: correlations too.
        let plain = QuizReview(history: [QuizReviewTests.entry(.cell, false)]).questions(count: 30, at: t0.addingTimeInterval(600), seed: 3)
        #expect(plain.contains { if case .cell(let q) = $0.body { q.mode == .correlate } else { false } })
    }

    @Test func codesSayWhichQuestionsFit() throws {
        let size = { (p: Padding, s: Int, d: Int) in QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: p, s: s, d: d))) }
        #expect(QuizReviewFocus.fits(size(.same, 2, 1), "same-symmetric") == true)
        #expect(QuizReviewFocus.fits(size(.valid, 2, 1), "same-symmetric") == false)
        #expect(QuizReviewFocus.fits(size(.valid, 1, 1), "ceil-not-floor") == false && QuizReviewFocus.fits(size(.valid, 3, 1), "ceil-not-floor") == true)
        #expect(QuizReviewFocus.fits(size(.valid, 1, 2), "no-dilation") == true && QuizReviewFocus.fits(size(.explicit(1), 1, 1), "no-padding") == true)
        #expect(QuizReviewFocus.fits(QuizQuestion(.params(.conv(k: 3, cIn: 1, cOut: 8))), "no-input-channels") == false)
        #expect(QuizReviewFocus.fits(QuizQuestion(.params(.conv(k: 3, cIn: 3, cOut: 8))), "no-input-channels") == true)
        #expect(QuizReviewFocus.fits(size(.same, 2, 1), "no-flip") == nil, "a code about another kind sets no condition")
        #expect(QuizReviewFocus.fits(size(.same, 2, 1), "a-future-code") == nil)
    }
}

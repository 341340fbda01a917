import Foundation
import Terminal

/// Review mode on the home screen: an entry that reads the student's history off the UI
/// thread and opens a quiz of the kinds due (`QuizReview`), and the home-screen mark saying
/// how many kinds are due.
public enum QuizReviewLauncher {
    /// Questions in a review.
    public static let count = 10

    /// Adds each answer to the history at `path` (a problem becomes a one-line notice).
    public static func logger(_ path: String) -> @Sendable (QuizResult) -> String? {
        { result in
            do { try QuizHistory.append([QuizHistoryEntry(result, time: Date())], to: path); return nil }
            catch { return "\(error)" }
        }
    }

    /// The home screen's "Review" entry over the history at `path`.
    public static func entry(history path: String, now: @escaping @Sendable () -> Date = { Date() }) -> ScreenEntry {
        ScreenEntry(id: "review", group: .quiz,
                    title: Localized(en: "Review", ko: "복습"),
                    summary: Localized(en: "the kinds of question you missed, asked again when due (Leitner boxes)",
                                       ko: "틀린 종류의 문제를 때가 되면 다시 (라이트너 상자)")) { _, language in
            LoadingScreen(title: Localized(en: "Review", ko: "복습")[language],
                          waiting: Localized(en: "Reading your quiz history…", ko: "퀴즈 기록을 읽는 중…")[language],
                          language: language) {
                build(history: path, now: now(), seed: QuizSettings.shortSeed(), language: language)
            }
        }
    }

    /// The review quiz for the history at `path` at `now`, or why there is none.
    static func build(history path: String, now: Date, seed: UInt64, language: Language) -> LoadingScreen.Outcome {
        let (entries, warnings) = QuizHistory.read(path)
        let plan = QuizReview(history: entries)
        let questions = plan.questions(count: count, at: now, seed: seed)
        guard !questions.isEmpty else { return .failed(([plan.dueLine(at: now, language)] + warnings).joined(separator: " · ")) }
        do throws(QuizQuestionError) {
            var quiz = QuizScreen(session: try QuizSession(questions: questions), language: language, seed: seed)
            quiz.onAnswer = logger(path)
            return .ready(ScreenHandoff(quiz))
        } catch {
            return .failed(error.description)
        }
    }

    /// The home screen's mark for the entry: "(3 due)" when kinds are due, else nil.
    public static func mark(history path: String, language: Language, now: Date = Date()) -> String? {
        let due = QuizReview(history: QuizHistory.read(path).entries).due(at: now).count
        return due == 0 ? nil : Localized(en: "(\(due) due)", ko: "(\(due)개 예정)")[language]
    }
}

import Terminal

/// A screen a lesson counts as a check: the answers given so far, right or wrong, in order.
protocol LessonCheck {
    var checkAnswers: [Bool] { get }
}

extension QuizScreen: LessonCheck {
    var checkAnswers: [Bool] { session.results.map(\.correct) }
}

/// One check step's answers: right on the first try, and right the last time.
public struct LessonCheckRecord: Sendable, Equatable {
    public var firstTry: Bool
    public var latest: Bool
}

extension LessonScreen {
    /// The keys of the completion screen.
    static let completionKeys = KeyMap<Action>([
        .init([.enter], "Enter", Localized(en: "next lesson", ko: "다음 레슨"), .nextLesson),
        .init([.char("r")], "r", Localized(en: "retry missed checks", ko: "틀린 문제 다시"), .retry),
        .init([.pageUp], "PgUp", Localized(en: "back to the last step", ko: "마지막 단계로"), .previous),
        .init(language.keys, language.label, language.help, .language),
    ])

    /// The completion screen's keys that do something here: Enter only when there is a next
    /// lesson, r only when a check is missed or unanswered.
    var completionKeys: KeyMap<Action> {
        KeyMap(Self.completionKeys.entries.filter { entry in
            if entry.binding.keys == [.enter] { return nextLesson != nil }
            if entry.binding.keys == [.char("r")] { return !missed.isEmpty }
            return true
        })
    }

    /// Steps whose block is a check (a quiz question).
    var checkSteps: [Int] { lesson.steps.indices.filter { lesson.steps[$0].block?.kind == .quiz } }

    /// Checks right on the first try, of all checks.
    var score: LessonProgress.Score {
        LessonProgress.Score(right: checkSteps.filter { checks[$0]?.firstTry == true }.count, total: checkSteps.count)
    }

    /// Checks not answered yet.
    var unanswered: [Int] { checkSteps.filter { checks[$0] == nil } }
    /// Checks not answered, or answered wrong the last time.
    var missed: [Int] { checkSteps.filter { checks[$0]?.latest != true } }

    /// Records the embedded check's answers for this step (the first answer ever given stays
    /// its first try).
    mutating func noteCheck() {
        guard let check = embedded as? any LessonCheck, let first = check.checkAnswers.first, let last = check.checkAnswers.last else { return }
        if var record = checks[stepIndex] {
            record.latest = last
            checks[stepIndex] = record
        } else {
            checks[stepIndex] = LessonCheckRecord(firstTry: first, latest: last)
        }
    }

    /// Shows the completion screen; the lesson is done when every check is answered.
    mutating func finish() -> Command<Message> {
        isComplete = true
        isAutoPlaying = false
        retryQueue = nil
        if unanswered.isEmpty { onComplete(lessonID, lesson.steps.count, score) }
        return .none
    }

    /// Visits the missed checks one by one (PgDn goes to the next, then back to the completion screen).
    mutating func retryMissed() -> Command<Message> {
        var queue = missed
        guard !queue.isEmpty else { return .none }
        let first = queue.removeFirst()
        let command = show(first)
        retryQueue = queue
        return command
    }

    mutating func nextRetry() -> Command<Message> {
        guard var queue = retryQueue, !queue.isEmpty else { return finish() }
        let next = queue.removeFirst()
        let command = show(next)
        retryQueue = queue
        return command
    }

    /// The lesson after this one in the course (by order), in the same language.
    var nextLesson: Lesson? {
        let lessons = library.lessons(in: language)
        guard let i = lessons.firstIndex(where: { $0.id == lessonID }), i + 1 < lessons.count else { return nil }
        return lessons[i + 1]
    }

    mutating func openNextLesson() -> Command<Message> {
        guard let next = nextLesson else {
            return .notice(Localized(en: "This was the last lesson: Esc goes back.", ko: "마지막 레슨입니다: Esc로 돌아갑니다.")[language])
        }
        return .replace(LessonScreen(library: library, blocks: blocks, lessonID: next.id, language: language,
                                     presenting: isPresenting, onProgress: onProgress, onComplete: onComplete))
    }

    /// `step 4 “Padding on both sides”`.
    func stepName(_ index: Int) -> String {
        Localized(en: "step \(index + 1) “\(lesson.steps[index].title)”", ko: "\(index + 1)단계 “\(lesson.steps[index].title)”")[language]
    }

    /// The completion screen's lines.
    var completionLines: [StyledLine] {
        let l = language, s = score
        var lines = [StyledLine(Localized(en: "Lesson complete: \(lesson.title)", ko: "레슨 완료: \(lesson.title)")[l], style: Style(bold: true, underline: true)),
                     StyledLine("")]
        if s.total == 0 {
            lines.append(StyledLine(Localized(en: "This lesson has no checks.", ko: "이 레슨에는 확인 문제가 없습니다.")[l]))
        } else {
            lines.append(StyledLine(Localized(en: "Checks right on the first try: \(s.right) of \(counted(s.total, "check"))",
                                              ko: "처음에 맞힌 확인 문제: \(s.total)문제 중 \(s.right)문제")[l], style: Style(bold: true)))
            let now = checkSteps.filter { checks[$0]?.latest == true }.count
            if now != s.right {
                lines.append(StyledLine(Localized(en: "Right now, after retrying: \(now) of \(s.total)", ko: "다시 풀어 지금 맞힌 문제: \(s.total)문제 중 \(now)문제")[l]))
            }
            let wrong = missed.filter { checks[$0] != nil }
            if !wrong.isEmpty {
                lines.append(StyledLine(Localized(en: "Missed: ", ko: "틀린 문제: ")[l] + wrong.map(stepName).joined(separator: ", ")))
            }
            if !unanswered.isEmpty {
                lines.append(StyledLine(Localized(en: "Not answered yet: ", ko: "아직 답하지 않은 문제: ")[l] + unanswered.map(stepName).joined(separator: ", "),
                                        style: Palette.warning))
            }
        }
        lines.append(StyledLine(""))
        lines.append(unanswered.isEmpty
            ? StyledLine(Localized(en: "✓ Marked done.", ko: "✓ 완료로 표시했습니다.")[l], style: Style(bold: true))
            : StyledLine(Localized(en: "Not marked done yet: a lesson is done when every check is answered (r).",
                                   ko: "아직 완료가 아닙니다: 모든 확인 문제에 답해야 완료됩니다 (r).")[l]))
        lines.append(StyledLine(""))
        if let next = nextLesson {
            lines.append(StyledLine(Localized(en: "Enter: next lesson — \(next.title)", ko: "Enter: 다음 레슨 — \(next.title)")[l]))
        } else {
            lines.append(StyledLine(Localized(en: "This was the last lesson: Esc goes back.", ko: "마지막 레슨입니다: Esc로 돌아갑니다.")[l]))
        }
        if !missed.isEmpty {
            lines.append(StyledLine(Localized(en: "r: retry the \(counted(missed.count, "missed check")) (PgDn goes to the next)",
                                              ko: "r: 틀리거나 답하지 않은 문제 \(missed.count)개 다시 풀기 (PgDn: 다음 문제)")[l]))
        }
        lines.append(StyledLine(Localized(en: "PgUp: back to the last step", ko: "PgUp: 마지막 단계로 돌아가기")[l], style: Palette.note))
        return lines
    }

    func renderCompletion(into buffer: inout Buffer, area: Rect) {
        let margin = isPresenting ? 2 : 1
        Text(lines: completionLines).render(in: area.inset(left: margin, right: margin), buffer: &buffer)
    }
}

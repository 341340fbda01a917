import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// The end of a lesson: the completion screen, done only when the checks are answered, retry of
/// missed checks, the next lesson; and F2 keeping the step and switching the whole screen.
@Suite("Lesson completion")
struct LessonCompletionTests {
    static let second = LessonFolder.english
        .replacingOccurrences(of: "id: padding", with: "id: stride")
        .replacingOccurrences(of: "title: Padding", with: "title: Stride")
        .replacingOccurrences(of: "order: 5", with: "order: 6")

    /// The test lesson (4 steps, the last a `size` check whose answer is 4) and a second one,
    /// in a folder, with a catalog that saves progress there.
    func catalog() throws -> (LessonCatalog, LessonFolder, String) {
        let folder = try LessonFolder(files: ["en/05-padding.md": LessonFolder.english, "ko/05-padding.md": LessonFolder.korean,
                                              "en/06-stride.md": Self.second,
                                              "ko/06-stride.md": Self.second.replacingOccurrences(of: "title: Stride", with: "title: 스트라이드")])
        let path = folder.path + "/state/progress.json"
        return (LessonCatalog(library: try LessonLibrary(directory: folder.path), blocks: .standard, progressPath: path), folder, path)
    }

    func type(_ text: String, into lesson: inout LessonScreen) {
        for c in text { _ = lesson.update(.key(.char(c))) }
        _ = lesson.update(.key(.enter))
    }

    func text(_ lesson: LessonScreen) -> String {
        var buffer = Buffer(width: 80, height: 22)
        lesson.render(into: &buffer, area: buffer.area)
        return buffer.lines.joined(separator: "\n")
    }

    @Test func aLessonIsDoneOnlyWhenItsChecksAreAnswered() throws {
        let (catalog, folder, path) = try catalog()
        defer { folder.remove() }
        var lesson = catalog.screen("padding", language: .en)
        for _ in 0..<3 { _ = lesson.update(.key(.pageDown)) }
        #expect(lesson.stepIndex == 3 && !lesson.isComplete)
        _ = lesson.update(.key(.pageDown))           // paging past the end without answering
        #expect(lesson.isComplete)
        #expect(LessonProgress.load(path).progress.lessons["padding"]?.done == false)
        #expect(!lesson.wantsText, "the check's field does not keep focus under the completion screen (Esc and q work)")
        #expect(catalog.marks["lesson:padding"] == "…")
        var shown = text(lesson)
        #expect(shown.contains("Lesson complete: Padding"))
        #expect(shown.contains("Checks right on the first try: 0 of 1 check"))
        #expect(shown.contains("Not answered yet: step 4 “Check”"))
        #expect(shown.contains("Not marked done yet"))
        #expect(shown.contains("Enter: next lesson — Stride"))
        // Back to the check, answered wrong, then to the end: done, 0 of 1 right on the first try.
        _ = lesson.update(.key(.pageUp))
        #expect(!lesson.isComplete && lesson.stepIndex == 3)
        type("5", into: &lesson)
        #expect(lesson.checks[3] == LessonCheckRecord(firstTry: false, latest: false))
        _ = lesson.update(.key(.pageDown))
        #expect(lesson.isComplete)
        let saved = try #require(LessonProgress.load(path).progress.lessons["padding"])
        #expect(saved.done && saved.score == LessonProgress.Score(right: 0, total: 1))
        #expect(catalog.marks["lesson:padding"] == "✓")
        shown = text(lesson)
        #expect(shown.contains("Missed: step 4 “Check”") && shown.contains("✓ Marked done.") && shown.contains("r: retry the 1 missed check"))
        // Retry: the check again, blank; right this time; PgDn returns to the completion screen.
        _ = lesson.update(.key(.char("r")))
        #expect(!lesson.isComplete && lesson.stepIndex == 3 && lesson.retryQueue == [])
        #expect((lesson.embedded as? QuizScreen)?.session.results.isEmpty == true)
        type("4", into: &lesson)
        #expect(lesson.checks[3] == LessonCheckRecord(firstTry: false, latest: true))
        _ = lesson.update(.key(.pageDown))
        #expect(lesson.isComplete)
        shown = text(lesson)
        #expect(shown.contains("Checks right on the first try: 0 of 1 check") && shown.contains("Right now, after retrying: 1 of 1"))
        #expect(!shown.contains("r: retry"))
        #expect(!lesson.bindings.contains { $0.label == "r" } && lesson.bindings.contains { $0.label == "Enter" })
        #expect(lesson.update(.key(.char("r"))).isNone && lesson.isComplete, "nothing left to retry")
    }

    /// PgDn on the last step keeps the check's answer (it used to rebuild it as a blank question).
    @Test func pgDnOnTheLastStepKeepsTheAnswer() throws {
        let (catalog, folder, _) = try catalog()
        defer { folder.remove() }
        var lesson = catalog.screen("padding", language: .en, step: 3)
        type("4", into: &lesson)
        guard case .feedback(let result)? = (lesson.embedded as? QuizScreen)?.phase else { Issue.record("no feedback"); return }
        #expect(result.correct)
        _ = lesson.update(.key(.pageDown))
        _ = lesson.update(.key(.pageUp))
        #expect((lesson.embedded as? QuizScreen)?.session.results.count == 1, "the answer survived PgDn / PgUp")
        // A step that is already shown is not rebuilt by going to it again.
        _ = lesson.go(to: 3)
        #expect((lesson.embedded as? QuizScreen)?.session.results.count == 1)
        _ = lesson.update(.key(.pageDown))
        #expect(text(lesson).contains("Checks right on the first try: 1 of 1 check"))
    }

    @Test func enterOpensTheNextLessonByOrder() throws {
        let (catalog, folder, _) = try catalog()
        defer { folder.remove() }
        var lesson = catalog.screen("padding", language: .ko, step: 3)
        _ = lesson.update(.key(.pageDown))
        #expect(text(lesson).contains("Enter: 다음 레슨 — 스트라이드"))
        guard case .replace(let next) = lesson.update(.key(.enter)), let opened = next as? LessonScreen else {
            Issue.record("Enter did not open the next lesson"); return
        }
        #expect(opened.lessonID == "stride" && opened.stepIndex == 0 && opened.language == .ko)
        var last = catalog.screen("stride", language: .en, step: 3)
        _ = last.update(.key(.pageDown))
        #expect(text(last).contains("This was the last lesson: Esc goes back."))
        #expect(!last.bindings.contains { $0.label == "Enter" } && last.update(.key(.enter)).isNone)
    }

    /// F2 keeps the scene on its step and switches the whole screen: title bar status, scene,
    /// footer and help.
    @Test func f2KeepsTheStepAndSwitchesTheFooter() throws {
        let (catalog, folder, _) = try catalog()
        defer { folder.remove() }
        var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn), catalog.screen("padding", language: .en, step: 1)], language: .en)
        var lines = screen(&app, [.right, .right, .right]).lines
        #expect(lines[0].contains("step 2/4") && lines[0].contains("step 3/16"), "\(lines[0])")
        lines = screen(&app, [.function(2)]).lines
        #expect(lines[0].contains("단계 2/4") && lines[0].contains("단계 3/16"), "\(lines[0])")
        #expect(lines[23].hasPrefix("PgDn 다음 단계  PgUp 이전 단계  F2 English / 한국어"), "\(lines[23])")
        #expect(lines[23].contains("종료"))
        lines = screen(&app, [.char("?")]).lines
        #expect(lines.joined().contains("아무 키나 누르면 닫힘"))
        lines = screen(&app, [.escape, .function(2)]).lines
        #expect(lines[0].contains("step 2/4") && lines[0].contains("step 3/16"), "\(lines[0])")
        #expect(lines[23].hasPrefix("PgDn next step"))
    }

    /// F2 on an answered check keeps the answer (the quiz is rebuilt in the other language and
    /// its keys replayed), and the completion screen speaks the new language.
    @Test func f2KeepsAnAnsweredCheck() throws {
        let (catalog, folder, _) = try catalog()
        defer { folder.remove() }
        var lesson = catalog.screen("padding", language: .en, step: 3)
        type("4", into: &lesson)
        _ = lesson.update(.key(.function(2)))
        #expect(lesson.language == .ko)
        #expect((lesson.embedded as? QuizScreen)?.session.results.map(\.correct) == [true])
        #expect((lesson.embedded as? QuizScreen)?.language == .ko)
        _ = lesson.update(.key(.pageDown))
        #expect(text(lesson).contains("처음에 맞힌 확인 문제: 1문제 중 1문제"))
    }
}

import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// A lesson's check adds its answers to the student's quiz history, so review mode asks the
/// kinds missed in lessons too; without a history (no progress kept) nothing is written.
@Suite("Lesson checks go into the quiz history")
struct LessonCheckHistoryTests {
    static let block = LessonBlock(kind: .quiz, yaml: "kind: size\nn: 28\nk: 3\n", line: 12)
    static let lesson = Lesson(id: "x", title: "X", order: 1, summary: "", language: .en, file: "x.md", steps: [
        LessonStep(title: "Check", paragraphs: ["p"], block: block, line: 10),
    ])

    @Test func aWrongThenARightAnswerAreBothInTheHistory() throws {
        let path = NSTemporaryDirectory() + "stride-lesson-history-\(UUID().uuidString).jsonl"
        defer { unlink(path) }
        let screen = try LessonBlockFactory.standard(history: path).make(Self.block, lesson: Self.lesson, language: .en)
        var app = ExplorerApp(screens: [screen], language: .en, runtime: CommandRuntime(mode: .inline))
        _ = drive(&app, events: "25".map { .key(.char($0)) } + [.key(.enter), .wake], size: (80, 24))
        let entries = QuizHistory.read(path).entries
        #expect(entries.count == 1 && entries.first?.kind == "size" && entries.first?.correct == false, "\(entries)")
        // The plain factory (no progress kept) writes nothing.
        let plain = try LessonBlockFactory.standard(history: nil).make(Self.block, lesson: Self.lesson, language: .en)
        var other = ExplorerApp(screens: [plain], language: .en, runtime: CommandRuntime(mode: .inline))
        _ = drive(&other, events: "26".map { .key(.char($0)) } + [.key(.enter), .wake], size: (80, 24))
        #expect(QuizHistory.read(path).entries.count == 1)
    }
}

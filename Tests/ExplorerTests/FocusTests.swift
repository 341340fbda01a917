import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// Focus never traps: Esc in a field blurs it, the next Esc goes back, q quits once no field
/// has focus — on every screen, with the real blocks lessons embed.
@Suite("Focus")
struct FocusTests {
    /// Every shipped lesson, in both languages, opened from home at its last step (a check):
    /// Esc leaves the answer field, Esc again leaves the lesson, and the footer says so.
    @Test(arguments: [Language.en, .ko])
    func theClosingCheckOfEveryLessonLetsGo(language: Language) throws {
        let library = shippedLibrary
        let lessons = library.lessons(in: language)
        #expect(lessons.count >= 13)
        for lesson in lessons {
            let last = lesson.steps.count - 1
            let screen = LessonScreen(library: library, blocks: .standard, lessonID: lesson.id, language: language, step: last)
            var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language), screen],
                                  language: language, runtime: CommandRuntime(mode: .inline))
            var frame = drive(&app, events: [], size: (80, 24))
            if app.top.wantsText {
                #expect(frame.line(23).contains(language == .en ? "Esc leave the field" : "Esc 입력 끝내기"), "\(lesson.id): the footer shows how to leave the field")
                frame = drive(&app, events: [.key(.escape)], size: (80, 24))
                #expect(!app.top.wantsText, "\(lesson.id): Esc leaves the field")
                #expect(app.stack.count == 2, "\(lesson.id): Esc in the field closes nothing")
            }
            #expect(frame.line(23).contains("Esc"), "\(lesson.id): the footer shows Esc")
            #expect(frame.line(23).contains("q"), "\(lesson.id): the footer shows q")
            _ = drive(&app, events: [.key(.escape)], size: (80, 24))
            #expect(app.stack.count == 1, "\(lesson.id): the next Esc leaves the lesson")
        }
    }

    /// The quiz inside a lesson: after Esc blurs the field, q quits; typing a digit returns
    /// to the field with the digit typed.
    @Test func blurredQuizAnswersQAndTakesDigitsBack() throws {
        let library = shippedLibrary
        let lesson = try #require(library.lessons(in: .en).first { lesson in lesson.steps.contains { $0.block?.kind == .quiz } })
        let step = try #require(lesson.steps.firstIndex { $0.block?.kind == .quiz })
        var app = ExplorerApp(screens: [LessonScreen(library: library, blocks: .standard, lessonID: lesson.id, language: .en, step: step)],
                              runtime: CommandRuntime(mode: .inline))
        _ = drive(&app, events: [.key(.char("q"))], size: (80, 24))
        #expect(app.top.wantsText, "q is typed into the field")
        _ = drive(&app, events: [.key(.escape), .key(.char("2"))], size: (80, 24))
        #expect(app.top.wantsText, "a digit focuses the field again")
        let quiz = try #require((app.top as? LessonScreen)?.embedded as? QuizScreen)
        #expect(quiz.field.text == "q2")
        #expect(app.handle(.key(.escape)) == .none)
        #expect(app.handle(.key(.char("q"))) == .quit)
    }

    /// Every scene in predict mode: Esc leaves its answer field, then Esc goes back and q quits.
    @Test func everyPredictModeLetsGo() throws {
        let entries = ScreenRegistry.builtIn.entries.filter { $0.settings.contains(.predict) }
        #expect(entries.count == 9)
        for entry in entries {
            for language in [Language.en, .ko] {
                var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language),
                                                try entry.make(.flags(["predict": "true"]), language)],
                                      language: language, runtime: CommandRuntime(mode: .inline))
                _ = drive(&app, events: [], size: (80, 24))
                // Flip asks nothing until the kernel is flipped; the others open with the field focused.
                #expect(app.top.wantsText == (entry.id != "flip"), "\(entry.id)")
                if app.top.wantsText {
                    #expect(app.handle(.key(.char("q"))) != .quit, "\(entry.id): q never quits from a field")
                    _ = app.handle(.key(.escape))
                }
                #expect(!app.top.wantsText && app.stack.count == 2, "\(entry.id): Esc leaves the field, closes nothing")
                var copy = app
                #expect(copy.handle(.key(.char("q"))) == .quit, "\(entry.id): q quits")
                _ = app.handle(.key(.escape))
                #expect(app.stack.count == 1, "\(entry.id): Esc goes back")
            }
        }
    }

    /// Every registered screen can be left with Esc and with q.
    @Test func everyRegisteredScreenLeavesWithEscAndQ() throws {
        for entry in ScreenRegistry.builtIn.entries {
            for language in [Language.en, .ko] {
                var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language), try entry.make(.defaults, language)],
                                      language: language, runtime: CommandRuntime(mode: .inline))
                _ = drive(&app, events: [], size: (80, 24))
                if app.top.wantsText { _ = app.handle(.key(.escape)) }
                #expect(!app.top.wantsText, "\(entry.id): Esc leaves any field")
                var copy = app
                #expect(copy.handle(.key(.char("q"))) == .quit, "\(entry.id): q quits")
                _ = app.handle(.key(.escape))
                #expect(app.stack.count == 1, "\(entry.id): Esc goes back")
            }
        }
    }
}

@Suite("Focus on screen")
struct FocusOnScreenTests {
    /// After Esc the quiz says how to answer again and how to leave, in both languages.
    @Test(arguments: [Language.en, .ko])
    func theBlurredQuizSaysWhatTheKeysDo(language: Language) throws {
        let screen = try ScreenRegistry.builtIn.make("quiz", settings: .flags(["seed": "7"]), language: language)
        var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language), screen], language: language,
                              runtime: CommandRuntime(mode: .inline))
        let text = drive(&app, events: [.key(.escape)], size: (80, 24)).lines.joined(separator: "\n")
        #expect(text.contains(language == .en ? "Esc goes back" : "Esc: 뒤로"), "\(text)")
        #expect(!text.contains(language == .en ? "Esc leaves the field" : "Esc: 입력 끝내기"), "\(text)")
    }
}

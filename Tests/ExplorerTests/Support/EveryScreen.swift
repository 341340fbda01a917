import TestSupport
import CNN
import Foundation
@testable import Explorer
import Terminal

/// The lessons shipped in the repository's `lessons` folder.
let shippedLessonsDirectory = Repository.lessons

/// Lesson blocks built as the app builds them (real quiz questions; training steps show
/// their settings until Enter).
let shippedBlocks = LessonBlockFactory.standard

/// The shipped lessons, read once.
let shippedLibrary: LessonLibrary = {
    do { return try LessonLibrary(directory: shippedLessonsDirectory) } catch {
        preconditionFailure("the shipped lessons do not load: \(error)")
    }
}()

/// Every screen the app can show, each named by a string (so tests can take them as
/// arguments): `scene:<id>:<lang>` for every registry entry, `predict:<id>:<lang>` for every
/// scene with a predict mode (opened with `predict: true`), `lesson:<id>:<lang>:<step>` for
/// every step of every shipped lesson, `home:<lang>`, `dashboard:<lang>:<view>`, `draw:<lang>`,
/// `class:<lang>:<phase>` (the instructor's screen), `student:<lang>:<stage>` (the student's).
enum EveryScreen {
    static var names: [String] {
        var names: [String] = []
        for language in Language.allCases {
            names += ScreenRegistry.builtIn.entries.map { "scene:\($0.id):\(language.rawValue)" }
            names += ScreenRegistry.builtIn.entries.filter { $0.settings.contains(.predict) }.map { "predict:\($0.id):\(language.rawValue)" }
            names += lessonSteps(language)
            names.append("home:\(language.rawValue)")
            names += DashboardScreen.View.allCases.map { "dashboard:\(language.rawValue):\($0.rawValue)" }
            names.append("draw:\(language.rawValue)")
            names += ClassPhase.allCases.map { "class:\(language.rawValue):\($0.rawValue)" }
            names += StudentFixture.stages.map { "student:\(language.rawValue):\($0)" }
        }
        return names
    }

    /// `lesson:<id>:<lang>:<step>` for every step of every shipped lesson in `language`.
    static func lessonSteps(_ language: Language) -> [String] {
        shippedLibrary.lessons(in: language).flatMap { lesson in
            lesson.steps.indices.map { "lesson:\(lesson.id):\(language.rawValue):\($0)" }
        }
    }

    /// The screen `name` stands for, freshly built.
    static func make(_ name: String) throws -> any Screen {
        let parts = name.split(separator: ":").map(String.init)
        let language = Language(rawValue: parts[["scene", "lesson", "predict"].contains(parts[0]) ? 2 : 1]) ?? .en
        switch parts[0] {
        case "scene":
            // A fixed seed keeps the quiz's questions the same from run to run.
            let settings: SettingsSource = parts[1] == "quiz" ? .flags(["seed": "7"]) : .defaults
            return try ScreenRegistry.builtIn.make(parts[1], settings: settings, language: language)
        case "predict":
            return try ScreenRegistry.builtIn.make(parts[1], settings: .flags(["predict": "true"]), language: language)
        case "lesson":
            return LessonScreen(library: shippedLibrary, blocks: shippedBlocks, lessonID: parts[1], language: language, step: Int(parts[3]) ?? 0)
        case "home":
            var registry = ScreenRegistry.builtIn
            let catalog = LessonCatalog(library: shippedLibrary, blocks: shippedBlocks, progressPath: nil)
            registry.entries = catalog.entries(language: language) + registry.entries
            return HomeScreen(registry: registry, language: language)
        case "dashboard":
            var screen = ScreenBox(DashboardFixture.screen(language: language))
            for _ in 0..<(Int(parts[2]) ?? 0) { _ = screen.update(.key(.tab)) }
            return screen.screen
        case "class":
            let snapshot = ClassFixture.snapshot(ClassPhase(rawValue: parts[2]) ?? .lobby)
            return InstructorScreen(control: .still(snapshot), snapshot: snapshot, language: language)
        case "student":
            return StudentFixture.screen(parts[2], language)
        case "draw":
            return DrawScreen(modelNote: "small · test", language: language, predict: DrawScreenTests.bandPredictor)
        default:
            throw SettingsError(file: nil, line: nil, flag: nil, message: "no screen '\(name)'")
        }
    }
}

import CNN
import Explorer
import Foundation

/// Everything the app shows, wired once: the built-in screens, the lessons (read from
/// `--lessons DIR` or the shipped folder) and the blocks lessons embed.
struct AppWiring {
    let catalog: LessonCatalog?
    /// Problems with lesson files (the others still load).
    let lessonProblems: [LessonError]

    init(lessonsDirectory: String? = nil, progress: Bool = true) {
        let directory = lessonsDirectory ?? LessonLibrary.defaultDirectory()
        let (library, problems) = LessonLibrary.lenient(directory)
        catalog = LessonCatalog(library: library, blocks: Self.blocks, progressPath: progress ? LessonProgress.defaultPath : nil)
        lessonProblems = problems
    }

    /// How lesson blocks become screens.
    static var blocks: LessonBlockFactory {
        .standard
    }

    func registry(language: Language) -> ScreenRegistry {
        var registry = ScreenRegistry.builtIn
        if let catalog { registry.entries = catalog.entries(language: language) + registry.entries }
        registry.entries += TrainingLauncher.entries
        return registry
    }

    func home(language: Language) -> HomeScreen {
        var home = HomeScreen(registry: registry(language: language), language: language)
        if let catalog {
            home.marks = catalog.marks
            home.refreshMarks = { catalog.marks }
        }
        return home
    }

    /// A notice for the home screen when some lesson files could not be read.
    var notice: String? {
        guard let first = lessonProblems.first else { return nil }
        return "\(first.description)" + (lessonProblems.count > 1 ? " (+\(lessonProblems.count - 1) more: stride lessons check)" : "")
    }
}


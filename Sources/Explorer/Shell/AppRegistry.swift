import CNN

/// Everything the app shows, described once: the lessons (read from a folder), the scenes
/// and the quiz (`ScreenRegistry.builtIn`), the training runs and draw. The home screen,
/// `stride show`, `stride lesson` and lessons' blocks all read it; the executable only
/// parses arguments and starts the app with it.
public struct AppRegistry: Sendable {
    public let catalog: LessonCatalog?
    /// Problems with lesson files (the others still load).
    public let lessonProblems: [LessonError]
    /// The student's quiz history (`QuizHistory`), kept with progress; nil: none kept.
    public let historyPath: String?

    /// - Parameters:
    ///   - library: the lessons, already read (the executable finds them: `--lessons`,
    ///     `$STRIDE_LESSONS`, beside the binary, or the copy built into it).
    ///   - problems: lesson files that could not be read (the others still load).
    ///   - progress: whether to read and record lesson progress.
    public init(library: LessonLibrary, problems: [LessonError] = [], progress: Bool = true) {
        let history = progress ? QuizHistory.defaultPath() : nil
        catalog = LessonCatalog(library: library, blocks: .standard(history: history), progressPath: progress ? LessonProgress.defaultPath : nil)
        lessonProblems = problems
        historyPath = history
    }

    /// The lessons of one folder (tests; tools).
    public init(lessonsDirectory: String, progress: Bool = true) {
        let (library, problems) = LessonLibrary.lenient(lessonsDirectory)
        self.init(library: library, problems: problems, progress: progress)
    }

    /// Lessons, then the built-in scenes and quiz, then training runs and draw.
    public func registry(language: Language) -> ScreenRegistry {
        var registry = ScreenRegistry.builtIn
        if let catalog { registry.entries = catalog.entries(language: language) + registry.entries }
        registry.entries += TrainingLauncher.entries + [DrawLauncher.entry]
        if let historyPath {
            let log = QuizReviewLauncher.logger(historyPath)
            registry.entries = registry.entries.map { $0.id == QuizScreen.entry.id ? QuizScreen.entry(onAnswer: log) : $0 }
            registry.entries.append(QuizReviewLauncher.entry(history: historyPath))
        }
        return registry
    }

    public func home(language: Language) -> HomeScreen {
        var home = HomeScreen(registry: registry(language: language), language: language)
        let catalog = self.catalog, historyPath = self.historyPath
        let marks: @Sendable () -> [String: String] = {
            var marks = catalog?.marks ?? [:]
            if let historyPath { marks["review"] = QuizReviewLauncher.mark(history: historyPath, language: language) }
            return marks
        }
        home.marks = marks()
        home.refreshMarks = marks
        return home
    }

    /// A notice for the home screen when some lesson files could not be read.
    public var notice: String? {
        guard let first = lessonProblems.first else { return nil }
        return "\(first.description)" + (lessonProblems.count > 1 ? " (+\(lessonProblems.count - 1) more: stride lessons check)" : "")
    }
}

/// Lessons on the home screen: one registry entry per lesson (in the app's language), whose
/// screen opens at the step the student last saw.
public struct LessonCatalog: Sendable {
    public let library: LessonLibrary
    public let blocks: LessonBlockFactory
    public let progressPath: String?

    public init(library: LessonLibrary, blocks: LessonBlockFactory, progressPath: String?) {
        self.library = library
        self.blocks = blocks
        self.progressPath = progressPath
    }

    /// Saves progress after each step change (a failure to save is not fatal to the lesson).
    public var recorder: @Sendable (String, Int, Int) -> Void {
        guard let path = progressPath else { return { _, _, _ in } }
        return { id, step, steps in
            var progress = LessonProgress.load(path).progress
            progress.record(id, step: step, steps: steps)
            try? progress.save(path)
        }
    }

    /// Marks a lesson done with its checks' score (called when its checks are all answered).
    public var completer: @Sendable (String, Int, LessonProgress.Score) -> Void {
        guard let path = progressPath else { return { _, _, _ in } }
        return { id, steps, score in
            var progress = LessonProgress.load(path).progress
            progress.complete(id, steps: steps, score: score)
            try? progress.save(path)
        }
    }

    public var progress: LessonProgress { progressPath.map { LessonProgress.load($0).progress } ?? LessonProgress() }

    /// The screen of lesson `id`, at `step` (default: where the student left off).
    public func screen(_ id: String, language: Language, step: Int? = nil, presenting: Bool = false) -> LessonScreen {
        let saved = progress.lessons[id].map { $0.done ? 0 : $0.step } ?? 0
        return LessonScreen(library: library, blocks: blocks, lessonID: id, language: language, step: step ?? saved,
                            presenting: presenting, onProgress: recorder, onComplete: completer)
    }

    /// The first lesson not yet done (the first lesson when all are).
    public func firstUnfinished(language: Language) -> String? {
        let lessons = library.lessons(in: language)
        let progress = self.progress
        return (lessons.first { !(progress.lessons[$0.id]?.done ?? false) } ?? lessons.first)?.id
    }

    /// One entry per lesson, for the registry.
    public func entries(language: Language) -> [ScreenEntry] {
        library.lessons(in: language).map { lesson in
            let catalog = self
            let id = lesson.id
            return ScreenEntry(id: "lesson:\(lesson.id)", group: .lesson,
                               title: Localized(en: lesson.title, ko: lesson.title),
                               summary: Localized(en: lesson.summary, ko: lesson.summary)) { _, language in
                catalog.screen(id, language: language)
            }
        }
    }

    /// Home-screen marks: ✓ done, … started. Reads the progress file once (`progress` reads
    /// it on every use: once per lesson was 3,000 reads of a 3,000-entry file, 28 s at start).
    public var marks: [String: String] {
        let progress = self.progress
        var marks: [String: String] = [:]
        for id in progress.lessons.keys { if let mark = progress.mark(id) { marks["lesson:\(id)"] = mark } }
        return marks
    }
}

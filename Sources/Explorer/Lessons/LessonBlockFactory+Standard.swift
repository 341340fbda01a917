import CNN

extension LessonBlockFactory {
    /// The blocks the app ships: registered scenes, quiz questions (`QuizScreen`), model
    /// summaries, and training runs that open the live dashboard (loaded off the UI thread).
    public static let standard = LessonBlockFactory(registry: .builtIn, quiz: quizBlock, train: trainBlock)

    /// `standard`, with every answer to a lesson's check also added to the student's quiz
    /// history at `history` (so review mode asks the kinds missed in lessons too); nil: none.
    public static func standard(history: String?) -> LessonBlockFactory {
        guard let history else { return standard }
        let log = QuizReviewLauncher.logger(history)
        return LessonBlockFactory(registry: .builtIn, quiz: { block, file, language throws(LessonError) in
            var screen = try quizScreen(block, file: file, language: language)
            screen.onAnswer = log
            return screen
        }, train: trainBlock)
    }

    /// A lesson's `quiz` block: one question (kinds and fields in lessons/README.md).
    @Sendable static func quizBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
        try quizScreen(block, file: file, language: language)
    }

    static func quizScreen(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> QuizScreen {
        do {
            let question = try QuizQuestion.fromYAML(block.yaml, file: file, firstLine: block.line)
            var screen = QuizScreen(session: try QuizSession(questions: [question]), language: language)
            screen.alwaysShowsWorking = true  // a lesson shows the working of a right answer too
            return screen
        } catch let error as SettingsError {
            throw LessonError(file: file, line: error.line ?? block.line, message: error.message)
        } catch {
            throw LessonError(file: file, line: block.line, message: "\(error)")
        }
    }

    /// A lesson's `train` block: the run's settings and its model summary; Enter opens the
    /// live dashboard on that run (Esc stops it and returns to the lesson).
    @Sendable static func trainBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
        try TrainBlockScreen.make(block, file: file, language: language) { settings, language in
            TrainingLauncher.screen(settings, language: language)
        }
    }
}

import CNN
import Explorer

/// A lesson's `train` block: the run's settings and its model summary; Enter opens the live
/// dashboard on that run (Esc stops it and returns to the lesson).
@Sendable func trainBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
    try TrainBlockScreen.make(block, file: file, language: language, start: startLessonTraining)
}

/// Loads the data and starts the block's run (`TrainBlockSettings.runConfiguration`); nil when
/// the data is not there.
@Sendable func startLessonTraining(_ settings: TrainBlockSettings, _ language: Language) -> (any Screen)? {
    guard let prepared = try? settings.runConfiguration.prepare(),
          let (run, info) = try? TrainingRun.make(prepared, model: settings.model)
    else { return nil }
    run.start()
    return DashboardScreen(info: info, handle: run, language: language)
}

/// A lesson's `quiz` block: one question (kinds and fields in lessons/README.md).
@Sendable func quizBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
    do {
        let question = try QuizQuestion.fromYAML(block.yaml, file: file, firstLine: block.line)
        return QuizScreen(session: try QuizSession(questions: [question]), language: language)
    } catch let error as SettingsError {
        throw LessonError(file: file, line: error.line ?? block.line, message: error.message)
    } catch {
        throw LessonError(file: file, line: block.line, message: "\(error)")
    }
}

import CNN
import Explorer

/// A lesson's `train` block: the run's settings, its model summary, and (Enter) the command.
@Sendable func trainBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
    try TrainBlockScreen.make(block, file: file, language: language)
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

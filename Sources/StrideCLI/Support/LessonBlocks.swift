import CNN
import Explorer

/// A lesson's `train` block: the run's settings, its model summary, and (Enter) the command.
@Sendable func trainBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
    try TrainBlockScreen.make(block, file: file, language: language)
}

/// A lesson's `quiz` block: one question (kinds and fields in lessons/README.md).
@Sendable func quizBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
    throw LessonError(file: file, line: block.line, message: "quiz blocks need the quiz module, which this build lacks")
}

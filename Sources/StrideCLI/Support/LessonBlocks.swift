import CNN
import Explorer

/// A lesson's `train` block: the run's settings and its model summary; Enter opens the live
/// dashboard on that run (Esc stops it and returns to the lesson).
@Sendable func trainBlock(_ block: LessonBlock, file: String, language: Language) throws(LessonError) -> any Screen {
    try TrainBlockScreen.make(block, file: file, language: language, start: startLessonTraining)
}

/// Loads the data and starts the block's run; nil when the data is not there.
@Sendable func startLessonTraining(_ settings: TrainBlockSettings, _ language: Language) -> (any Screen)? {
    guard let name = DatasetName(rawValue: settings.dataset),
          let spec = try? ModelFile.load(settings.model),
          let net = try? Sequential(spec: spec, seed: 0),
          let (train, test) = try? DataLocator().load(name, trainLimit: settings.limit, testLimit: min(settings.limit, 2000))
    else { return nil }
    let optimizer = OptimizerKind.rmsprop.make(learningRate: nil)
    var configuration = TrainingRun.Configuration(
        epochs: settings.epochs, batchSize: 64, requestPath: DataLocator().cacheDirectory + "/checkpoints/\(settings.model)-\(settings.dataset).safetensors")
    configuration.confusionImages = min(2000, test.count)
    let run = TrainingRun(model: net, optimizer: optimizer, train: train, test: test, configuration: configuration)
    let info = DashboardInfo(model: settings.model, layers: (try? spec.layerInfos()) ?? [], parameters: net.parameterCount,
                             dataset: name.displayName, classNames: train.classNames, trainCount: train.count, testCount: test.count,
                             optimizer: optimizer.name, batchSize: 64, epochs: settings.epochs)
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

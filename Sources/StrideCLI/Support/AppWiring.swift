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
        LessonBlockFactory(registry: .builtIn, quiz: quizBlock, train: trainBlock)
    }

    func registry(language: Language) -> ScreenRegistry {
        var registry = ScreenRegistry.builtIn
        if let catalog { registry.entries = catalog.entries(language: language) + registry.entries }
        registry.entries += Self.trainingEntries
        return registry
    }

    /// The training group: a live run on MNIST and Fashion-MNIST (the dashboard).
    static let trainingEntries: [ScreenEntry] = [
        trainingEntry("train-mnist", "mnist", Localized(en: "Train a convnet on MNIST", ko: "MNIST로 합성곱 신경망 학습"),
                      Localized(en: "live dashboard: small model, 10,000 digits, 3 epochs (stride train for more)",
                                ko: "실시간 대시보드: small 모델, 숫자 10,000장, 에폭 3회")),
        trainingEntry("train-fashion", "fashion", Localized(en: "Train on Fashion-MNIST", ko: "Fashion-MNIST로 학습"),
                      Localized(en: "the same network on clothes: harder, ~85 % instead of ~98 %",
                                ko: "같은 신경망으로 옷 이미지 학습: 더 어렵습니다 (약 85 %)")),
    ]

    /// The home screen's run on `dataset`: `RunConfiguration.quick` on 10,000 images.
    static func trainingSettings(_ dataset: String) -> TrainBlockSettings {
        var settings = TrainBlockSettings()
        let quick = RunConfiguration.quick()
        (settings.model, settings.dataset, settings.epochs, settings.limit) = (quick.model, dataset, quick.epochs, 10_000)
        return settings
    }

    static func trainingEntry(_ id: String, _ dataset: String, _ title: Localized, _ summary: Localized) -> ScreenEntry {
        ScreenEntry(id: id, group: .training, title: title, summary: summary) { _, language throws(SettingsError) in
            let settings = trainingSettings(dataset)
            guard let screen = startLessonTraining(settings, language) else {
                throw SettingsError(file: nil, line: nil, flag: nil, message: language == .ko
                    ? "\(dataset) 데이터가 없습니다: stride data fetch \(dataset)"
                    : "no \(dataset) data here: run `stride data fetch \(dataset)` first")
            }
            return screen
        }
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


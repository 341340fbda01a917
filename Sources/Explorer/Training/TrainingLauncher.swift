import CNN
import ModelFiles

/// Builds a live training run for the home screen's training entries and lessons' `train`
/// blocks: loads the data, builds the model, starts the run and returns its dashboard.
/// Slow (it reads the data set): called off the UI thread, through a `LoadingScreen`.
public enum TrainingLauncher {
    /// A loading screen that prepares `settings`' run and then shows its dashboard.
    public static func screen(_ settings: TrainBlockSettings, language: Language) -> LoadingScreen {
        LoadingScreen(
            title: Localized(en: "Training \(settings.model) on \(settings.dataset)", ko: "\(settings.dataset) 데이터로 \(settings.model) 모델 학습")[language],
            waiting: Localized(en: "Loading \(settings.dataset) and building the \(settings.model) model…",
                               ko: "\(settings.dataset) 데이터를 읽고 \(settings.model) 모델을 만드는 중…")[language],
            language: language) { prepare(settings, language: language) }
    }

    /// Loads the data and starts the run (`TrainBlockSettings.runConfiguration`, the one run
    /// configuration `stride train` uses too); `.failed` says what is missing and what to do.
    public static func prepare(_ settings: TrainBlockSettings, language: Language) -> LoadingScreen.Outcome {
        let prepared: PreparedRun
        do {
            prepared = try settings.runConfiguration.prepare()
        } catch {
            return .failed(Localized(
                en: "\(error) — for the data, run `stride data fetch \(settings.dataset)`, then open this again.",
                ko: "\(error) — 데이터가 없으면 `stride data fetch \(settings.dataset)` 실행 후 다시 여세요.")[language])
        }
        do {
            let (run, info) = try TrainingRun.make(prepared, model: settings.model)
            run.start()
            return .ready(ScreenHandoff(DashboardScreen(info: info, handle: run, language: language, leaveKey: .back)))
        } catch {
            return .failed("\(error)")
        }
    }

    /// The home screen's training group: a live run on MNIST and on Fashion-MNIST. The figures
    /// quoted are what these runs reached (`stride train --model small --epochs 3 --limit 10000
    /// --headless`, seed 0, measured 2026-11-30): test accuracy 94.0 % on MNIST, 77.3 % on
    /// Fashion-MNIST.
    public static let entries: [ScreenEntry] = [
        entry("train-mnist", "mnist", Localized(en: "Train a convnet on MNIST", ko: "MNIST로 합성곱 신경망 학습"),
              Localized(en: "live dashboard: small model, 10,000 digits, 3 epochs (stride train for more)",
                        ko: "실시간 대시보드: small 모델, 숫자 10,000장, 에포크 3회")),
        entry("train-fashion", "fashion", Localized(en: "Train on Fashion-MNIST", ko: "패션 MNIST로 학습"),
              Localized(en: "the same run on clothes: harder, about 77 % instead of 94 % (measured, 3 epochs, 10,000 images)",
                        ko: "같은 학습을 옷 이미지로: 더 어렵습니다 (에포크 3, 이미지 10,000장에서 잰 값: 94 % 대신 약 77 %)")),
    ]

    /// The home screen's run on `dataset`: `RunConfiguration.quick` on 10,000 images.
    public static func settings(_ dataset: String) -> TrainBlockSettings {
        var settings = TrainBlockSettings()
        let quick = RunConfiguration.quick()
        (settings.model, settings.dataset, settings.epochs, settings.limit) = (quick.model, dataset, quick.epochs, 10_000)
        return settings
    }

    static func entry(_ id: String, _ dataset: String, _ title: Localized, _ summary: Localized) -> ScreenEntry {
        ScreenEntry(id: id, group: .training, title: title, summary: summary) { _, language throws(SettingsError) in
            return screen(settings(dataset), language: language)
        }
    }
}

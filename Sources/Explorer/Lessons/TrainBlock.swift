import CNN
import ModelFiles
import Terminal

/// A lesson's `train` block: a short run of a model on a dataset.
///
/// YAML keys: `model` (a built-in model: seed, small, dense, seed-dropout; default small), `epochs` (1–5, default 1),
/// `limit` (training images, 100–60000, default 2000), `dataset` (mnist or fashion),
/// `optimizer` (rmsprop, adam or sgd; default rmsprop).
public struct TrainBlockSettings: SceneSettings, Equatable {
    public var model = "small"
    public var epochs = 1
    public var limit = 2000
    public var dataset = "mnist"
    public var optimizer = "rmsprop"

    public static let settings: [SettingSpec] = [.model, .epochs, .limit, .dataset, .optimizer]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        model = try c.choice(.model, default: "small")
        epochs = try c.integer(.epochs, default: 1)
        limit = try c.integer(.limit, default: 2000)
        dataset = try c.choice(.dataset, default: "mnist")
        optimizer = try c.choice(.optimizer, default: "rmsprop")
    }

    /// The command that runs this training in a terminal.
    public var commandLine: String {
        "stride train --model \(model) --epochs \(epochs) --limit \(limit) --dataset \(dataset)"
            + (optimizer == "rmsprop" ? "" : " --optimizer \(optimizer)")
    }
}

/// A training step before it starts: the model's summary and how to run it. Enter opens the
/// live dashboard through `launch` (a loading screen that reads the data off the UI thread)
/// when the app has one.
public struct TrainBlockScreen: Screen {
    public let settings: TrainBlockSettings
    public let language: Language
    let launch: (@Sendable (TrainBlockSettings, Language) -> any Screen)?

    public init(settings: TrainBlockSettings, language: Language,
                launch: (@Sendable (TrainBlockSettings, Language) -> any Screen)? = nil) {
        self.settings = settings
        self.language = language
        self.launch = launch
    }

    public var title: String { Localized(en: "Training run", ko: "학습 실행")[language] }
    static let run = KeyBinding([.enter], "Enter", Localized(en: "train", ko: "학습 시작"))
    public var bindings: [KeyBinding] { launch == nil ? [] : [Self.run] }

    public mutating func update(_ message: ScreenMessage) -> ScreenCommand {
        guard case .key(let key) = message, Self.run.matches(key) else { return .none }
        if let launch { return .push(launch(settings, language)) }
        return .notice(Localized(en: "Run it in a terminal: \(settings.commandLine)", ko: "터미널에서 실행하세요: \(settings.commandLine)")[language])
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let l = language
        let lines = [
            Localized(en: "Model: \(settings.model) · \(settings.dataset) · \(counted(settings.epochs, "epoch")) on \(counted(settings.limit, "image"))",
                      ko: "모델: \(settings.model) · \(settings.dataset) · 에포크 \(settings.epochs) · 학습 이미지 \(settings.limit)장")[l],
            "",
            launch == nil
                ? Localized(en: "To watch it train, run:", ko: "학습 과정을 보려면 실행하세요:")[l]
                : Localized(en: "Press Enter to watch it train live.", ko: "Enter 키를 누르면 학습 과정을 실시간으로 봅니다.")[l],
            "  " + settings.commandLine,
        ]
        var y = area.y
        for line in lines where y < area.maxY {
            let text = Text(line)
            text.render(in: Rect(x: area.x + 1, y: y, width: area.width - 1, height: area.maxY - y), buffer: &buffer)
            y += max(1, text.height(forWidth: area.width - 1, charset: buffer.charset))
        }
        if let spec = try? ModelFile.load(settings.model), let summary = try? spec.summary(), y + 1 < area.maxY {
            // The Keras table where it fits, else the compact one (layer, output, parameters).
            let table = ModelSummaryScreen(summary: summary, layers: (try? spec.layerInfos()) ?? [], language: language)
            for (i, line) in table.lines(forWidth: area.width - 1).enumerated() where y + 1 + i < area.maxY {
                buffer.write(String(line), x: area.x + 1, y: y + 1 + i, style: Palette.note, maxWidth: area.width - 1)
            }
        }
    }

    public var contentSize: (width: Int, height: Int) { (70, 20) }
}

extension TrainBlockScreen {
    /// The screen of a lesson's `train` block; errors name the lesson file and line.
    public static func make(_ block: LessonBlock, file: String, language: Language,
                            launch: (@Sendable (TrainBlockSettings, Language) -> any Screen)? = nil) throws(LessonError) -> TrainBlockScreen {
        do {
            let settings = try decodeSettings(TrainBlockSettings.self, from: .yaml(block.yaml, file: file, firstLine: block.line))
            return TrainBlockScreen(settings: settings, language: language, launch: launch)
        } catch {
            throw LessonError(file: file, line: error.line, message: error.message)
        }
    }
}

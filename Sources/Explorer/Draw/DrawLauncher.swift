import CNN
import Foundation
import ModelFiles

/// Opens the draw screen on a trained model: the newest checkpoint in Stride's cache (what
/// the dashboard and `stride train` save), loaded off the UI thread; the screen says which.
public enum DrawLauncher {
    /// The newest `.safetensors` checkpoint in `directory` (by modification time), if any.
    public static func newestCheckpoint(in directory: String) -> String? {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let dated = files.filter { $0.hasSuffix(".safetensors") }.compactMap { name -> (String, Date)? in
            let path = directory + "/" + name
            guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
            return (path, date)
        }
        return dated.max { $0.1 < $1.1 }?.0
    }

    /// A loading screen that opens the draw screen on the checkpoint at `path`.
    public static func screen(checkpoint path: String, language: Language) -> LoadingScreen {
        LoadingScreen(title: Localized(en: "Draw a digit", ko: "숫자 그리기")[language],
                      waiting: Localized(en: "Loading \(path)…", ko: "\(path) 읽는 중…")[language],
                      language: language) { prepare(checkpoint: path, language: language) }
    }

    /// Loads the checkpoint and builds the draw screen.
    public static func prepare(checkpoint path: String, language: Language) -> LoadingScreen.Outcome {
        do {
            let state = try Checkpoint.load(from: path)
            let file = URL(fileURLWithPath: path).lastPathComponent
            let trained = state.epochsTrained
            let epochs = trained == trained.rounded() ? String(Int(trained)) : String(format: "%.2f", trained)
            let note = Localized(en: "\(file) · \(groupThousands(state.model.parameterCount)) params · \(epochs) epoch\(trained == 1 ? "" : "s")",
                                 ko: "\(file) · 파라미터 \(groupThousands(state.model.parameterCount))개 · 에포크 \(epochs)회")[language]
            let model = UnsafeModel(state.model)
            return .ready(ScreenHandoff(DrawScreen(modelNote: note, language: language) { image in
                (try? model.model.predict(images: image)) ?? []
            }))
        } catch {
            return .failed("\(path): \(error)")
        }
    }

    /// The home screen's entry: the newest checkpoint, or what to do when there is none.
    public static let entry = ScreenEntry(
        id: "draw", group: .training, title: Localized(en: "Draw a digit", ko: "숫자 그리기"),
        summary: Localized(en: "draw on a 28×28 canvas and watch the newest trained model guess",
                           ko: "28×28 캔버스에 그리고 가장 최근에 학습한 모델의 예측 보기")
    ) { _, language throws(SettingsError) in
        let directory = DataLocator().cacheDirectory + "/checkpoints"
        guard let path = newestCheckpoint(in: directory) else {
            throw SettingsError(message: Localized(
                en: "no trained model yet: train one first (Training on the home screen, or `stride draw` offers to)",
                ko: "학습한 모델이 아직 없습니다: 먼저 학습하세요 (홈 화면의 학습, 또는 `stride draw`)")[language])
        }
        return screen(checkpoint: path, language: language)
    }
}

/// A model used by one screen from the UI thread only (the draw screen predicts as you draw).
public final class UnsafeModel: @unchecked Sendable {
    public let model: Sequential
    public init(_ model: Sequential) { self.model = model }
}

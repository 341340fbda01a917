import CNN
extension PlaygroundScene {
    /// The registry's description of this scene.
    public static let entry = ScreenEntry.checkedScene(
        "playground", PlaygroundSettings.self,
        title: Localized(en: "Playground", ko: "놀이터"),
        summary: Localized(en: "edit the input and kernel; every output updates at once",
                           ko: "입력과 커널을 직접 바꾸면 출력이 바로 바뀝니다")
    ) { settings, language throws(CNNError) in try PlaygroundScene(settings: settings, language: language) }
}

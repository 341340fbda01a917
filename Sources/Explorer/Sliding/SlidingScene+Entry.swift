import CNN
extension SlidingScene {
    /// The registry's description of this scene.
    public static let entry = ScreenEntry.checkedScene(
        "sliding", Predictable<ConvSettings>.self,
        title: Localized(en: "Sliding kernel", ko: "커널 슬라이딩"),
        summary: Localized(en: "a kernel slides over the input, one output cell per step",
                           ko: "커널이 입력 위를 한 칸씩 움직이며 출력을 만듭니다")
    ) { settings, language throws(CNNError) in try SlidingScene(settings: settings.base, language: language, predict: settings.predict) }
}

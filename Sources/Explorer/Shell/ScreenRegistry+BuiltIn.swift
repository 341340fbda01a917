/// Every built-in screen. A new scene is a new folder plus one line here.
extension ScreenRegistry {
    public static let builtIn = ScreenRegistry(entries: [
        SlidingScene.entry,
        PaddingScene.entry,
        StrideScene.entry,
        FlipScene.entry,
        BackpropScene.entry,
        TransposedScene.entry,
        ReceptiveScene.entry,
        LearnScene.entry,
        ImageScene.entry,
        PoolingScene.entry,
        Im2colScene.entry,
        ChannelsScene.entry,
        PlaygroundScene.entry,
        QuizScreen.entry,
    ])
}

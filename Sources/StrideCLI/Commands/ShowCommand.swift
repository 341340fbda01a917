import ArgumentParser
import CNN
import Explorer

/// `stride show sliding [options]`: opens a scene directly.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Open a scene directly: sliding.")

    @Argument(help: "The scene to open: sliding.") var scene: String
    @OptionGroup var matrices: MatrixOptions
    @OptionGroup var window: WindowOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        let app = try reportingErrors { () throws -> ExplorerApp in
            guard let id = SceneID(rawValue: scene), id != .home else {
                throw UserError("unknown scene '\(scene)'; scenes: sliding")
            }
            var config = SlidingConfig.example
            if let text = matrices.input { config.input = try matrices.parsed(label: "input", text) }
            if let text = matrices.kernel { config.kernel = try matrices.parsed(label: "kernel", text) }
            config.bias = matrices.bias
            config.padding = try window.parsedPadding()
            config.stride = window.stride
            config.dilation = window.dilation
            config.mode = try ConvMode(parsing: matrices.mode)
            return try ExplorerApp(start: id, sliding: config, language: language.language())
        }
        try runExplorer(app, language: app.language)
    }
}

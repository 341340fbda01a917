import ArgumentParser
import Explorer

/// `stride` with no subcommand: the home screen.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home", abstract: "Open the home screen (the default).")

    @OptionGroup var language: LanguageOption

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        try runExplorer(language: lang) { l in ExplorerApp(screens: [HomeScreen(registry: appRegistry(), language: l)], language: l) }
    }
}

/// The registry the app shows: the built-in screens (lessons, quiz and training add theirs here).
func appRegistry() -> ScreenRegistry {
    ScreenRegistry.builtIn
}

import ArgumentParser
import Explorer

/// `stride` with no subcommand: the home screen.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home", abstract: "Open the home screen (the default).")

    @OptionGroup var language: LanguageOption

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        try runExplorer(try reportingErrors { try ExplorerApp(start: .home, language: lang) }, language: lang)
    }
}

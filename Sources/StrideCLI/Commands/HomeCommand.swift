import CommandLineSupport
import ArgumentParser
import Explorer

/// `stride` with no subcommand: the home screen.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home", abstract: "Open the home screen (the default).")

    @OptionGroup var language: LanguageOption
    @OptionGroup var recording: RecordOption

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        let wiring = try AppRegistry.located()
        try runExplorer(language: lang, record: recording) { l in
            var app = ExplorerApp(screens: [wiring.home(language: l)], language: l)
            app.notice = wiring.notice
            return app
        }
    }
}

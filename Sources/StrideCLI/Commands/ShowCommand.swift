import CommandLineSupport
import ArgumentParser
import CNN
import Explorer

/// `stride show <screen> [settings]`, `stride show --list`: opens a registered screen directly.
///
/// Every setting is an option whose value may start with `-` (`--kernel "-1 0 1"`,
/// `--bias -1`); the settings go through the same decoder as a lesson's YAML, so a setting
/// the screen does not have is an error.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Open a scene directly (stride show --list names them).",
        discussion: SettingsDocs.showHelp())

    @Argument(help: "The scene to open (see --list).") var scene: String?
    @Flag(help: "List the scenes and exit.") var list = false
    /// The scene's settings as `--key value` (or `--key=value`), read by the scene's declared settings.
    @Argument(parsing: .allUnrecognized, help: .hidden) var settingArguments: [String] = []
    @OptionGroup var language: LanguageOption
    @OptionGroup var recording: RecordOption

    func run() throws {
        let registry = ScreenRegistry.builtIn
        let lang = try reportingErrors { try language.language() }
        if list {
            let width = registry.entries.map(\.id.count).max() ?? 8
            for entry in registry.entries {
                print(entry.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + entry.title[lang] + " — " + entry.summary[lang])
            }
            return
        }
        guard let scene else {
            printError("name a scene to open (\(registry.entries.map(\.id).joined(separator: ", "))), or use --list")
            throw ExitCodeError.usage
        }
        let booleans = Set(registry.entry(scene)?.settings.filter { $0.kind == .boolean }.map(\.key) ?? [])
        let given = try reportingErrors { try Self.settings(from: settingArguments, booleans: booleans) }
        // Check the settings before taking over the terminal.
        _ = try reportingErrors { try make(registry, scene, given, lang) }
        let wiring = try AppRegistry.located()
        try runExplorer(language: lang, record: recording) { l in
            ExplorerApp(screens: [wiring.home(language: l), try make(registry, scene, given, l)], language: l)
        }
    }

    private func make(_ registry: ScreenRegistry, _ id: String, _ given: [String: String], _ language: Language) throws -> any Screen {
        do { return try registry.make(id, settings: .flags(given), language: language) }
        catch { throw UserError(error.description) }
    }
}

extension ShowCommand {
    /// `["--kernel", "-1 0 1", "--kernel-size=3"]` → `["kernel": "-1 0 1", "kernel_size": "3"]`.
    /// The screen's settings decoder then checks each key against its declarations. A
    /// true/false setting (`booleans`, keys) may stand alone: `--predict` is `predict: true`
    /// when it is last or another `--setting` follows; otherwise the next word is its value.
    static func settings(from arguments: [String], booleans: Set<String> = []) throws -> [String: String] {
        var given: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            guard word.hasPrefix("--"), word.count > 2 else {
                throw UserError("unexpected '\(word)': settings are written --name value (see stride show --help)")
            }
            var name = String(word.dropFirst(2))
            let value: String
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            } else if booleans.contains(String(name.map { $0 == "-" ? "_" : $0 })),
                      i + 1 >= arguments.count || arguments[i + 1].hasPrefix("--") {
                value = "true"
            } else {
                guard i + 1 < arguments.count else { throw UserError("--\(name) needs a value") }
                value = arguments[i + 1]
                i += 1
            }
            let key = String(name.map { $0 == "-" ? "_" : $0 })
            guard given[key] == nil else { throw UserError("--\(name) is given twice") }
            given[key] = value
            i += 1
        }
        return given
    }
}

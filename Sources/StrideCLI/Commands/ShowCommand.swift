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
        commandName: "show", abstract: "Open a scene directly (stride show --list names them).")

    @Argument(help: "The scene to open (see --list).") var scene: String?
    @Flag(help: "List the scenes and exit.") var list = false
    @OptionGroup var settings: SettingOptions
    @OptionGroup var language: LanguageOption

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
        let given = settings.given
        // Check the settings before taking over the terminal.
        _ = try reportingErrors { try make(registry, scene, given, lang) }
        let wiring = try AppWiring()
        try runExplorer(language: lang) { l in
            ExplorerApp(screens: [wiring.home(language: l), try make(registry, scene, given, l)], language: l)
        }
    }

    private func make(_ registry: ScreenRegistry, _ id: String, _ given: [String: String], _ language: Language) throws -> any Screen {
        do { return try registry.make(id, settings: .flags(given), language: language) }
        catch { throw UserError(error.description) }
    }
}

/// The settings of every scene, as options; each scene accepts its own subset.
struct SettingOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Input matrix: rows separated by ';', values by spaces or commas.") var input: String?
    @Option(parsing: .unconditional, help: "Kernel matrix, same notation.") var kernel: String?
    @Option(parsing: .unconditional, help: "valid, same, full, or a number of zero cells on each side.") var padding: String?
    @Option(parsing: .unconditional, help: "Step of the window (≥ 1).") var stride: String?
    @Option(parsing: .unconditional, help: "Gap between kernel taps (≥ 1).") var dilation: String?
    @Option(parsing: .unconditional, help: "correlate or convolve.") var mode: String?
    @Option(parsing: .unconditional, help: "Bias added to every output cell.") var bias: String?
    @Option(parsing: .unconditional, help: "Pooling window size, or the input size of generated inputs.") var size: String?
    @Option(parsing: .unconditional, help: "Input channels (channels scene).") var channels: String?
    @Option(parsing: .unconditional, help: "Number of filters (channels scene).") var filters: String?
    @Option(name: .customLong("kernel-size"), parsing: .unconditional, help: "Kernel size (channels scene).") var kernelSize: String?
    @Option(parsing: .unconditional, help: "Seed for generated values.") var seed: String?
    @Option(parsing: .unconditional, help: "Kernel preset (playground): identity, box, sobel-x, sobel-y, sharpen, laplacian.") var preset: String?
    @Option(parsing: .unconditional, help: "Page to open (flip: 2 = the 1-D example).") var page: String?

    /// The settings given, by YAML key.
    var given: [String: String] {
        let all: [(String, String?)] = [
            ("input", input), ("kernel", kernel), ("padding", padding), ("stride", stride), ("dilation", dilation),
            ("mode", mode), ("bias", bias), ("size", size), ("channels", channels), ("filters", filters),
            ("kernel_size", kernelSize), ("seed", seed), ("preset", preset), ("page", page),
        ]
        return Dictionary(uniqueKeysWithValues: all.compactMap { key, value in value.map { (key, $0) } })
    }
}

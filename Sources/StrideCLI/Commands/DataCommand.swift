import ArgumentParser
import CNN
import Foundation
import Terminal

/// `stride data [--data DIR]`: where MNIST and Fashion-MNIST were found, and for what is
/// missing, exactly how to get it; `stride data fetch`: download into the cache.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show where the MNIST and Fashion-MNIST files were found, or fetch them.",
        subcommands: [DataShowCommand.self, DataFetchCommand.self],
        defaultSubcommand: DataShowCommand.self)
}

/// The report (always exits 0).
struct DataShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show where the dataset files were found, or how to get them (the default).")

    @Option(name: .long, help: "A directory with the IDX files (or with mnist/ and fashion/ subdirectories).")
    var data: String?

    func run() throws {
        for line in DataLocator(dataDirectory: data).report() { print(TerminalSafe.text(line, .multiline)) }
    }
}

/// Downloads the four IDX files, verifies them, and installs them in the cache.
struct DataFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download MNIST or Fashion-MNIST into Stride's cache (SHA-256 checked; nothing is left behind on failure).")

    @Argument(help: "mnist or fashion.") var dataset = "mnist"
    @Option(help: ArgumentHelp("A base URL holding the four .gz files (default: well-known public mirrors, in turn).",
                               valueName: "URL")) var from: String?

    func run() throws {
        try reportingErrors {
            guard let name = DatasetName(rawValue: dataset) else { throw UserError("the dataset must be mnist or fashion, not '\(dataset)'") }
            let locator = DataLocator()
            let fetch = DatasetFetch(name: name, bases: from.map { [$0] } ?? DatasetFetch.mirrors[name] ?? [],
                                     cacheDirectory: locator.cacheDirectory)
            let directory = try fetch.run()
            print("\(name.displayName) is ready in \(directory); `stride train` finds it there without --data.")
        }
    }
}

import CommandLineSupport
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
    @Option(help: ArgumentHelp("Give up on a file when under 1 KB/s arrives for this long.", valueName: "SECONDS"))
    var stallSeconds = 30
    @Option(help: ArgumentHelp("Give up on a file that takes longer than this in all.", valueName: "SECONDS"))
    var deadlineSeconds = 600

    func run() throws {
        try reportingErrors {
            guard let name = DatasetName(rawValue: dataset) else { throw UserError("the dataset must be mnist or fashion, not '\(dataset)'") }
            guard (1...86_400).contains(stallSeconds), (1...86_400).contains(deadlineSeconds) else {
                throw UserError("--stall-seconds and --deadline-seconds must be between 1 and 86400")
            }
            let locator = DataLocator()
            var fetch = DatasetFetch(name: name, bases: from.map { [$0] } ?? DatasetFetch.mirrors[name] ?? [],
                                     cacheDirectory: locator.cacheDirectory)
            fetch.limits.stallSeconds = stallSeconds
            fetch.limits.deadlineSeconds = deadlineSeconds
            let directory = try fetch.run()
            print("\(name.displayName) is ready in \(directory); `stride train` finds it there without --data.")
        }
    }
}

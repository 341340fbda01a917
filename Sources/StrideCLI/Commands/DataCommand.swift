import ArgumentParser
import CNN

/// `stride data [--data DIR]`: where MNIST and Fashion-MNIST were found, and for what is
/// missing, exactly how to get it. Always exits 0.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show where the MNIST and Fashion-MNIST files were found, or how to get them.")

    @Option(name: .long, help: "A directory with the IDX files (or with mnist/ and fashion/ subdirectories).")
    var data: String?

    func run() throws {
        for line in DataLocator(dataDirectory: data).report() { print(line) }
    }
}

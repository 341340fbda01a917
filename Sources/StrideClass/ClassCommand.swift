import ArgumentParser
import ClassServer
import CommandLineSupport
import Explorer
import Foundation
import Terminal

/// `stride-class` (run as `stride class …`): a live classroom quiz served from the
/// instructor's terminal. Its own program so `make run` does not build GRDB and FlyingSocks.
@main
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stride class",
        abstract: "A live class quiz: serve it, join it, export its answers.",
        subcommands: [ClassServeCommand.self, ClassJoinCommand.self, ClassExportCommand.self])

    static func main() { runRootCommand(ClassCommand.self, arguments: Array(CommandLine.arguments.dropFirst())) }
}

/// `stride class export DB [--csv]`.
struct ClassExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print every answer of a class database (JSON lines, or CSV).")

    @Argument(help: "The class database (--db of `stride class serve`).") var db: String
    @Flag(help: "CSV instead of JSON lines.") var csv = false

    func run() throws {
        let rows = try reportingErrors {
            guard FileManager.default.fileExists(atPath: db) else { throw UserError("\(db): no such file") }
            do { return try ClassStore(path: db).exportRows() } catch { throw UserError("\(error)") }
        }
        FileHandle.standardOutput.write(Data((csv ? ClassExport.csv(rows) : ClassExport.jsonLines(rows)).utf8))
    }
}

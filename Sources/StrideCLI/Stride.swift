import ArgumentParser
import Foundation
import Terminal

/// The version `stride --version` prints.
let strideVersion = "0.9.0"

/// `stride`: the root command. With no subcommand it opens the home screen.
@main
struct Stride: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stride",
        abstract: "An interactive convolution explorer for the terminal.",
        version: strideVersion,
        subcommands: [HomeCommand.self, ShowCommand.self, ConvCommand.self, SizeCommand.self,
                      PoolCommand.self, SummaryCommand.self, QuizCommand.self, ClassCommand.self, TrainCommand.self, DrawCommand.self, DataCommand.self, LessonCommand.self, LessonsCommand.self,
                      GradCommand.self, TConvCommand.self],
        defaultSubcommand: HomeCommand.self)

    /// Every failure exits non-zero: bad input 2 (one line on stderr), help 0.
    static func main() {
        if let message = CommandSuggestion.unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data("stride: \(message)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            if userInterrupted.load(ordering: .relaxed) { Foundation.exit(interruptedStatus) }
        } catch ExitCodeError.usage {
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((TerminalSafe.text(fullMessage(for: error), .multiline) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

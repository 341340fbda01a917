import ArgumentParser
import CommandLineSupport
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

    /// Every failure exits non-zero: bad input 2 (one line on stderr), help 0. `stride class …`
    /// runs the class-mode program beside this one (`ClassForwarding`).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == ClassCommand.configuration.commandName { ClassForwarding.run(Array(arguments.dropFirst())) }
        runRootCommand(Stride.self, arguments: arguments)
    }
}

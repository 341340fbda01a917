import ArgumentParser

/// `stride`: the root command. With no subcommand it opens the home screen.
@main
struct Stride: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stride",
        abstract: "An interactive convolution explorer for the terminal.",
        subcommands: [HomeCommand.self, ShowCommand.self, ConvCommand.self, SizeCommand.self,
                      SummaryCommand.self, TrainCommand.self, DataCommand.self],
        defaultSubcommand: HomeCommand.self)
}

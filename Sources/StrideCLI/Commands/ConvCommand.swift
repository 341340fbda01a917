import ArgumentParser

// Filled in by the issue that owns `stride conv`.
struct ConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conv", abstract: "(not yet)", shouldDisplay: false)
    func run() throws { throw ValidationError("stride conv is not implemented yet") }
}

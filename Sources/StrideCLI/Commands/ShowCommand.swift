import ArgumentParser

// Filled in by the issue that owns `stride show`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "(not yet)", shouldDisplay: false)
    func run() throws { throw ValidationError("stride show is not implemented yet") }
}

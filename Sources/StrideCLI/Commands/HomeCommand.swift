import ArgumentParser

// Filled in by the issue that owns `stride home`.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "home", abstract: "(not yet)", shouldDisplay: false)
    func run() throws { throw ValidationError("stride home is not implemented yet") }
}

import ArgumentParser

// Filled in by the issue that owns `stride data`.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "(not yet)", shouldDisplay: false)
    func run() throws { throw ValidationError("stride data is not implemented yet") }
}

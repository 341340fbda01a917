import ArgumentParser

// Filled in by the issue that owns `stride size`.
struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "size", abstract: "(not yet)", shouldDisplay: false)
    func run() throws { throw ValidationError("stride size is not implemented yet") }
}

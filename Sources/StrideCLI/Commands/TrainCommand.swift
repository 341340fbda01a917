import ArgumentParser

// Filled in by the issue that owns `stride train`.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "(not yet)", shouldDisplay: false)
    func run() throws { throw ValidationError("stride train is not implemented yet") }
}

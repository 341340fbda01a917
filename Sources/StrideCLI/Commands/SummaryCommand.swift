import ArgumentParser

// Filled in by the issue that owns `stride summary`.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "(not yet)", shouldDisplay: false)
    func run() throws { throw ValidationError("stride summary is not implemented yet") }
}

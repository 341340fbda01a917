import ArgumentParser
import Foundation
import Terminal

/// Parses `arguments` with `root` and runs the command; never returns. Exit statuses: 0 done
/// (and help), 2 bad input (one line on stderr: a mistyped command word gets the nearest
/// one), 130 after Ctrl-C in a full-screen run.
package func runRootCommand<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]) -> Never {
    if let message = CommandSuggestion.unknownCommand(arguments, root: root) {
        FileHandle.standardError.write(Data("stride: \(TerminalSafe.text(message, .multiline))\n".utf8))
        Foundation.exit(2)
    }
    do {
        var command = try root.parseAsRoot(arguments)
        try command.run()
        if userInterrupted.load(ordering: .relaxed) { Foundation.exit(interruptedStatus) }
        Foundation.exit(0)
    } catch ExitCodeError.usage {
        Foundation.exit(2)
    } catch let error as ExitCode {
        Foundation.exit(error.rawValue)
    } catch {
        if root.exitCode(for: error) == .success { root.exit(withError: error) }
        FileHandle.standardError.write(Data((TerminalSafe.text(root.fullMessage(for: error), .multiline) + "\n").utf8))
        Foundation.exit(2)
    }
}

import CNN
import Foundation
import Terminal

/// A problem with what the user asked for: printed as one line on stderr, exit code 2.
package struct UserError: Error, CustomStringConvertible {
    package let description: String
    package init(_ message: String) { description = message }
}

/// Prints `stride: <message>` on stderr, through `TerminalSafe` (messages quote files and
/// arguments; a message may span lines, so newlines and tabs stay).
package func printError(_ message: String) {
    FileHandle.standardError.write(Data("stride: \(TerminalSafe.text(message, .multiline))\n".utf8))
}

/// Runs `body`, turning engine and user errors into one stderr line and exit code 2.
package func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CNNError {
        printError(error.description)
        throw ExitCodeError.usage
    } catch let error as UserError {
        printError(error.description)
        throw ExitCodeError.usage
    }
}

/// Exit statuses the commands use.
package enum ExitCodeError: Error {
    /// Bad input: exit 2.
    case usage
}

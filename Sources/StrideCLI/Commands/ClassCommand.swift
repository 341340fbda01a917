import ArgumentParser
import CommandLineSupport
import Foundation

/// `stride class …`: class mode lives in its own program, `stride-class`, built beside
/// `stride` (`make class`, or `make run ARGS="class serve"`), so the app's first build does not
/// compile SQLite (GRDB) and the socket layer. `Stride.main` forwards before parsing; this
/// command is listed in `stride --help` and forwards too if reached.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "A live class quiz: serve it, join it, export its answers (see stride class --help).")

    @Argument(parsing: .captureForPassthrough, help: "serve, join or export, and their options.")
    var arguments: [String] = []

    func run() throws { ClassForwarding.run(arguments) }
}

/// Runs `stride-class` from the directory of this executable with `arguments`, replacing
/// this process; when it is not there, says how to build it (exit 2).
enum ClassForwarding {
    /// The class program's file name, beside `stride`.
    static let programName = "stride-class"

    static func run(_ arguments: [String]) -> Never {
        let path = programPath()
        guard FileManager.default.isExecutableFile(atPath: path) else {
            printError(missingMessage(path))
            exit(2)
        }
        let argv = [path] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        execv(path, &cArgs)
        printError("cannot start \(path): \(String(cString: strerror(errno)))")
        exit(2)
    }

    /// `stride-class` in the directory of the running executable (`/proc/self/exe`, so a
    /// symlinked or PATH-found `stride` finds its own sibling).
    static func programPath() -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (own as NSString).deletingLastPathComponent + "/" + programName
    }

    static func missingMessage(_ path: String) -> String {
        """
        class mode is its own program, \(programName), and it is not built (\(path) is missing).
        It is kept apart so the app's first build skips SQLite and the socket layer.
        In the Stride checkout: `make class` builds it; `make run ARGS="class serve"` builds it and serves.
        """
    }
}

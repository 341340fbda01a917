import ArgumentParser
import ClassServer
import CommandLineSupport
import Explorer
import Foundation
import Terminal

/// `stride class join HOST[:PORT] --code CODE --name NAME [--plain [--json]]`: the student's
/// full-screen `StudentScreen`, or with `--plain` lines on stdin and stdout.
struct ClassJoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join", abstract: "Join a class: answer each question as the instructor shows it.")

    @Argument(help: "The address the instructor's screen shows (HOST:PORT).") var address: String
    @Option(help: "The class code on the instructor's screen.") var code: String
    @Option(help: "Your name in the class (1–24 characters).") var name: String
    @Flag(help: "Plain text instead of the full screen: one answer per line on stdin.") var plain = false
    @Flag(help: "With --plain: one JSON object per line.") var json = false
    @OptionGroup var language: LanguageOption

    func validate() throws {
        if json && !plain { throw ValidationError("--json needs --plain") }
        if let problem = ClassState.nameProblem(name.trimmingCharacters(in: .whitespaces)) { throw ValidationError("--name: \(problem)") }
        _ = try hostPort()
    }

    /// `HOST`, `HOST:PORT`, `[V6]:PORT`; the port defaults to `ClassServeCommand.defaultPort`.
    func hostPort() throws -> (String, UInt16) {
        var host = address, port = ClassServeCommand.defaultPort
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            host = String(address[address.index(after: address.startIndex)..<close])
            let rest = address[address.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let p = UInt16(rest.dropFirst()), p > 0 else { throw ValidationError("bad port in '\(address)'") }
                port = p
            }
        } else if address.filter({ $0 == ":" }).count == 1, let colon = address.firstIndex(of: ":") {
            host = String(address[..<colon])
            guard let p = UInt16(address[address.index(after: colon)...]), p > 0 else {
                throw ValidationError("bad port in '\(address)': a number from 1 to 65535")
            }
            port = p
        }
        guard !host.isEmpty else { throw ValidationError("no host in '\(address)'") }
        return (host, port)
    }

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        let (host, port) = try hostPort()
        let student = ClassStudent(host: host, port: port, code: code, name: name, language: lang)
        if !plain {
            let session = StudentSession(student)
            let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            try runExplorer(language: lang) { [code, name] l in
                ExplorerApp(screens: [StudentScreen(address: shown, code: code, name: name, language: l, control: session.control)],
                            language: l)
            }
            if case .refused(let message) = session.exit {
                printError(TerminalSafe.text(message))
                throw ExitCodeError.usage
            }
            return
        }
        let json = self.json
        let write: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        let (lines, sink) = AsyncStream<String>.makeStream()
        let reader = Thread {
            while let line = readLine(strippingNewline: true) { sink.yield(line) }
            sink.finish()
        }
        reader.start()
        let exit = try blockingAwait {
            await student.run(lines: lines) { event in
                for line in StudentOutput.lines(event, json: json, language: lang) { write(line) }
            }
        }
        if case .refused(let message) = exit {
            printError(message)
            throw ExitCodeError.usage
        }
    }
}

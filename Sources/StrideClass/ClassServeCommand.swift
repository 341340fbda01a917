import ArgumentParser
import ClassServer
import CommandLineSupport
import CNN
import Explorer
import Foundation
import Synchronization
import Terminal

/// `stride class serve`: the instructor's screen (or `--headless` JSON lines) over a class
/// server that students join with `stride class join`.
struct ClassServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve a live class quiz from this terminal.")

    /// The port when none is given (students type it; `--port 0` picks a free one).
    static let defaultPort: UInt16 = 7431

    @Option(help: "Address to listen on (0.0.0.0: every interface).") var host = "0.0.0.0"
    @Option(help: "Port to listen on (0: any free port).") var port: Int = Int(ClassServeCommand.defaultPort)
    @Option(help: "Class code (4–12 letters and digits; default: a random one).") var code: String?
    @Option(help: "The class database (default: $XDG_STATE_HOME/stride/class/DATE-CODE.sqlite); an existing one continues its class.") var db: String?
    @Option(help: "Questions from a quiz file (YAML, as `stride quiz --file`), in its order; --count takes the first N.") var file: String?
    @Option(help: "size, chain, params, cell, pool, channels, mixed, concept, choice or truefalse.") var kind: String = "mixed"
    @Option(help: "Number of questions (1…1000).") var count: Int = 10
    @Option(help: "Seed: the same seed gives the same questions (default: a random one).") var seed: UInt64?
    @Flag(help: "No screen: events as JSON lines on stdout, commands (next, lock, reveal, back, end) on stdin.") var headless = false
    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard QuizTopic(rawValue: kind.lowercased()) != nil else {
            throw ValidationError("--kind must be \(QuizTopic.allCases.map(\.rawValue).joined(separator: ", ")), not '\(kind)'")
        }
        guard (1...1000).contains(count) else { throw ValidationError("--count must be from 1 to 1000, not \(count)") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        if let code, let problem = ClassSetup.codeProblem(code) { throw ValidationError(problem) }
    }

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        let events = ClassEventFanout()
        let topic = QuizTopic(rawValue: kind.lowercased()) ?? .mixed
        let chosenCode = code?.uppercased() ?? ClassHub.newCode()
        let path = db ?? ClassSetup.defaultDatabase(code: chosenCode)
        // A quiz file's questions (every problem printed as file:line, then exit 2), in its order.
        var fileQuestions: [QuizQuestion]?
        if let file {
            let (questions, problems) = QuizFile.load(file)
            guard problems.isEmpty else {
                for problem in problems { printError(TerminalSafe.text(problem.description)) }
                throw ExitCodeError.usage
            }
            fileQuestions = Array(questions.prefix(count))
        }
        let opened = try reportingErrors {
            do {
                return try ClassSetup.open(db: path, code: db == nil ? chosenCode : code, questions: { [count, seed, fileQuestions] in
                    fileQuestions ?? QuizGenerator.questions(topic, count: count, seed: seed ?? QuizSettings.shortSeed())
                }, onEvent: events.post)
            } catch { throw UserError("\(error)") }
        }
        let hub = opened.hub
        let server = try reportingErrors {
            do { return try ClassServer(hub: hub, host: host, port: UInt16(port)) } catch { throw UserError("\(error)") }
        }
        try reportingErrors {
            do { try blockingAwait { try await server.start() } } catch { throw UserError("cannot start the server: \(error)") }
        }
        let addresses = ClassAddress.joinAddressesPublic(host: host, port: server.port)
        let state = hub.state
        printError(Localized(en: "class \(state.code) at \(addresses.joined(separator: ", ")); answers in \(path)"
                                 + (opened.resumed ? " (continued)" : ""),
                             ko: "수업 \(state.code): \(addresses.joined(separator: ", ")); 답은 \(path)"
                                 + (opened.resumed ? " (이어서)" : ""))[lang])
        if headless {
            runHeadless(hub: hub, server: server, events: events)
        } else {
            let control = ClassControl(
                snapshots: { send in
                    send(hub.snapshot(addresses: addresses))
                    let id = events.add { _ in send(hub.snapshot(addresses: addresses)) }
                    return { events.remove(id) }
                },
                act: { action in
                    do { try hub.act(action); return nil } catch { return "\(error)" }
                },
                export: { Self.exportCSV(hub) })
            try runExplorer(language: lang) { l in
                ExplorerApp(screens: [InstructorScreen(control: control, snapshot: hub.snapshot(addresses: addresses), language: l)],
                            language: l)
            }
            // Let the last messages (scores) reach the students.
            if hub.state.phase == .ended { Thread.sleep(forTimeInterval: 0.3) }
        }
        server.stop()
    }

    /// Writes the answers as CSV beside the database (atomically); returns what to say.
    static func exportCSV(_ hub: ClassHub) -> String {
        let target = (hub.store.path as NSString).deletingPathExtension + ".csv"
        do {
            let rows = try hub.store.exportRows()
            try writeAtomically(Array(ClassExport.csv(rows).utf8), to: target)
            return "exported \(counted(rows.count, "answer")) to \(target)"
        } catch {
            return "export failed: \(error)"
        }
    }

    /// `--headless`: one JSON object per line for each event; `next`, `lock`, `reveal`,
    /// `back`, `end` on stdin. Returns after `end` (or when stdin closes after the end).
    private func runHeadless(hub: ClassHub, server: ClassServer, events: ClassEventFanout) {
        let write: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        let ready: [String: Any] = ["type": "ready", "host": host, "port": Int(server.port), "code": hub.state.code]
        if let line = try? jsonLine(ready) { write(line) }
        _ = events.add { event in if let line = HeadlessLine.json(event) { write(line) } }
        while let line = readLine(strippingNewline: true) {
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            if word.isEmpty { continue }
            guard let action = ClassAction(rawValue: word) else {
                printError("unknown command '\(word)': next, lock, reveal, back or end")
                continue
            }
            do {
                if try !hub.act(action) { printError("'\(word)' does nothing now (\(hub.state.phase.rawValue), question \(hub.state.current) of \(hub.state.count))") }
            } catch {
                printError("\(error)")
            }
            if action == .end { break }
        }
        if hub.state.phase != .ended {
            // stdin closed: keep serving until stopped (SIGTERM / Ctrl-C).
            while hub.state.phase != .ended { Thread.sleep(forTimeInterval: 0.2) }
        }
        // Let the last messages (scores) reach the students.
        Thread.sleep(forTimeInterval: 0.3)
    }
}

/// Hands each class event to every listener (the headless printer, the screen's subscription).
final class ClassEventFanout: Sendable {
    private let listeners = Mutex<(next: Int, all: [Int: @Sendable (ClassEvent) -> Void])>((0, [:]))

    func add(_ f: @escaping @Sendable (ClassEvent) -> Void) -> Int {
        listeners.withLock { l in l.next += 1; l.all[l.next] = f; return l.next }
    }

    func remove(_ id: Int) { listeners.withLock { _ = $0.all.removeValue(forKey: id) } }

    var post: @Sendable (ClassEvent) -> Void {
        { event in for f in self.listeners.withLock({ Array($0.all.values) }) { f(event) } }
    }
}

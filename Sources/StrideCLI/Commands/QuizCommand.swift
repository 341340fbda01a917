import ArgumentParser
import Explorer
import Foundation
import Terminal

/// `stride quiz`: generated questions with worked feedback, full screen or scripted
/// (`--plain`, `--plain --json`); `stride quiz report FILE...` summarises results files.
struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Drill output sizes, layer chains, parameter counts, cells and pooling.",
        subcommands: [QuizReportCommand.self])

    @Option(help: "size, chain, params, cell, pool or mixed.") var kind: String = "mixed"
    @Option(help: "Number of questions (1…1000).") var count: Int = 10
    @Option(help: "Seed: the same seed gives the same quiz on every machine (default: a random one of 4–6 digits, shown).") var seed: UInt64?
    @Option(help: "Append the finished quiz to this JSON Lines file.") var results: String?
    @Option(help: "Your name in the results file (default: $USER).") var name: String?
    @Flag(help: "Plain text: one answer per line on stdin.") var plain = false
    @Flag(help: "With --plain: one JSON object per line.") var json = false
    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard QuizTopic(rawValue: kind.lowercased()) != nil else {
            throw ValidationError("--kind must be size, chain, params, cell, pool or mixed, not '\(kind)'")
        }
        guard (1...1000).contains(count) else { throw ValidationError("--count must be from 1 to 1000, not \(count)") }
        if json && !plain { throw ValidationError("--json needs --plain") }
    }

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        let topic = QuizTopic(rawValue: kind.lowercased())!
        let seed = self.seed ?? QuizSettings.shortSeed()
        let session = try reportingErrors {
            do { return try QuizSession(questions: QuizGenerator.questions(topic, count: count, seed: seed)) }
            catch { throw UserError("\(error)") }
        }
        let student = name ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        let save: @Sendable (QuizSession) -> String? = { [results] finished in
            guard let results else { return nil }
            do {
                try QuizRecord(session: finished, seed: seed, kind: topic, name: student).append(to: results)
                return nil
            } catch { return "\(error)" }
        }
        if plain {
            try runPlain(session, seed: seed, topic: topic, language: lang, save: save)
        } else {
            let wiring = try AppRegistry.located()
            try runExplorer(language: lang) { l in
                ExplorerApp(screens: [wiring.home(language: l),
                                      QuizScreen(session: session, language: l, seed: seed, onFinish: save)], language: l)
            }
        }
    }

    private func runPlain(_ session: QuizSession, seed: UInt64, topic: QuizTopic, language: Language,
                          save: (QuizSession) -> String?) throws {
        // Unbuffered, line by line: a script waits for each question before answering.
        let write: (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        var session = session
        if !json {
            write(Localized(en: "Quiz: \(session.questions.count) questions (\(topic.rawValue)), seed \(seed)",
                            ko: "퀴즈: \(session.questions.count)문제 (\(topic.title[.ko])), 시드 \(seed)")[language])
            write("")
        }
        runPlainQuiz(&session, json: json, language: language, readLine: { Swift.readLine(strippingNewline: true) },
                     write: write)
        if let problem = save(session) {
            printError(problem)
            throw ExitCodeError.usage
        }
    }
}


/// `stride quiz report FILE...`: per-run scores, the most missed questions, a score histogram.
struct QuizReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Summarise quiz results files (written with --results).")

    @Argument(help: "JSON Lines results files.") var files: [String]
    @Option(help: "How many of the most missed questions to list.") var top: Int = 10

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one results file") }
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0") }
    }

    /// Reads every file (one that cannot be read is an error, exit 2); a line that is not a
    /// sound record is skipped with a warning naming `file:line` and the report covers the rest.
    func run() throws {
        var records: [QuizRecord] = []
        for file in files {
            let read = try reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw UserError("\(file): cannot read the file")
                }
                return QuizRecord.read(String(decoding: data, as: UTF8.self), file: file)
            }
            for problem in read.skipped { printError("warning: \(problem)") }
            records += read.records
        }
        QuizReport(records: records).lines(top: top).forEach { print(TerminalSafe.text($0, .multiline)) }
    }
}

import CommandLineSupport
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

    @Option(help: "size, chain, params, cell, pool, channels, mixed (the first five, size to pool), concept (the bundled choice and true/false questions), choice or truefalse.") var kind: String = "mixed"
    @Option(help: "Number of questions (1…1000; default 10, or every question of --file).") var count: Int?
    @Option(help: "Ask the questions of this YAML quiz file, in order (see README: Quiz files).") var file: String?
    @Flag(help: "With --file: ask the questions in an order drawn from --seed.") var shuffle = false
    @Option(help: "Seed: the same seed gives the same quiz on every machine (default: a random one of 4–6 digits, shown).") var seed: UInt64?
    @Option(help: "Append the finished quiz to this JSON Lines file.") var results: String?
    @Option(help: "Your name in the results file (default: $USER).") var name: String?
    @Option(help: "End the quiz after this many seconds (1…86400); unanswered questions count as wrong.") var timeLimit: Int?
    @Flag(help: "Review: questions of the kinds you missed most and that are due (Leitner boxes over your answer history).") var review = false
    @Flag(help: "Plain text: one answer per line on stdin.") var plain = false
    @Flag(help: "With --plain: one JSON object per line.") var json = false
    @OptionGroup var language: LanguageOption
    @OptionGroup var recording: RecordOption

    func validate() throws {
        guard QuizTopic(rawValue: kind.lowercased()) != nil else {
            throw ValidationError("--kind must be \(QuizTopic.allCases.map(\.rawValue).joined(separator: ", ")), not '\(kind)'")
        }
        if let count, !(1...1000).contains(count) { throw ValidationError("--count must be from 1 to 1000, not \(count)") }
        if let timeLimit, !(1...QuizRecord.maxTimeLimit).contains(timeLimit) {
            throw ValidationError("--time-limit must be from 1 to \(QuizRecord.maxTimeLimit) seconds, not \(timeLimit)")
        }
        if review && file != nil { throw ValidationError("--review draws from your history; it cannot take --file") }
        if json && !plain { throw ValidationError("--json needs --plain") }
        if shuffle && file == nil { throw ValidationError("--shuffle needs --file") }
    }

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        try reportingErrors { try recording.check(headless: plain ? "--plain" : nil) }
        let topic = QuizTopic(rawValue: kind.lowercased()) ?? .mixed
        let seed = self.seed ?? QuizSettings.shortSeed()
        let historyPath = QuizHistory.defaultPath()
        let questions: [QuizQuestion]
        if review {
            let (entries, warnings) = QuizHistory.read(historyPath)
            for warning in warnings { printError("warning: \(warning)") }
            let plan = QuizReview(history: entries)
            let now = Date()
            questions = plan.questions(count: count ?? 10, at: now, seed: seed)
            let due = Data((TerminalSafe.text(plan.dueLine(at: now, lang)) + "\n").utf8)
            guard !questions.isEmpty else { FileHandle.standardOutput.write(due); return }
            if !json { FileHandle.standardOutput.write(due) }
        } else if let file {
            questions = try fileQuestions(file, seed: seed)
        } else {
            questions = QuizGenerator.questions(topic, count: count ?? 10, seed: seed)
        }
        let session = try reportingErrors {
            do { return try QuizSession(questions: questions) }
            catch { throw UserError("\(error)") }
        }
        let student = name ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        let recordKind = review ? QuizTopic.mixed : topic
        let saveRun: @Sendable (QuizSession, UInt64, QuizTopic) -> String? = { [results, timeLimit] finished, seed, kind in
            guard let results else { return nil }
            do {
                var record = QuizRecord(session: finished, seed: seed, kind: kind, name: student, timeLimit: timeLimit)
                record.file = file
                try record.append(to: results)
                return nil
            } catch { return "\(error)" }
        }
        let save: @Sendable (QuizSession) -> String? = { saveRun($0, seed, recordKind) }
        let logAnswer = QuizReviewLauncher.logger(historyPath)
        if plain {
            try runPlain(session, seed: seed, topic: recordKind, language: lang, save: save, logAnswer: logAnswer)
        } else {
            let wiring = try AppRegistry.located()
            let (results, timeLimit, count) = (self.results, self.timeLimit, self.count)
            try runExplorer(language: lang, record: recording) { l in
                var quiz = QuizScreen(session: session, language: l, seed: file == nil || shuffle ? seed : nil, onFinish: save,
                                      timeLimit: timeLimit)
                quiz.onAnswer = logAnswer
                quiz.resultsPath = results
                // A new quiz of the same kind (a file's questions are asked once: no new one).
                if file == nil {
                    quiz.makeNext = Self.nextQuiz(topic: topic, count: count ?? 10, language: l, timeLimit: timeLimit,
                                                  results: results, saveRun: saveRun, logAnswer: logAnswer)
                }
                return ExplorerApp(screens: [wiring.home(language: l), quiz], language: l)
            }
        }
    }

    /// The questions of `--file` (shuffled with the seed under `--shuffle`, the first `--count`);
    /// every problem of the file is printed as `file:line: message`, then exit 2.
    private func fileQuestions(_ path: String, seed: UInt64) throws -> [QuizQuestion] {
        let (questions, problems) = QuizFile.load(path)
        guard problems.isEmpty else {
            for problem in problems { printError(TerminalSafe.text(problem.description)) }
            throw ExitCodeError.usage
        }
        var generator = QuizGenerator(seed: seed)
        let ordered = shuffle ? generator.shuffled(questions) : questions
        return Array(ordered.prefix(count ?? ordered.count))
    }

    /// The end screen's "new quiz": the same kind, count, limit and files, a new seed.
    static func nextQuiz(topic: QuizTopic, count: Int, language: Language, timeLimit: Int?, results: String?,
                         saveRun: @escaping @Sendable (QuizSession, UInt64, QuizTopic) -> String?,
                         logAnswer: @escaping @Sendable (QuizResult) -> String?) -> @Sendable () -> QuizScreen? {
        {
            let seed = QuizSettings.shortSeed()
            guard let session = try? QuizSession(questions: QuizGenerator.questions(topic, count: count, seed: seed)) else { return nil }
            var quiz = QuizScreen(session: session, language: language, seed: seed,
                                  onFinish: { saveRun($0, seed, topic) }, timeLimit: timeLimit)
            quiz.onAnswer = logAnswer
            quiz.resultsPath = results
            quiz.makeNext = nextQuiz(topic: topic, count: count, language: language, timeLimit: timeLimit,
                                     results: results, saveRun: saveRun, logAnswer: logAnswer)
            return quiz
        }
    }

    private func runPlain(_ session: QuizSession, seed: UInt64, topic: QuizTopic, language: Language,
                          save: (QuizSession) -> String?, logAnswer: (QuizResult) -> String?) throws {
        // Unbuffered, line by line: a script waits for each question before answering.
        let write: (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        var session = session
        if !json {
            let source = file.map { TerminalSafe.text($0) + (shuffle ? ", shuffled" : "") } ?? topic.rawValue
            let sourceKo = file.map { TerminalSafe.text($0) + (shuffle ? ", 섞음" : "") } ?? topic.title[.ko]
            write(Localized(en: "Quiz: \(counted(session.questions.count, "question")) (\(source)), seed \(seed)",
                            ko: "퀴즈: \(session.questions.count)문제 (\(sourceKo)), 시드 \(seed)")[language]
                  + (timeLimit.map { Localized(en: ", \(counted($0, "second")) to answer", ko: ", 제한 시간 \($0)초")[language] } ?? ""))
            write("")
        }
        let reader = timeLimit.map { DeadlineLineReader(seconds: $0) }
        var historyProblem: String?
        runPlainQuiz(&session, json: json, language: language,
                     readLine: { reader.map { $0.readLine() } ?? Swift.readLine(strippingNewline: true) },
                     write: write,
                     onResult: { result in if historyProblem == nil { historyProblem = logAnswer(result) } },
                     timedOut: { reader?.timedOut ?? false })
        if let historyProblem { printError("warning: \(historyProblem)") }
        if let problem = save(session) {
            printError(problem)
            throw ExitCodeError.usage
        }
    }
}


/// `stride quiz report FILE...`: per-run scores, the most missed questions, the most common
/// diagnoses, a score histogram; with `--csv`, one spreadsheet row per answer instead.
struct QuizReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Summarise quiz results files (written with --results).")

    @Argument(help: "JSON Lines results files.") var files: [String]
    @Option(help: "How many of the most missed questions to list.") var top: Int = 10
    @Flag(help: "Print CSV (RFC 4180): one row per answer with time, name, seed, index, kind, question, answer, expected, correct, diagnosis.") var csv = false

    /// Largest results file read (a class's whole term is a few MB).
    static let maxFileBytes = 256 << 20

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one results file") }
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0") }
    }

    /// Reads every file (one that cannot be read or is over `maxFileBytes` is an error, exit 2);
    /// a line that is not a sound record is skipped with a warning naming `file:line` and the
    /// report covers the rest.
    func run() throws {
        var lines: [QuizRecordLine] = []
        for file in files {
            let read = try reportingErrors {
                var info = stat()
                guard stat(file, &info) == 0 else { throw UserError("\(file): cannot read the file: \(String(cString: strerror(errno)))") }
                guard Int(info.st_size) <= Self.maxFileBytes else {
                    throw UserError("\(file): \(info.st_size) bytes is more than a results file may be (\(Self.maxFileBytes >> 20) MB)")
                }
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw UserError("\(file): cannot read the file")
                }
                return QuizRecord.readLines(String(decoding: data, as: UTF8.self), file: file)
            }
            for problem in read.skipped { printError("warning: \(problem)") }
            lines += read.lines
        }
        let report = QuizReport(lines: lines)
        if csv {
            FileHandle.standardOutput.write(Data(QuizCSV.text(report).utf8))
        } else {
            report.lines(top: top).forEach { print(TerminalSafe.text($0, .multiline)) }
        }
    }
}

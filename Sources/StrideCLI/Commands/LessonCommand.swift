import CommandLineSupport
import ArgumentParser
import Explorer
import Foundation
import Terminal

/// `stride lesson [ID]`: opens a lesson (the first unfinished one without an id).
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson", abstract: "Open a lesson (the first unfinished one when no id is given).")

    @Argument(help: "The lesson id (see `stride lessons list`).") var id: String?
    @Option(help: "Start at this step (1-based).") var step: Int?
    @Option(help: "A folder of lessons (with en/ and ko/) instead of the shipped ones.") var lessons: String?
    @Flag(help: "Presenter mode: larger layout, no footer, auto-play with F7.") var present = false
    @OptionGroup var language: LanguageOption
    @OptionGroup var recording: RecordOption

    func run() throws {
        let lang = try reportingErrors { try language.language() }
        let wiring = try AppRegistry.located(lessons: lessons)
        guard let catalog = wiring.catalog, !catalog.library.lessons(in: lang).isEmpty else {
            printError(wiring.lessonProblems.first?.description ?? "no lessons found")
            throw ExitCodeError.usage
        }
        let lessonID = id ?? catalog.firstUnfinished(language: lang)!
        guard let lesson = catalog.library.lesson(lessonID, language: lang) else {
            printError("no lesson '\(lessonID)'; lessons: \(catalog.library.lessons(in: lang).map(\.id).joined(separator: ", "))")
            throw ExitCodeError.usage
        }
        if let step, !(1...lesson.steps.count).contains(step) {
            printError("--step must be 1 to \(lesson.steps.count) for '\(lessonID)', not \(step)")
            throw ExitCodeError.usage
        }
        try runExplorer(language: lang, record: recording) { l in
            var app = ExplorerApp(screens: [wiring.home(language: l),
                                            catalog.screen(lessonID, language: l, step: step.map { $0 - 1 }, presenting: present)],
                                  language: l)
            app.notice = wiring.notice
            return app
        }
    }
}

/// `stride lessons list|check`.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "List or check lessons.", subcommands: [List.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One lesson per line: id and title.")
        @Option(help: "A folder of lessons instead of the shipped ones.") var lessons: String?
        @OptionGroup var language: LanguageOption

        func run() throws {
            let lang = try reportingErrors { try language.language() }
            let source = try reportingErrors { try LessonLocation.resolve(option: lessons) }
            let (library, problems) = source.load()
            for problem in problems { printError(problem.description) }
            let list = library.lessons(in: lang)
            let ids = list.map { TerminalSafe.text($0.id) }
            let width = ids.map(\.count).max() ?? 0
            for (id, lesson) in zip(ids, list) {
                print(id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + TerminalSafe.text(lesson.title))
            }
            if list.isEmpty { throw ExitCodeError.usage }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a folder of lessons: every error as file:line: message, exit 1 if any.")
        @Argument(help: "The folder (with en/ and ko/); default: the shipped lessons.") var directory: String?
        @Option(name: .customLong("quiz"), help: "A quiz file (stride quiz --file) to check too; repeatable. The folder's quizzes/*.yaml are checked as well.")
        var quizzes: [String] = []

        func run() throws {
            let source = try reportingErrors { try LessonLocation.resolve(option: directory) }
            var problems = source.check(blocks: .standard)
            let files = quizzes + Self.quizFiles(in: source)
            for file in files {
                problems += QuizFile.load(file).problems.map { LessonError(file: $0.file ?? file, line: $0.line, message: $0.message) }
            }
            for problem in problems { print(TerminalSafe.text(problem.description)) }
            if problems.isEmpty {
                let (library, _) = source.load()
                let quizNote = files.isEmpty ? "" : " and \(files.count) quiz file\(files.count == 1 ? "" : "s")"
                print("\(TerminalSafe.text(source.name)): \(library.lessons(in: .en).count) English and \(library.lessons(in: .ko).count) Korean lessons\(quizNote), no problems")
            } else {
                print("\(problems.count) problem\(problems.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
        }

        /// `quizzes/*.yaml` of a lessons folder, sorted (none for the built-in lessons).
        static func quizFiles(in source: LessonSource) -> [String] {
            guard case .folder(let path) = source else { return [] }
            let folder = URL(fileURLWithPath: path).appendingPathComponent("quizzes")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder.appendingPathComponent($0).path }
        }
    }
}

import Foundation

/// Every lesson of a folder: `<dir>/en/*.md` and `<dir>/ko/*.md`, sorted by `order`.
public struct LessonLibrary: Sendable {
    public let directory: String
    public let lessons: [Language: [Lesson]]

    /// Reads every lesson; throws the first file's problem. Use `check` to collect them all.
    public init(directory: String) throws(LessonError) {
        let (lessons, problems) = Self.read(directory)
        if let first = problems.first { throw first }
        self.directory = directory
        self.lessons = lessons
    }

    init(directory: String, lessons: [Language: [Lesson]]) {
        self.directory = directory
        self.lessons = lessons
    }

    /// The lessons that load, and the problems of the files that do not (the app shows the
    /// rest and says what is wrong).
    public static func lenient(_ directory: String) -> (LessonLibrary, [LessonError]) {
        let (lessons, problems) = read(directory)
        return (LessonLibrary(directory: directory, lessons: lessons), problems)
    }

    public func lessons(in language: Language) -> [Lesson] { lessons[language] ?? [] }

    public func lesson(_ id: String, language: Language) -> Lesson? { lessons(in: language).first { $0.id == id } }

    /// Parses every file, collecting problems instead of stopping at the first.
    static func read(_ directory: String) -> ([Language: [Lesson]], [LessonError]) {
        var lessons: [Language: [Lesson]] = [:]
        var problems: [LessonError] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([:], [LessonError(file: directory, line: nil, message: "no such folder of lessons")])
        }
        for language in Language.allCases {
            let folder = (directory as NSString).appendingPathComponent(language.rawValue)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
            var list: [Lesson] = []
            for name in names {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    problems.append(LessonError(file: path, line: nil, message: "cannot read the file as UTF-8 text"))
                    continue
                }
                do { list.append(try LessonParser.parse(text, file: path, language: language)) } catch { problems.append(error) }
            }
            lessons[language] = list.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        }
        if lessons.values.allSatisfy(\.isEmpty) && problems.isEmpty {
            problems.append(LessonError(file: directory, line: nil, message: "no lessons: expected files such as en/01-intro.md and ko/01-intro.md"))
        }
        return (lessons, problems)
    }

    /// Every problem of a folder: unreadable files, bad blocks (each built as the app would
    /// build it, with `blocks`), duplicate ids, and lessons whose languages differ in ids,
    /// steps or block kinds.
    public static func check(_ directory: String, blocks: LessonBlockFactory) -> [LessonError] {
        var (lessons, problems) = read(directory)
        for language in Language.allCases {
            var seen: [String: String] = [:]
            for lesson in lessons[language] ?? [] {
                if let other = seen[lesson.id] {
                    problems.append(LessonError(file: lesson.file, line: 2, message: "id '\(lesson.id)' is also used by \(other)"))
                }
                seen[lesson.id] = lesson.file
                for step in lesson.steps {
                    if let block = step.block {
                        do { _ = try blocks.make(block, lesson: lesson, language: language) } catch { problems.append(error) }
                    }
                }
                if lesson.steps.last?.block?.kind != .quiz {
                    problems.append(LessonError(file: lesson.file, line: lesson.steps.last?.line,
                                                message: "the last step should be a quiz step (a ```quiz block) so the lesson ends with a question"))
                }
            }
        }
        let en = lessons[.en] ?? [], ko = lessons[.ko] ?? []
        for lesson in en where !ko.contains(where: { $0.id == lesson.id }) {
            problems.append(LessonError(file: lesson.file, line: 2, message: "lesson '\(lesson.id)' has no Korean version in ko/"))
        }
        for lesson in ko where !en.contains(where: { $0.id == lesson.id }) {
            problems.append(LessonError(file: lesson.file, line: 2, message: "lesson '\(lesson.id)' has no English version in en/"))
        }
        for a in en {
            guard let b = ko.first(where: { $0.id == a.id }) else { continue }
            if a.steps.count != b.steps.count {
                problems.append(LessonError(file: b.file, line: nil,
                                            message: "\(b.steps.count) steps, but \(a.file) has \(a.steps.count): both languages must have the same steps"))
                continue
            }
            for (sa, sb) in zip(a.steps, b.steps) where sa.block?.kind != sb.block?.kind {
                problems.append(LessonError(file: b.file, line: sb.line,
                                            message: "step '\(sb.title)' has \(sb.block?.kind.rawValue ?? "no") block, but \(a.file):\(sa.line) has \(sa.block?.kind.rawValue ?? "none")"))
            }
            if a.order != b.order {
                problems.append(LessonError(file: b.file, line: 4, message: "order \(b.order) differs from \(a.file)'s \(a.order)"))
            }
        }
        return problems
    }

    /// Where the shipped lessons are: `$STRIDE_LESSONS`, else a `lessons` folder (with `en/`)
    /// next to the executable or above it (a source checkout), else `./lessons`.
    public static func defaultDirectory(executable: String = CommandLine.arguments.first ?? "") -> String {
        if let env = ProcessInfo.processInfo.environment["STRIDE_LESSONS"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("lessons")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("en").path) { return candidate.path }
            url.deleteLastPathComponent()
        }
        return "lessons"
    }
}

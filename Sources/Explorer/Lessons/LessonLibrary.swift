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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([:], [LessonError(file: directory, line: nil, message: "no such folder of lessons")])
        }
        return parse(files(in: directory), name: directory)
    }

    /// The `.md` files of `<directory>/en` and `<directory>/ko`, sorted by name.
    static func files(in directory: String) -> [LessonFile] {
        var files: [LessonFile] = []
        for language in Language.allCases {
            let folder = (directory as NSString).appendingPathComponent(language.rawValue)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
            for name in names {
                let path = (folder as NSString).appendingPathComponent(name)
                let text = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
                files.append(LessonFile(language: language, path: path, text: text))
            }
        }
        return files
    }

    /// Parses lesson files already in memory (the lessons built into the binary); `name`
    /// stands for the folder in messages.
    static func parse(_ files: [LessonFile], name: String) -> ([Language: [Lesson]], [LessonError]) {
        var lessons: [Language: [Lesson]] = [:]
        var problems: [LessonError] = []
        for language in Language.allCases {
            var list: [Lesson] = []
            for file in files where file.language == language {
                guard let text = file.text else {
                    problems.append(LessonError(file: file.path, line: nil, message: "cannot read the file as UTF-8 text"))
                    continue
                }
                do { list.append(try LessonParser.parse(text, file: file.path, language: language)) } catch { problems.append(error) }
            }
            lessons[language] = list.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        }
        if lessons.values.allSatisfy(\.isEmpty) && problems.isEmpty {
            problems.append(LessonError(file: name, line: nil, message: "no lessons: expected files such as en/01-intro.md and ko/01-intro.md"))
        }
        return (lessons, problems)
    }

    /// The lessons of in-memory files (e.g. built into the binary), lenient like `lenient(_:)`.
    public static func lenient(files: [LessonFile], name: String) -> (LessonLibrary, [LessonError]) {
        let (lessons, problems) = parse(files, name: name)
        return (LessonLibrary(directory: name, lessons: lessons), problems)
    }

    /// Every problem of a folder: unreadable files, bad blocks (each built as the app would
    /// build it, with `blocks`), duplicate ids, and lessons whose languages differ in ids,
    /// steps or block kinds.
    /// With a `glossary.yaml` in the folder, every Korean lesson is also checked against it
    /// (see `Glossary.problems(inKorean:file:)`).
    public static func check(_ directory: String, blocks: LessonBlockFactory) -> [LessonError] {
        let parsed = read(directory)
        guard parsed.1.first?.message != "no such folder of lessons" else { return parsed.1 }
        let path = (directory as NSString).appendingPathComponent(glossaryName)
        guard FileManager.default.fileExists(atPath: path) else { return check(parsed, blocks: blocks) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= Glossary.maxBytes else {
            return check(parsed, blocks: blocks)
                + [LessonError(file: path, line: nil, message: "the glossary is \(size) bytes; the limit is \(Glossary.maxBytes)")]
        }
        let text = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
        return check(parsed, blocks: blocks)
            + glossaryProblems(files: files(in: directory), glossary: LessonFile(language: .ko, path: path, text: text))
    }

    /// `check(_:blocks:)` for in-memory files (the lessons built into the binary), with the
    /// glossary's path and text when there is one.
    public static func check(files: [LessonFile], name: String, blocks: LessonBlockFactory,
                             glossary: LessonFile? = nil) -> [LessonError] {
        check(parse(files, name: name), blocks: blocks) + glossaryProblems(files: files, glossary: glossary)
    }

    /// The glossary's file name in a lessons folder.
    public static let glossaryName = "glossary.yaml"

    /// The glossary's own problems, or else every avoided variant the Korean files use.
    static func glossaryProblems(files: [LessonFile], glossary file: LessonFile?) -> [LessonError] {
        guard let file else { return [] }
        guard let text = file.text else { return [LessonError(file: file.path, line: nil, message: "cannot read the file as UTF-8 text")] }
        let glossary: Glossary
        do { glossary = try Glossary.parse(text, file: file.path) } catch { return [error] }
        return files.filter { $0.language == .ko }.flatMap { lesson in
            lesson.text.map { glossary.problems(inKorean: $0, file: lesson.path) } ?? []
        }
    }

    static func check(_ parsed: ([Language: [Lesson]], [LessonError]), blocks: LessonBlockFactory) -> [LessonError] {
        var (lessons, problems) = parsed
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
                if !(2...4).contains(lesson.objectives.count) {
                    problems.append(LessonError(file: lesson.file, line: 2,
                                                message: "\(lesson.objectives.count) objectives: give 2 to 4 learning objectives (front matter 'objectives:', a list)"))
                }
                let checks = lesson.steps.filter { $0.block?.kind == .quiz }.count
                if checks < 2 {
                    problems.append(LessonError(file: lesson.file, line: 2,
                                                message: "\(checks) check step\(checks == 1 ? "" : "s"): a lesson needs at least 2 (one of them with new numbers)"))
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
                                            message: "\(counted(b.steps.count, "step")), but \(a.file) has \(a.steps.count): both languages must have the same steps"))
                continue
            }
            for (sa, sb) in zip(a.steps, b.steps) where sa.block?.kind != sb.block?.kind {
                problems.append(LessonError(file: b.file, line: sb.line,
                                            message: "step '\(sb.title)' has \(sb.block?.kind.rawValue ?? "no") block, but \(a.file):\(sa.line) has \(sa.block?.kind.rawValue ?? "none")"))
            }
            if a.objectives.count != b.objectives.count {
                problems.append(LessonError(file: b.file, line: 2,
                                            message: "\(b.objectives.count) objectives, but \(a.file) has \(a.objectives.count): both languages must have the same objectives"))
            }
            if a.order != b.order {
                problems.append(LessonError(file: b.file, line: 4, message: "order \(b.order) differs from \(a.file)'s \(a.order)"))
            }
        }
        return problems
    }
}

/// One lesson file: its language, its path (for messages) and its text (nil when not UTF-8).
public struct LessonFile: Sendable, Equatable {
    public let language: Language
    public let path: String
    public let text: String?

    public init(language: Language, path: String, text: String?) {
        self.language = language
        self.path = path
        self.text = text
    }
}

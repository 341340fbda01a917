import CommandLineSupport
import Explorer
import Foundation

/// Where the lessons come from: a folder on disk, or the copy built into the binary.
enum LessonSource: Equatable {
    case folder(String)
    case builtIn

    /// How messages name it.
    static let builtInName = "(built-in lessons)"

    var name: String {
        switch self {
        case .folder(let path): path
        case .builtIn: Self.builtInName
        }
    }

    /// The lessons that load and the problems of those that do not.
    func load() -> (LessonLibrary, [LessonError]) {
        switch self {
        case .folder(let path): LessonLibrary.lenient(path)
        case .builtIn: LessonLibrary.lenient(files: Self.builtInFiles, name: Self.builtInName)
        }
    }

    /// Every problem of the lessons (`stride lessons check`).
    func check(blocks: LessonBlockFactory) -> [LessonError] {
        switch self {
        case .folder(let path): LessonLibrary.check(path, blocks: blocks)
        case .builtIn: LessonLibrary.check(files: Self.builtInFiles, name: Self.builtInName, blocks: blocks, glossary: Self.builtInGlossary)
        }
    }

    /// `lessons/glossary.yaml` as it was when this binary was built, if there was one.
    static let builtInGlossary: LessonFile? = embeddedLessonFiles.first { $0.path == LessonLibrary.glossaryName }.map { entry in
        LessonFile(language: .ko, path: builtInName + "/" + entry.path,
                   text: Data(base64Encoded: entry.base64).flatMap { String(data: $0, encoding: .utf8) })
    }

    /// The files of `lessons/` as they were when this binary was built (see `LessonEmbedder`).
    static let builtInFiles: [LessonFile] = embeddedLessonFiles.compactMap { entry in
        guard let slash = entry.path.firstIndex(of: "/"), let language = Language(rawValue: String(entry.path[..<slash])) else {
            return nil
        }
        let text = Data(base64Encoded: entry.base64).flatMap { String(data: $0, encoding: .utf8) }
        return LessonFile(language: language, path: builtInName + "/" + entry.path, text: text)
    }
}

/// Finds the lessons.
enum LessonLocation {
    /// In order: `--lessons DIR`, `$STRIDE_LESSONS` (either must be a folder, else a
    /// `UserError`); a `lessons` folder (with `en/`) beside the executable's real path or up to
    /// five folders above it (a source checkout: edits show without a rebuild);
    /// `../share/stride/lessons` from the executable's folder (`make install PREFIX=…`);
    /// else the lessons built into the binary, so a copied binary still has them.
    static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                        executable: String = executablePath()) throws(UserError) -> LessonSource {
        if let option { return try existingFolder(option, from: "--lessons") }
        if let env = environment["STRIDE_LESSONS"], !env.isEmpty { return try existingFolder(env, from: "STRIDE_LESSONS") }
        let folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates: [URL] = []
        var url = folder
        for _ in 0..<6 {
            candidates.append(url.appendingPathComponent("lessons"))
            url.deleteLastPathComponent()
        }
        candidates.insert(folder.deletingLastPathComponent().appendingPathComponent("share/stride/lessons"), at: 1)
        for candidate in candidates where isFolder(candidate.appendingPathComponent("en").path) {
            return .folder(candidate.path)
        }
        return .builtIn
    }

    /// The running executable's real path: `/proc/self/exe`, else `argv[0]`.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }

    private static func existingFolder(_ path: String, from source: String) throws(UserError) -> LessonSource {
        guard isFolder(path) else { throw UserError("\(source): no such folder of lessons: \(path)") }
        return .folder(path)
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

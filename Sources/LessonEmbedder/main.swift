import Foundation

/// `lesson-embedder LESSONS OUTPUT`: writes a Swift source holding every `LESSONS/<lang>/*.md`
/// and `LESSONS/glossary.yaml`
/// as base64 (one string literal each: fast to compile, no escaping), so the `stride` binary
/// carries its lessons wherever it is copied. Run by the EmbedLessons build plugin.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: lesson-embedder LESSONS_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1])
var entries: [String] = []
for language in ["en", "ko"] {
    let folder = root.appendingPathComponent(language)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    for name in names {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            FileHandle.standardError.write(Data("lesson-embedder: cannot read \(folder.path)/\(name)\n".utf8))
            exit(1)
        }
        entries.append("        (\"\(language)/\(name)\", \"\(data.base64EncodedString())\"),")
    }
}
// The glossary (`stride lessons check` reads it) travels with the lessons.
if let data = FileManager.default.contents(atPath: root.appendingPathComponent("glossary.yaml").path) {
    entries.append("        (\"glossary.yaml\", \"\(data.base64EncodedString())\"),")
}
let source = """
    // Generated at build time by the EmbedLessons plugin from lessons/: do not edit.

    /// The shipped lessons, built into the binary: (path below the lessons folder, base64 of the file).
    let embeddedLessonFiles: [(path: String, base64: String)] = [
    \(entries.joined(separator: "\n"))
    ]

    """
do {
    let output = URL(fileURLWithPath: arguments[2])
    // Unchanged output keeps its timestamp, so nothing recompiles.
    if FileManager.default.contents(atPath: output.path) != Data(source.utf8) {
        try Data(source.utf8).write(to: output, options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("lesson-embedder: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}

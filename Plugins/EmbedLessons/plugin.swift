import Foundation
import PackagePlugin

/// Builds `lessons/en/*.md`, `lessons/ko/*.md` and `lessons/glossary.yaml` into the target as `embeddedLessonFiles`
/// (see `LessonEmbedder`), re-run whenever a lesson file changes.
@main
struct EmbedLessons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let lessons = context.package.directoryURL.appendingPathComponent("lessons")
        var inputs: [URL] = []
        for language in ["en", "ko"] {
            let folder = lessons.appendingPathComponent(language)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            inputs += names.filter { $0.hasSuffix(".md") }.sorted().map { folder.appendingPathComponent($0) }
        }
        let glossary = lessons.appendingPathComponent("glossary.yaml")
        if FileManager.default.fileExists(atPath: glossary.path) { inputs.append(glossary) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedLessons.swift")
        return [.buildCommand(displayName: "Embedding \(inputs.count) lesson files",
                              executable: try context.tool(named: "LessonEmbedder").url,
                              arguments: [lessons.path, output.path],
                              inputFiles: inputs, outputFiles: [output])]
    }
}

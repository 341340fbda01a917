import TestSupport
import Foundation
@testable import Explorer
import Terminal
import Testing

/// Every registered scene is everywhere a scene belongs: the home screen, `stride show`
/// (by id, with its declared settings), a lesson's `scene` block, and the shared scene
/// property tests (`AllScenesTests`, `FocusTests`), which iterate the registry. A scene
/// added as a folder plus one registry line (docs/examples/add-a-scene.patch) is covered.
@Suite("Registry")
struct RegistryTests {
    @Test func everySceneIsOnTheHomeScreen() {
        for language in Language.allCases {
            let home = HomeScreen(registry: AppRegistry(lessonsDirectory: "/nonexistent", progress: false).registry(language: language),
                                  language: language)
            var buffer = Buffer(width: 100, height: 60)
            home.render(into: &buffer, area: buffer.area)
            let text = buffer.lines.joined(separator: "\n")
            for entry in ScreenRegistry.builtIn.entries(in: .scene) {
                #expect(text.contains(entry.title[language]), "\(entry.id) is missing from the home screen (\(language))")
            }
            #expect(text.contains(DrawLauncher.entry.title[language]), "draw is on the home screen")
        }
    }

    @Test func everySceneEmbedsInALessonSceneBlock() throws {
        for entry in ScreenRegistry.builtIn.entries(in: .scene) {
            let block = LessonBlock(kind: .scene, yaml: "scene: \(entry.id)\n", line: 10)
            let lesson = Lesson(id: "x", title: "X", order: 1, summary: "", language: .en, file: "x.md", steps: [
                LessonStep(title: "S", paragraphs: ["p"], block: block, line: 8),
            ])
            let screen = try LessonBlockFactory.standard.make(block, lesson: lesson, language: .en)
            let direct = try entry.make(.defaults, .en)
            #expect(type(of: screen) == type(of: direct) && screen.title == direct.title, "\(entry.id) in a lesson block")
        }
    }

    @Test func everySceneOpensFromItsDeclaredSettings() throws {
        for entry in ScreenRegistry.builtIn.entries(in: .scene) {
            // Each declared key is accepted as a flag (at its documented default where one is a number).
            #expect(!entry.settings.isEmpty, "\(entry.id) declares its settings")
            _ = try entry.make(.defaults, .en)
            _ = try entry.make(.flags([:]), .ko)
        }
    }
}

/// docs/examples/add-a-scene.patch: a new scene is one new folder plus one line in one
/// existing file, and the patch still applies to this tree (`make test` also applies it,
/// builds and runs the scene checks with it: scripts/check-example-patch.sh).
@Suite("Example patch")
struct ExamplePatchTests {
    static let root = Repository.root
    static let patch = root.appendingPathComponent("docs/examples/add-a-scene.patch").path

    @Test func touchesOneExistingFileByOneLine() throws {
        let text = try String(contentsOfFile: Self.patch, encoding: .utf8)
        let files = text.split(separator: "\n").filter { $0.hasPrefix("diff --git ") }.map { String($0.split(separator: " ")[2].dropFirst(2)) }
        let sections = text.components(separatedBy: "diff --git ").dropFirst()
        let existing = sections.filter { !$0.contains("new file mode") }
        #expect(existing.count == 1, "one existing file is touched: \(files)")
        if let section = existing.first {
            let added = section.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
            let removed = section.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
            #expect(added.count == 1 && removed.isEmpty, "by one added line")
        }
        let newFolders = Set(sections.filter { $0.contains("new file mode") }.map { section in
            String(section.prefix { $0 != " " }.dropFirst(2)).split(separator: "/").dropLast().joined(separator: "/")
        })
        #expect(newFolders.count == 1, "the new files are in one folder: \(newFolders)")
    }

    @Test func appliesToThisTree() throws {
        guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(".git").path),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else {
            print("skipped: not a git checkout"); return
        }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", Self.root.path, "apply", "--check", Self.patch]
        let errors = Pipe()
        git.standardError = errors
        try git.run()
        git.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(git.terminationStatus == 0, "git apply --check: \(message)")
    }
}

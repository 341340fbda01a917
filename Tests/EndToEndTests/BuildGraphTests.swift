import Foundation
import TestSupport
import Testing

/// The target graph of a cold `make run`: CNN, the longest compile (one whole-module job),
/// must not wait for Yams, so that on 2 cores the two compile side by side. The YAML readers
/// (model files, checkpoint loading, `RunConfiguration.prepare`, the alias check) are in
/// `ModelFiles`, which depends on both.
@Suite("Build graph: the engine compiles beside Yams",
       .enabled(if: BuildGraph.swift != nil, "no swift on PATH"))
struct BuildGraphTests {
    @Test("no target CNN depends on, directly or through others, is Yams; ModelFiles has both")
    func engineDoesNotWaitForYams() throws {
        let graph = try BuildGraph.load()
        let reached = graph.reachable(from: "CNN")
        #expect(!reached.contains("Yams") && !reached.contains("CYaml"), "CNN reaches \(reached.sorted())")
        #expect(graph.dependencies["ModelFiles"] == ["CNN", "Yams"])
        // The app reaches the YAML readers through ModelFiles.
        #expect(graph.reachable(from: "StrideCLI").isSuperset(of: ["ModelFiles", "Yams"]))
    }

    /// SwiftPM puts every module in one folder, so an `import Yams` in CNN without the
    /// dependency compiles whenever Yams happens to be built first, and fails in a fresh clone.
    @Test("no engine source imports Yams or libyaml")
    func noEngineSourceImportsYams() throws {
        let folder = Repository.root.appendingPathComponent("Sources/CNN")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 50, "found \(files.count) Swift files under \(folder.path)")
        for file in files {
            let text = try String(contentsOfFile: folder.appendingPathComponent(file).path, encoding: .utf8)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let words = line.split(separator: " ")
                let imported = words.firstIndex(of: "import").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
                #expect(imported != "Yams" && imported != "CYaml", "Sources/CNN/\(file):\(i + 1): \(line)")
            }
        }
    }
}

/// The package's targets and what each depends on, from `swift package dump-package`.
struct BuildGraph {
    /// `swift` on PATH (or the toolchain's usual place).
    static let swift: String? = {
        let path = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":").map(String.init)
        return (path + ["/opt/swift/usr/bin"]).map { $0 + "/swift" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Target name → the targets and products it names, in manifest order.
    let dependencies: [String: [String]]

    /// Every target and product `start` depends on, directly or through other targets.
    func reachable(from start: String) -> Set<String> {
        var seen: Set<String> = [], stack = dependencies[start] ?? []
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            stack += dependencies[next] ?? []
        }
        return seen
    }

    static func load() throws -> BuildGraph {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(swift))
        // Its own scratch folder: `swift test` holds the lock on .build while the tests run.
        let id = UUID().uuidString, temporary = NSTemporaryDirectory()
        let scratch = temporary + "stride-graph-\(id)"
        defer {
            // The folder, if made, and the lock file SwiftPM leaves beside it (/tmp/_tmp_stride-graph-<id>.lock).
            let fm = FileManager.default
            for name in (try? fm.contentsOfDirectory(atPath: temporary)) ?? [] where name.contains(id) {
                try? fm.removeItem(atPath: (temporary as NSString).appendingPathComponent(name))
            }
        }
        process.arguments = ["package", "--package-path", Repository.root.path, "--scratch-path", scratch, "dump-package"]
        process.standardInput = FileHandle.nullDevice
        let result = try runCollectingOutput(process)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let targets = try #require(json["targets"] as? [[String: Any]])
        var dependencies: [String: [String]] = [:]
        for target in targets {
            let name = try #require(target["name"] as? String)
            // Each dependency is {"byName": [name, condition]}, {"target": [name, condition]}
            // or {"product": [name, package, aliases, condition]}: the name comes first.
            let list = target["dependencies"] as? [[String: [Any]]] ?? []
            dependencies[name] = list.compactMap { $0.values.first?.first as? String }
        }
        #expect(dependencies.count > 10, "\(dependencies.keys.sorted())")
        return BuildGraph(dependencies: dependencies)
    }
}

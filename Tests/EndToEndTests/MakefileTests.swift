import Foundation
import Testing

/// The Makefile's `run` target, dry-run (`make -n`) on a copy with a stand-in package: it builds
/// the `stride` product alone, and only when a source or the manifest is newer than the binary.
@Suite("Makefile: make run builds only what it runs", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make"), "no make"))
struct MakefileTests {
    /// A folder with the Makefile, a Package.swift, one source and (optionally) a built binary.
    final class Copy {
        let root = NSTemporaryDirectory() + "stride-make-\(UUID().uuidString)"
        let fm = FileManager.default

        init(built: Bool) throws {
            try fm.createDirectory(atPath: root + "/Sources/App", withIntermediateDirectories: true)
            try fm.copyItem(atPath: StrideBinary.packageRoot.appendingPathComponent("Makefile").path, toPath: root + "/Makefile")
            try "// manifest".write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
            try "// source".write(toFile: root + "/Sources/App/main.swift", atomically: true, encoding: .utf8)
            try fm.createDirectory(atPath: root + "/lessons", withIntermediateDirectories: true)
            try "id: one".write(toFile: root + "/lessons/one.yaml", atomically: true, encoding: .utf8)
            if built {
                try fm.createDirectory(atPath: root + "/.build/release", withIntermediateDirectories: true)
                try "binary".write(toFile: root + "/.build/release/stride", atomically: true, encoding: .utf8)
                try age(root + "/Package.swift", root + "/Sources/App/main.swift", root + "/lessons/one.yaml")
            }
        }

        /// Moves the files' modification times an hour into the past.
        func age(_ paths: String...) throws {
            for path in paths { try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: path) }
        }

        /// The commands `make -n run` would run.
        func dryRun() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/make")
            process.arguments = ["-n", "-C", root, "run"]
            process.standardInput = FileHandle.nullDevice
            let r = try runCollectingOutput(process)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }

        deinit { try? fm.removeItem(atPath: root) }
    }

    @Test("a fresh clone builds the stride product alone, then starts it")
    func freshCloneBuildsOnlyTheApp() throws {
        let commands = try Copy(built: false).dryRun()
        #expect(commands.contains("build -c release -debug-info-format none --product stride\n"), "\(commands)")
        #expect(!commands.contains("stride-bench") && !commands.contains("stride-fuzz"), "\(commands)")
        #expect(commands.contains("./.build/release/stride"))
    }

    @Test("a warm run with nothing changed starts the app without calling swift build")
    func warmRunSkipsTheBuild() throws {
        let copy = try Copy(built: true)
        let commands = try copy.dryRun()
        #expect(!commands.contains("build -c release"), "\(commands)")
        #expect(commands.contains("./.build/release/stride"))
        // A source newer than the binary: built again.
        try "// edited".write(toFile: copy.root + "/Sources/App/main.swift", atomically: true, encoding: .utf8)
        #expect(try copy.dryRun().contains("build -c release -debug-info-format none --product stride"))
    }

    @Test("an edited lesson rebuilds the app (a build plugin may embed the lessons)")
    func editedLessonRebuilds() throws {
        let copy = try Copy(built: true)
        #expect(!(try copy.dryRun().contains("build -c release")))
        try "id: one, edited".write(toFile: copy.root + "/lessons/one.yaml", atomically: true, encoding: .utf8)
        #expect(try copy.dryRun().contains("build -c release -debug-info-format none --product stride"))
    }
}

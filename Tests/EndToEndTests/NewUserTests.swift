import TestSupport
import Foundation
import Testing

/// What a new user does first: install the binary somewhere, mistype a command, use an odd
/// terminal, press Ctrl-C (issue 22).
@Suite("New user end to end", .serialized)
struct NewUserTests {
    /// A temporary folder, removed by the caller.
    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "stride-newuser-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `binary` (not necessarily the one under test's path) and collects its output.
    func run(_ binary: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["STRIDE_LESSONS"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        return try runCollectingOutput(process)
    }

    var shippedLessonCount: Int {
        let folder = StrideBinary.packageRoot.appendingPathComponent("lessons/en").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.count
    }

    @Test func aCopiedBinaryKeepsEveryLesson() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let copy = root + "/bin/stride"
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: StrideBinary.path, toPath: copy)
        let list = try run(copy, ["lessons", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(shippedLessonCount >= 10)
        #expect(list.stdout.split(separator: "\n").count == shippedLessonCount, "\(list.stdout)")
        #expect(list.stdout.hasPrefix("why-convolution"), "\(list.stdout)")
        let korean = try run(copy, ["lessons", "list", "--lang", "ko"])
        #expect(korean.stdout.split(separator: "\n").count == shippedLessonCount)
        let check = try run(copy, ["lessons", "check"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout == "(built-in lessons): \(shippedLessonCount) English and \(shippedLessonCount) Korean lessons, no problems\n")
    }

    @Test func anInstalledBinaryReadsShareStrideLessons() throws {
        // The layout `make install PREFIX=…` writes; a lesson only this folder has proves which copy was read.
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: StrideBinary.path, toPath: root + "/bin/stride")
        let share = root + "/share/stride/lessons"
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        for language in ["en", "ko"] {
            try FileManager.default.copyItem(atPath: StrideBinary.packageRoot.appendingPathComponent("lessons/\(language)").path, toPath: share + "/" + language)
        }
        let first = share + "/en/01-why-convolution.md"
        let text = try String(contentsOfFile: first, encoding: .utf8)
        try text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Installed · ").write(toFile: first, atomically: true, encoding: .utf8)
        let list = try run(root + "/bin/stride", ["lessons", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").first?.contains("Installed · ") == true, "\(list.stdout)")
        // Through a symlink (e.g. ~/bin/stride → PREFIX/bin/stride) the real path decides.
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/elsewhere/stride", withDestinationPath: root + "/bin/stride")
        let linked = try run(root + "/elsewhere/stride", ["lessons", "list"])
        #expect(linked.stdout.split(separator: "\n").first?.contains("Installed · ") == true, "\(linked.stdout)")
    }

    @Test func aMissingLessonsFolderIsAnError() throws {
        let option = try run(StrideBinary.path, ["lessons", "list", "--lessons", "/nonexistent/lessons"])
        #expect(option.status == 2)
        #expect(option.stderr == "stride: --lessons: no such folder of lessons: /nonexistent/lessons\n")
        let env = try run(StrideBinary.path, ["lessons", "list"], environment: ["STRIDE_LESSONS": "/nonexistent/lessons"])
        #expect(env.status == 2)
        #expect(env.stderr == "stride: STRIDE_LESSONS: no such folder of lessons: /nonexistent/lessons\n")
        let lesson = try run(StrideBinary.path, ["lesson", "padding", "--lessons", "/nonexistent/lessons"])
        #expect(lesson.status == 2 && lesson.stderr.contains("no such folder of lessons"), "\(lesson.stderr)")
        let home = try run(StrideBinary.path, [], environment: ["STRIDE_LESSONS": "/nonexistent/lessons"])
        #expect(home.status == 2 && home.stderr.contains("STRIDE_LESSONS: no such folder"), "\(home.stderr)")
    }

    @Test func versionIsPrinted() throws {
        let result = try run(StrideBinary.path, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test(arguments: [
        (["trian"], "unknown command 'trian'. Did you mean 'stride train'?"),
        (["lesons", "list"], "unknown command 'lesons'. Did you mean 'stride lessons'?"),
        (["lessons", "lsit"], "unknown command 'lsit'. Did you mean 'stride lessons list'?"),
        (["data", "fecth"], "unknown command 'fecth'. Did you mean 'stride data fetch'?"),
        (["class", "sevre"], "unknown command 'sevre'. Did you mean 'stride class serve'?"),
        (["xyzzy"], "unknown command 'xyzzy'\n"),
    ])
    func aMistypedCommandIsNamedAndTheNearestSuggested(arguments: [String], message: String) throws {
        let result = try run(StrideBinary.path, arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("stride: " + message), "\(result.stderr)")
        let commands = switch arguments.first {
        case "lessons": ["list", "check"]
        case "data": ["show", "fetch"]
        case "class": ["serve", "join", "export"]
        default: ["train", "lesson", "lessons", "quiz", "conv", "draw"]
        }
        for command in commands { #expect(result.stderr.contains(command), "\(result.stderr)") }
        #expect(result.stderr.contains("Commands: "), "\(result.stderr)")
    }

    @Test func knownCommandsAndOptionsStillParse() throws {
        #expect(try run(StrideBinary.path, ["size", "--input", "5", "--kernel", "3"]).status == 0)
        #expect(try run(StrideBinary.path, ["help", "size"]).status == 0)
        #expect(try run(StrideBinary.path, ["quiz", "--plain", "--count", "1", "--seed", "7"]).status == 0)
        let help = try run(StrideBinary.path, ["train", "--help"])
        #expect(help.stdout.contains("(1–8)"), "\(help.stdout)")
        #expect(!help.stdout.contains("default 2)"), "the default is said once: \(help.stdout)")
    }

    @Test func convWithoutMatricesShowsTheExampleItUsed() throws {
        let result = try run(StrideBinary.path, ["conv"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            input (the default example; --input sets it):
            3 1 0 2
            5 2 4 1
            0 6 1 3
            2 1 5 0
            kernel (the default example; --kernel sets it):
            1 0 1
            0 2 0
            1 0 1
            output:
             8 20
            28  6

            """, "\(result.stdout)")
        // With both given, only the output (as before).
        let given = try run(StrideBinary.path, ["conv", "--input", "1 2; 3 4", "--kernel", "1"])
        #expect(given.stdout == "1 2\n3 4\n")
    }

    @Test func aSeedlessQuizShowsAShortSeed() throws {
        for _ in 0..<3 {
            let result = try run(StrideBinary.path, ["quiz", "--plain", "--count", "1"])
            let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
            let seed = first.split(separator: " ").last.map(String.init) ?? ""
            #expect(first.contains("seed ") && seed.allSatisfy(\.isNumber) && (4...6).contains(seed.count), "\(first)")
        }
    }

    @Test func dumbTerminalsAreRefusedBeforeTheScreenOpens() throws {
        let tmux = try TmuxSession(width: 200)
        defer { tmux.kill() }
        try tmux.run("TERM=dumb \(shellQuote(StrideBinary.path)) show sliding; echo EXIT=$?")
        let screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=2"), "\(screen)")
        #expect(screen.contains("TERM=dumb cannot"), "\(screen)")
        #expect(!screen.contains("step 0/"), "the scene never opened: \(screen)")
        // The dashboard says so before loading any data (a --data folder that does not exist is never looked at).
        try tmux.run("clear; TERM=dumb \(shellQuote(StrideBinary.path)) train --data /nonexistent; echo TRAIN=$?")
        let train = try tmux.waitFor { $0.split(separator: "\n").contains { $0.hasPrefix("TRAIN=") } }
        #expect(train.contains("TRAIN=2") && train.contains("TERM=dumb cannot") && !train.contains("no such directory"), "\(train)")
    }

    @Test func ctrlCExits130AndQZero() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show sliding; echo EXIT=$?")
        try tmux.waitFor("step 0/")
        try tmux.send("C-c")
        var screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        try tmux.run("clear; \(shellQuote(StrideBinary.path)) show sliding; echo AGAIN=$?")
        try tmux.waitFor("step 0/")
        try tmux.send("q")
        screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.hasPrefix("AGAIN=") } }
        #expect(screen.contains("AGAIN=0"), "\(screen)")
    }

    /// Ctrl-C while the window is too small is still Ctrl-C (130); q there is a quit (0); and
    /// after the window was resized, nothing of the app stays on the shell's screen.
    @Test func ctrlCOnATooSmallScreenExits130AndAResizeLeavesNothingBehind() throws {
        let tmux = try TmuxSession(width: 60, height: 20)
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show sliding; echo EXIT=$?")
        try tmux.waitFor("too small")
        try tmux.send("C-c")
        var screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        try tmux.resize(width: 80, height: 24)
        try tmux.run("clear; \(shellQuote(StrideBinary.path)) show sliding; echo AGAIN=$?")
        try tmux.waitFor("step 0/")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor { $0.split(separator: "\n").first?.count ?? 0 > 85 }
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("step 0/")
        try tmux.send("q")
        screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.hasPrefix("AGAIN=") } }
        #expect(screen.contains("AGAIN=0"), "\(screen)")
        let left = screen.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.contains("AGAIN=") && !$0.contains("show sliding")
            && $0.trimmingCharacters(in: .whitespaces) != "$" }
        #expect(left.isEmpty, "nothing of the app stays after it exits: \(left)")
    }

    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason))
    func ctrlCOnTheDashboardStillPrintsTheSummaryThenExits130() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) train --model small --limit 4000 --epochs 20 --data \(shellQuote(TestData.mnist)); echo EXIT=$?")
        try tmux.waitFor(timeout: 60) { $0.contains("Epoch ") && $0.contains("samples/s") }
        try tmux.send("C-c")
        let screen = try tmux.waitFor(timeout: 15) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        #expect(screen.contains("Stopped ") && screen.contains("of small on MNIST"), "the summary still comes first:\n\(screen)")
    }

    @Test func progressFollowsHOMEWithoutXDGStateHome() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(environment: ["HOME": home, "XDG_STATE_HOME": ""])
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) lesson why-convolution; echo EXIT=$?")
        try tmux.waitFor(timeout: 15) { $0.contains("1/") }
        try tmux.send("PageDown")
        usleep(300_000)
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let path = home + "/.local/state/stride/progress.json"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(text.contains("why-convolution"), "progress in \(path): '\(text)'")
    }
}

import Foundation
import Testing

/// `stride class` through the real binary: a headless server, students joining with
/// `stride class join --plain --json`, `kill -9` of the server mid-class and a restart with
/// the same database, and the export.
@Suite("Class end to end", .serialized)
struct ClassEndToEndTests {
    @Test func killNineMidClassLosesNoAcknowledgedAnswerAndARestartContinues() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-class-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("class.sqlite").path
        let serve = ["class", "serve", "--headless", "--host", "127.0.0.1", "--db", db, "--code", "K7QX",
                     "--kind", "size", "--count", "2", "--seed", "5"]
        var server = try Peer(serve + ["--port", "0"])
        let ready = try #require(server.wait { $0["type"] as? String == "ready" })
        let port = try #require(ready["port"] as? Int)
        #expect(ready["code"] as? String == "K7QX" && ready["host"] as? String == "127.0.0.1" && port > 0)

        let names = ["ann", "bo", "cy"]
        let students = try names.map { try Peer(["class", "join", "127.0.0.1:\(port)", "--code", "K7QX", "--name", $0, "--plain", "--json"]) }
        defer { students.forEach { $0.stop() } }
        #expect(server.wait(count: 3) { $0["type"] as? String == "joined" } != nil)
        for s in students { #expect(s.wait { $0["type"] as? String == "waiting" } != nil) }

        server.send("next")
        for s in students {
            let q = try #require(s.wait { $0["type"] as? String == "question" })
            #expect(q["index"] as? Int == 1)
            s.send("\(QuizEndToEndTests.formula(q))")
        }
        for s in students { #expect(s.wait { $0["type"] as? String == "received" && $0["index"] as? Int == 1 } != nil) }

        // Every answer was acknowledged: kill -9, then restart on the same port with the same file.
        server.kill(SIGKILL)
        server = try Peer(serve.filter { $0 != "--code" && $0 != "K7QX" } + ["--port", "\(port)"])
        #expect(server.wait { $0["type"] as? String == "ready" && $0["code"] as? String == "K7QX" } != nil)
        Thread.sleep(forTimeInterval: 3)  // the students reconnect by themselves (backoff ≤ 2 s)
        server.send("reveal")
        let reveal = try #require(server.wait { $0["type"] as? String == "reveal" })
        #expect(reveal["answered"] as? Int == 3 && reveal["correct"] as? Int == 3, "\(reveal)")
        for s in students {
            let result = try #require(s.wait { $0["type"] as? String == "result" })
            #expect(result["correct"] as? Bool == true && result["index"] as? Int == 1)
        }
        server.send("next")
        for (i, s) in students.enumerated() {
            let q = try #require(s.wait { $0["type"] as? String == "question" && $0["index"] as? Int == 2 })
            s.send(i == 0 ? "abc" : "\(QuizEndToEndTests.formula(q) + i - 1)")
        }
        #expect(students[0].wait { $0["type"] as? String == "error" && $0["index"] as? Int == 2 } != nil)
        students[0].send("\(QuizEndToEndTests.formula(try #require(students[0].lines.first { $0["index"] as? Int == 2 && $0["type"] as? String == "question" })))")
        for s in students { #expect(s.wait { $0["type"] as? String == "received" && $0["index"] as? Int == 2 } != nil) }
        server.send("reveal")
        server.send("end")
        #expect(server.wait { $0["type"] as? String == "end" } != nil)
        for (i, s) in students.enumerated() {
            let score = try #require(s.wait { $0["type"] as? String == "score" })
            #expect(score["total"] as? Int == 2 && score["correct"] as? Int == (i == 2 ? 1 : 2), "\(score)")
            #expect(s.finish() == 0)
        }
        #expect(server.finish() == 0)

        let export = try runStride(["class", "export", db])
        #expect(export.status == 0, "\(export.stderr)")
        let rows = export.stdout.split(separator: "\n").map { QuizEndToEndTests.object(String($0)) }
        #expect(rows.count == 6)
        #expect(Set(rows.map { $0["name"] as? String ?? "" }) == Set(names))
        #expect(rows.allSatisfy { $0["kind"] as? String == "size" && $0["expected"] != nil && $0["time"] != nil && $0["question"] != nil })
        let csv = try runStride(["class", "export", db, "--csv"])
        #expect(csv.stdout.hasPrefix("time,name,index,kind,question,answer,expected,correct,diagnosis\n"))
        #expect(csv.stdout.split(separator: "\n").count == 7)
    }

    /// `stride class` runs `stride-class` from stride's own folder; a `stride` copied alone says
    /// how to build class mode (exit 2) instead of failing obscurely.
    @Test func strideRunsTheClassProgramBesideItAndSaysHowToBuildItWhenMissing() throws {
        let help = try runStride(["class", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: stride class <subcommand>") && help.stdout.contains("serve"), "\(help.stdout)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let alone = dir.appendingPathComponent("stride").path
        try FileManager.default.copyItem(atPath: StrideBinary.path, toPath: alone)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: alone)
        process.arguments = ["class", "serve", "--headless"]
        let missing = try runCollectingOutput(process)
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("class mode is its own program, stride-class") && missing.stderr.contains("make class"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)
    }

    @Test func badFlagsAreClearErrors() throws {
        let taken = try runStride(["class", "join", "127.0.0.1:1", "--code", "K7QX", "--name", "\u{1B}[2J", "--plain"])
        #expect(taken.status == 2 && taken.stderr.contains("control characters"), "\(taken.stderr)")
        let nobody = try runStride(["class", "join", "127.0.0.1:1", "--code", "K7QX", "--name", "ann", "--plain"])
        #expect(nobody.status == 2 && nobody.stderr.contains("cannot connect to 127.0.0.1:1"), "\(nobody.stderr)")
        let code = try runStride(["class", "serve", "--headless", "--code", "a b"])
        #expect(code.status == 2 && code.stderr.contains("--code must be 4 to 12 letters and digits"))
        let missing = try runStride(["class", "export", "/nonexistent/class.sqlite"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/class.sqlite: no such file"))
        // A bad quiz file is named with its line before any server starts.
        let quiz = NSTemporaryDirectory() + "stride-class-quiz-\(getpid()).yaml"
        defer { unlink(quiz) }
        try "- kind: size\n  n: 28\n  k: sideways\n".write(toFile: quiz, atomically: true, encoding: .utf8)
        let bad = try runStride(["class", "serve", "--headless", "--file", quiz, "--db", NSTemporaryDirectory() + "stride-class-\(getpid()).sqlite"])
        #expect(bad.status == 2 && bad.stderr.contains((quiz as NSString).lastPathComponent + ":3"), "\(bad.stderr)")
    }
}

/// A running `stride` with stdin and stdout pipes; every stdout line is parsed as JSON and kept.
final class Peer: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private let lock = NSCondition()
    private var parsed: [[String: Any]] = []
    private var closed = false
    private var seen = 0

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: StrideBinary.path)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let nl = pending.firstIndex(of: 0x0A) {
                    let line = Data(pending[pending.startIndex..<nl])
                    pending = Data(pending[(nl + 1)...])
                    let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] ?? ["raw": String(decoding: line, as: UTF8.self)]
                    lock.lock(); parsed.append(object); lock.broadcast(); lock.unlock()
                }
            }
            lock.lock(); closed = true; lock.broadcast(); lock.unlock()
        }.start()
    }

    var lines: [[String: Any]] { lock.lock(); defer { lock.unlock() }; return parsed }

    /// The `count`-th line after the last one matched that satisfies `predicate` (nil after 30 s).
    func wait(count: Int = 1, _ predicate: ([String: Any]) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(30)
        lock.lock(); defer { lock.unlock() }
        var found = 0
        var i = seen
        while true {
            while i < parsed.count {
                if predicate(parsed[i]) {
                    found += 1
                    if found == count { seen = i + 1; return parsed[i] }
                }
                i += 1
            }
            if closed || !lock.wait(until: deadline) { return nil }
        }
    }

    func send(_ line: String) { try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) }
    func kill(_ signal: Int32) { Foundation.kill(process.processIdentifier, signal); process.waitUntilExit() }
    /// Ends the process if it still runs: SIGKILL, since a child of the test runner may inherit
    /// a signal mask that blocks SIGTERM (a headless server then never exits).
    func stop() { if process.isRunning { kill(SIGKILL) } }

    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

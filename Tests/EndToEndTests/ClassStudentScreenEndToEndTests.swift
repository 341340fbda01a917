import Foundation
import Testing

/// `stride class join` without `--plain`: the student's full screen in tmux at 80×24, against a
/// headless `stride class serve` on 127.0.0.1.
@Suite("Class student screen end to end", .serialized)
struct ClassStudentScreenEndToEndTests {
    /// A size question as the student's screen shows it, as `QuizEndToEndTests.formula` takes it.
    static func sizeQuestion(onScreen screen: String) -> [String: Any]? {
        let text = screen.replacingOccurrences(of: "\n", with: " ")
        guard let m = text.firstMatch(of: /n = (\d+), kernel k = (\d+), padding p = (\w+), stride s = (\d+)(?:, dilation d = (\d+))?/),
              let n = Int(m.1), let k = Int(m.2), let s = Int(m.4) else { return nil }
        let p: Any = m.3 == "valid" ? 0 : Int(m.3).map { $0 as Any } ?? String(m.3)
        return ["n": n, "k": k, "p": p, "s": s, "d": m.5.flatMap { Int($0) } ?? 1]
    }

    /// The student's full screen (no --plain) in tmux at 80×24 against a headless server:
    /// waiting, the question, a bad answer re-asked, received, the reveal, the final score,
    /// then q leaves with the terminal restored and status 0.
    @Test func theStudentsScreenInTmux() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-class-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try Peer(["class", "serve", "--headless", "--host", "127.0.0.1", "--port", "0", "--db", dir.appendingPathComponent("c.sqlite").path,
                               "--code", "K7QX", "--kind", "size", "--count", "2", "--seed", "5"])
        defer { server.stop() }
        let ready = try #require(server.wait { $0["type"] as? String == "ready" })
        let port = try #require(ready["port"] as? Int)
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) class join 127.0.0.1:\(port) --code K7QX --name Ann; echo EXIT=$?")
        var screen = try tmux.waitFor("Waiting for the instructor", timeout: 60)
        #expect(screen.contains("Ann · class K7QX · 127.0.0.1:\(port)"), "\(screen)")
        #expect(server.wait { $0["type"] as? String == "joined" && $0["name"] as? String == "Ann" } != nil)

        server.send("next")
        screen = try tmux.waitFor("Question 1/2", timeout: 60)
        let first = try #require(Self.sizeQuestion(onScreen: screen), "\(screen)")
        try tmux.send("-l", "1,2,3")
        try tmux.send("Enter")
        screen = try tmux.waitFor("a comma groups thousands", timeout: 30)
        #expect(screen.contains("Answer: 1,2,3"), "the answer stays to be fixed:\n\(screen)")
        try tmux.send("C-u")
        try tmux.send("-l", "\(QuizEndToEndTests.formula(first))")
        try tmux.send("Enter")
        screen = try tmux.waitFor("✓ received", timeout: 60)
        #expect(screen.contains("It is locked in until the instructor reveals the answer."), "\(screen)")
        #expect(server.wait { $0["type"] as? String == "answer" && $0["correct"] as? Bool == true } != nil)
        server.send("reveal")
        screen = try tmux.waitFor("✓ correct: \(QuizEndToEndTests.formula(first))", timeout: 60)
        #expect(screen.contains("1 of 1 answered right."), "\(screen)")

        server.send("next")
        screen = try tmux.waitFor("Question 2/2", timeout: 60)
        let second = try #require(Self.sizeQuestion(onScreen: screen), "\(screen)")
        let right = QuizEndToEndTests.formula(second)
        try tmux.send("-l", "\(right + 1)")
        try tmux.send("Enter")
        try tmux.waitFor("✓ received", timeout: 60)
        server.send("reveal")
        screen = try tmux.waitFor("✗ wrong", timeout: 60)
        #expect(screen.contains("✗ wrong: you answered \(right + 1), expected \(right)") && screen.contains("= \(right)"), "\(screen)")
        #expect(screen.contains("out = floor((n + 2p − d(k−1) − 1) / s) + 1") || screen.contains("p_before + p_after"), "the working:\n\(screen)")
        server.send("end")
        screen = try tmux.waitFor("Final score: 1/2", timeout: 60)
        #expect(screen.contains("The class has ended."))
        try tmux.send("q")
        screen = try tmux.waitFor("EXIT=0", timeout: 30)
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(server.finish() == 0)
    }

    /// A wrong code: the screen says so, any key leaves, the terminal is restored, the message
    /// is printed again on stderr and the status is 2.
    @Test func aRefusedJoinIsSaidAndExitsNonZero() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-class-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try Peer(["class", "serve", "--headless", "--host", "127.0.0.1", "--port", "0", "--db", dir.appendingPathComponent("c.sqlite").path,
                               "--code", "K7QX", "--count", "1"])
        defer { server.stop() }
        let port = try #require(server.wait { $0["type"] as? String == "ready" }?["port"] as? Int)
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) class join 127.0.0.1:\(port) --code WRONG1 --name Ann 2>\(shellQuote(dir.path))/err; echo EXIT=$?")
        let screen = try tmux.waitFor("Could not join the class", timeout: 60)
        #expect(screen.contains("wrong class code") && screen.contains("Press any key to leave."), "\(screen)")
        try tmux.send("Enter")
        let after = try tmux.waitFor("EXIT=2", timeout: 30)
        #expect(after.contains("EXIT=2"), "\(after)")
        let stderr = try String(contentsOfFile: dir.path + "/err", encoding: .utf8)
        #expect(stderr.contains("wrong class code"), "\(stderr)")
        server.send("end")
        #expect(server.finish() == 0)
    }
}

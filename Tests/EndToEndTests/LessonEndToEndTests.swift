import Foundation
import Testing

/// Lessons through the real binary: a folder written by the test, `stride lesson`, `stride lessons`.
@Suite("Lessons end to end", .serialized)
struct LessonEndToEndTests {
    static let english = """
    ---
    id: padding
    title: Padding
    order: 1
    summary: Zeros around the input keep its size.
    ---
    ## Why pad
    Without padding the output shrinks.

    ## Same padding
    One ring of zeros keeps 4×4.
    ```scene
    scene: sliding
    input: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"
    kernel: "1 1 1; 1 1 1; 1 1 1"
    padding: same
    ```

    ## Model
    ```model
    input: [28, 28, 1]
    layers:
      - conv2d: {filters: 32, kernel_size: 3, activation: relu}
      - flatten: {}
      - dense: {units: 10, activation: softmax}
    ```
    """

    static let korean = english
        .replacingOccurrences(of: "title: Padding", with: "title: 패딩")
        .replacingOccurrences(of: "## Why pad", with: "## 왜 패딩을 하나")
        .replacingOccurrences(of: "Without padding the output shrinks.", with: "패딩이 없으면 출력이 작아집니다.")
        .replacingOccurrences(of: "## Same padding", with: "## same 패딩")

    /// A lesson folder in a temporary directory, plus a state directory for progress.
    func folder(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "stride-e2e-lessons-\(UInt32.random(in: 0...UInt32.max))"
        for (name, text) in files {
            let path = root + "/lessons/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func koreanLessonStepsThroughAndProgressSurvivesARestart() throws {
        let root = try folder(["en/01-padding.md": Self.english, "ko/01-padding.md": Self.korean])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tmux = try TmuxSession(environment: ["XDG_STATE_HOME": root + "/state"])
        defer { tmux.kill() }
        let command = "\(shellQuote(StrideBinary.path)) lesson padding --lang ko --lessons \(shellQuote(root + "/lessons")); echo EXIT=$?"
        try tmux.run(command)
        var screen = try tmux.waitFor("왜 패딩을 하나")
        #expect(screen.contains("단계 1/3"), "\(screen)")
        #expect(screen.contains("패딩이 없으면 출력이 작아집니다."))
        try tmux.send("PageDown")
        screen = try tmux.waitFor("same 패딩")
        try tmux.send("End")
        screen = try tmux.waitFor("16/16")
        for value in ["14", "24", "30", "22", "99", "54"] { #expect(screen.contains(value), "missing \(value):\n\(screen)") }
        #expect(screen.split(separator: "\n").allSatisfy { !$0.contains("│") || $0.contains("│") }, "frames drawn")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))

        // Reopened, the lesson continues at the step the student left.
        try tmux.run("clear; " + command.replacingOccurrences(of: "EXIT=", with: "AGAIN="))
        screen = try tmux.waitFor("단계 2/3")
        #expect(screen.contains("same 패딩"), "\(screen)")
        try tmux.send("q")
        #expect(try tmux.waitFor("AGAIN=0").contains("AGAIN=0"))
    }

    @Test func checkAndListReportFileAndLine() throws {
        let broken = Self.english.replacingOccurrences(of: "padding: same", with: "padding: sideways")
        let root = try folder(["en/01-padding.md": broken, "ko/01-padding.md": Self.korean])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let check = try runStride(["lessons", "check", root + "/lessons"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("en/01-padding.md:16: padding: padding must be valid, same, full or a non-negative integer, not 'sideways'"), "\(check.stdout)")
        let list = try runStride(["lessons", "list", "--lang", "ko", "--lessons", root + "/lessons"])
        #expect(list.status == 0)
        #expect(list.stdout == "padding  패딩\n")
    }
}

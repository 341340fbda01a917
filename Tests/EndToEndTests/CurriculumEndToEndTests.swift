import Foundation
import Testing

/// The receptive and learn scenes, and a lesson's F2 and completion screen, through the real
/// binary in tmux at 80×24.
@Suite("Curriculum end to end", .serialized)
struct CurriculumEndToEndTests {
    @Test func receptiveSceneGrowsLayerByLayerAndEdits() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show receptive; echo EXIT=$?")
        var screen = try tmux.waitFor("step 0/5")
        #expect(screen.contains("a cell of the last layer sees 18×18 of the 28×28 input"), "\(screen)")
        try tmux.send("Right")
        try tmux.send("Right")
        try tmux.send("Right")
        screen = try tmux.waitFor { $0.contains("step 3/5") && $0.contains("r3 = r2 + (k − 1)·j2 = 4 + 2·2 = 8") }
        #expect(screen.contains("cell (5, 5) sees 8×8"), "\(screen)")
        try tmux.send("t")     // layer 3 becomes a pool 3×3
        screen = try tmux.waitFor("pool 3×3 s1")
        try tmux.send("n")     // the three convolutions without pooling
        screen = try tmux.waitFor { $0.contains("sees 7×7 of the 28×28 input") && $0.contains("step 3/3") }
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test func learnSceneConvergesInKorean() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show learn --lang ko; echo EXIT=$?")
        var screen = try tmux.waitFor("단계 0/600")
        #expect(screen.contains("목표: 소벨 x"), "\(screen)")
        try tmux.send("End")
        screen = try tmux.waitFor { $0.contains("단계 600/600") }
        #expect(screen.contains("│-1.000│ 0.000│ 1.000│") && screen.contains("│-2.000│ 0.000│ 2.000│"), "\(screen)")
        try tmux.send("t")
        screen = try tmux.waitFor { $0.contains("단계 0/600") && $0.contains("목표: 소벨 y") }
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }

    static let lesson = """
    ---
    id: padding
    title: Padding
    order: 1
    summary: Zeros around the input keep its size.
    ---
    ## Same padding
    One ring of zeros keeps 4×4.
    ```scene
    scene: sliding
    input: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"
    kernel: "1 1 1; 1 1 1; 1 1 1"
    padding: same
    ```

    ## Check
    What size is the output?
    ```quiz
    kind: size
    n: 4
    k: 3
    p: same
    ```
    """

    /// F2 on a stepped scene keeps its step and switches the footer; PgDn past the last step
    /// shows the completion screen, and the lesson is done only once its check is answered.
    @Test func lessonF2AndCompletion() throws {
        let root = NSTemporaryDirectory() + "stride-e2e-curriculum-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (name, text) in ["en/01-padding.md": Self.lesson,
                             "ko/01-padding.md": Self.lesson.replacingOccurrences(of: "title: Padding", with: "title: 패딩")] {
            let path = root + "/lessons/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let tmux = try TmuxSession(environment: ["XDG_STATE_HOME": root + "/state"])
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) lesson padding --lessons \(shellQuote(root + "/lessons")); echo EXIT=$?")
        var screen = try tmux.waitFor("step 1/2")
        for _ in 0..<3 { try tmux.send("Right") }
        screen = try tmux.waitFor("step 3/16")
        try tmux.send("F2")
        screen = try tmux.waitFor { $0.contains("단계 3/16") && $0.contains("단계 1/2") }
        #expect(screen.contains("PgDn 다음 단계"), "the footer follows F2:\n\(screen)")
        try tmux.send("F2")
        try tmux.waitFor { $0.contains("step 3/16") && $0.contains("PgDn next step") }
        try tmux.send("PageDown")
        try tmux.waitFor("step 2/2")
        try tmux.send("PageDown")
        screen = try tmux.waitFor("Lesson complete: Padding")
        #expect(screen.contains("Not answered yet: step 2 “Check”"), "\(screen)")
        let progress = root + "/state/stride/progress.json"
        #expect((try? String(contentsOfFile: progress, encoding: .utf8))?.contains("\"done\" : false") == true)
        try tmux.send("PageUp")
        try tmux.waitFor("step 2/2")
        try tmux.send("4")
        try tmux.send("Enter")
        try tmux.send("PageDown")
        screen = try tmux.waitFor("✓ Marked done.")
        #expect(screen.contains("Checks right on the first try: 1 of 1 check"), "\(screen)")
        #expect((try? String(contentsOfFile: progress, encoding: .utf8))?.contains("\"done\" : true") == true)
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }
}

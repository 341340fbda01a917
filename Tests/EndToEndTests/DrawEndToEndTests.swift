import TestSupport
import Foundation
import Testing

/// `stride draw` in tmux with a small model trained on a slice of ../shared MNIST.
@Suite("Draw a digit end to end (tmux)", .serialized,
       .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason))
struct DrawEndToEndTests {
    @Test func aVerticalStrokeThroughTheCentreIsAOne() throws {
        let checkpoint = TrainingCommandTests.temporaryPath("draw-small.safetensors")
        defer { unlink(checkpoint) }
        let train = try runStride(["train", "--headless", "--model", "small", "--limit", "4000", "--epochs", "2",
                                   "--data", TestData.mnist, "--save", checkpoint])
        #expect(train.status == 0, "\(train.stderr)")

        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) draw --checkpoint \(shellQuote(checkpoint)); echo EXIT=$?")
        _ = try tmux.waitFor("pen up (14, 14)")
        for _ in 0..<7 { try tmux.send("Up") }
        try tmux.send("Space")
        for _ in 0..<14 { try tmux.send("Down") }
        let screen = try tmux.waitFor { $0.contains("pen down (21, 14)") }
        #expect(screen.contains("prediction: 1 ("), "\(screen)")
        try tmux.send("c")
        _ = try tmux.waitFor("the model's guess appears here")
        try tmux.send("q")
        #expect(try tmux.waitFor { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }.contains("EXIT=0"))
    }

    @Test func withoutACheckpointOrATerminalItSaysWhatToDo() throws {
        let home = NSTemporaryDirectory() + "stride-draw-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let r = try runStride(["draw"], environment: ["HOME": home, "XDG_CACHE_HOME": home + "/cache", "STRIDE_DATA": TestData.mnist])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--yes") && r.stderr.contains("--checkpoint"), "\(r.stderr)")
        let bad = try runStride(["draw", "--checkpoint", "/nonexistent.safetensors"])
        #expect(bad.status == 2 && bad.stderr.contains("/nonexistent.safetensors"), "\(bad.stderr)")
    }
}

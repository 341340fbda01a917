import TestSupport
import Foundation
import Testing

/// Sizes decided by a user or a file are checked against a budget before anything is
/// allocated, and problems are said before the work starts (issue 16, items 9, 10, 13).
@Suite("Budgets and early messages")
struct TrustLimitsTests {
    static func temporaryDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "stride-trust-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// `dense: {units: 16777216}` after flatten: summary shows the estimate and the limit;
    /// train and draw refuse with the figure, quickly and with little memory.
    @Test func aModelTooLargeForMemoryIsRefusedWithItsFigure() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = directory + "/huge.yaml"
        try """
        input: [28, 28, 1]
        layers:
          - conv2d: {filters: 32, kernel_size: 3, activation: relu}
          - max_pooling2d: {pool_size: 2}
          - flatten: {}
          - dense: {units: 16777216}
          - dense: {units: 10, activation: softmax}
        """.write(toFile: model, atomically: true, encoding: .utf8)
        let summary = try runStride(["summary", "--model", model])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("Memory to train (batch 64, rmsprop):") && summary.stdout.contains("stride train refuses it"),
                "\(summary.stdout)")
        let seed = try runStride(["summary"])
        #expect(seed.stdout.contains("Memory to train (batch 64, rmsprop): ") && !seed.stdout.contains("refuses"), "\(seed.stdout)")

        let train = runStrideMeasured(["train", "--headless", "--model", model, "--epochs", "1", "--limit", "10"], timeout: 60)
        print("train of a 90 G-weight model: status \(train.status), \(String(format: "%.1f", train.seconds)) s, peak \(Int(train.peakMB)) MB")
        #expect(train.status == 2 && train.stderr.contains("needs about") && train.stderr.contains("GB"), "\(train.stderr)")
        #expect(train.peakMB < 200, "refused before allocating: \(train.peakMB) MB")

        // A batch past the range is refused by the range; one within it by the memory estimate.
        let batch = try runStride(["train", "--headless", "--model", "small", "--batch-size", "100000000", "--epochs", "1", "--limit", "10"])
        #expect(batch.status == 2 && batch.stderr.contains("--batch-size must be from 1 to 4096"), "\(batch.stderr)")
        let wide = try runStride(["train", "--headless", "--model", model, "--batch-size", "4096", "--epochs", "1", "--limit", "10"])
        #expect(wide.status == 2 && wide.stderr.contains("needs about"), "\(wide.stderr)")
    }

    /// `stride conv` at its documented limits keeps only the output: a 200×200 input and a
    /// 32×32 kernel (29 M products) stay small, with and without --steps.
    @Test func convAtItsLimitsKeepsOnlyTheOutput() throws {
        let input = (0..<200).map { i in (0..<200).map { j in "\((i * j) % 7)" }.joined(separator: " ") }.joined(separator: ";")
        let kernel = (0..<32).map { _ in Array(repeating: "1", count: 32).joined(separator: " ") }.joined(separator: ";")
        let plain = runStrideMeasured(["conv", "--input", input, "--kernel", kernel], timeout: 120)
        print("conv 200×200 ⋆ 32×32: \(String(format: "%.1f", plain.seconds)) s, peak \(Int(plain.peakMB)) MB")
        #expect(plain.status == 0 && plain.stdout.split(separator: "\n").count == 169, "\(plain.stderr)")
        #expect(plain.peakMB < 150, "peak \(plain.peakMB) MB")
        let json = runStrideMeasured(["conv", "--input", input, "--kernel", kernel, "--steps", "--json"], timeout: 60)
        #expect(json.status == 2 && json.stderr.contains("--steps without --json"), "\(json.stderr)")
        #expect(json.peakMB < 150, "refused before building: \(json.peakMB) MB")
    }

    /// A --save path that cannot be written is said before the first epoch.
    @Test func aBadSavePathIsSaidBeforeTraining() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/file", contents: Data("x".utf8))
        for path in [directory + "/file/ck.safetensors", directory] {
            let run = runStrideMeasured(["train", "--headless", "--model", "small", "--epochs", "3", "--data", "/nonexistent-stride-data",
                                         "--save", path], timeout: 60)
            #expect(run.status == 2 && run.stderr.contains(path), "\(run.stderr)")
            #expect(!run.stderr.contains("nonexistent-stride-data") && !run.stdout.contains("Epoch"),
                    "the --save problem comes first, before data is even looked for:\n\(run.stdout)\(run.stderr)")
        }
    }
}

/// The dashboard's closing line names a checkpoint only when one was written (issue 16, item 13).
@Suite("Dashboard save report (tmux)", .serialized, .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason))
struct DashboardSaveReportTests {
    @Test func noCheckpointLineWhenEverySaveFailed() throws {
        let directory = NSTemporaryDirectory() + "stride-savefail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) train --model small --limit 512 --epochs 50 --data \(shellQuote(TestData.mnist)) "
                     + "--save \(shellQuote(directory + "/ck.safetensors")); echo EXIT=$?")
        _ = try tmux.waitFor(timeout: 60) { $0.contains("Epoch ") && $0.contains("samples/s") }
        // The folder (checked at start) is replaced by a file: every save now fails.
        try FileManager.default.removeItem(atPath: directory)
        FileManager.default.createFile(atPath: directory, contents: Data("x".utf8))
        let failed = try tmux.waitFor(timeout: 60) { $0.contains("could not save") }
        #expect(failed.contains("could not save"), "\(failed)")
        try tmux.send("q")
        let screen = try tmux.waitFor(timeout: 15) { $0.split(separator: "\n").contains { $0.isStatusLine("EXIT=") } }
        #expect(screen.contains("No checkpoint was written to"), "\(screen)")
        #expect(!screen.contains("Checkpoint: "), "\(screen)")
    }
}

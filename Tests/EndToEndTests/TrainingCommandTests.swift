import TestSupport
import Foundation
import Testing

/// `stride train --headless`, `stride summary` and `stride data` as a user runs them, on a small slice.
@Suite("Training commands")
struct TrainingCommandTests {
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "stride-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
    }

    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func headlessTrainingLogsLikeKerasAndEndsWithJSON() throws {
        let r = try runStride(["train", "--headless", "--model", "small", "--limit", "600", "--epochs", "2",
                               "--data", TestData.mnist, "--seed", "3", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Epoch 1/2"))
        #expect(r.stdout.contains("Epoch 2/2"))
        #expect(r.stdout.contains("10/10 ━━━━━━━━━━━━━━━━━━━━"))
        let last = try #require(r.stdout.split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        for key in ["test_accuracy", "test_loss", "epochs", "train_seconds", "samples_per_second"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["epochs"] as? Int == 2)
        let accuracy = try #require(object["test_accuracy"] as? Double)
        #expect(accuracy > 0.3, "600 images, 2 epochs should beat chance (0.1) clearly: \(accuracy)")
    }

    /// The seed model on the AVX2 kernels (where this CPU has them) and with
    /// `STRIDE_KERNELS=portable` (im2col + OpenBLAS everywhere): the same run to float rounding.
    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func portableAndKernelPathsTrainAlike() throws {
        func run(_ environment: [String: String]) throws -> (loss: Double, accuracy: Double) {
            let r = try runStride(["train", "--headless", "--model", "seed", "--limit", "640", "--epochs", "1",
                                   "--data", TestData.mnist, "--seed", "4", "--json"], environment: environment)
            #expect(r.status == 0, "\(r.stderr)")
            let last = try #require(r.stdout.split(separator: "\n").last)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            return (try #require(object["train_loss"] as? Double), try #require(object["test_accuracy"] as? Double))
        }
        let kernels = try run([:]), portable = try run(["STRIDE_KERNELS": "portable"])
        #expect(abs(kernels.loss - portable.loss) < 1e-3, "train loss \(kernels.loss) vs \(portable.loss)")
        #expect(abs(kernels.accuracy - portable.accuracy) < 0.02, "test accuracy \(kernels.accuracy) vs \(portable.accuracy)")
        #expect(kernels.accuracy > 0.2, "10 batches should already beat chance (0.1): \(kernels.accuracy)")
    }

    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func saveThenResumeContinuesTheEpochCount() throws {
        let checkpoint = Self.temporaryPath("small.safetensors")
        defer { unlink(checkpoint) }
        let first = try runStride(["train", "--headless", "--model", "small", "--limit", "200", "--epochs", "1",
                                   "--data", TestData.mnist, "--save", checkpoint])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: checkpoint))
        let resumed = try runStride(["train", "--headless", "--model", "small", "--limit", "200", "--epochs", "2",
                                     "--data", TestData.mnist, "--resume", checkpoint])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Epoch 2/2"))
        #expect(!resumed.stdout.contains("Epoch 1/2"))

        // Another model cannot resume from it.
        let mismatch = try runStride(["train", "--headless", "--model", "seed", "--limit", "200", "--epochs", "2",
                                      "--data", TestData.mnist, "--resume", checkpoint])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains(checkpoint), "\(mismatch.stderr)")
    }

    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func corruptCheckpointIsAClearError() throws {
        let path = Self.temporaryPath("corrupt.safetensors")
        defer { unlink(path) }
        try Data([1, 2, 3, 4, 5, 6, 7, 8, 9]).write(to: URL(fileURLWithPath: path))
        let r = try runStride(["train", "--headless", "--model", "small", "--limit", "100", "--data", TestData.mnist, "--resume", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains(path))
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test func badModelFileNamesFileAndLine() throws {
        let path = Self.temporaryPath("bad.yaml")
        defer { unlink(path) }
        try "input: [28, 28, 1]\nlayers:\n  - conv2d: {filters: 8, kernel_size: 3}\n  - dense: {units: 10, colour: red}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        for command in [["summary", "--model", path], ["train", "--headless", "--model", path, "--data", TestData.mnist]] {
            let r = try runStride(command)
            #expect(r.status == 2)
            #expect(r.stderr.contains("\(path):4"), "\(r.stderr)")
        }
    }

    @Test func withoutHeadlessItSaysWhatToDo() throws {
        let r = try runStride(["train", "--model", "small", "--data", TestData.mnist])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--headless"))
    }

    /// Even with MNIST in $STRIDE_DATA, a folder named with --data must exist and hold it.
    @Test func aNamedDataFolderMustExistAndHoldTheData() throws {
        let empty = Self.temporaryPath("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let elsewhere = ["STRIDE_DATA": TestData.mnist]
        let missing = try runStride(["train", "--headless", "--model", "small", "--limit", "100", "--data", "/nonexistent"], environment: elsewhere)
        #expect(missing.status == 2 && missing.stderr == "stride: --data /nonexistent: no such directory\n", "\(missing.stderr)")
        #expect(missing.stdout.isEmpty, "\(missing.stdout)")
        let wrong = try runStride(["train", "--headless", "--model", "small", "--limit", "100", "--data", empty], environment: elsewhere)
        #expect(wrong.status == 2 && wrong.stderr.contains("--data \(empty) holds no MNIST files"), "\(wrong.stderr)")
        let file = try runStride(["train", "--headless", "--model", "small", "--data", StrideBinary.path], environment: elsewhere)
        #expect(file.status == 2 && file.stderr.contains("--data \(StrideBinary.path): not a directory"), "\(file.stderr)")
        let report = try runStride(["data", "--data", "/nonexistent"], environment: elsewhere)
        #expect(report.status == 0 && report.stdout.hasPrefix("--data /nonexistent: no such directory"), "\(report.stdout)")
        let draw = try runStride(["draw", "--yes", "--data", "/nonexistent"],
                                 environment: ["HOME": empty, "XDG_CACHE_HOME": empty + "/cache"].merging(elsewhere) { $1 })
        #expect(draw.status == 2 && draw.stderr.contains("--data /nonexistent: no such directory"), "\(draw.stderr)")
        #expect(!FileManager.default.fileExists(atPath: empty + "/cache/stride/checkpoints"), "nothing trained")
    }

    /// Resuming a checkpoint that already holds the epochs asked for trains nothing, says so,
    /// and reports the checkpoint's own test figures (evaluated again, not zeros).
    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func resumingAFinishedRunReportsTheCheckpointsRealFigures() throws {
        let checkpoint = Self.temporaryPath("done.safetensors"), copy = Self.temporaryPath("copy.safetensors")
        defer { unlink(checkpoint); unlink(copy) }
        let common = ["train", "--headless", "--model", "small", "--limit", "256", "--data", TestData.mnist]
        let first = try runStride(common + ["--epochs", "1", "--save", checkpoint])
        #expect(first.status == 0 && first.stdout.contains("Data: 256 training and 256 test images of MNIST from \(TestData.mnist)"), "\(first.stdout)")
        let trained = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("Test accuracy:") })
        #expect(trained != "Test accuracy: 0.0000 - test loss: 0.0000")
        let again = try runStride(common + ["--epochs", "1", "--resume", checkpoint])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Nothing to train: the checkpoint holds 1 epoch and --epochs asks for 1 in all."), "\(again.stdout)")
        #expect(again.stdout.contains(String(trained)), "the same test figures as when it was saved:\n\(again.stdout)")
        #expect(!again.stdout.contains("ms/step"), "nothing trained:\n\(again.stdout)")
        // --json: the test figures, no training figures (null, not 0); --save writes the restored model.
        let json = try runStride(common + ["--epochs", "1", "--resume", checkpoint, "--json", "--save", copy])
        #expect(json.status == 0, "\(json.stderr)")
        let last = try #require(json.stdout.split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect(object["epochs"] as? Int == 1)
        #expect(object["train_accuracy"] is NSNull && object["train_loss"] is NSNull, "\(last)")
        let accuracy = try #require(object["test_accuracy"] as? Double), loss = try #require(object["test_loss"] as? Double)
        #expect(String(trained) == "Test accuracy: \(String(format: "%.4f", accuracy)) - test loss: \(String(format: "%.4f", loss))", "\(last)")
        #expect(json.stdout.contains("Saved checkpoint to \(copy)"))
        let fromCopy = try runStride(common + ["--epochs", "1", "--resume", copy])
        #expect(fromCopy.status == 0 && fromCopy.stdout.contains(String(trained)), "\(fromCopy.stdout)\n\(fromCopy.stderr)")
    }

    @Test func summaryMatchesKeras() throws {
        let r = try runStride(["summary", "--model", "seed"])
        #expect(r.status == 0)
        for row in ["│ conv2d (Conv2D)", "(None, 26, 26, 32)", "18,496", "(None, 576)", "650", "Total params: 93,322 (364.54 KB)"] {
            #expect(r.stdout.contains(row), "missing \(row)")
        }
    }

    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func dataReportsWhatWasFound() throws {
        let r = try runStride(["data", "--data", TestData.mnist], environment: ["STRIDE_DATA": ""])
        #expect(r.status == 0)
        #expect(r.stdout.contains(TestData.mnist), "\(r.stdout)")
    }
}

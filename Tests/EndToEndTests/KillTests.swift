import TestSupport
import Foundation
import Testing

/// kill -9 while `stride train --save` writes checkpoints, a hundred times: the file on disk
/// always loads (the old one or the new one), never torn.
@Suite("Checkpoints survive kill -9", .serialized, .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason))
struct KillTests {
    @Test func aHundredKillsNeverLeaveATornCheckpoint() throws {
        let directory = NSTemporaryDirectory() + "stride-kill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpoint = directory + "/ck.safetensors"
        let common = ["--headless", "--model", "small", "--limit", "64", "--data", TestData.mnist]
        let first = try runStride(["train"] + common + ["--epochs", "1", "--save", checkpoint])
        #expect(first.status == 0, "\(first.stderr)")
        var rng = SystemRandomNumberGenerator()
        var epochsSeen = Set<String>()
        let kills = 100
        for round in 0..<kills {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: StrideBinary.path)
            p.arguments = ["train"] + common + ["--epochs", "100000", "--resume", checkpoint, "--save", checkpoint, "--seed", "\(round)"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let before = Self.modified(checkpoint)
            try p.run()
            // Once it has written a new checkpoint it writes one every few hundred ms: kill at
            // a random moment in that rhythm (whatever the machine's load).
            let deadline = Date().addingTimeInterval(30)
            while Self.modified(checkpoint) == before && p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.5, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // The checkpoint must load: resuming with --epochs 1 evaluates it ("Nothing to train").
            let check = try runStride(["train"] + common + ["--epochs", "1", "--resume", checkpoint])
            #expect(check.status == 0, "round \(round): the checkpoint did not load:\n\(check.stderr)")
            if let line = check.stdout.split(separator: "\n").first(where: { $0.hasPrefix("Nothing to train") }) { epochsSeen.insert(String(line)) }
            if check.status != 0 { break }
        }
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0 != "ck.safetensors" }
        print("kill -9: \(kills) kills, every checkpoint loaded; \(epochsSeen.count) different epoch counts seen; \(leftovers.count) orphaned temporary files")
        #expect(epochsSeen.count > 50, "training progressed between kills: \(epochsSeen.count)")
        // A kill between creating and renaming the temporary file leaves it; the next save
        // removes those of dead writers, so at most the last kill's remains.
        #expect(leftovers.count <= 1, "orphaned temporary files: \(leftovers)")
    }

    /// The file's modification time (with nanoseconds), or nil.
    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

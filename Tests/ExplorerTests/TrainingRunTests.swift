import CNN
import Explorer
import Foundation
import ModelFiles
import Terminal
import Testing

/// `TrainingRun` for real, on a tiny synthetic dataset (no MNIST needed): class k is a
/// vertical bar in column 2 + 2k, so the `small` model learns it in one epoch.
@Suite("Training run (background thread)", .serialized)
struct TrainingRunTests {
    static func bars(count: Int, seed: Int) -> Dataset {
        var pixels = [UInt8](repeating: 0, count: count * 784), labels = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let k = (i * 7 + seed) % 10
            labels[i] = UInt8(k)
            for r in 4..<24 { pixels[i * 784 + r * 28 + 2 + 2 * k] = 255; pixels[i * 784 + r * 28 + 3 + 2 * k] = 200 }
        }
        return Dataset(name: "bars", count: count, height: 28, width: 28, pixels: pixels, labels: labels,
                       classNames: (0..<10).map(String.init))
    }

    static func makeRun(epochs: Int = 2, learningRate: Float? = nil, save: String? = nil, train: Int = 640) throws -> TrainingRun {
        let net = try Sequential(spec: try ModelFile.load("small"), seed: 1)
        let policy = save.map { CheckpointPolicy(path: $0, schedule: .everyEpoch) }
            ?? CheckpointPolicy(path: NSTemporaryDirectory() + "stride-run-\(UUID().uuidString).safetensors", schedule: .onRequest)
        var configuration = TrainingSession.Configuration(epochs: epochs, batchSize: 32, seed: 3, checkpoints: policy)
        configuration.snapshotInterval = 0.05
        configuration.confusionImages = 200
        return TrainingRun(session: try TrainingSession(model: net, optimizer: OptimizerKind.rmsprop.make(learningRate: learningRate),
                                                        train: bars(count: train, seed: 0), test: bars(count: 200, seed: 3),
                                                        configuration: configuration))
    }

    /// Drains until the run has ended, folding updates into a dashboard state.
    static func follow(_ run: TrainingRun, info: DashboardInfo, seconds: Double = 120) -> (DashboardState, Int) {
        var state = DashboardState(info: info)
        var drains = 0, maxPending = 0
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            maxPending = max(maxPending, run.inbox.count)
            let ended = run.wait(seconds: 0.02)
            state.apply(contentsOf: run.drain())
            drains += 1
            if ended { state.apply(contentsOf: run.drain()); break }
        }
        return (state, maxPending)
    }

    static let info = DashboardInfo(model: "small", layers: [], parameters: 0, dataset: "bars", classNames: (0..<10).map(String.init),
                                    trainCount: 640, testCount: 200, optimizer: "rmsprop", batchSize: 32, epochs: 2)

    @Test func trainsAndReportsEverythingTheDashboardShows() throws {
        let run = try Self.makeRun()
        run.start()
        let (state, _) = Self.follow(run, info: Self.info)
        guard case .finished(let summary) = state.phase else { Issue.record("phase \(state.phase)"); return }
        #expect(summary.epochs == 2)
        #expect(state.epochs.map(\.epoch) == [1, 2])
        #expect((state.epochs.last?.testAccuracy ?? 0) > 0.9, "bars are easy: \(state.epochs)")
        #expect(state.progress?.batch == 20 && state.progress?.batches == 20 && state.progress?.epoch == 2)
        #expect(state.curve.count >= 20 && state.curve.map(\.step) == state.curve.map(\.step).sorted())
        #expect(state.learningRate == 0.001)
        let snapshot = try #require(state.snapshot)
        #expect(snapshot.predictions.prefix(10).map(\.label) == Array(0..<10), "the first test image of each class")
        #expect(snapshot.predictions.count == 12)
        #expect(snapshot.filters?.kernels.count == 8 && snapshot.filters?.kernelHeight == 3)
        #expect(snapshot.featureMaps.first?.height == 26 && snapshot.featureMaps.first?.maps.count == 8)
        let confusion = try #require(state.confusion)
        #expect(confusion.total == 200)
        #expect(Double(confusion.correct) / 200 == state.epochs.last?.testAccuracy, "the same model, the same 200 images")
    }

    @Test func pauseStopSaveAndLearningRate() throws {
        let path = NSTemporaryDirectory() + "stride-save-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Self.makeRun(epochs: 50, save: nil, train: 3200)
        run.start()
        // Wait for the first progress, then ask for a save and a doubled learning rate.
        let started = Date()
        var state = DashboardState(info: Self.info)
        while state.progress == nil && Date().timeIntervalSince(started) < 30 { state.apply(contentsOf: run.drain()); Thread.sleep(forTimeInterval: 0.01) }
        run.scaleLearningRate(by: 2)
        run.setPaused(true)
        Thread.sleep(forTimeInterval: 0.3)
        state.apply(contentsOf: run.drain())
        let pausedAt = state.progress
        Thread.sleep(forTimeInterval: 0.3)
        state.apply(contentsOf: run.drain())
        #expect(state.phase == .paused)
        #expect(state.progress == pausedAt, "no batch runs while paused")
        run.setPaused(false)
        Thread.sleep(forTimeInterval: 0.2)
        let stopAsked = Date()
        run.stop()
        #expect(run.wait(seconds: 5))
        let stopSeconds = Date().timeIntervalSince(stopAsked)
        state.apply(contentsOf: run.drain())
        #expect(stopSeconds < 1, "stopped within a second: \(stopSeconds) s")
        #expect(state.phase == .stopped)
        #expect(state.learningRate == 0.002)
        #expect(run.summary?.stopped == true)
        _ = path
    }

    @Test func aHugeLearningRateIsReportedAsDiverged() throws {
        let run = try Self.makeRun(epochs: 3, learningRate: 1e6)
        run.start()
        let (state, _) = Self.follow(run, info: Self.info)
        guard case .diverged(let epoch, _, let loss) = state.phase else { Issue.record("phase \(state.phase)"); return }
        #expect(epoch == 1)
        #expect(!loss.isFinite || loss > 100)
    }

    @Test func aRequestedSaveWritesALoadableCheckpoint() throws {
        let run = try Self.makeRun(epochs: 1)
        run.requestSave()
        run.start()
        let (state, _) = Self.follow(run, info: Self.info)
        let notice = try #require(state.notice)
        #expect(notice.hasPrefix("saved (epoch 1, batch 1) to "))
        let path = String(notice.dropFirst("saved (epoch 1, batch 1) to ".count))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let net = try Sequential(spec: try ModelFile.load("small"), seed: 9)
        #expect(try Checkpoint.load(from: path, into: net).epoch == 0)
    }
}

@Suite("Inbox under a flood")
struct InboxFloodTests {
    @Test func aFloodKeepsTheFinalStateAndStaysSmall() async throws {
        let inbox = Inbox<TrainingUpdate>(coalescingKey: { update in
            if case .progress = update { return "progress" }
            return nil
        })
        let posts = 200_000
        let producer = Thread {
            for i in 1...posts {
                inbox.post(.progress(TrainingProgress(epoch: 1, epochs: 1, batch: i, batches: posts, loss: 1, accuracy: 0.5,
                                                      samplesPerSecond: 1, seconds: 1)))
                if i % 1000 == 0 { inbox.post(.curve(step: i, loss: 1, accuracy: 0.5)) }
            }
            inbox.post(.finished(TrainingSummary(epochs: 1, loss: 1, accuracy: 0.5, trainSeconds: 1, samplesPerSecond: 1, stopped: false)))
        }
        producer.start()
        var state = DashboardState(info: DashboardFixture.info)
        var maxPending = 0
        while !state.phase.isOver {
            maxPending = max(maxPending, inbox.count)
            state.apply(contentsOf: inbox.drain())
            try await Task.sleep(for: .milliseconds(1))
        }
        #expect(state.progress?.batch == posts, "the last progress survives coalescing")
        #expect(state.curve.count == posts / 1000, "curve points are never dropped")
        #expect(maxPending <= 1 + posts / 1000 + 1, "pending stays bounded: \(maxPending)")
        print("inbox flood: \(posts) progress posts, at most \(maxPending) pending")
    }
}

extension DashboardState {
    mutating func apply(contentsOf updates: [TrainingUpdate]) { for u in updates { apply(u) } }
}

import Foundation
import ModelFiles
import Synchronization
import Testing
@testable import CNN

/// A tiny synthetic dataset (no MNIST needed): class k is a vertical bar in columns 2 + 2k and
/// 3 + 2k of a 28×28 image, so the `small` model learns it within an epoch or two.
enum Bars {
    static func dataset(count: Int, seed: Int) -> Dataset {
        var pixels = [UInt8](repeating: 0, count: count * 784), labels = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let k = (i * 7 + seed) % 10
            labels[i] = UInt8(k)
            for r in 4..<24 { pixels[i * 784 + r * 28 + 2 + 2 * k] = 255; pixels[i * 784 + r * 28 + 3 + 2 * k] = 200 }
        }
        return Dataset(name: "bars", count: count, height: 28, width: 28, pixels: pixels, labels: labels,
                       classNames: (0..<10).map(String.init))
    }
}

/// Collects a session's events from its training thread.
final class EventLog: Sendable {
    private let list = Mutex<[TrainingSessionEvent]>([])
    var events: [TrainingSessionEvent] { list.withLock { $0 } }
    func append(_ e: TrainingSessionEvent) { list.withLock { $0.append(e) } }

    /// Polls (every 5 ms, up to `seconds`) until an event satisfies `condition`.
    @discardableResult
    func waitFor(seconds: Double = 60, _ condition: (TrainingSessionEvent) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if events.contains(where: condition) { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return false
    }

    var epochs: [EpochResult] { events.compactMap { if case .epoch(let e) = $0 { e } else { nil } } }
    var curve: [CurvePoint] { events.compactMap { if case .curve(let p) = $0 { p } else { nil } } }
    var progressCount: Int { events.filter { if case .progress = $0 { true } else { false } }.count }
}

@Suite("Training session", .serialized)
struct TrainingSessionTests {
    static let train = Bars.dataset(count: 320, seed: 0)
    static let test = Bars.dataset(count: 100, seed: 3)

    static func session(epochs: Int = 2, initialEpoch: Int = 0, model: Sequential? = nil, optimizer: (any Optimizer)? = nil,
                        train: Dataset = train, checkpoints: CheckpointPolicy = .never,
                        every batch: Bool = true) throws -> (TrainingSession, Sequential, any Optimizer) {
        let net = try model ?? Sequential(spec: try ModelFile.load("small"), seed: 1)
        net.threads = 2
        let opt = optimizer ?? RMSprop()
        var c = TrainingSession.Configuration(epochs: epochs, initialEpoch: initialEpoch, batchSize: 32, seed: 3, checkpoints: checkpoints)
        if batch { c.curvePointsPerEpoch = .max }
        c.snapshotInterval = .infinity
        c.confusionImages = 100
        return (try TrainingSession(model: net, optimizer: opt, train: train, test: test, configuration: c), net, opt)
    }

    static func run(_ session: TrainingSession) -> EventLog {
        let log = EventLog()
        session.events { log.append($0) }
        session.start()
        #expect(session.wait(seconds: 120))
        return log
    }

    static func tempPath() -> String { NSTemporaryDirectory() + "stride-session-\(UUID().uuidString).safetensors" }

    @Test func eventsArriveInOrderAndAddUp() throws {
        let (session, _, _) = try Self.session()
        let events = Self.run(session).events
        guard case .started(let rate, 0, 10) = events.first else { Issue.record("first: \(String(describing: events.first))"); return }
        #expect(rate == 0.001)
        guard case .finished(let summary) = events.last else { Issue.record("last: \(String(describing: events.last))"); return }
        #expect(events.filter(\.isFinal).count == 1 && summary.epochs == 2)
        let log = EventLog()
        events.forEach(log.append)
        #expect(log.epochs.map(\.epoch) == [1, 2])
        // Every batch gives a curve point, in order; each epoch's batch losses, weighted by batch
        // size (10 batches of 32), average to the epoch's loss: the per-batch math is exact.
        #expect(log.curve.map(\.step) == Array(1...20))
        for e in log.epochs {
            let batches = log.curve.filter { $0.epoch == e.epoch }
            #expect(batches.map(\.batch) == Array(1...10))
            let mean = batches.map(\.batchLoss).reduce(0, +) / 10
            let accuracy = batches.map(\.batchAccuracy).reduce(0, +) / 10
            #expect(abs(mean - e.loss) < 1e-9 && abs(accuracy - e.accuracy) < 1e-9, "\(mean) vs \(e.loss)")
        }
        // Progress is ordered by (epoch, batch) and comes before its epoch's figures.
        var last = (0, 0)
        for case .progress(let p) in events {
            #expect((p.epoch, p.batch) >= last)
            last = (p.epoch, p.batch)
        }
        let epochIndex = events.firstIndex { if case .epoch = $0 { true } else { false } }!
        let lastProgressOfEpoch1 = events.lastIndex { if case .progress(let p) = $0 { p.epoch == 1 } else { false } }!
        #expect(lastProgressOfEpoch1 < epochIndex)
        // A confusion matrix after each epoch: all 100 test images, its diagonal the test accuracy.
        let matrices = events.compactMap { if case .confusion(let c) = $0 { c } else { nil } }
        #expect(matrices.count == 2 && matrices.allSatisfy { $0.total == 100 })
        #expect(Double(matrices[1].correct) / 100 == log.epochs[1].testAccuracy)
        #expect((log.epochs[1].testAccuracy ?? 0) >= 0.8, "bars are easy: \(log.epochs)")
        // Snapshots: at the start and after each epoch (the timer is off).
        let snapshots = events.compactMap { if case .snapshot(let s) = $0 { s } else { nil } }
        #expect(snapshots.map(\.step) == [0, 10, 20])
        #expect(snapshots[0].predictions.prefix(10).map(\.label) == Array(0..<10), "the first test image of each class")
        #expect(snapshots[0].filters?.kernels.count == 8 && snapshots[0].featureMaps.first?.height == 26)
    }

    @Test func theAsyncStreamEndsWithTheRun() async throws {
        let (session, _, _) = try Self.session(epochs: 1)
        let stream = session.eventStream()
        session.start()
        var kinds: [String] = []
        for await event in stream { kinds.append("\(event)".prefix { $0 != "(" }.description) }
        #expect(kinds.first == "started" && kinds.last == "finished")
        #expect(kinds.filter { $0 == "epoch" }.count == 1)
        // A subscriber after the end gets the final event at once.
        var late: [TrainingSessionEvent] = []
        for await event in session.eventStream() { late.append(event) }
        #expect(late.count == 1 && late[0].isFinal)
    }

    @Test func pauseHoldsTrainingAndStopEndsTheStream() async throws {
        let (session, _, _) = try Self.session(epochs: 500, every: false)
        let stream = session.eventStream()
        let log = EventLog()
        session.events { log.append($0) }
        session.start()
        #expect(log.waitFor { if case .progress = $0 { true } else { false } })
        session.pause()
        #expect(log.waitFor { $0 == .paused(true) })
        let held = log.events.count
        try await Task.sleep(for: .milliseconds(300))
        #expect(log.events.count == held, "nothing happens while paused: \(log.events.suffix(3))")
        let progressWhenPaused = log.progressCount
        session.resume()
        #expect(log.waitFor { $0 == .paused(false) })
        let deadline = Date().addingTimeInterval(30)
        while log.progressCount < progressWhenPaused + 3 && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(log.progressCount >= progressWhenPaused + 3, "training goes on after resume")
        let asked = Date()
        session.stop()
        var final: TrainingSessionEvent?
        for await event in stream { final = event }  // ends: the stream finishes after the final event
        #expect(Date().timeIntervalSince(asked) < 2, "stopped within the current batch")
        guard case .stopped(let summary) = final else { Issue.record("final \(String(describing: final))"); return }
        #expect(summary.stopped && summary.epochs == log.epochs.count, "the summary counts the epochs completed")
        #expect(session.wait(seconds: 5))
    }

    @Test func aLearningRateChangeTakesEffectAtTheNextBatch() throws {
        // The reference: one batch at the default rate, then stop.
        let reference = try Sequential(spec: try ModelFile.load("small"), seed: 1)
        reference.threads = 2
        let control = TrainingControl()
        try reference.fit(train: (Self.train.pixels, Self.train.labels), epochs: 1, batchSize: 32, optimizer: RMSprop(), seed: 3,
                          control: control) { if case .batchEnd(_, 1, _, _, _, _) = $0 { control.stop() } }
        // The session: the same first batch, then a rate so small that nothing moves any more.
        let (session, net, optimizer) = try Self.session(epochs: 1)
        session.setLearningRate(1e-12)
        let log = Self.run(session)
        #expect(log.events.contains(.learningRate(1e-12)) && optimizer.learningRate == 1e-12)
        let moved = zip(net.weights, reference.weights).map { a, b in zip(a.value.values, b.value.values).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 1
        #expect(moved < 1e-6, "weights after 9 more batches at 1e-12 differ from one batch by \(moved)")
        // Without the change the same nine batches move the weights visibly.
        let (plain, plainNet, _) = try Self.session(epochs: 1)
        _ = Self.run(plain)
        let movedPlain = zip(plainNet.weights, reference.weights).map { a, b in zip(a.value.values, b.value.values).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
        #expect(movedPlain > 1e-3)
        // Scaling doubles the rate in use; a bad rate is ignored (and the rate in use reported).
        let (scaled, _, scaledOptimizer) = try Self.session(epochs: 1)
        scaled.scaleLearningRate(by: 2)
        scaled.setLearningRate(.nan)
        let scaledLog = Self.run(scaled)
        #expect(scaledLog.events.filter { if case .learningRate = $0 { true } else { false } } == [.learningRate(0.002), .learningRate(0.002)])
        #expect(scaledOptimizer.learningRate == 0.002)
    }

    @Test func aSavedCheckpointResumesToTheSameFigures() throws {
        let path = Self.tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Two epochs straight…
        let straight = Self.run(try Self.session(epochs: 2).0).epochs
        // …and one epoch saved, then a new model resumed from the file for the second.
        let first = Self.run(try Self.session(epochs: 1, checkpoints: CheckpointPolicy(path: path, schedule: .everyEpoch)).0)
        #expect(first.events.contains(.saved(path: path, epoch: 1, batch: nil, epochsTrained: 1)))
        let other = try Sequential(spec: try ModelFile.load("small"), seed: 99)
        let restored = try Checkpoint.load(from: path, into: other)
        #expect(restored.epoch == 1 && restored.fraction == 0)
        let optimizer = try #require(restored.optimizer)
        let resumed = Self.run(try Self.session(epochs: 2, initialEpoch: 1, model: other, optimizer: optimizer).0).epochs
        #expect(resumed.map(\.epoch) == [2])
        let (a, b) = (straight[1], resumed[0])
        #expect(a.loss == b.loss && a.accuracy == b.accuracy && a.testLoss == b.testLoss && a.testAccuracy == b.testAccuracy,
                "straight \(a) vs resumed \(b)")
    }

    @Test func aMidEpochSaveRecordsTheFractionDone() throws {
        let path = Self.tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (session, _, _) = try Self.session(epochs: 3, checkpoints: CheckpointPolicy(path: path, schedule: .onRequest))
        session.save()  // served after the first batch: 1 of 10
        let log = Self.run(session)
        #expect(log.events.contains(.saved(path: path, epoch: 1, batch: 1, epochsTrained: 0.1)))
        let state = try Checkpoint.load(from: path)
        #expect(state.epoch == 0 && state.epochFraction == 0.1 && state.epochsTrained == 0.1)
        // Stopped mid-epoch with an at-end policy: the file says how far the run got.
        let endPath = Self.tempPath()
        defer { try? FileManager.default.removeItem(atPath: endPath) }
        let (stopped, _, _) = try Self.session(epochs: 3, checkpoints: CheckpointPolicy(path: endPath, schedule: .atEnd))
        let stopLog = EventLog()
        stopped.events { event in
            stopLog.append(event)
            if case .curve(let p) = event, p.step == 14 { stopped.stop() }
        }
        stopped.start()
        #expect(stopped.wait(seconds: 60))
        guard case .saved(endPath, 2, 4, let trained)? = stopLog.events.suffix(2).first, case .stopped? = stopLog.events.last else {
            Issue.record("the run ends with a save, then stopped: \(stopLog.events.suffix(2))"); return
        }
        #expect(abs(trained - 1.4) < 1e-12)
        let end = try Checkpoint.load(from: endPath)
        #expect(end.epoch == 1 && abs(end.epochFraction - 0.4) < 1e-12)
        // Without a path a requested save says so instead of writing anywhere.
        let (nowhere, _, _) = try Self.session(epochs: 1)
        nowhere.save()
        #expect(Self.run(nowhere).events.contains(.saveFailed(path: "", message: "this run has no checkpoint path")))
    }

    /// A run stopped mid-epoch with an on-request policy can still be saved after it ended:
    /// the file records the epochs done (1.4 after 14 of 10-batch epochs), and the weights are
    /// the trained ones. While it runs, or after a divergence, the save is refused.
    @Test func aStoppedRunIsSavedAfterItsEnd() throws {
        let path = Self.tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (session, net, _) = try Self.session(epochs: 3, checkpoints: CheckpointPolicy(path: path, schedule: .onRequest))
        #expect(session.epochsTrained == 0)
        session.events { event in if case .curve(let p) = event, p.step == 14 { session.stop() } }
        session.start()
        #expect(session.wait(seconds: 60))
        #expect(abs(session.epochsTrained - 1.4) < 1e-12)
        #expect(!FileManager.default.fileExists(atPath: path), "nothing was saved while it ran")
        let saved = try session.saveAfterRun()
        #expect(saved.path == path && abs(saved.epochsTrained - 1.4) < 1e-12)
        let state = try Checkpoint.load(from: path)
        #expect(state.epoch == 1 && abs(state.epochFraction - 0.4) < 1e-12)
        let other = try Sequential(spec: try ModelFile.load("small"), seed: 42)
        _ = try Checkpoint.load(from: path, into: other)
        #expect(other.namedParameters.map(\.parameter.value.values) == net.namedParameters.map(\.parameter.value.values))
        // Running: refused.
        let (running, _, _) = try Self.session(epochs: 50, checkpoints: CheckpointPolicy(path: Self.tempPath(), schedule: .onRequest))
        running.start()
        #expect(throws: CNNError.self) { try running.saveAfterRun() }
        running.stop()
        #expect(running.wait(seconds: 60))
    }

    /// Commands from many threads at once, while training runs: every save is served, the run
    /// still ends on `stop` with one final event, and nothing follows it.
    @Test func commandsFromManyThreadsAtOnce() throws {
        let path = Self.tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (session, _, optimizer) = try Self.session(epochs: 200, checkpoints: CheckpointPolicy(path: path, schedule: .onRequest))
        let log = EventLog()
        session.events { log.append($0) }
        session.start()
        #expect(log.waitFor { if case .progress = $0 { true } else { false } })
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            switch i % 4 {
            case 0: session.pause()
            case 1: session.resume()
            case 2: session.scaleLearningRate(by: i % 8 == 2 ? 2 : 0.5)
            default: if i % 40 == 3 { session.save() }
            }
        }
        session.resume()
        #expect(log.waitFor { if case .learningRate = $0 { true } else { false } })
        let savesServed = { log.events.filter { if case .saved = $0 { true } else { false } }.count }
        let deadline = Date().addingTimeInterval(30)
        while savesServed() < 10 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(savesServed() == 10, "every one of the 10 saves asked for is served")
        session.stop()
        #expect(session.wait(seconds: 10))
        let events = log.events
        #expect(events.filter(\.isFinal).count == 1 && events.last?.isFinal == true)
        #expect(optimizer.learningRate == 0.001, "50 doublings and 50 halvings cancel out: \(optimizer.learningRate)")
    }

    /// `snapshots: false` turns every snapshot off, the timed ones included (a slow batch used
    /// to let the timer through).
    @Test func aRunWithoutSnapshotsTakesNone() throws {
        var c = TrainingSession.Configuration(epochs: 1, batchSize: 32)
        (c.snapshots, c.snapshotInterval, c.confusionImages) = (false, 0, 0)
        let net = try Sequential(spec: try ModelFile.load("small"), seed: 1)
        let log = Self.run(try TrainingSession(model: net, optimizer: RMSprop(), train: Self.train, test: Self.test, configuration: c))
        #expect(!log.events.contains { if case .snapshot = $0 { true } else if case .confusion = $0 { true } else { false } })
        #expect(log.epochs.count == 1)
        // The same run with snapshots every batch: one at the start, one per batch, one after the epoch.
        c.snapshots = true
        let shown = Self.run(try TrainingSession(model: net, optimizer: RMSprop(), train: Self.train, test: Self.test, configuration: c))
        #expect(shown.events.filter { if case .snapshot = $0 { true } else { false } }.count == 12)
    }

    @Test func aHugeLearningRateEndsInDivergence() throws {
        let (session, _, _) = try Self.session(epochs: 3, optimizer: RMSprop(learningRate: 1e6))
        let events = Self.run(session).events
        guard case .diverged(let epoch, _, let loss) = events.last else { Issue.record("last \(String(describing: events.last))"); return }
        #expect(epoch == 1 && (!loss.isFinite || loss > 100))
        #expect(session.divergence?.epoch == 1)
    }

    @Test func badDataIsRefusedBeforeAThreadStarts() throws {
        let net = try Sequential(spec: try ModelFile.load("small"), seed: 1)
        let small = Dataset(name: "tiny", count: 1, height: 2, width: 2, pixels: [0, 0, 0, 0], labels: [0], classNames: ["0"])
        #expect(throws: CNNError.shapeMismatch("the model expects [28, 28, 1] inputs but tiny images are [2, 2, 1]")) {
            try TrainingSession(model: net, optimizer: SGD(), train: small, test: Self.test, configuration: .init(epochs: 1))
        }
        #expect(throws: CNNError.invalidArgument("batch size must be ≥ 1, not 0")) {
            try TrainingSession(model: net, optimizer: SGD(), train: Self.train, test: Self.test, configuration: .init(epochs: 1, batchSize: 0))
        }
    }
}

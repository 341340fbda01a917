import TestSupport
import Dispatch
import Testing
@testable import CNN

@Suite("Training", .serialized)
struct TrainingTests {
    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func smallModelLearnsAnMNISTSlice() throws {
        let (train, test) = try loadMNIST(trainLimit: 2000, testLimit: 500)
        let m = try Sequential(spec: Specs.small, seed: 1)
        var events: [TrainingEvent] = []
        let s = try m.fit(train: train, test: test, epochs: 2, batchSize: 32, optimizer: RMSprop(), seed: 1) { events.append($0) }
        #expect(s.epochs == 2 && !s.stopped)
        #expect((s.testAccuracy ?? 0) > 0.80, "test accuracy \(s.testAccuracy ?? 0)")
        #expect(s.accuracy > 0.75)
        let batchEnds = events.filter { if case .batchEnd = $0 { true } else { false } }.count
        #expect(batchEnds == 2 * 63)
        if case .finished(let f) = events.last { #expect(f == s) } else { Issue.record("no .finished event") }
        let e = try m.evaluate(images: test.images, labels: test.labels)
        #expect(abs(e.accuracy - (s.testAccuracy ?? 0)) < 1e-9)
    }

    @Test func sameSeedGivesIdenticalLossTrajectory() throws {
        let images = randomTensor([96, 8, 8, 1], seed: 1, 0, 1).values
        let labels = (0..<96).map { UInt8($0 % 3) }
        let spec = ModelSpec(inputShape: [8, 8, 1], layers: [
            .conv2d(Conv2DSpec(filters: 4, kernelSize: Size2(3), activation: .relu)), .dropout(rate: 0.3), .flatten,
            .dense(DenseSpec(units: 3, activation: .softmax)),
        ])
        func trajectory() throws -> [Double] {
            let m = try Sequential(spec: spec, seed: 11)
            var losses: [Double] = []
            try m.fit(train: (images, labels), epochs: 2, batchSize: 10, optimizer: Adam(), seed: 5) {
                if case .batchEnd(_, _, _, let loss, _, _) = $0 { losses.append(loss) }
            }
            return losses
        }
        let a = try trajectory(), b = try trajectory()
        #expect(a == b && a.count == 20)
        #expect(a.last! < a.first!)
    }

    @Test func controlStopsBetweenBatches() throws {
        let images = randomTensor([40, 4, 4, 1], seed: 1, 0, 1).values
        let labels = [UInt8](repeating: 1, count: 40)
        let m = try Sequential(spec: ModelSpec(inputShape: [4, 4, 1], layers: [.flatten, .dense(DenseSpec(units: 2))]), seed: 0)
        let control = TrainingControl()
        var last: TrainingEvent?
        let s = try m.fit(train: (images, labels), epochs: 3, batchSize: 4, optimizer: SGD(), control: control) { event in
            last = event
            if case .batchEnd(_, 3, _, _, _, _) = event { control.stop() }
        }
        #expect(s.stopped)
        #expect(last == .stopped(epoch: 1, batch: 3))
        control.resume()
        #expect(control.isStopped && !control.isPaused)
    }

    @Test func pauseWaitsForResumeFromAnotherThread() throws {
        let images = randomTensor([20, 4, 4, 1], seed: 1, 0, 1).values
        let labels = [UInt8](repeating: 0, count: 20)
        let m = try Sequential(spec: ModelSpec(inputShape: [4, 4, 1], layers: [.flatten, .dense(DenseSpec(units: 2))]), seed: 0)
        let control = TrainingControl()
        var batches = 0
        let s = try m.fit(train: (images, labels), epochs: 1, batchSize: 4, optimizer: SGD(), control: control) { event in
            guard case .batchEnd(_, let b, _, _, _, _) = event else { return }
            batches += 1
            if b == 2 {
                control.pause()
                #expect(control.isPaused)
                DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { control.resume() }
            }
        }
        #expect(!s.stopped && batches == 5 && !control.isPaused)
    }

    @Test func rejectsBadInput() throws {
        let m = try Sequential(spec: Specs.small, seed: 0)
        #expect(throws: CNNError.self) { try m.fit(train: ([Float]([0, 1]), [0]), epochs: 1, optimizer: SGD()) }
        #expect(throws: CNNError.self) { try m.fit(train: ([Float](repeating: 0, count: 784), [10]), epochs: 1, optimizer: SGD()) }
        #expect(throws: CNNError.self) { try m.fit(train: ([Float](repeating: 0, count: 784), [1]), epochs: 1, batchSize: 0, optimizer: SGD()) }
    }
}

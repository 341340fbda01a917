import Dispatch
import Synchronization
import Testing
@testable import CNN

/// Data-parallel training (`Sequential+DataParallel.swift`): shard gradients add up to the
/// whole batch's, and a fixed seed and shard count give identical runs.
@Suite("Data parallelism")
struct DataParallelTests {
    static let spec = ModelSpec(inputShape: [8, 8, 2], layers: [
        .conv2d(Conv2DSpec(filters: 4, kernelSize: Size2(3), activation: .relu)), .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .flatten, .dense(DenseSpec(units: 6, activation: .relu)), .dense(DenseSpec(units: 3, activation: .softmax)),
    ])

    @Test(arguments: [2, 3])
    func shardGradientsSumToTheWholeBatchGradient(shards: Int) throws {
        let n = 11
        let images = randomTensor([n, 8, 8, 2], seed: 4, 0, 1).values
        let labels = (0..<n).map { UInt8($0 * 7 % 3) }
        let m = try Sequential(spec: Self.spec, seed: 2)
        let indices = Array((0..<n).reversed())[...]
        func gradients(_ k: Int) -> (loss: Double, correct: Int, grads: [[Float]]) {
            let r = images.withUnsafeBufferPointer { img in
                labels.withUnsafeBufferPointer {
                    m.shardedGradients(images: img, indices: indices, labels: $0.baseAddress!, shards: k)
                }
            }
            return (r.loss, r.correct, m.parameters.map(\.gradient.values))
        }
        let one = gradients(1), many = gradients(shards)
        #expect(m.replicas.count == shards - 1)
        #expect(abs(one.loss - many.loss) < 1e-6 && one.correct == many.correct)
        for (a, b) in zip(one.grads, many.grads) { expectClose(a, b, "shards \(shards)") }
        #expect(one.grads.joined().contains { abs($0) > 1e-4 })  // a real gradient, not zeros
    }

    @Test func shardsNeverExceedTheBatch() {
        #expect(Sequential.shardRanges(64, shards: 2) == [0..<32, 32..<64])
        #expect(Sequential.shardRanges(3, shards: 2) == [0..<1, 1..<3])
        #expect(Sequential.shardRanges(1, shards: 4) == [0..<1])
    }

    @Test func twoShardTrainingWithDropoutIsReproducible() throws {
        let images = randomTensor([50, 8, 8, 2], seed: 1, 0, 1).values
        let labels = (0..<50).map { UInt8($0 % 3) }
        var spec = Self.spec
        spec.layers.insert(.dropout(rate: 0.3), at: 3)
        func run() throws -> (losses: [Double], weights: [TensorSnapshot]) {
            let m = try Sequential(spec: spec, seed: 11)
            var losses: [Double] = []
            try m.fit(train: (images, labels), epochs: 2, batchSize: 16, optimizer: RMSprop(), seed: 5, shards: 2) {
                if case .batchEnd(_, _, _, let loss, _, _) = $0 { losses.append(loss) }
            }
            return (losses, m.weights.map(\.value))
        }
        let a = try run(), b = try run()
        #expect(a.losses == b.losses && a.losses.count == 8)
        #expect(a.weights == b.weights)
    }

    @Test func shardedInferenceMatchesOneShard() throws {
        let images = randomTensor([9, 8, 8, 2], seed: 3, 0, 1).values
        let labels = (0..<9).map { UInt8($0 % 3) }
        let m = try Sequential(spec: Self.spec, seed: 1)
        m.threads = 1
        let (p1, e1) = (try m.predict(images: images, batchSize: 4), try m.evaluate(images: images, labels: labels, batchSize: 4))
        m.threads = 2
        let (p2, e2) = (try m.predict(images: images, batchSize: 4), try m.evaluate(images: images, labels: labels, batchSize: 4))
        expectClose(p1, p2, "predict")
        #expect(abs(e1.loss - e2.loss) < 1e-6 && e1.accuracy == e2.accuracy)
    }

    /// One image on a 2-thread model (`stride draw` after each stroke) runs on the model
    /// itself: no replica is built or refreshed, and the output is the one-thread output.
    @Test func oneImageInferenceBuildsNoReplica() throws {
        let image = randomTensor([1, 8, 8, 2], seed: 8, 0, 1).values
        let m = try Sequential(spec: Self.spec, seed: 1)
        m.threads = 1
        let alone = try m.predict(images: image)
        m.threads = 2
        #expect(try m.predict(images: image) == alone)
        _ = try m.evaluate(images: image, labels: [1])
        #expect(m.replicas.isEmpty)
        // Later inference still runs in batches of 64, not of the one image seen so far.
        #expect(m.inferenceBatchSize == 64)
        _ = try m.predict(images: image + image)
        #expect(m.replicas.count == 1)
    }

    /// The thread count is the model's: models with 1 and 2 threads trained at the same time
    /// (as Swift Testing runs suites) each end exactly where they end when trained alone.
    @Test func modelsTrainingAtOnceKeepTheirOwnThreadCounts() throws {
        let images = randomTensor([40, 8, 8, 2], seed: 6, 0, 1).values
        let labels = (0..<40).map { UInt8($0 % 3) }
        @Sendable func run(threads: Int) -> [[Float]] {
            let m = try! Sequential(spec: Self.spec, seed: 3)
            m.threads = threads
            try! m.fit(train: (images, labels), epochs: 2, batchSize: 16, optimizer: RMSprop(), seed: 5)
            return m.parameters.map(\.value.values)
        }
        let alone = [run(threads: 1), run(threads: 2)]
        #expect(alone[0] != alone[1])  // the shard count shows in the last bits, so a mix-up would show
        let results = Mutex<[Int: [[Float]]]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let r = run(threads: 1 + i % 2)
            results.withLock { $0[i] = r }
        }
        for (i, r) in results.withLock({ $0 }) { #expect(r == alone[i % 2], "run \(i) with \(1 + i % 2) thread(s)") }
    }
}

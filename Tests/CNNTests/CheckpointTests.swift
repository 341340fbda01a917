import Foundation
import ModelFiles
import Testing
@testable import CNN

@Suite("Checkpoints", .serialized)
struct CheckpointTests {
    static let spec = ModelSpec(inputShape: [8, 8, 1], layers: [
        .conv2d(Conv2DSpec(filters: 4, kernelSize: Size2(3), activation: .relu)), .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .flatten, .dense(DenseSpec(units: 3, activation: .softmax)),
    ])
    static let data: LabeledImages = (randomTensor([60, 8, 8, 1], seed: 1, 0, 1).values, (0..<60).map { UInt8($0 % 3) })

    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stride-\(UUID().uuidString)-\(name)").path
    }

    @Test func roundTripGivesIdenticalPredictionsAndOptimizerState() throws {
        let m = try Sequential(spec: Self.spec, seed: 3)
        let opt = Adam()
        try m.fit(train: Self.data, epochs: 1, batchSize: 16, optimizer: opt)
        let path = temporaryPath("a.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model: m, optimizer: opt, epoch: 1, to: path)

        let state = try Checkpoint.load(from: path)
        #expect(state.epoch == 1 && state.model.spec == Self.spec)
        #expect(try state.model.predict(images: Self.data.images) == (try m.predict(images: Self.data.images)))
        let restored = try #require(state.optimizer)
        #expect(restored.name == "adam" && restored.iterations == opt.iterations && restored.hyperParameters == opt.hyperParameters)
        #expect(restored.slots.map { $0.map(\.values) } == opt.slots.map { $0.map(\.values) })

        let other = try Sequential(spec: Self.spec, seed: 99)
        let r = try Checkpoint.load(from: path, into: other)
        #expect(r.epoch == 1 && other.weights.map(\.value) == m.weights.map(\.value))
    }

    /// A save part-way through an epoch records the share done; older files (no key) read as 0.
    @Test func theEpochFractionIsRecordedAndChecked() throws {
        let m = try Sequential(spec: Self.spec, seed: 3)
        let path = temporaryPath("f.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model: m, optimizer: SGD(), epoch: 2, fraction: 0.375, to: path)
        let state = try Checkpoint.load(from: path)
        #expect(state.epoch == 2 && state.epochFraction == 0.375 && state.epochsTrained == 2.375)
        #expect(try Checkpoint.load(from: path, into: m).fraction == 0.375)
        #expect(throws: CNNError.invalidArgument("epoch fraction must be in [0, 1), not 1.0")) {
            try Checkpoint.save(model: m, optimizer: nil, epoch: 0, fraction: 1, to: path)
        }
        var file = try SafeTensors(contentsOf: path)
        file.metadata["epoch_fraction"] = nil
        try file.write(to: path)
        #expect(try Checkpoint.load(from: path).epochFraction == 0)
        file.metadata["epoch_fraction"] = "1.5"
        try file.write(to: path)
        #expect(throws: CNNError.badFile(path: path, line: nil, message: "epoch_fraction '1.5' is not a number in [0, 1)")) {
            try Checkpoint.load(from: path)
        }
    }

    @Test func resumingContinuesExactlyLikeAnUninterruptedRun() throws {
        let straight = try Sequential(spec: Self.spec, seed: 5)
        try straight.fit(train: Self.data, epochs: 2, batchSize: 8, optimizer: RMSprop(), seed: 7)

        let first = try Sequential(spec: Self.spec, seed: 5)
        let opt = RMSprop()
        try first.fit(train: Self.data, epochs: 1, batchSize: 8, optimizer: opt, seed: 7)
        let path = temporaryPath("b.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model: first, optimizer: opt, epoch: 1, to: path)
        let state = try Checkpoint.load(from: path)
        try state.model.fit(train: Self.data, epochs: 2, batchSize: 8, optimizer: try #require(state.optimizer), seed: 7,
                            initialEpoch: state.epoch)
        #expect(state.model.weights.map(\.value) == straight.weights.map(\.value))
    }

    @Test func corruptFileIsAClearError() throws {
        let m = try Sequential(spec: Self.spec, seed: 3)
        let path = temporaryPath("c.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model: m, optimizer: SGD(momentum: 0.9), epoch: 0, to: path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 5] ^= 0x40  // a bit in the last tensor's data
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect { try Checkpoint.load(from: path) } throws: { error in
            guard case CNNError.badFile(_, _, let message)? = error as? CNNError else { return false }
            return message.contains("corrupt")
        }
        try Data(bytes.prefix(20)).write(to: URL(fileURLWithPath: path))
        #expect(throws: CNNError.self) { try Checkpoint.load(from: path) }
        #expect(throws: CNNError.self) { try Checkpoint.load(from: path + ".missing") }
    }

    @Test func differentModelIsRejected() throws {
        let m = try Sequential(spec: Self.spec, seed: 3)
        let path = temporaryPath("d.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model: m, optimizer: nil, epoch: 2, to: path)
        let other = try Sequential(spec: Specs.small, seed: 0)
        #expect { try Checkpoint.load(from: path, into: other) } throws: { error in
            guard case CNNError.badFile(_, _, let message)? = error as? CNNError else { return false }
            return message.contains("different model")
        }
        #expect(try Checkpoint.load(from: path).optimizer == nil)
    }
}

import Foundation
import Testing
@testable import CNN

/// Stride against Keras 3, step for step: the seed model from the same initial weights over the
/// same three batches of 32 MNIST images, for RMSprop, Adam and SGD with momentum. Fixtures
/// come from `bench/keras_fixtures.py` (`make keras-fixtures`); TensorFlow is not needed here.
///
/// Tolerances: losses within 1e-5 relative — both compute in float32 and sum in different
/// orders (TensorFlow's convolutions and reductions vs im2col + OpenBLAS), which moves the
/// seventh significant digit (seen: 4e-7). Weights after three steps within 1e-6 absolute at
/// the 99.9th percentile and 1e-5 at most (seen: at most 1.1e-6, Adam): a step is ~1e-3
/// (lr × √10 for RMSprop's first), so any real difference in the math (a wrong epsilon,
/// bias correction, momentum or gradient) shows up hundreds of times larger.
@Suite("Agreement with Keras", .serialized, .enabled(if: KerasFixtures.present, "Keras fixtures not generated"))
struct KerasAgreementTests {
    @Test(arguments: ["rmsprop", "adam", "sgd"]) func sameLossesAndWeightsAsKeras(optimizer name: String) throws {
        let initial = try SafeTensors(contentsOf: KerasFixtures.directory + "/initial.safetensors")
        let expected = try SafeTensors(contentsOf: KerasFixtures.directory + "/\(name).safetensors")
        let net = try Sequential(spec: ModelFile.builtin("seed")!, seed: 0)
        for named in net.namedParameters {
            let entry = try #require(initial[named.name], "fixture has \(named.name)")
            #expect(entry.shape == named.parameter.value.shape, "\(named.name)")
            named.parameter.value.buffer.update(fromContentsOf: entry.values)
        }
        let images = try #require(initial["batch/images"]).values
        let labels = try #require(initial["batch/labels"]).values.map { UInt8($0) }
        let optimizer: any Optimizer = switch name {
        case "rmsprop": RMSprop()
        case "adam": Adam()
        default: SGD(learningRate: 0.01, momentum: 0.9)
        }
        var means: [Double] = []
        try net.fit(train: (images, labels), epochs: 1, batchSize: 32, optimizer: optimizer, shuffle: false, shards: 1) { event in
            if case .batchEnd(_, _, _, let loss, _, _) = event { means.append(loss) }
        }
        // Per-step losses from the running means (equal batches): ℓₖ = k·m̄ₖ − (k−1)·m̄ₖ₋₁.
        let losses = means.indices.map { k in Double(k + 1) * means[k] - Double(k) * (k > 0 ? means[k - 1] : 0) }
        let kerasLosses = try #require(expected["losses"]).values.map(Double.init)
        #expect(losses.count == 3)
        for (ours, theirs) in zip(losses, kerasLosses) {
            #expect(abs(ours - theirs) <= 1e-5 * abs(theirs), "\(name) losses: Stride \(losses), Keras \(kerasLosses)")
        }
        var differences: [Float] = []
        for named in net.namedParameters {
            let theirs = try #require(expected[named.name]).values
            differences += zip(named.parameter.value.values, theirs).map { abs($0 - $1) }
        }
        differences.sort()
        let p999 = differences[Int(Double(differences.count) * 0.999)], worst = differences.last!
        print("keras agreement \(name): losses \(losses.map { String(format: "%.6f", $0) }) vs \(kerasLosses.map { String(format: "%.6f", $0) }); weights |Δ| p99.9 \(p999), max \(worst) over \(differences.count)")
        #expect(p999 <= 1e-6, "\(name): 99.9th percentile weight difference \(p999)")
        #expect(worst <= 1e-5, "\(name): largest weight difference \(worst)")
    }
}

enum KerasFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/keras").path
    static var present: Bool { FileManager.default.fileExists(atPath: directory + "/initial.safetensors") }
}

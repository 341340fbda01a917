import Testing
@testable import CNN

@Suite("Model memory estimate")
struct MemoryEstimateTests {
    /// [4,4,1] → conv 3×3×2 → [2,2,2] → flatten [8] → dense 3, worked by hand:
    /// params 20 + 27 = 47; per sample 16 (input) + 2·8 (conv) + 2·(2·2·3·3·1) (im2col)
    /// + 2·8 (flatten) + 2·3 (dense) = 126 values.
    @Test func aSmallModelWorkedByHand() throws {
        let spec = ModelSpec(inputShape: [4, 4, 1], layers: [
            .conv2d(Conv2DSpec(filters: 2, kernelSize: Size2(3))), .flatten, .dense(DenseSpec(units: 3)),
        ])
        let e = try spec.memoryEstimate(batchSize: 10, optimizerSlots: 2)
        #expect(e.weightBytes == 188 && e.gradientBytes == 188 && e.optimizerBytes == 376)
        #expect(e.activationBytes == 4 * 10 * 126)
        #expect(e.totalBytes == 188 + 188 + 376 + 5040)
        #expect(throws: Never.self) { try e.check(budget: 6000, what: "it") }
        #expect(throws: CNNError.self) { try e.check(budget: 5000, what: "it") }
    }

    /// 16,777,216 units after a flatten of 784: 13 G weights, refused before allocating.
    @Test func aHugeDenseIsRefusedBySequential() {
        let spec = ModelSpec(inputShape: [28, 28, 1], layers: [.flatten, .dense(DenseSpec(units: 16_777_216))])
        #expect(throws: CNNError.self) { _ = try Sequential(spec: spec) }
    }
}

import Testing
@testable import CNN

/// Datasets keep bytes; training on bytes must equal training on the same pixels as floats.
@Suite("Byte pixels")
struct PixelValueTests {
    @Test func bytesScaleExactlyLikeKeras() {
        #expect(UInt8.scaledPixel(0) == 0)
        #expect(UInt8.scaledPixel(255) == 1)
        #expect(UInt8.scaledPixel(51) == Float(51) / 255)
        var out = [Float](repeating: -1, count: 3)
        let bytes: [UInt8] = [0, 128, 255]
        bytes.withUnsafeBufferPointer { UInt8.load($0.baseAddress!, into: &out, count: 3) }
        #expect(out == [0, Float(128) / 255, 1])
    }

    @Test func trainingOnBytesEqualsTrainingOnFloats() throws {
        var rng = SeededGenerator(seed: 5)
        let bytes = (0..<(24 * 36)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let labels = (0..<24).map { UInt8($0 % 3) }
        let spec = ModelSpec(inputShape: [6, 6, 1], layers: [
            .conv2d(Conv2DSpec(filters: 2, kernelSize: Size2(3), activation: .relu)), .flatten,
            .dense(DenseSpec(units: 3, activation: .softmax)),
        ])
        let a = try Sequential(spec: spec, seed: 9), b = try Sequential(spec: spec, seed: 9)
        let sa = try a.fit(train: (bytes, labels), test: (bytes, labels), epochs: 2, batchSize: 8, optimizer: RMSprop(), seed: 1, shards: 2)
        let sb = try b.fit(train: (bytes.map(UInt8.scaledPixel), labels), test: (bytes.map(UInt8.scaledPixel), labels),
                           epochs: 2, batchSize: 8, optimizer: RMSprop(), seed: 1, shards: 2)
        #expect(sa.loss == sb.loss && sa.testLoss == sb.testLoss)
        #expect(a.weights.map(\.value) == b.weights.map(\.value))
        #expect(try a.predict(images: bytes) == (try b.predict(images: bytes.map(UInt8.scaledPixel))))
    }
}

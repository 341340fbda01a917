import Testing
@testable import CNN

@Suite("Sequential model")
struct SequentialTests {
    @Test func seedModelHasKerasParameterCountAndNames() throws {
        let m = try Sequential(spec: Specs.seed, seed: 0)
        let expected = try Specs.seed.totalParams()
        #expect(m.parameterCount == 93_322 && m.parameterCount == expected)
        #expect(m.layers.map(\.name) == ["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2",
                                         "flatten", "dense", "dense_1"])
        #expect(m.layers.map(\.outputShape) == [[26, 26, 32], [13, 13, 32], [11, 11, 64], [5, 5, 64], [3, 3, 64],
                                                [576], [64], [10]])
        #expect(m.namedParameters.map(\.name).prefix(3) == ["conv2d/kernel", "conv2d/bias", "conv2d_1/kernel"])
    }

    @Test("layers agree with the model file's shape inference", arguments: ["seed", "small"])
    func layersAgreeWithShapeInference(name: String) throws {
        let spec = try #require(ModelFile.builtin(name))
        let infos = try spec.layerInfos()
        let m = try Sequential(spec: spec, seed: 0)
        #expect(m.layers.map(\.name) == infos.map(\.name))
        #expect(m.layers.map(\.kind) == infos.map(\.typeName))
        #expect(m.layers.map(\.outputShape) == infos.map(\.outputShape))
        #expect(m.layers.map(\.parameterCount) == infos.map(\.paramCount))
    }

    @Test func sameSeedSameWeightsDifferentSeedDifferent() throws {
        let a = try Sequential(spec: Specs.seed, seed: 7), b = try Sequential(spec: Specs.seed, seed: 7)
        let c = try Sequential(spec: Specs.seed, seed: 8)
        #expect(a.weights.map(\.value) == b.weights.map(\.value))
        #expect(a.weights.map(\.value) != c.weights.map(\.value))
    }

    @Test func predictGivesProbabilities() throws {
        let m = try Sequential(spec: Specs.small, seed: 1)
        let images = randomTensor([5, 28, 28, 1], seed: 2, 0, 1).values
        let p = try m.predict(images: images, batchSize: 2)
        #expect(p.count == 50)
        for n in 0..<5 { #expect(abs(p[(n * 10)..<(n * 10 + 10)].reduce(0, +) - 1) < 1e-5) }
        let acts = try m.activations(image: Array(images.prefix(784)))
        #expect(acts.map(\.output.shape) == [[1, 26, 26, 8], [1, 13, 13, 8], [1, 11, 11, 16], [1, 5, 5, 16], [1, 400], [1, 10]])
        let expected = try Specs.small.totalParams()
        #expect(m.parameterCount == 5_258 && m.parameterCount == expected)
    }

    @Test func badSpecsThrow() {
        let tooSmall = ModelSpec(inputShape: [2, 2, 1], layers: [.conv2d(Conv2DSpec(filters: 1, kernelSize: Size2(3)))])
        #expect(throws: CNNError.self) { try Sequential(spec: tooSmall, seed: 0) }
        let convAfterFlatten = ModelSpec(inputShape: [4, 4, 1], layers: [.flatten, .conv2d(Conv2DSpec(filters: 1, kernelSize: Size2(1)))])
        #expect(throws: CNNError.self) { try Sequential(spec: convAfterFlatten, seed: 0) }
        #expect(throws: CNNError.self) { try Sequential(spec: ModelSpec(inputShape: [4, 4, 1], layers: []), seed: 0) }
    }

    @Test func everyLayerKindBuildsWithKerasNames() throws {
        let spec = ModelSpec(inputShape: [8, 8, 2], layers: [
            .conv2d(Conv2DSpec(filters: 3, kernelSize: Size2(3), padding: .same)), .activation(.relu),
            .averagePooling2d(PoolSpec(poolSize: Size2(2))), .dropout(rate: 0.25), .flatten,
            .dense(DenseSpec(units: 4)), .activation(.softmax),
        ])
        let m = try Sequential(spec: spec, seed: 0)
        #expect(m.layers.map(\.name) == ["conv2d", "activation", "average_pooling2d", "dropout", "flatten", "dense", "activation_1"])
        #expect(m.outputShape == [4])
    }
}

import Testing
@testable import CNN

/// Filters, feature maps, predictions and the confusion matrix against plain-loop references.
@Suite("Model introspection")
struct IntrospectionTests {
    /// conv2d (3 filters 3×3, ReLU) on 6×6×2 inputs, then a dense softmax over 4 classes.
    static let spec = ModelSpec(inputShape: [6, 6, 2], layers: [
        .conv2d(Conv2DSpec(filters: 3, kernelSize: Size2(3), activation: .relu)), .flatten,
        .dense(DenseSpec(units: 4, activation: .softmax)),
    ])

    /// `kernel[y][x][c][f]` by slicing the row-major values along each axis in turn.
    static func nested(_ t: TensorSnapshot) -> [[[[Float]]]] {
        let (kh, kw, c, f) = (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
        return (0..<kh).map { y in (0..<kw).map { x in (0..<c).map { ch in
            let start = ((y * kw + x) * c + ch) * f
            return Array(t.values[start..<(start + f)])
        } } }
    }

    @Test func filtersAreTheKernelsOfOneInputChannel() throws {
        let m = try Sequential(spec: Self.spec, seed: 4)
        #expect(m.convolutionLayerNames == ["conv2d"])
        let kernel = Self.nested(try #require(m.weights.first { $0.name == "conv2d/kernel" }).value)
        for channel in 0..<2 {
            let bank = try m.filters(layer: "conv2d", channel: channel)
            #expect(bank.layer == "conv2d" && bank.kernelHeight == 3 && bank.kernelWidth == 3 && bank.kernels.count == 3)
            for f in 0..<3 {
                let reference = (0..<3).flatMap { y in (0..<3).map { x in kernel[y][x][channel][f] } }
                #expect(bank.kernels[f] == reference, "filter \(f), channel \(channel)")
            }
        }
        #expect(throws: CNNError.invalidArgument("layer 'conv2d' has 2 input channels; there is no channel 2")) {
            try m.filters(layer: "conv2d", channel: 2)
        }
        #expect(throws: CNNError.invalidArgument("layer 'dense' has no convolution kernel")) { try m.filters(layer: "dense") }
        #expect(throws: CNNError.self) { try m.filters(layer: "nope") }
    }

    @Test func featureMapsAreEachLayersOutputChannelByChannel() throws {
        let m = try Sequential(spec: Self.spec, seed: 5)
        let image = randomTensor([6, 6, 2], seed: 6, 0, 1).values
        let maps = try m.featureMaps(image: image)
        #expect(maps.map(\.layer) == ["conv2d"], "flatten and dense outputs are not spatial")
        let conv = maps[0]
        #expect(conv.height == 4 && conv.width == 4 && conv.maps.count == 3)
        let kernel = Self.nested(try #require(m.weights.first { $0.name == "conv2d/kernel" }).value)
        let bias = try #require(m.weights.first { $0.name == "conv2d/bias" }).value.values
        for f in 0..<3 {
            for y in 0..<4 {
                for x in 0..<4 {
                    var sum = bias[f]
                    for i in 0..<3 { for j in 0..<3 { for c in 0..<2 { sum += image[((y + i) * 6 + x + j) * 2 + c] * kernel[i][j][c][f] } } }
                    let got = conv.maps[f][y * 4 + x]
                    #expect(abs(got - max(sum, 0)) < 1e-5, "map \(f) at (\(y), \(x)): \(got) vs \(max(sum, 0))")
                }
            }
        }
    }

    @Test func channelMajorReordersHWC() {
        // 2×2 pixels of 3 channels: value = 10·pixel + channel.
        let hwc: [Float] = [0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32]
        #expect(FeatureMaps.channelMajor(hwc, height: 2, width: 2, channels: 3) == [[0, 10, 20, 30], [1, 11, 21, 31], [2, 12, 22, 32]])
    }

    @Test func confusionMatrixCountsEveryImageOnce() throws {
        let m = try Sequential(spec: Self.spec, seed: 7)
        let n = 57
        let images = randomTensor([n, 6, 6, 2], seed: 8, 0, 1).values
        let labels = (0..<n).map { UInt8(($0 * 5) % 4) }
        let matrix = try m.confusionMatrix(images: images, labels: labels)
        // The reference: arg-max of each row of `predict`, counted in a plain loop.
        let p = try m.predict(images: images)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
        for i in 0..<n {
            var best = 0
            for k in 1..<4 where p[i * 4 + k] > p[i * 4 + best] { best = k }
            counts[Int(labels[i])][best] += 1
        }
        #expect(matrix.counts == counts)
        #expect(matrix.total == n)
        for k in 0..<4 { #expect(matrix.counts[k].reduce(0, +) == labels.filter { $0 == k }.count) }
        let accuracy = try m.evaluate(images: images, labels: labels).accuracy
        #expect(Double(matrix.correct) / Double(n) == accuracy)
    }

    @Test func confusionMatrixByHand() {
        let m = ConfusionMatrix(labels: [0, 0, 1, 2, 2, 2, 7], predicted: [0, 1, 1, 2, 0, 2, 0], classes: 3)
        #expect(m.counts == [[1, 1, 0], [0, 1, 0], [1, 0, 2]], "label 7 is not a class: not counted")
        #expect(m.total == 6 && m.correct == 4)
        let fromProbabilities = ConfusionMatrix(labels: [1, 0], probabilities: [0.1, 0.9, 0.8, 0.2], classes: 2)
        #expect(fromProbabilities.counts == [[1, 0], [0, 1]])
        #expect(argmax([Float.nan, 1, 3, 3][...]) == 2, "NaN never wins; the first of ties does")
    }

    @Test func predictionsGiveTheArgMaxAndItsProbability() throws {
        let m = try Sequential(spec: ModelSpec(inputShape: [2, 2, 1], layers: [.flatten, .dense(DenseSpec(units: 3, activation: .softmax))]), seed: 2)
        let images: [Float] = [0, 1, 0, 1, 1, 0, 0.5, 0.25]
        let out = try m.predictions(images: images, labels: [2, 1], height: 2, width: 2)
        let p = try m.predict(images: images)
        for (i, prediction) in out.enumerated() {
            let row = Array(p[(i * 3)..<(i * 3 + 3)])
            let best = row.firstIndex(of: row.max()!)!
            #expect(prediction.predicted == best && prediction.confidence == Double(row[best]))
            #expect(prediction.pixels == Array(images[(i * 4)..<(i * 4 + 4)]) && prediction.label == [2, 1][i])
        }
    }

    @Test func batchMeansRecoverEachBatchFromRunningMeans() {
        // Batches of 4, 4, 3 samples with these mean losses; fit reports the running means.
        let sizes = [4, 4, 3], losses = [2.0, 1.0, 0.5], accuracies = [0.25, 0.5, 1.0]
        var means = BatchMeans()
        var seen = 0, lossSum = 0.0, correct = 0.0
        for k in 0..<3 {
            seen += sizes[k]; lossSum += losses[k] * Double(sizes[k]); correct += accuracies[k] * Double(sizes[k])
            let own = means.batch(runningLoss: lossSum / Double(seen), runningAccuracy: correct / Double(seen), seen: seen)
            #expect(abs(own.loss - losses[k]) < 1e-12 && abs(own.accuracy - accuracies[k]) < 1e-12, "batch \(k)")
        }
        // A new epoch starts again from its first batch.
        let again = means.batch(runningLoss: 3, runningAccuracy: 0.75, seen: 4)
        #expect(again.loss == 3 && again.accuracy == 0.75)
    }

    @Test func lossSmootherIsAnExponentialMovingAverage() {
        var smoother = LossSmoother(span: 9)  // α = 0.2
        var reference: Double?
        for x in [1.0, 3.0, 2.0, 8.0, 0.0] {
            reference = reference.map { $0 + 0.2 * (x - $0) } ?? x
            let s = smoother.add(loss: x, accuracy: x / 10)
            #expect(abs(s.loss - reference!) < 1e-12 && abs(s.accuracy - reference! / 10) < 1e-12)
        }
        _ = smoother.add(loss: .nan, accuracy: 0)
        #expect(smoother.add(loss: 4, accuracy: 0.5) == (4, 0.5), "a NaN restarts the series")
    }
}

/// Model introspection for dashboards: kernels as grids, every layer's feature maps for one
/// image, predictions with confidence, the confusion matrix. Like inference, not thread-safe
/// with training: call from the training thread (a `TrainingSession` does) or when it is idle.
extension Sequential {
    /// The names of the layers that have a 4-D `kernel` (`[KH, KW, C, F]`: the convolutions), in order.
    public var convolutionLayerNames: [String] {
        layers.filter { l in l.parameters.contains { $0.name == "kernel" && $0.value.shape.count == 4 } }.map(\.name)
    }

    /// Input channel `channel` of layer `layer`'s kernels, one `KH × KW` grid per filter:
    /// `kernels[f][y·KW + x] = kernel[y, x, channel, f]`, the weight at flat index
    /// `((y·KW + x)·C + channel)·F + f`.
    public func filters(layer name: String, channel: Int = 0) throws(CNNError) -> FilterBank {
        guard let layer = layers.first(where: { $0.name == name }) else {
            throw CNNError.invalidArgument("the model has no layer '\(name)' (it has \(layers.map(\.name).joined(separator: ", ")))")
        }
        guard let kernel = layer.parameters.first(where: { $0.name == "kernel" && $0.value.shape.count == 4 })?.value else {
            throw CNNError.invalidArgument("layer '\(name)' has no convolution kernel")
        }
        let s = kernel.shape
        let (kh, kw, channels, count) = (s[0], s[1], s[2], s[3])
        guard (0..<channels).contains(channel) else {
            throw CNNError.invalidArgument("layer '\(name)' has \(channels) input channel\(channels == 1 ? "" : "s"); there is no channel \(channel)")
        }
        let values = kernel.values
        let kernels = (0..<count).map { f in (0..<(kh * kw)).map { p in values[(p * channels + channel) * count + f] } }
        return FilterBank(layer: name, kernelHeight: kh, kernelWidth: kw, kernels: kernels)
    }

    /// Every layer's output for one image (`H·W·C` values) whose per-image shape is spatial
    /// (`[H, W, C]` with `H, W > 1`), reordered to one `H × W` map per channel.
    public func featureMaps(image: [Float]) throws(CNNError) -> [FeatureMaps] {
        try activations(image: image).compactMap { layer, output in
            let shape = output.shape.count == 4 ? Array(output.shape.dropFirst()) : output.shape
            guard shape.count == 3, shape[0] > 1, shape[1] > 1 else { return nil }
            return FeatureMaps(layer: layer, height: shape[0], width: shape[1],
                               maps: FeatureMaps.channelMajor(output.values, height: shape[0], width: shape[1], channels: shape[2]))
        }
    }

    /// The model's answer for each of `count` images (`H·W` grey pixels each, in 0...1):
    /// the arg-max class and its probability.
    public func predictions(images: [Float], labels: [UInt8], height: Int, width: Int) throws(CNNError) -> [DigitPrediction] {
        let count = try sampleCount(images)
        guard labels.count == count else { throw CNNError.shapeMismatch("\(labels.count) labels for \(count) images") }
        let probabilities = try predict(images: images)
        let k = classes, size = height * width
        guard size * count == images.count else { throw CNNError.shapeMismatch("images are not \(height)×\(width)") }
        return (0..<count).map { i in
            let row = probabilities[(i * k)..<((i + 1) * k)]
            let best = argmax(row)
            return DigitPrediction(pixels: Array(images[(i * size)..<((i + 1) * size)]), height: height, width: width,
                                   label: Int(labels[i]), predicted: best, confidence: Double(row[row.startIndex + best]))
        }
    }

    /// The confusion matrix of the model's answers for `images` against `labels`.
    public func confusionMatrix<P: PixelValue>(images: [P], labels: [UInt8]) throws(CNNError) -> ConfusionMatrix {
        let count = try sampleCount(images)
        guard labels.count == count else { throw CNNError.shapeMismatch("\(labels.count) labels for \(count) images") }
        return ConfusionMatrix(labels: labels, probabilities: try predict(images: images), classes: classes)
    }
}

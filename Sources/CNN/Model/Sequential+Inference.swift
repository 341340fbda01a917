/// Inference and read-only views for visualisation. Not thread-safe with training: call
/// from the training thread (e.g. inside `onEvent`) or when training is paused or done.
extension Sequential {
    /// Checks that `images` holds whole samples of the input shape; returns the sample count.
    func sampleCount<P>(_ images: [P]) throws(CNNError) -> Int {
        let size = inputShape.reduce(1, *)
        guard images.count % size == 0 else {
            throw CNNError.shapeMismatch("\(images.count) values is not a whole number of \(inputShape) images")
        }
        return images.count / size
    }

    /// The batch size inference uses when none is given: `max(maxBatch, 64)`, the training
    /// batch size when the model was prepared for 64 or more (so evaluation reuses the training
    /// workspaces). Never less than 64: a model that has only seen one image (`stride draw`)
    /// must not then evaluate thousands of images one at a time.
    var inferenceBatchSize: Int { max(maxBatch, 64) }

    /// The shards inference over `count` images in batches of `batchSize` can use:
    /// `min(threads, count, batchSize)`, at least 1. The splits are those of `threads` shards
    /// (a batch of `n` never has more than `n` shards), but one image (`stride draw` after each
    /// stroke) neither builds a replica nor copies the weights into one.
    func usefulShards(count: Int, batchSize: Int) -> Int { max(1, min(threads, count, batchSize)) }

    /// Outputs `[count × classes]` (probabilities after a final softmax) for `images` (NHWC).
    /// Each batch is split over `threads` shards.
    public func predict<P: PixelValue>(images: [P], batchSize: Int? = nil) throws(CNNError) -> [Float] {
        let batchSize = max(batchSize ?? inferenceBatchSize, 1)
        let count = try sampleCount(images)
        var out = [Float](repeating: 0, count: count * classes)
        let indices = Array(0..<count)
        let models = shardModels(usefulShards(count: count, batchSize: batchSize))
        let classes = self.classes
        images.withUnsafeBufferPointer { img in
            out.withUnsafeMutableBufferPointer { o in
                let outBox = UnsafeSendable(o.baseAddress!)
                for start in stride(from: 0, to: count, by: batchSize) {
                    shardedForward(models, images: img, indices: indices[start..<min(start + batchSize, count)]) { _, model, lo, m in
                        let y = model.layers.last!.output
                        (outBox.value + (start + lo) * classes).update(from: y.data, count: m * classes)
                    }
                }
            }
        }
        return out
    }

    /// Mean sparse categorical cross-entropy and accuracy over `images`/`labels`.
    /// Each batch is split over `threads` shards; per-shard sums are added in shard order.
    public func evaluate<P: PixelValue>(images: [P], labels: [UInt8], batchSize: Int? = nil) throws(CNNError) -> (loss: Double, accuracy: Double) {
        let batchSize = max(batchSize ?? inferenceBatchSize, 1)
        let count = try sampleCount(images)
        guard labels.count == count else { throw CNNError.shapeMismatch("\(labels.count) labels for \(count) images") }
        guard count > 0 else { return (0, 0) }
        try checkLabels(labels)
        var total = 0.0, correct = 0
        let indices = Array(0..<count)
        let models = shardModels(usefulShards(count: count, batchSize: batchSize))
        var partial = [(loss: Double, correct: Int)](repeating: (0, 0), count: models.count)
        let classes = self.classes
        images.withUnsafeBufferPointer { img in
            labels.withUnsafeBufferPointer { lab in
                partial.withUnsafeMutableBufferPointer { part in
                    let (partBox, labBox) = (UnsafeSendable(part), UnsafeSendable(lab.baseAddress!))
                    for start in stride(from: 0, to: count, by: batchSize) {
                        let batch = indices[start..<min(start + batchSize, count)]
                        for i in 0..<part.count { part[i] = (0, 0) }
                        shardedForward(models, images: img, indices: batch) { i, model, lo, m in
                            let r = sparseSoftmaxCrossEntropy(logits: model.lossLogits.data, rows: m, classes: classes,
                                                              labels: labBox.value + start + lo, gradient: nil)
                            partBox.value[i] = (r.loss * Double(m), r.correct)
                        }
                        for p in part { total += p.loss; correct += p.correct }
                    }
                }
            }
        }
        return (total / Double(count), Double(correct) / Double(count))
    }

    func checkLabels(_ labels: [UInt8]) throws(CNNError) {
        if let bad = labels.first(where: { Int($0) >= classes }) {
            throw CNNError.invalidArgument("label \(bad) is out of range for a model with \(classes) outputs")
        }
    }

    /// Every layer's output for one image (`H·W·C` values): feature maps for visualisation.
    public func activations(image: [Float]) throws(CNNError) -> [(layer: String, output: TensorSnapshot)] {
        guard try sampleCount(image) == 1 else { throw CNNError.shapeMismatch("activations needs exactly one image") }
        image.withUnsafeBufferPointer { _ = forward(loadBatch($0, [0][...])) }
        return layers.map { ($0.name, $0.output.snapshot) }
    }

    /// A copy of every parameter, by model-wide name (`conv2d/kernel [KH,KW,C,F]`, …).
    public var weights: [(name: String, value: TensorSnapshot)] {
        namedParameters.map { ($0.name, $0.parameter.value.snapshot) }
    }
}

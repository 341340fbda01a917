import COpenBLAS

/// Data parallelism over `k` shards (the model's `threads`).
///
/// A batch of `n` samples is split into `k' = min(k, n)` contiguous shards
/// `i·n/k' ..< (i+1)·n/k'`. Shard 0 runs on this model, shard `i ≥ 1` on `replicas[i−1]`: a
/// model of the same spec with its own workspaces and gradients, whose weights are copied
/// from this model (`shardModels`) before each step or evaluation. Each shard runs forward and
/// backward through every layer on its own thread, layers serial, OpenBLAS single-threaded.
///
/// Each shard's gradient is that of `(1/n)·Σ_{its samples} CE`, so the batch gradient is the
/// plain sum `g = Σ_i g_i` (= `Σ_i n_i·ḡ_i / n` for shard means `ḡ_i`), added in shard order
/// into this model's gradients: for a fixed `k` the result is reproducible, and it equals the
/// one-shard gradient up to float rounding.
extension Sequential {
    /// The sample ranges of the shards of a batch of `n`.
    static func shardRanges(_ n: Int, shards: Int) -> [Range<Int>] {
        let k = max(1, min(shards, n))
        return (0..<k).map { i in (i * n / k)..<((i + 1) * n / k) }
    }

    /// `[self] + replicas` for `count` shards, replicas created on first use, every replica's
    /// weights overwritten with this model's (93k floats for the seed model: microseconds).
    func shardModels(_ count: Int) -> [Sequential] {
        while replicas.count < count - 1 {
            // The spec was validated when this model was built. The seed only affects weights
            // (overwritten below) and the dropout streams: shard i draws its masks from
            // generators seeded by derive(seed, i), shard 0 from this model's own.
            let shard = UInt64(replicas.count + 1)
            let replica = try! Sequential(spec: spec, seed: SeededGenerator.derive(seed, shard))
            if recorder != nil { replica.recorder = StepRecorder() }
            replicas.append(replica)
        }
        let models = [self] + replicas.prefix(count - 1)
        let mine = parameters
        for replica in models.dropFirst() {
            replica.fusesConvPool = fusesConvPool
            for (p, q) in zip(mine, replica.parameters) { q.value.data.update(from: p.value.data, count: p.value.count) }
        }
        return models
    }

    /// Forward, loss and backward of samples `indices` of `images` over `shards` shards; leaves
    /// the batch gradient (of the mean loss) in this model's parameters.
    /// Returns the batch's mean loss and number of correct predictions.
    func shardedGradients<P: PixelValue>(images: UnsafeBufferPointer<P>, indices: ArraySlice<Int>, labels: UnsafePointer<UInt8>,
                          shards: Int) -> (loss: Double, correct: Int) {
        let n = indices.count
        let ranges = Sequential.shardRanges(n, shards: shards)
        let models = StepRecorder.with(recorder) { timed(.copyWeights) { shardModels(ranges.count) } }
        var results = [(loss: Double, correct: Int)](repeating: (0, 0), count: ranges.count)
        let wallStart = recorder == nil ? 0 : monotonicNanoseconds()
        let (img, lab, first) = (UnsafeSendable(images), UnsafeSendable(labels), indices.startIndex)
        let modelsBox = UnsafeSendable(models)
        results.withUnsafeMutableBufferPointer { out in
            let outBox = UnsafeSendable(out)
            Engine.forEachShard(ranges.count) { i in
                let model = modelsBox.value[i], r = ranges[i]
                StepRecorder.with(model.recorder) {
                    let t0 = model.recorder == nil ? 0 : monotonicNanoseconds()
                    let x = timed(.loadBatch) { model.loadBatch(img.value, indices[(first + r.lowerBound)..<(first + r.upperBound)]) }
                    outBox.value[i] = model.computeGradients(x, labels: lab.value + r.lowerBound, lossRows: n)
                    model.recorder?.busyNanoseconds = monotonicNanoseconds() - t0
                }
            }
        }
        if recorder != nil {
            let wall = monotonicNanoseconds() - wallStart
            for model in models { model.recorder?.addWait(wall: wall) }
        }
        StepRecorder.with(recorder) {
            timed(.reduceGradients) {
                for replica in models.dropFirst() {
                    for (p, q) in zip(parameters, replica.parameters) {
                        cblas_saxpy(Int32(p.gradient.count), 1, q.gradient.data, 1, p.gradient.data, 1)
                    }
                }
            }
        }
        var loss = 0.0, correct = 0
        for (i, r) in ranges.enumerated() {
            loss += results[i].loss * Double(r.count)
            correct += results[i].correct
        }
        return (loss / Double(max(n, 1)), correct)
    }

    /// Runs inference on samples `indices` of `images` over `shards` shards
    /// (models from `shardModels`); `body(i, model, lo, m)` then sees shard `i`'s output for
    /// batch samples `lo ..< lo + m`, on that shard's thread.
    func shardedForward<P: PixelValue>(_ models: [Sequential], images: UnsafeBufferPointer<P>, indices: ArraySlice<Int>,
                        _ body: (Int, Sequential, Int, Int) -> Void) {
        let ranges = Sequential.shardRanges(indices.count, shards: models.count)
        let (img, first, modelsBox) = (UnsafeSendable(images), indices.startIndex, UnsafeSendable(models))
        withoutActuallyEscaping(body) { escaping in
            let bodyBox = UnsafeSendable(escaping)
            Engine.forEachShard(ranges.count) { i in
                let model = modelsBox.value[i], r = ranges[i]
                model.forward(model.loadBatch(img.value, indices[(first + r.lowerBound)..<(first + r.upperBound)]))
                bodyBox.value(i, model, r.lowerBound, r.count)
            }
        }
    }
}

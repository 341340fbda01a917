import CNNKernels
import Foundation

/// Timing probes for `stride-bench` (they need the engine's internals).
public enum Bench {
    private static func seconds(repeats: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return best
    }

    /// GFLOP/s of one `M×K · K×N` sgemm (best of several), on the calling thread's BLAS setting.
    public static func sgemmGFLOPs(m: Int, k: Int, n: Int, transA: Bool = false, transB: Bool = false) -> Double {
        let a = Tensor(shape: [m, k]), b = Tensor(shape: [k, n]), c = Tensor(shape: [m, n])
        for i in 0..<a.count { a[i] = Float(i % 7) * 0.1 }
        for i in 0..<b.count { b[i] = Float(i % 5) * 0.1 }
        let reps = max(3, Int(2e9 / Double(2 * m * k * n)))
        let t = seconds(repeats: min(reps, 50)) {
            sgemm(transA: transA, transB: transB, m: m, n: n, k: k, a: a.data, b: b.data, c: c.data)
        }
        return 2 * Double(m * k * n) / t / 1e9
    }

    /// GFLOP/s of a square `n³` sgemm on `threads` OpenBLAS threads (best of `repeats`): the
    /// machine's FLOP limit as the bench states it.
    public static func squareSGEMMGFLOPs(n: Int = 2048, threads: Int, repeats: Int = 6) -> Double {
        Engine.withThreads(threads) {
            let a = Tensor(shape: [n, n]), c = Tensor(shape: [n, n])
            for i in 0..<a.count { a[i] = Float(i % 7) * 0.1 }
            let t = seconds(repeats: repeats) { Engine.withBLASThreads { sgemm(m: n, n: n, k: n, a: a.data, b: a.data, c: c.data) } }
            return 2 * Double(n * n * n) / t / 1e9
        }
    }

    /// Floating-point operations of one sample through `spec`: forward, and a training step
    /// (forward + `dW` + `dx`, no `dx` for the first layer), counting the multiply-adds of
    /// convolutions and dense layers (2 per multiply-add; activations and pooling not counted).
    public static func flopsPerSample(spec: ModelSpec) -> (forward: Double, training: Double) {
        guard let model = try? Sequential(spec: spec, seed: 0) else { return (0, 0) }
        var forward = 0.0, training = 0.0
        for (index, layer) in model.layers.enumerated() {
            let f: Double
            if let conv = layer as? Conv2D {
                f = 2 * Double(conv.shape.p * conv.shape.k * conv.shape.f)
            } else if let dense = layer as? Dense {
                f = 2 * Double(dense.inputShape.reduce(1, *) * dense.outputShape.last!)
            } else { continue }
            forward += f
            training += f * (index == 0 ? 2 : 3)
        }
        return (forward, training)
    }

    /// Trains a model of `spec` on `train` for `warmUp` then `batches` batches of `batchSize`
    /// (RMSprop) on `threads` shards, profiling only the latter: where the step's time goes.
    public static func profileTraining(spec: ModelSpec, train: Labeled<UInt8>, batchSize: Int = 64, warmUp: Int = 20,
                                       batches: Int, threads: Int) -> StepProfileReport {
        let model = try! Sequential(spec: spec, seed: 1)
        model.threads = threads
        let opt = RMSprop()
        let size = spec.inputShape.reduce(1, *)
        func slice(_ first: Int, _ count: Int) -> Labeled<UInt8> {
            let lo = first % max(1, train.labels.count - count)
            return (Array(train.images[(lo * size)..<((lo + count) * size)]), Array(train.labels[lo..<(lo + count)]))
        }
        _ = try? model.fit(train: slice(0, warmUp * batchSize), epochs: 1, batchSize: batchSize, optimizer: opt, seed: 1)
        model.profiling = true
        _ = try? model.fit(train: slice(warmUp * batchSize, batches * batchSize), epochs: 1, batchSize: batchSize,
                           optimizer: opt, seed: 2)
        return model.stepProfile
    }

    /// For each `Conv2D` of a model built from `spec`: forward and backward GFLOP/s on a batch
    /// of `batch` random inputs (backward counts `dW` and, except for the first layer, `dx`).
    public static func convLayers(spec: ModelSpec, batch: Int) -> [(name: String, forward: Double, backward: Double)] {
        guard let model = try? Sequential(spec: spec, seed: 0) else { return [] }
        model.prepare(maxBatch: batch)
        var x = Tensor(shape: [batch] + spec.inputShape)
        var rng = SeededGenerator(seed: 3)
        for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
        var results: [(String, Double, Double)] = []
        for (index, layer) in model.layers.enumerated() {
            let y = layer.forward(x, training: true)
            if let conv = layer as? Conv2D {
                let s = conv.shape
                let flops = 2 * Double(batch * s.p * s.k * s.f)
                let tf = seconds(repeats: 5) { _ = conv.forward(x, training: true) }
                let dy = Tensor(shape: y.shape)
                for i in 0..<dy.count { dy[i] = rng.uniform(-1, 1) }
                let tb = seconds(repeats: 5) { _ = conv.backward(dy, preActivation: false, needInputGradient: index > 0) }
                results.append((conv.name, flops / tf / 1e9, (index > 0 ? 2 : 1) * flops / tb / 1e9))
            }
            let next = Tensor(shape: y.shape)
            next.copy(from: y)
            x = next
        }
        return results
    }

    /// Milliseconds per forward and backward of every layer of `spec` on a batch of `batch`,
    /// plus one RMSprop update (as layer `optimizer`).
    public static func layerTimes(spec: ModelSpec, batch: Int) -> [(name: String, forward: Double, backward: Double)] {
        guard let model = try? Sequential(spec: spec, seed: 0) else { return [] }
        model.prepare(maxBatch: batch)
        var rng = SeededGenerator(seed: 3)
        var x = Tensor(shape: [batch] + spec.inputShape)
        for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
        var rows: [(String, Double, Double)] = []
        for (index, layer) in model.layers.enumerated() {
            let input = x
            let tf = seconds(repeats: 5) { _ = layer.forward(input, training: true) }
            let y = layer.forward(input, training: true)
            let dy = Tensor(shape: y.shape)
            for i in 0..<dy.count { dy[i] = rng.uniform(-1, 1) }
            let tb = seconds(repeats: 5) { _ = layer.backward(dy, preActivation: false, needInputGradient: index > 0) }
            rows.append((layer.name, tf * 1e3, tb * 1e3))
            x = Tensor(shape: y.shape)
            x.copy(from: y)
        }
        let opt = RMSprop()
        let params = model.parameters
        let tu = seconds(repeats: 5) { opt.update(params) }
        rows.append(("optimizer", 0, tu * 1e3))
        return rows
    }
}

extension Bench {
    /// GFLOP/s (1 thread) of the AVX2 convolution kernels alone on a conv of `spec`'s layer
    /// `layer` over `batch` samples: forward (with bias and ReLU, as in training), `dW`, `dx`
    /// (best of several), or nil where the kernels do not apply.
    public static func kernelGFLOPs(spec: ModelSpec, layer index: Int, batch: Int) -> (forward: Double, weights: Double, input: Double?)? {
        guard let model = try? Sequential(spec: spec, seed: 0), let conv = model.layers[index] as? Conv2D else { return nil }
        let plan = Conv2DPlan(conv.shape, maxBatch: batch)
        guard let g = plan.kernelGeometry else { return nil }
        let s = conv.shape
        var rng = SeededGenerator(seed: 1)
        let x = Tensor(shape: [batch * s.inputSize]), y = Tensor(shape: [batch * s.outputSize])
        let dx = Tensor(shape: [batch * s.inputSize]), dW = Tensor(shape: [s.k * s.f])
        let packed = Tensor(shape: [s.k * s.f]), packedT = Tensor(shape: [s.k * s.f])
        for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
        for i in 0..<y.count { y[i] = rng.uniform(-1, 1) }
        ConvKernels.packForward(g, w: conv.kernel.value.data, into: packed.data)
        let flops = 2 * Double(batch * s.p * s.k * s.f)
        let tf = seconds(repeats: 20) {
            ConvKernels.forward(g, x: x.data, n: batch, packed: packed.data, bias: conv.bias?.value.data, relu: true, y: y.data)
        }
        let tw = seconds(repeats: 20) { ConvKernels.weightGradient(g, x: x.data, dz: y.data, n: batch, dW: dW.data) }
        var ti: Double?
        if plan.kernelInputGradient {
            ConvKernels.packInputGradient(g, w: conv.kernel.value.data, into: packedT.data)
            ti = seconds(repeats: 20) { ConvKernels.inputGradient(g, dz: y.data, n: batch, packed: packedT.data, dx: dx.data) }
        }
        return (flops / tf / 1e9, flops / tw / 1e9, ti.map { flops / $0 / 1e9 })
    }
}

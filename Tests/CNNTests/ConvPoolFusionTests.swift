import Testing
@testable import CNN

/// The training forward that runs a ReLU conv and the 2×2 max pooling after it as one pass
/// (`Conv2D.forwardThroughMaxPool`, `ConvKernels.forwardMaxPool`): the same pooled values and
/// arg-max indices as the conv then the pooling, bit for bit, so training is unchanged.
@Suite("Conv and max pooling fused")
struct ConvPoolFusionTests {
    struct Case: CustomStringConvertible, Sendable {
        let n, h, w, c, k, f, stride, dilation: Int
        var description: String { "n=\(n) \(h)×\(w)×\(c) k=\(k) f=\(f) s=\(stride) d=\(dilation)" }
    }

    /// The seed's two conv–pool pairs (26×26 even, 11×11 odd: its last row and column are in no
    /// window), a rectangular map with odd rows, a strided and a dilated conv, one sample past
    /// another (samples laid out one after another).
    static let cases: [Case] = [
        Case(n: 3, h: 28, w: 28, c: 1, k: 3, f: 32, stride: 1, dilation: 1),
        Case(n: 2, h: 13, w: 13, c: 32, k: 3, f: 64, stride: 1, dilation: 1),
        Case(n: 4, h: 9, w: 12, c: 8, k: 3, f: 16, stride: 1, dilation: 1),
        Case(n: 2, h: 11, w: 11, c: 16, k: 3, f: 32, stride: 2, dilation: 1),
        Case(n: 2, h: 12, w: 10, c: 4, k: 3, f: 16, stride: 1, dilation: 2),
    ]

    static func layers(_ t: Case) throws -> (Conv2D, Pooling2D) {
        var rng = SeededGenerator(seed: 9)
        let conv = try Conv2D(name: "conv2d", spec: Conv2DSpec(filters: t.f, kernelSize: Size2(t.k), strides: Size2(t.stride),
                                                              dilation: Size2(t.dilation), activation: .relu),
                              inputShape: [t.h, t.w, t.c], rng: &rng)
        for i in 0..<t.f { conv.bias!.value[i] = Float(i % 5) * 0.1 - 0.2 }  // some filters mostly off after the ReLU
        let pool = try Pooling2D(name: "max_pooling2d", kind: .max, spec: PoolSpec(poolSize: Size2(2)), inputShape: conv.outputShape)
        return (conv, pool)
    }

    @Test(.enabled(if: KernelSupport.available, "this CPU has no AVX2 + FMA3: the fused pass never runs"), arguments: cases)
    func theFusedPassEqualsConvThenPoolBitForBit(_ t: Case) throws {
        let (conv, pool) = try Self.layers(t)
        let x = randomTensor([t.n, t.h, t.w, t.c], seed: 1)
        let apart = pool.forward(conv.forward(x, training: true), training: true).values
        let apartIndices = Array(UnsafeBufferPointer(start: pool.fusedOutput(n: t.n).argmax, count: apart.count))
        #expect(apart.contains { $0 > 0.1 } && apart.contains { $0 == 0 }, "ReLU both ways in \(t)")

        let fused = try #require(conv.forwardThroughMaxPool(x, pool: pool), "\(t) must run fused")
        #expect(fused.shape == [t.n] + pool.outputShape)
        #expect(fused.values == apart, "pooled values of \(t)")
        let fusedIndices = Array(UnsafeBufferPointer(start: pool.fusedOutput(n: t.n).argmax, count: apart.count))
        #expect(fusedIndices == apartIndices, "arg-max indices of \(t)")
    }

    @Test func pairsThatCannotFuseRunApart() throws {
        var rng = SeededGenerator(seed: 1)
        // Linear activation, average pooling, 3×3 pooling, 8 filters (no kernels): never fused.
        let linear = try Conv2D(name: "c", spec: Conv2DSpec(filters: 16, kernelSize: Size2(3)), inputShape: [8, 8, 4], rng: &rng)
        let relu8 = try Conv2D(name: "c", spec: Conv2DSpec(filters: 8, kernelSize: Size2(3), activation: .relu),
                               inputShape: [8, 8, 4], rng: &rng)
        let relu16 = try Conv2D(name: "c", spec: Conv2DSpec(filters: 16, kernelSize: Size2(3), activation: .relu),
                                inputShape: [8, 8, 4], rng: &rng)
        let max2 = { (c: Int) in try Pooling2D(name: "p", kind: .max, spec: PoolSpec(poolSize: Size2(2)), inputShape: [6, 6, c]) }
        let average = try Pooling2D(name: "p", kind: .average, spec: PoolSpec(poolSize: Size2(2)), inputShape: [6, 6, 16])
        let max3 = try Pooling2D(name: "p", kind: .max, spec: PoolSpec(poolSize: Size2(3)), inputShape: [6, 6, 16])
        let x = randomTensor([2, 8, 8, 4], seed: 2)
        #expect(linear.forwardThroughMaxPool(x, pool: try max2(16)) == nil)
        #expect(relu8.forwardThroughMaxPool(x, pool: try max2(8)) == nil)
        #expect(relu16.forwardThroughMaxPool(x, pool: average) == nil)
        #expect(relu16.forwardThroughMaxPool(x, pool: max3) == nil)
    }

    /// The first layer's backward through its pooling in one pass: the same `db` to the bit
    /// (column sums in the same row order) and the same `dW` up to float rounding (summed band
    /// by band instead of in 384-pixel chunks), against the pooling's backward then the conv's.
    @Test(.enabled(if: KernelSupport.available, "this CPU has no AVX2 + FMA3: the fused pass never runs"), arguments: cases)
    func theFusedBackwardEqualsPoolThenConv(_ t: Case) throws {
        let (conv, pool) = try Self.layers(t)
        let x = randomTensor([t.n, t.h, t.w, t.c], seed: 1)
        _ = try #require(conv.forwardThroughMaxPool(x, pool: pool))
        let dy = randomTensor([t.n] + pool.outputShape, seed: 2)
        let dz = try #require(pool.backward(dy, throughReLU: true, needInputGradient: true))
        _ = conv.backward(dz, preActivation: true, needInputGradient: false)
        let (dW, db) = (conv.kernel.gradient.values, conv.bias!.gradient.values)
        #expect(dW.contains { abs($0) > 1e-3 } && db.contains { abs($0) > 1e-3 }, "real gradients for \(t)")

        #expect(conv.backwardThroughMaxPool(dy, pool: pool))
        #expect(conv.bias!.gradient.values == db, "db of \(t)")
        expectClose(conv.kernel.gradient.values, dW, rtol: 1e-4, atol: 1e-5, "dW of \(t)")
        let once = conv.kernel.gradient.values
        #expect(conv.backwardThroughMaxPool(dy, pool: pool))
        #expect(conv.kernel.gradient.values == once, "the same bits again")
    }

    /// One step's gradients of the seed model with and without the fused passes, on 1 and 2
    /// shards: the same up to float rounding (only the first conv's `dW` is summed in
    /// another order); and with them, the same bits run after run.
    @Test(arguments: [1, 2])
    func trainingGradientsAreTheSameWithAndWithoutFusion(threads: Int) throws {
        let n = 32
        let images = randomTensor([n, 28, 28, 1], seed: 3, 0, 1).values
        let labels = (0..<n).map { UInt8($0 * 7 % 10) }
        func gradients(fused: Bool) throws -> [[Float]] {
            let model = try Sequential(spec: ModelFile.builtin("seed")!, seed: 5)
            model.fusesConvPool = fused
            _ = images.withUnsafeBufferPointer { img in
                labels.withUnsafeBufferPointer {
                    model.shardedGradients(images: img, indices: Array(0..<n)[...], labels: $0.baseAddress!, shards: threads)
                }
            }
            return model.parameters.map(\.gradient.values)
        }
        let fused = try gradients(fused: true), again = try gradients(fused: true), apart = try gradients(fused: false)
        #expect(fused == again)
        for (index, (a, b)) in zip(fused, apart).enumerated() { expectClose(a, b, rtol: 1e-4, atol: 1e-6, "parameter \(index)") }
        #expect(fused[0].contains { abs($0) > 1e-4 }, "the first conv gets a real gradient")
        // Past the first conv, the fused forward changes nothing at all.
        #expect(Array(fused.dropFirst()) == Array(apart.dropFirst()))
    }

    /// Training runs with the fused passes reach the same loss as without them.
    @Test func trainingWithFusionMatchesWithout() throws {
        let n = 48
        let images = randomTensor([n, 28, 28, 1], seed: 3, 0, 1).values
        let labels = (0..<n).map { UInt8($0 * 7 % 10) }
        func train(fused: Bool) throws -> Double {
            let model = try Sequential(spec: ModelFile.builtin("seed")!, seed: 5)
            model.fusesConvPool = fused
            return try model.fit(train: (images, labels), epochs: 2, batchSize: 16, optimizer: RMSprop(), seed: 1).loss
        }
        let fused = try train(fused: true), apart = try train(fused: false)
        #expect(abs(fused - apart) < 1e-4 * max(1, abs(apart)), "loss \(fused) vs \(apart)")
    }
}

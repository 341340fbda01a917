import Testing
@testable import CNN

@Suite("Pooling")
struct PoolTests {
    func layer(_ kind: Pooling2D.Kind, _ spec: PoolSpec, _ shape: [Int]) throws -> Pooling2D {
        try Pooling2D(name: "pool", kind: kind, spec: spec, inputShape: shape)
    }

    @Test func maxPoolHandWorked() throws {
        // A 2×2 max pool over 0..<16 gives [5, 7, 13, 15].
        let x = Tensor(shape: [1, 4, 4, 1], values: (0..<16).map(Float.init))
        let p = try layer(.max, PoolSpec(poolSize: Size2(2)), [4, 4, 1])
        #expect(p.forward(x, training: false).values == [5, 7, 13, 15])
        let a = try layer(.average, PoolSpec(poolSize: Size2(2)), [4, 4, 1])
        #expect(a.forward(x, training: false).values == [2.5, 4.5, 10.5, 12.5])
        let dx = p.backward(Tensor(shape: [1, 2, 2, 1], values: [1, 2, 3, 4]), needInputGradient: true)!
        #expect(dx[5] == 1 && dx[7] == 2 && dx[13] == 3 && dx[15] == 4 && dx.values.reduce(0, +) == 10)
    }

    @Test("fast matches the plain loop", arguments: [Padding.valid, .same, .explicit(1)])
    func sweep(padding: Padding) throws {
        for (pool, stride) in [(Size2(2), nil), (Size2(3), Size2(2)), (Size2(2, 3), Size2(1))] as [(Size2, Size2?)] {
          for c in [3, 8] {  // 8: the four-channel SIMD path
            let x = randomTensor([2, 7, 5, c], seed: 4)
            let spec = PoolSpec(poolSize: pool, strides: stride, padding: padding)
            for kind in [Pooling2D.Kind.max, .average] {
                let fast = try layer(kind, spec, [7, 5, c]).forward(x, training: false)
                let ref = try pool2dReference(input: x, poolSize: pool, strides: stride, padding: padding, max: kind == .max)
                #expect(fast.shape == ref.shape)
                expectClose(fast.values, ref.values, "\(kind) \(pool) \(String(describing: stride)) \(padding) c=\(c)")
            }
          }
        }
    }

    @Test("gradients match finite differences", arguments: [Padding.valid, .same])
    func gradients(padding: Padding) throws {
        let spec = PoolSpec(poolSize: Size2(2), strides: Size2(1, 2), padding: padding)
        checkLayerGradients(try layer(.max, spec, [5, 5, 2]), input: randomTensor([2, 5, 5, 2], seed: 11), eps: 1e-3)
        checkLayerGradients(try layer(.max, spec, [5, 5, 4]), input: randomTensor([2, 5, 5, 4], seed: 13), eps: 1e-3)
        checkLayerGradients(try layer(.average, spec, [5, 5, 2]), input: randomTensor([2, 5, 5, 2], seed: 12), eps: 1e-2)
    }

    /// The AVX2 2×2 max pooling (`PoolKernels`) against the plain reference and the portable
    /// path: same maxima, same arg-max (the first maximum in window order, so ties are drawn
    /// from 3 levels), same gradients; odd sizes leave a row and column no window covers.
    @Test(.enabled(if: KernelSupport.available, "this CPU has no AVX2"),
          arguments: [[3, 7, 5, 8], [2, 26, 26, 32], [4, 6, 6, 16], [1, 11, 13, 64]])
    func avx2MaxPoolMatchesThePortablePath(_ dims: [Int]) throws {
        let (n, h, w, c) = (dims[0], dims[1], dims[2], dims[3])
        var rng = SeededGenerator(seed: 21)
        let x = Tensor(shape: dims, values: (0..<(n * h * w * c)).map { _ in Float(Int.random(in: 0..<3, using: &rng)) })
        let g = try poolGeometry(h: h, w: w, poolSize: Size2(2), strides: nil, padding: .valid)
        let s = PoolShape(h: h, w: w, c: c, g: g)
        #expect(s.usesKernels)
        let size = n * s.outputSize
        let (y, yp, dx, dxp) = (Tensor(shape: [size]), Tensor(shape: [size]), Tensor(shape: dims), Tensor(shape: dims))
        let (a, ap) = (UnsafeMutablePointer<Int32>.allocate(capacity: size), UnsafeMutablePointer<Int32>.allocate(capacity: size))
        defer { a.deallocate(); ap.deallocate() }
        maxPoolForward(s, x: x.data, n: n, y: y.data, argmax: a)
        maxPoolForwardPortable(s, x: x.data, n: n, y: yp.data, argmax: ap)
        let ref = try pool2dReference(input: x, poolSize: Size2(2), padding: .valid, max: true)
        #expect(y.values == ref.values && y.values == yp.values)
        #expect(Array(UnsafeBufferPointer(start: a, count: size)) == Array(UnsafeBufferPointer(start: ap, count: size)))
        dx.fill(7); dxp.fill(-7)  // both must overwrite every element
        let dy = randomTensor([size], seed: 22)
        maxPoolBackward(s, dy: dy.data, n: n, argmax: a, dx: dx.data)
        maxPoolBackwardPortable(s, dy: dy.data, n: n, argmax: ap, dx: dxp.data)
        #expect(dx.values == dxp.values)
        #expect(abs(dx.values.reduce(0, +) - dy.values.reduce(0, +)) < 1e-3)
    }

    @Test(.enabled(if: KernelSupport.available, "this CPU has no AVX2"))
    func avx2MaxPoolGradientsMatchFiniteDifferences() throws {
        checkLayerGradients(try layer(.max, PoolSpec(poolSize: Size2(2)), [4, 6, 8]), input: randomTensor([2, 4, 6, 8], seed: 23), eps: 1e-3)
    }
}

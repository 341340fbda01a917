import Testing
@testable import CNN

/// The AVX2 implicit-GEMM kernels (`CNNKernels`) against the plain-loop reference, and the
/// portable path (im2col + OpenBLAS) they replace where they apply.
@Suite("AVX2 convolution kernels")
struct ConvKernelTests {
    struct Case: CustomStringConvertible, Sendable {
        let n, h, w, c, kh, kw, f, stride, dilation: Int
        var description: String { "n=\(n) \(h)×\(w)×\(c) k=\(kh)×\(kw) f=\(f) s=\(stride) d=\(dilation)" }
    }

    /// The seed model's three convs (conv1 also past `ConvKernels.slabPixels`), and odd shapes: 1×1 and 1×3 kernels, strides, dilations,
    /// pixel counts that are not multiples of the 6-row tile, tap runs shorter than 16 (no
    /// kernel `dx`) and a multiple of 16.
    static let cases: [Case] = [
        Case(n: 3, h: 28, w: 28, c: 1, kh: 3, kw: 3, f: 32, stride: 1, dilation: 1),
        Case(n: 6, h: 28, w: 28, c: 1, kh: 3, kw: 3, f: 32, stride: 1, dilation: 1),  // 4,056 pixels: two offset slabs
        Case(n: 2, h: 13, w: 13, c: 32, kh: 3, kw: 3, f: 64, stride: 1, dilation: 1),
        Case(n: 5, h: 5, w: 5, c: 64, kh: 3, kw: 3, f: 64, stride: 1, dilation: 1),
        Case(n: 2, h: 9, w: 7, c: 16, kh: 1, kw: 1, f: 16, stride: 1, dilation: 1),
        Case(n: 3, h: 8, w: 9, c: 16, kh: 1, kw: 3, f: 32, stride: 2, dilation: 1),
        Case(n: 2, h: 11, w: 10, c: 16, kh: 3, kw: 2, f: 16, stride: 1, dilation: 2),
        Case(n: 1, h: 7, w: 7, c: 3, kh: 2, kw: 2, f: 48, stride: 2, dilation: 1),
        Case(n: 7, h: 6, w: 6, c: 8, kh: 3, kw: 3, f: 16, stride: 1, dilation: 1),
    ]

    static func shape(_ t: Case) throws -> ConvShape {
        let o = Conv2DOptions(strides: Size2(t.stride, t.stride), dilation: Size2(t.dilation), padding: .valid)
        let g = try o.geometry(inputRows: t.h, inputCols: t.w, kernelRows: t.kh, kernelCols: t.kw)
        return ConvShape(h: t.h, w: t.w, c: t.c, kh: t.kh, kw: t.kw, f: t.f, g: g)
    }

    @Test(.enabled(if: KernelSupport.available, "this CPU has no AVX2 + FMA3: the kernels are never used"),
          arguments: cases)
    func kernelsMatchTheReference(_ t: Case) throws {
        let s = try Self.shape(t)
        let o = Conv2DOptions(strides: Size2(t.stride, t.stride), dilation: Size2(t.dilation), padding: .valid)
        let x = randomTensor([t.n, t.h, t.w, t.c], seed: 1), w = randomTensor([t.kh, t.kw, t.c, t.f], seed: 2)
        let b = randomTensor([t.f], seed: 3)
        let plan = Conv2DPlan(s, maxBatch: t.n, useKernels: true)
        #expect(plan.usesKernels, "the kernels must apply to \(t)")
        #expect(plan.kernelInputGradient == ((t.dilation == 1 ? t.kw * t.c : t.c) % 16 == 0))

        // Forward with bias and ReLU fused, against the reference followed by ReLU.
        let y = Tensor(shape: [t.n, s.oh, s.ow, t.f])
        plan.forward(x: x.data, n: t.n, w: w.data, bias: b.data, activation: .relu, y: y.data)
        let ref = try conv2dReference(input: x, kernel: w, bias: b, options: o).values.map { max($0, 0) }
        expectClose(y.values, ref, "forward \(t)")
        #expect(y.values.contains { $0 > 0.1 } && y.values.contains { $0 == 0 })

        // Backward (linear: dy is ∂L/∂z) against the reference gradients.
        let dy = randomTensor([t.n, s.oh, s.ow, t.f], seed: 4)
        let (dx, dW, db) = (Tensor(shape: x.shape), Tensor(shape: w.shape), Tensor(shape: [t.f]))
        plan.backward(x: x.data, dy: dy.data, y: y.data, activation: .linear, dz: nil, n: t.n, w: w.data,
                      dW: dW.data, dB: db.data, dx: dx.data)
        let r = try conv2dReferenceBackward(input: x, kernel: w, dOutput: dy, options: o)
        expectClose(dW.values, r.dKernel.values, "dW \(t)")
        expectClose(db.values, r.dBias.values, "db \(t)")
        expectClose(dx.values, r.dInput.values, "dx \(t)")
    }

    @Test(.enabled(if: KernelSupport.available, "this CPU has no AVX2 + FMA3"), arguments: cases)
    func kernelsAgreeWithThePortablePathAndAreReproducible(_ t: Case) throws {
        let s = try Self.shape(t)
        let x = randomTensor([t.n, t.h, t.w, t.c], seed: 5), w = randomTensor([t.kh, t.kw, t.c, t.f], seed: 6)
        let dy = randomTensor([t.n, s.oh, s.ow, t.f], seed: 7)
        func run(kernels: Bool) -> [[Float]] {
            let plan = Conv2DPlan(s, maxBatch: t.n, useKernels: kernels)
            let y = Tensor(shape: [t.n, s.oh, s.ow, t.f]), dz = Tensor(shape: [t.n, s.oh, s.ow, t.f])
            let (dx, dW, db) = (Tensor(shape: x.shape), Tensor(shape: w.shape), Tensor(shape: [t.f]))
            plan.forward(x: x.data, n: t.n, w: w.data, bias: nil, activation: .relu, y: y.data)
            plan.backward(x: x.data, dy: dy.data, y: y.data, activation: .relu, dz: dz.data, n: t.n, w: w.data,
                          dW: dW.data, dB: db.data, dx: dx.data)
            return [y.values, dW.values, db.values, dx.values]
        }
        let fast = run(kernels: true), again = run(kernels: true), portable = run(kernels: false)
        #expect(fast == again, "same inputs, same bits")
        // Both sum up to n·P = 2,028 products per dW entry in different orders: float rounding
        // differs by up to ~1e-5 where the sum nearly cancels, hence the absolute tolerance.
        for (i, name) in ["y", "dW", "db", "dx"].enumerated() { expectClose(fast[i], portable[i], atol: 1e-4, "\(name) \(t)") }
    }

    @Test func paddedOrNarrowConvsKeepThePortablePath() throws {
        let same = try Conv2DOptions(padding: .same).geometry(inputRows: 8, inputCols: 8, kernelRows: 3, kernelCols: 3)
        #expect(Conv2DPlan(ConvShape(h: 8, w: 8, c: 16, kh: 3, kw: 3, f: 16, g: same), maxBatch: 2).usesKernels == false)
        let valid = try Conv2DOptions().geometry(inputRows: 8, inputCols: 8, kernelRows: 3, kernelCols: 3)
        #expect(Conv2DPlan(ConvShape(h: 8, w: 8, c: 16, kh: 3, kw: 3, f: 8, g: valid), maxBatch: 2).usesKernels == false)
        #expect(Conv2DPlan(ConvShape(h: 8, w: 8, c: 16, kh: 3, kw: 3, f: 16, g: valid), maxBatch: 2, useKernels: false).usesKernels == false)
    }
}

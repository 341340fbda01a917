import Testing
@testable import CNN

@Suite("NHWC conv2d: fast path vs plain loops, gradients")
struct Conv2DTests {
    static let paddings: [Padding] = [.valid, .same, .full, .explicit(1), .explicit(2)]

    @Test func handWorkedSingleChannel() throws {
        // 3×3 input 1…9, 2×2 kernel [[1, 0], [0, −1]], valid: y = x[i,j] − x[i+1,j+1] = −4 everywhere.
        let x = Tensor(shape: [1, 3, 3, 1], values: (1...9).map(Float.init))
        let w = Tensor(shape: [2, 2, 1, 1], values: [1, 0, 0, -1])
        #expect(try conv2dReference(input: x, kernel: w).values == [-4, -4, -4, -4])
        #expect(try conv2dForward(input: x, kernel: w).values == [-4, -4, -4, -4])
        // convolve flips the kernel: y = −x[i,j] + x[i+1,j+1] = +4.
        let o = Conv2DOptions(mode: .convolve)
        #expect(try conv2dReference(input: x, kernel: w, options: o).values == [4, 4, 4, 4])
        #expect(try conv2dForward(input: x, kernel: w, options: o).values == [4, 4, 4, 4])
    }

    @Test("fast forward and backward match the reference", arguments: paddings)
    func sweep(padding: Padding) throws {
        var seed: UInt64 = 1
        // c = 4 with a 3×3 kernel gives K ≥ 32: the whole-batch GEMM path.
        for (c, f) in [(1, 2), (3, 4), (4, 5)] { for stride in [1, 2] { for dilation in [1, 2] { for mode in ConvMode.allCases {
            for (kh, kw) in [(3, 3), (2, 3)] {
                seed += 1
                let o = Conv2DOptions(strides: Size2(stride, stride), dilation: Size2(dilation), padding: padding, mode: mode)
                let x = randomTensor([2, 7, 6, c], seed: seed), w = randomTensor([kh, kw, c, f], seed: seed + 100)
                let b = randomTensor([f], seed: seed + 200)
                let label = "c=\(c) f=\(f) s=\(stride) d=\(dilation) \(mode) \(padding) k=\(kh)×\(kw)"
                let ref = try conv2dReference(input: x, kernel: w, bias: b, options: o)
                let fast = try conv2dForward(input: x, kernel: w, bias: b, options: o)
                #expect(fast.shape == ref.shape, "\(label)")
                expectClose(fast.values, ref.values, label)
                let dy = randomTensor(ref.shape, seed: seed + 300)
                let r = try conv2dReferenceBackward(input: x, kernel: w, dOutput: dy, options: o)
                let q = try conv2dBackward(input: x, kernel: w, dOutput: dy, options: o)
                expectClose(q.dInput.values, r.dInput.values, "dx \(label)")
                expectClose(q.dKernel.values, r.dKernel.values, "dW \(label)")
                expectClose(q.dBias.values, r.dBias.values, "db \(label)")
            }
        } } } }
    }

    @Test("reference backward matches finite differences", arguments: [ConvMode.correlate, .convolve])
    func referenceGradient(mode: ConvMode) throws {
        let o = Conv2DOptions(strides: Size2(2, 1), dilation: Size2(1, 2), padding: .same, mode: mode)
        let x = randomTensor([1, 5, 6, 2], seed: 7), w = randomTensor([3, 2, 2, 3], seed: 8)
        let y = try conv2dReference(input: x, kernel: w, options: o)
        let r = randomTensor(y.shape, seed: 9)
        func loss() -> Double {
            let out = try! conv2dReference(input: x, kernel: w, options: o)
            return (0..<out.count).reduce(0) { $0 + Double(out[$1]) * Double(r[$1]) }
        }
        let g = try conv2dReferenceBackward(input: x, kernel: w, dOutput: r, options: o)
        for i in stride(from: 0, to: x.count, by: 3) {
            #expect(abs(numericDerivative(x, i, eps: 1e-2, loss) - Double(g.dInput[i])) < 1e-3)
        }
        for i in 0..<w.count {
            #expect(abs(numericDerivative(w, i, eps: 1e-2, loss) - Double(g.dKernel[i])) < 1e-3)
        }
    }

    @Test func threadChunksGiveTheSameResultAsOneThread() throws {
        for c in [3, 4] {  // chunked and whole-batch GEMM paths
            let x = randomTensor([5, 9, 9, c], seed: 1), w = randomTensor([3, 3, c, 4], seed: 2)
            let one = try Engine.withThreads(1) { try conv2dForward(input: x, kernel: w) }
            let two = try Engine.withThreads(2) { try conv2dForward(input: x, kernel: w) }
            expectClose(one.values, two.values, "c=\(c)")
        }
    }

    @Test func rejectsMismatchedChannels() {
        #expect(throws: CNNError.self) {
            try conv2dForward(input: Tensor(shape: [1, 4, 4, 2]), kernel: Tensor(shape: [3, 3, 3, 1]))
        }
        #expect(throws: CNNError.self) {
            try conv2dReference(input: Tensor(shape: [1, 2, 2, 1]), kernel: Tensor(shape: [3, 3, 1, 1]))
        }
    }
}

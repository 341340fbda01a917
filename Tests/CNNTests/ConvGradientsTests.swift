import CNN
import Foundation
import Testing

/// The single-channel backward (`conv2dGradients`, the training code), its step-by-step trace
/// (`ConvBackwardTrace`) and the transposed convolution, against brute-force references
/// written from the definitions, finite differences and Keras fixtures.
@Suite("Convolution gradients")
struct ConvGradientsTests {
    /// One problem: input, kernel, upstream of the forward output's shape, and options.
    struct Case: CustomStringConvertible, Sendable {
        let n: (Int, Int), k: (Int, Int), padding: Padding, stride: Int, dilation: Int
        var description: String { "x \(n.0)×\(n.1) w \(k.0)×\(k.1) p \(padding) s \(stride) d \(dilation)" }
    }

    static let cases: [Case] = [
        Case(n: (4, 4), k: (3, 3), padding: .valid, stride: 1, dilation: 1),
        Case(n: (5, 5), k: (3, 3), padding: .valid, stride: 2, dilation: 1),
        Case(n: (6, 5), k: (2, 3), padding: .valid, stride: 2, dilation: 1),
        Case(n: (5, 6), k: (3, 2), padding: .same, stride: 2, dilation: 1),
        Case(n: (4, 4), k: (3, 3), padding: .same, stride: 1, dilation: 1),
        Case(n: (4, 4), k: (2, 2), padding: .same, stride: 1, dilation: 1),
        Case(n: (3, 4), k: (3, 3), padding: .full, stride: 1, dilation: 1),
        Case(n: (4, 3), k: (2, 2), padding: .full, stride: 2, dilation: 1),
        Case(n: (4, 4), k: (3, 3), padding: .explicit(1), stride: 3, dilation: 1),
        Case(n: (3, 3), k: (2, 2), padding: .explicit(4), stride: 2, dilation: 1),  // pads beyond k − 1: stuffed cells cropped
        Case(n: (1, 1), k: (1, 1), padding: .explicit(4), stride: 8, dilation: 1),   // no tap ever lands on the one input cell: ∂L/∂x = 0
        Case(n: (7, 7), k: (3, 3), padding: .valid, stride: 2, dilation: 2),
        Case(n: (6, 7), k: (2, 3), padding: .same, stride: 3, dilation: 2),
        Case(n: (8, 8), k: (3, 3), padding: .valid, stride: 3, dilation: 1),       // one row and column never reached
    ]

    /// Deterministic small integers (exact in Float) for a `rows×cols` matrix.
    static func values(_ rows: Int, _ cols: Int, seed: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, values: (0..<(rows * cols)).map { Float(((($0 + 1) * 7 + seed * 13) % 9) - 4) })
    }

    static func problem(_ c: Case) throws -> (x: Matrix, w: Matrix, g: Matrix) {
        let x = values(c.n.0, c.n.1, seed: 1), w = values(c.k.0, c.k.1, seed: 2)
        let geometry = try ConvTrace.geometry(input: x, kernel: w, padding: c.padding, stride: c.stride, dilation: c.dilation)
        return (x, w, values(geometry.outputRows, geometry.outputCols, seed: 3))
    }

    /// The gradients from the definition: every product `x[r, c]·w[u, v]` that fed `y[i, j]`
    /// sends `g[i, j]·w[u, v]` to `dx[r, c]` and `g[i, j]·x[r, c]` to `dw[u, v]`.
    static func bruteForce(_ c: Case, _ x: Matrix, _ w: Matrix, _ g: Matrix) throws -> (dx: [Double], dw: [Double], db: Double) {
        let geometry = try ConvTrace.geometry(input: x, kernel: w, padding: c.padding, stride: c.stride, dilation: c.dilation)
        var dx = [Double](repeating: 0, count: x.values.count), dw = [Double](repeating: 0, count: w.values.count), db = 0.0
        for i in 0..<g.rows { for j in 0..<g.cols {
            db += Double(g[i, j])
            for u in 0..<w.rows { for v in 0..<w.cols {
                let r = i * c.stride + u * c.dilation - geometry.rows.padBefore
                let q = j * c.stride + v * c.dilation - geometry.cols.padBefore
                guard r >= 0, r < x.rows, q >= 0, q < x.cols else { continue }
                dx[r * x.cols + q] += Double(g[i, j]) * Double(w[u, v])
                dw[u * w.cols + v] += Double(g[i, j]) * Double(x[r, q])
            } }
        } }
        return (dx, dw, db)
    }

    @Test(arguments: cases)
    func trainingBackwardMatchesTheDefinition(c: Case) throws {
        let (x, w, g) = try Self.problem(c)
        let grads = try conv2dGradients(input: x, kernel: w, upstream: g, padding: c.padding, stride: c.stride, dilation: c.dilation)
        let reference = try Self.bruteForce(c, x, w, g)
        #expect(grads.input.values.map(Double.init) == reference.dx, "\(c)")
        #expect(grads.kernel.values.map(Double.init) == reference.dw, "\(c)")
        #expect(Double(grads.bias) == reference.db, "\(c)")
        #expect(grads.input.rows == x.rows && grads.input.cols == x.cols && grads.kernel.rows == w.rows && grads.kernel.cols == w.cols)
    }

    @Test(arguments: cases)
    func theTracesAreTheGradientsAsConvolutions(c: Case) throws {
        let (x, w, g) = try Self.problem(c)
        let trace = try ConvBackwardTrace(input: x, kernel: w, upstream: g, padding: c.padding, stride: c.stride, dilation: c.dilation)
        let grads = try conv2dGradients(input: x, kernel: w, upstream: g, padding: c.padding, stride: c.stride, dilation: c.dilation)
        #expect(trace.inputGradientMatrix == grads.input, "\(c)")
        #expect(trace.kernelGradientMatrix == grads.kernel, "\(c)")
        #expect(trace.biasGradient == grads.bias)
        // ∂L/∂x is a true convolution of the stuffed upstream with w; ∂L/∂w a cross-correlation with ∂L/∂y.
        #expect(trace.inputGradient.mode == .convolve && trace.inputGradient.kernel == w)
        #expect(trace.inputGradient.geometry.rows.stride == 1 && trace.inputGradient.geometry.rows.dilation == c.dilation)
        #expect(trace.kernelGradient.mode == .correlate && trace.kernelGradient.kernel == g)
        #expect(trace.kernelGradient.geometry.rows.dilation == c.stride && trace.kernelGradient.geometry.rows.stride == c.dilation)
        #expect(trace.stuffed.rows == (g.rows - 1) * c.stride + 1 && trace.stuffed.cols == (g.cols - 1) * c.stride + 1)
        // Every step's products add up to its result.
        for step in trace.inputGradient.steps + trace.kernelGradient.steps {
            #expect(step.terms.map(\.product).reduce(0, +) == step.result)
        }
    }

    @Test func validStrideOneIsPaddedByKMinusOne() throws {
        let (x, w, g) = try Self.problem(Self.cases[0])
        let trace = try ConvBackwardTrace(input: x, kernel: w, upstream: g)
        let rows = trace.inputGradient.geometry.rows
        #expect(rows.padBefore == 2 && rows.padAfter == 2 && rows.inputSize == 2 && rows.outputSize == 4)
        #expect(trace.stuffed == g)
    }

    @Test func strideTwoStuffsZeros() throws {
        let g = Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4])
        let stuffed = ConvBackwardTrace.stuffed(g, stride: 2)
        #expect(stuffed == Matrix(rows: 3, cols: 3, values: [1, 0, 2, 0, 0, 0, 3, 0, 4]))
        let trace = try ConvBackwardTrace(input: Self.values(5, 5, seed: 1), kernel: Self.values(3, 3, seed: 2), upstream: g, stride: 2)
        #expect(trace.isStuffedZero(row: 1, col: 0) && trace.isStuffedZero(row: 0, col: 1) && !trace.isStuffedZero(row: 2, col: 2))
    }

    @Test(arguments: cases)
    func finiteDifferencesAgree(c: Case) throws {
        let (x, w, g) = try Self.problem(c)
        let grads = try conv2dGradients(input: x, kernel: w, upstream: g, padding: c.padding, stride: c.stride, dilation: c.dilation)
        for (r, q) in [(0, 0), (x.rows - 1, x.cols - 1), (x.rows / 2, x.cols / 2)] {
            let fd = try FiniteDifference(cell: .input(row: r, col: q), h: 0.01, input: x, kernel: w, upstream: g,
                                          padding: c.padding, stride: c.stride, dilation: c.dilation)
            #expect(abs(fd.estimate - Double(grads.input[r, q])) < 0.02, "\(c) x[\(r),\(q)]: \(fd.estimate) vs \(grads.input[r, q])")
        }
        for (u, v) in [(0, 0), (w.rows - 1, w.cols - 1)] {
            let fd = try FiniteDifference(cell: .kernel(row: u, col: v), h: 0.01, input: x, kernel: w, upstream: g,
                                          padding: c.padding, stride: c.stride, dilation: c.dilation)
            #expect(abs(fd.estimate - Double(grads.kernel[u, v])) < 0.02, "\(c) w[\(u),\(v)]: \(fd.estimate) vs \(grads.kernel[u, v])")
        }
    }

    @Test func refusesAnUpstreamOfTheWrongShape() throws {
        let x = Self.values(4, 4, seed: 1), w = Self.values(3, 3, seed: 2)
        #expect(throws: CNNError.self) { try conv2dGradients(input: x, kernel: w, upstream: Matrix(rows: 3, cols: 3)) }
        #expect(throws: CNNError.self) { try ConvBackwardTrace(input: x, kernel: w, upstream: Matrix(rows: 2, cols: 3)) }
        #expect(throws: CNNError.self) {
            try FiniteDifference(cell: .input(row: 4, col: 0), input: x, kernel: w, upstream: Matrix(rows: 2, cols: 2))
        }
        do {
            _ = try conv2dGradients(input: x, kernel: w, upstream: Matrix(rows: 3, cols: 1))
        } catch {
            #expect(error.description.contains("2×2") && error.description.contains("3×1"), "\(error)")
        }
    }
}

@Suite("Transposed convolution")
struct TransposedConvTests {
    /// From the definition: each input cell adds `x·w` with its top-left at `(i·s, j·s)` on a
    /// canvas of `(n−1)s + max(k, s)` cells, which `same` crops to `n·s` starting at `floor(max(k − s, 0)/2)`.
    static func scatter(_ x: Matrix, _ w: Matrix, stride s: Int, same: Bool) -> Matrix {
        let canvas = (rows: (x.rows - 1) * s + max(w.rows, s), cols: (x.cols - 1) * s + max(w.cols, s))
        var full = [Double](repeating: 0, count: canvas.rows * canvas.cols)
        for i in 0..<x.rows { for j in 0..<x.cols { for u in 0..<w.rows { for v in 0..<w.cols {
            full[(i * s + u) * canvas.cols + j * s + v] += Double(x[i, j]) * Double(w[u, v])
        } } } }
        guard same else { return Matrix(rows: canvas.rows, cols: canvas.cols, values: full.map { Float($0) }) }
        let top = max(w.rows - s, 0) / 2, left = max(w.cols - s, 0) / 2
        var out = Matrix(rows: x.rows * s, cols: x.cols * s)
        for r in 0..<out.rows { for c in 0..<out.cols { out[r, c] = Float(full[(r + top) * canvas.cols + c + left]) } }
        return out
    }

    static let shapes: [(n: (Int, Int), k: (Int, Int), s: Int)] = [
        ((2, 2), (3, 3), 2), ((3, 3), (3, 3), 1), ((3, 2), (2, 3), 2), ((2, 3), (2, 2), 3), ((3, 3), (4, 4), 3),
        ((2, 2), (5, 5), 2), ((1, 1), (2, 2), 1), ((4, 4), (3, 3), 2), ((2, 4), (3, 1), 4), ((3, 3), (1, 1), 2),
    ]

    @Test func matchesTheScatterDefinition() throws {
        for shape in Self.shapes {
            for padding in TransposedPadding.allCases {
                let x = ConvGradientsTests.values(shape.n.0, shape.n.1, seed: 4)
                let w = ConvGradientsTests.values(shape.k.0, shape.k.1, seed: 5)
                let expected = Self.scatter(x, w, stride: shape.s, same: padding == .same)
                let viaGradient = try transposedConv2d(x, w, stride: shape.s, padding: padding)
                let trace = try TransposedConvTrace(input: x, kernel: w, stride: shape.s, padding: padding)
                #expect(viaGradient == expected, "\(shape) \(padding)")
                #expect(trace.output == expected, "\(shape) \(padding)")
                #expect(trace.steps.count == x.rows * x.cols)
                let cropped = trace.steps.flatMap(\.terms).filter(\.isCropped).count
                #expect(padding == .same || cropped == 0, "valid never crops")
            }
        }
    }

    @Test func outputSizesFollowKeras() throws {
        // valid: (n − 1)·s + k, or (n − 1)·s + s when k < s; same: n·s.
        #expect(try TransposedAxis(input: 2, kernel: 3, stride: 2, padding: .valid).outputSize == 5)
        #expect(try TransposedAxis(input: 3, kernel: 2, stride: 3, padding: .valid).outputSize == 9)
        #expect(try TransposedAxis(input: 2, kernel: 3, stride: 2, padding: .same).outputSize == 4)
        #expect(try TransposedAxis(input: 2, kernel: 5, stride: 2, padding: .same).cropBefore == 1)
        #expect(try TransposedAxis(input: 3, kernel: 4, stride: 3, padding: .same).cropBefore == 0)
        #expect(throws: CNNError.self) { try TransposedAxis(input: 2, kernel: 3, stride: 0, padding: .valid) }
        #expect(throws: CNNError.self) { try TransposedPadding(parsing: "full") }
    }

    @Test func isTheInputGradientOfAStridedConvolution() throws {
        // The link the scene teaches, checked numerically: for y = z ⋆ w (stride s, valid) and
        // ∂L/∂y = x, ∂L/∂z is x transposed-convolved with w.
        let x = ConvGradientsTests.values(3, 3, seed: 6), w = ConvGradientsTests.values(3, 3, seed: 7)
        let z = ConvGradientsTests.values(7, 7, seed: 8)
        let grads = try conv2dGradients(input: z, kernel: w, upstream: x, stride: 2)
        let expected = try transposedConv2d(x, w, stride: 2)
        #expect(grads.input == expected)
    }
}

/// Keras 3's Conv2DTranspose outputs and TensorFlow's Conv2D gradients for small integer cases
/// (`scripts/keras_grad_fixtures.py` wrote `Fixtures/keras/grads.json`).
@Suite("Gradients agree with Keras")
struct KerasGradientFixtureTests {
    static let path = KerasFixtures.directory + "/grads.json"

    struct Fixture: Decodable {
        struct TConv: Decodable { let input: [[Float]], kernel: [[Float]], stride: Int, padding: String, output: [[Float]] }
        struct Grad: Decodable {
            let input: [[Float]], kernel: [[Float]], upstream: [[Float]], stride: Int, padding: String, dilation: Int
            let dx: [[Float]], dw: [[Float]], db: Float
        }
        let keras: String
        let conv2d_transpose: [TConv]
        let conv2d_gradients: [Grad]
    }

    static func load() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func transposedConvolutionMatchesConv2DTranspose() throws {
        let fixture = try Self.load()
        #expect(fixture.conv2d_transpose.count >= 10)
        for c in fixture.conv2d_transpose {
            let output = try transposedConv2d(try Matrix(c.input), try Matrix(c.kernel), stride: c.stride,
                                              padding: TransposedPadding(parsing: c.padding))
            let expected = try Matrix(c.output)
            #expect(output == expected, "\(c.input) ⊛ᵀ \(c.kernel) s \(c.stride) \(c.padding)")
        }
    }

    @Test func gradientsMatchTensorFlow() throws {
        let fixture = try Self.load()
        #expect(fixture.conv2d_gradients.count >= 7)
        for c in fixture.conv2d_gradients {
            let grads = try conv2dGradients(input: try Matrix(c.input), kernel: try Matrix(c.kernel), upstream: try Matrix(c.upstream),
                                            padding: try Padding(parsing: c.padding), stride: c.stride, dilation: c.dilation)
            let (dx, dw) = (try Matrix(c.dx), try Matrix(c.dw))
            #expect(grads.input == dx && grads.kernel == dw && grads.bias == c.db,
                    "x \(c.input.count)×\(c.input[0].count) w \(c.kernel.count)×\(c.kernel[0].count) s \(c.stride) \(c.padding) d \(c.dilation)")
        }
    }
}

import Testing
@testable import CNN

/// A plain, independent reference: zero-pad explicitly, then loop (in Double).
func referenceConv(_ x: [[Double]], _ w: [[Double]], bias: Double, padTop: Int, padBottom: Int,
                   padLeft: Int, padRight: Int, stride s: Int, dilation d: Int, flip: Bool) -> [[Double]] {
    let n = x.count, m = x[0].count, k = w.count, l = w[0].count
    let kernel = flip ? w.reversed().map { Array($0.reversed()) } : w
    var padded = Array(repeating: Array(repeating: 0.0, count: m + padLeft + padRight), count: n + padTop + padBottom)
    for r in 0..<n { for c in 0..<m { padded[r + padTop][c + padLeft] = x[r][c] } }
    let outRows = (padded.count - d * (k - 1) - 1) / s + 1
    let outCols = (padded[0].count - d * (l - 1) - 1) / s + 1
    guard outRows > 0, outCols > 0 else { return [] }
    return (0..<outRows).map { i in
        (0..<outCols).map { j in
            var sum = bias
            for u in 0..<k { for v in 0..<l { sum += padded[i * s + d * u][j * s + d * v] * kernel[u][v] } }
            return sum
        }
    }
}

/// Deterministic small-integer generator so sums are exact in Float.
struct LCG {
    var state: UInt64
    mutating func next(_ range: ClosedRange<Int>) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return range.lowerBound + Int((state >> 33) % UInt64(range.count))
    }
}

@Suite("Single-channel convolution and its trace")
struct ConvTraceTests {
    static let x = try! Matrix(parsing: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16")

    @Test func handWorkedTwoByTwo() throws {
        let trace = try ConvTrace(input: Self.x, kernel: Matrix(parsing: "1 2; 3 4"))
        #expect(trace.output.nestedRows == [[44, 54, 64], [84, 94, 104], [124, 134, 144]])
        #expect(trace.steps.count == 9)
        #expect(trace.steps[0].equation == "1×1 + 2×2 + 5×3 + 6×4 = 44")
        #expect(trace.steps[8].equation == "11×1 + 12×2 + 15×3 + 16×4 = 144")
        #expect(trace.steps[4].windowRow == 1 && trace.steps[4].windowCol == 1)
    }

    @Test func convolveFlipsTheKernel() throws {
        let trace = try ConvTrace(input: Self.x, kernel: Matrix(parsing: "1 2; 3 4"), mode: .convolve)
        // rot180 of [[1,2],[3,4]] is [[4,3],[2,1]]: 1·4 + 2·3 + 5·2 + 6·1 = 26
        #expect(trace.output[0, 0] == 26)
        #expect(trace.appliedKernel.nestedRows == [[4, 3], [2, 1]])
        #expect(trace.steps[0].terms[0].kernelRow == 1 && trace.steps[0].terms[0].kernelCol == 1)
        #expect(trace.steps[0].equation == "1×4 + 2×3 + 5×2 + 6×1 = 26")
    }

    @Test func samePaddingMarksPaddingCellsAndBias() throws {
        let trace = try ConvTrace(input: Self.x, kernel: Matrix(parsing: "1 1 1; 1 1 1; 1 1 1"), bias: 0.5, padding: .same)
        #expect(trace.output.rows == 4 && trace.output.cols == 4)
        let first = trace.steps[0]
        #expect(first.terms.filter(\.isPadding).count == 5)
        #expect(first.sum == 1 + 2 + 5 + 6)
        #expect(first.result == 14.5)
        #expect(first.equation.hasSuffix("+ 0.5 = 14.5"))
        #expect(first.terms[0].inputRow == -1 && first.terms[0].paddedRow == 0)
    }

    @Test func negativeFactorsInParentheses() throws {
        let trace = try ConvTrace(input: Matrix(parsing: "1 -2"), kernel: Matrix(parsing: "-1 0.5"))
        #expect(trace.steps[0].equation == "1×(-1) + (-2)×0.5 = -2")
    }

    @Test("random cases agree with the plain reference",
          arguments: [Padding.valid, .same, .full, .explicit(1), .explicit(2)], [ConvMode.correlate, .convolve])
    func randomAgainstReference(padding: Padding, mode: ConvMode) throws {
        var rng = LCG(state: 42)
        for _ in 0..<60 {
            let n = rng.next(1...7), m = rng.next(1...7), k = rng.next(1...4), l = rng.next(1...4)
            let s = rng.next(1...3), d = rng.next(1...2), bias = Float(rng.next(-3...3))
            let x = (0..<n).map { _ in (0..<m).map { _ in Double(rng.next(-9...9)) } }
            let w = (0..<k).map { _ in (0..<l).map { _ in Double(rng.next(-4...4)) } }
            let input = try Matrix(x.map { $0.map(Float.init) }), kernel = try Matrix(w.map { $0.map(Float.init) })
            let rows = try? AxisGeometry(input: n, kernel: k, stride: s, dilation: d, padding: padding)
            let cols = try? AxisGeometry(input: m, kernel: l, stride: s, dilation: d, padding: padding)
            guard let rows, let cols else {
                #expect(throws: CNNError.self) { try conv2d(input, kernel, padding: padding, stride: s, dilation: d, mode: mode) }
                continue
            }
            let expected = referenceConv(x, w, bias: Double(bias), padTop: rows.padBefore, padBottom: rows.padAfter,
                                         padLeft: cols.padBefore, padRight: cols.padAfter, stride: s, dilation: d,
                                         flip: mode == .convolve)
            let got = try conv2d(input, kernel, bias: bias, padding: padding, stride: s, dilation: d, mode: mode)
            #expect(got.nestedRows.map { $0.map(Double.init) } == expected, "n=\(n)×\(m) k=\(k)×\(l) s=\(s) d=\(d)")
        }
    }

    @Test func badInputs() {
        #expect(throws: CNNError.self) { try Matrix(parsing: "1 2; 3") }
        #expect(throws: CNNError.self) { try Matrix(parsing: "1 two") }
        #expect(throws: CNNError.self) { try Matrix(parsing: "") }
        #expect(throws: CNNError.self) { try Matrix(parsing: "1;;2") }
        #expect(throws: CNNError.self) { try Matrix(parsing: "nan") }
        #expect(throws: CNNError.self) { try conv2d(Self.x, Matrix(rows: 5, cols: 5, repeating: 1)) }
        #expect((try? Matrix(parsing: "1,2;3,4;")) == Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4]))
    }

    @Test func numberFormatting() {
        #expect(formatNumber(44) == "44")
        #expect(formatNumber(-3) == "-3")
        #expect(formatNumber(0.5) == "0.5")
        #expect(formatNumber(1.0 / 3.0) == "0.3333")
        #expect(formatNumber(-0.25) == "-0.25")
    }

    @Test func workedFormula() throws {
        let g = try AxisGeometry(input: 4, kernel: 3, stride: 2, padding: .explicit(1))
        #expect(g.workedFormula == [
            "out = floor((n + 2p − d(k−1) − 1) / s) + 1",
            "    = floor((4 + 2·1 − 1·(3−1) − 1) / 2) + 1",
            "    = floor(3 / 2) + 1",
            "    = 1 + 1",
            "    = 2",
        ])
        #expect(g.compactFormula == "floor((4 + 2·1 − 1·(3−1) − 1) / 2) + 1 = 2")
    }
}

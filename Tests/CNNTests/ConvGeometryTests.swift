import Testing
@testable import CNN

@Suite("Output-size formula")
struct ConvGeometryTests {
    @Test("valid 4×4 with 3×3 gives 2", arguments: [(4, 3, 2), (4, 2, 3), (28, 3, 26), (5, 5, 1)])
    func valid(n: Int, k: Int, out: Int) throws {
        #expect(try convOutputSize(input: n, kernel: k) == out)
    }

    @Test func sameMatchesKeras() throws {
        // out = ceil(n / s); extra padding goes after.
        let g = try AxisGeometry(input: 5, kernel: 4, stride: 1, padding: .same)
        #expect(g.outputSize == 5)
        #expect(g.padBefore == 1 && g.padAfter == 2)
        let h = try AxisGeometry(input: 7, kernel: 3, stride: 2, padding: .same)
        #expect(h.outputSize == 4)
        #expect(h.padBefore == 1 && h.padAfter == 1)
        let e = try AxisGeometry(input: 6, kernel: 3, stride: 2, padding: .same)
        #expect(e.outputSize == 3)
        #expect(e.padBefore == 0 && e.padAfter == 1)
    }

    @Test func fullAndExplicitAndDilation() throws {
        #expect(try convOutputSize(input: 4, kernel: 3, padding: .full) == 6)
        #expect(try convOutputSize(input: 7, kernel: 3, padding: .explicit(1), stride: 2) == 4)
        #expect(try convOutputSize(input: 7, kernel: 3, dilation: 2) == 3)
        #expect(try convOutputSize(input: 4, kernel: 3, padding: .full, dilation: 2) == 8)
    }

    @Test func sweepAgreesWithTextbookFormula() throws {
        for n in 1...12 { for k in 1...5 { for s in 1...3 { for d in 1...3 { for p in 0...3 {
            let kEff = d * (k - 1) + 1
            let expected = (n + 2 * p - kEff) >= 0 ? (n + 2 * p - d * (k - 1) - 1) / s + 1 : nil
            let got = try? convOutputSize(input: n, kernel: k, padding: .explicit(p), stride: s, dilation: d)
            #expect(got == expected, "n=\(n) k=\(k) s=\(s) d=\(d) p=\(p)")
        } } } } }
    }

    @Test func rejectsBadParameters() {
        #expect(throws: CNNError.self) { try convOutputSize(input: 4, kernel: 3, stride: 0) }
        #expect(throws: CNNError.self) { try convOutputSize(input: 4, kernel: 3, dilation: 0) }
        #expect(throws: CNNError.self) { try convOutputSize(input: 2, kernel: 3) }
        #expect(throws: CNNError.self) { try Padding(parsing: "-1") }
        #expect(throws: CNNError.self) { try Padding(parsing: "wide") }
    }

    /// Sizes whose arithmetic overflows Int must be refused, never wrap to a wrong (e.g. negative) answer.
    @Test func overflowingSizesAreErrorsNotWrongAnswers() throws {
        #expect(throws: CNNError.self) { try convOutputSize(input: 5, kernel: 3, dilation: 5_000_000_000_000_000_000) }
        #expect(throws: CNNError.self) { try convOutputSize(input: Int.max, kernel: 1, padding: .explicit(1)) }
        #expect(throws: CNNError.self) { try convOutputSize(input: 4, kernel: 3, padding: .explicit(Int.max)) }
        #expect(throws: CNNError.self) { try convOutputSize(input: 5, kernel: Int.max, padding: .full, dilation: 2) }
        #expect(throws: CNNError.self) { try convOutputSize(input: Int.max, kernel: 3, padding: .same, dilation: Int.max / 2) }
        // The largest valid inputs still give the exact formula's answer.
        #expect(try convOutputSize(input: Int.max, kernel: 1) == Int.max)
        #expect(try convOutputSize(input: Int.max, kernel: 1, padding: .same, stride: 2) == Int.max / 2 + 1)
    }
}

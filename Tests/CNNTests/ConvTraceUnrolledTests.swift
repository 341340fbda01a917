import Testing
@testable import CNN

@Suite struct ConvTraceUnrolledTests {
    @Test func patchMatrixTimesKernelColumnIsTheOutput() throws {
        let x = try Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        let w = try Matrix([[1, 0], [2, -1]])
        let trace = try ConvTrace(input: x, kernel: w, padding: .same)
        let p = trace.patchMatrix, k = trace.kernelColumn
        #expect(p.rows == trace.steps.count && p.cols == 4 && k.rows == 4)
        // First row: window at (0, 0) with 'same' padding (padBefore 0 for an even kernel).
        #expect(p.nestedRows[0] == [1, 2, 4, 5])
        let product = (0..<p.rows).map { r in (0..<p.cols).reduce(Float(0)) { $0 + p[r, $1] * k[$1, 0] } }
        #expect(product == trace.output.values)
    }

    @Test func flipDoneWhenNumbersAndDifferences() throws {
        let x = try Matrix(parsing: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16")
        let w = try Matrix(parsing: "1 2; 3 4")
        let corr = try ConvTrace(input: x, kernel: w)
        let conv = try ConvTrace(input: x, kernel: w, mode: .convolve)
        #expect(corr.output.values == [44, 54, 64, 84, 94, 104, 124, 134, 144])
        #expect(conv.output.values == [26, 36, 46, 66, 76, 86, 106, 116, 126])
        #expect(corr.differingCells(from: conv).count == 9)
        #expect(corr.differingCells(from: corr).isEmpty)
    }
}

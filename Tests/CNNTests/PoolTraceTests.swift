import Testing
@testable import CNN

@Suite struct PoolTraceTests {
    let example = try! Matrix(parsing: "1 3 2 4; 5 7 6 8; 9 2 1 0; 3 4 5 6")

    /// Plain reference: every window's real cells, max or mean, Keras's same padding.
    func reference(_ x: Matrix, max isMax: Bool, size k: Int, stride s: Int, same: Bool) -> [[Float]] {
        let outRows = same ? (x.rows + s - 1) / s : (x.rows - k) / s + 1
        let outCols = same ? (x.cols + s - 1) / s : (x.cols - k) / s + 1
        let padTop = same ? max((outRows - 1) * s + k - x.rows, 0) / 2 : 0
        let padLeft = same ? max((outCols - 1) * s + k - x.cols, 0) / 2 : 0
        return (0..<outRows).map { i in
            (0..<outCols).map { j in
                var values: [Float] = []
                for r in (i * s - padTop)..<(i * s - padTop + k) where r >= 0 && r < x.rows {
                    for c in (j * s - padLeft)..<(j * s - padLeft + k) where c >= 0 && c < x.cols { values.append(x[r, c]) }
                }
                return isMax ? values.max()! : values.reduce(0, +) / Float(values.count)
            }
        }
    }

    @Test func handWorkedMaxAndAverage() throws {
        #expect(try PoolTrace(input: example, kind: .max).output.values == [7, 8, 9, 6])
        #expect(try PoolTrace(input: example, kind: .average).output.values == [4, 5, 4.5, 3])
    }

    @Test func argmaxMarksTheChosenCell() throws {
        let step = try PoolTrace(input: example, kind: .max).steps[0]
        #expect(step.cells[step.argmax].row == 1 && step.cells[step.argmax].col == 1)
        #expect(step.equation == "max(1, 3, 5, 7) = 7")
        #expect(try PoolTrace(input: example, kind: .average).steps[0].equation == "(1 + 3 + 5 + 7) / 4 = 4")
    }

    @Test func samePaddingAveragesOnlyRealCells() throws {
        let x = try Matrix(parsing: "1 2 3; 4 5 6; 7 8 9")
        let t = try PoolTrace(input: x, kind: .average, size: 2, padding: .same)
        #expect(t.output.rows == 2 && t.output.cols == 2)
        #expect(t.output.values == [3, 4.5, 7.5, 9])
    }

    @Test func agreesWithThePlainReference() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let rows = Int.random(in: 1...7, using: &rng), cols = Int.random(in: 1...7, using: &rng)
            let k = Int.random(in: 1...3, using: &rng), s = Int.random(in: 1...3, using: &rng)
            let same = Bool.random(using: &rng)
            guard same || (k <= rows && k <= cols) else { continue }
            let x = Matrix(rows: rows, cols: cols, values: (0..<rows * cols).map { _ in Float(Int.random(in: -9...9, using: &rng)) })
            for kind in PoolTrace.Kind.allCases {
                let t = try PoolTrace(input: x, kind: kind, size: k, stride: s, padding: same ? .same : .valid)
                #expect(t.output.nestedRows == reference(x, max: kind == .max, size: k, stride: s, same: same))
            }
        }
    }

    @Test func rejectsBadParameters() {
        #expect(throws: CNNError.self) { try PoolTrace(input: example, kind: .max, padding: .full) }
        #expect(throws: CNNError.self) { try PoolTrace(input: example, kind: .max, size: 5) }
        #expect(throws: CNNError.self) { try PoolTrace.Kind(parsing: "median") }
    }
}

@testable import CNN
import Foundation
import Testing
import TestSupport

@Suite("Mistake diagnosis (engine)")
struct DiagnosisTests {
    func values(_ mistakes: [Mistake], _ code: MistakeCode) -> [Double] { mistakes.filter { $0.code == code }.map(\.value) }

    @Test func sizeMistakesWorkedByHand() {
        // n 29, k 3, valid, s 2: numerator 26, right floor(26/2) + 1 = 14.
        let m = Diagnosis.sizeMistakes(n: 29, k: 3, padding: .valid, s: 2, d: 1)
        #expect(values(m, .missingPlusOne) == [13])
        #expect(values(m, .ceilNotFloor) == [14], "26 / 2 divides evenly: ceil gives the right answer, so match() ignores it")
        #expect(values(m, .noStride) == [27])
        #expect(m.first { $0.code == .missingPlusOne }?.working == "floor(26 / 2) = 13")
        #expect(m.first { $0.code == .missingPlusOne }?.fix == "floor(26 / 2) + 1 = 14")
        // n 7, k 4, p 1, s 2: numerator 5, right 3; p on one side: floor(4/2)+1 = 3; none: floor(3/2)+1 = 2.
        let p = Diagnosis.sizeMistakes(n: 7, k: 4, padding: .explicit(1), s: 2, d: 1)
        #expect(values(p, .oneSidePadding) == [3] && values(p, .noPadding) == [2] && values(p, .ceilNotFloor) == [4])
        // same, n 10, k 4, s 1: total padding 3 → split 1+1 → 9, 2+2 → 11.
        #expect(values(Diagnosis.sizeMistakes(n: 10, k: 4, padding: .same, s: 1, d: 1), .sameSymmetric) == [9, 11])
        #expect(values(Diagnosis.sizeMistakes(n: 28, k: 3, padding: .same, s: 2, d: 1), .sameKeepsSize) == [28])
        #expect(values(Diagnosis.sizeMistakes(n: 28, k: 3, padding: .valid, s: 1, d: 2), .noDilation) == [26])
        #expect(Diagnosis.sizeMistakes(n: 2, k: 5, padding: .valid, s: 1, d: 1).isEmpty, "the engine rejects it: nothing to diagnose")
    }

    @Test func paramMistakesWorkedByHand() {
        let conv = Diagnosis.convParamMistakes(k: 3, cIn: 32, cOut: 64)
        #expect(values(conv, .noBias) == [18_432] && values(conv, .biasPerWeight) == [36_864] && values(conv, .noInputChannels) == [640])
        let dense = Diagnosis.denseParamMistakes(inputs: 576, units: 64)
        #expect(values(dense, .noBias) == [36_864] && values(dense, .biasPerWeight) == [73_728])
    }

    @Test func cellMistakesWorkedByHand() throws {
        let x = try Matrix(parsing: "1 2 3; 4 5 6; 7 8 9"), w = try Matrix(parsing: "1 2; 3 4")
        // correlate (0,0): 1+4+12+20 = 37; rotated kernel 4 3; 2 1: 4+6+8+5 = 23.
        let m = Diagnosis.cellMistakes(input: x, kernel: w, mode: .correlate, padding: .valid, stride: 1, i: 0, j: 0)
        #expect(values(m, .flipped) == [23])
        #expect(Set(values(m, .offByOneIndex)) == [47, 67], "out[0,1] = 2+6+15+24, out[1,0] = 4+10+21+32")
        // p 1: out[1,1] over the padded input is the valid out[0,0] shifted: valid (1,1) = 5+12+24+36 = 77.
        let padded = Diagnosis.cellMistakes(input: x, kernel: w, mode: .correlate, padding: .explicit(1), stride: 1, i: 1, j: 1)
        #expect(values(padded, .noPadding) == [77])
        // Stride 2 on a 5×5 of 0…24 with a 1×1 kernel of 1: out[1,1] = x[2,2] = 12; no stride: x[1,1] = 6.
        let grid = Matrix(rows: 5, cols: 5, values: (0..<25).map(Float.init))
        let strided = Diagnosis.cellMistakes(input: grid, kernel: Matrix(rows: 1, cols: 1, values: [1]), mode: .correlate,
                                             padding: .valid, stride: 2, i: 1, j: 1)
        #expect(values(strided, .noStride) == [6])
        // same with a 2×2 kernel on 3×3: Keras pads 0 before, 1 after; top/left puts the 0-row before: out[0,0] = 1·4 = 4.
        let same = Diagnosis.cellMistakes(input: x, kernel: w, mode: .correlate, padding: .same, stride: 1, i: 0, j: 0)
        #expect(values(same, .sameSymmetric).contains(4))
    }

    @Test func poolMistakesWorkedByHand() throws {
        let x = try Matrix(parsing: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16")
        let m = Diagnosis.poolMistakes(input: x, kind: .max, size: 2, stride: 2, i: 1, j: 0)
        #expect(values(m, .wrongPoolKind) == [11.5], "(9 + 10 + 13 + 14) / 4")
        #expect(values(m, .poolStrideOne) == [10], "window at rows 1–2, cols 0–1: max(5, 6, 9, 10)")
        #expect(Set(values(m, .offByOneIndex)) == [6, 16])
    }

    /// The codes predict mode brought: a cell's bias, an average's division, padding in an
    /// average, another filter's map.
    @Test func predictModesMistakesWorkedByHand() throws {
        // 1 2; 3 4 ⋆ 1 0; 0 1 + 10 at (0, 0): 1 + 4 + 10 = 15; without the bias 5.
        let x = try Matrix(parsing: "1 2; 3 4"), eye = try Matrix(parsing: "1 0; 0 1")
        let cell = Diagnosis.cellMistakes(input: x, kernel: eye, bias: 10, mode: .correlate, padding: .valid, stride: 1, i: 0, j: 0)
        #expect(values(cell, .noBias) == [5])
        #expect(cell.first { $0.code == .noBias }?.working == "out[0, 0] = 1·1 + 2·0 + 3·0 + 4·1 = 5")
        #expect(Diagnosis.cellMistakes(input: x, kernel: eye, mode: .correlate, padding: .valid, stride: 1, i: 0, j: 0)
            .allSatisfy { $0.code != .noBias }, "no bias, no no-bias")
        // 3×3 of 1…9, 2×2 average, same (stride 2; the padding after): avg[0, 1] covers 3 and
        // 6 → 4.5; undivided 9; over the whole window (3 + 6) / 4 = 2.25.
        let grid = try Matrix(parsing: "1 2 3; 4 5 6; 7 8 9")
        let pool = Diagnosis.poolMistakes(input: grid, kind: .average, size: 2, stride: 2, padding: .same, i: 0, j: 1)
        #expect(values(pool, .noDivide) == [9])
        #expect(values(pool, .paddingInAverage) == [2.25])
        #expect(pool.first { $0.code == .paddingInAverage }?.working == "(3 + 6) / 4 = 2.25")
        #expect(values(Diagnosis.poolMistakes(input: grid, kind: .max, size: 2, stride: 2, padding: .same, i: 0, j: 1), .noDivide).isEmpty)
        // Two channels, two filters of 1×1 kernels: map1 = 1·x + 1·x, map2 = 2·x + 3·x + 1.
        // At (0, 0): map1 = 2; one channel alone 1; map2 = 6.
        let one = try Matrix(parsing: "1"), two = try Matrix(parsing: "2"), three = try Matrix(parsing: "3")
        let trace = try ChannelTrace(inputs: [grid, grid], kernels: [[one, one], [two, three]], biases: [0, 1])
        let ch = Diagnosis.channelMistakes(trace, filter: 0, i: 0, j: 0)
        #expect(values(ch, .wrongFilter) == [6])
        #expect(ch.first { $0.code == .wrongFilter }?.working == "y2[0,0] = 2 + 3 + 1 = 6")
        #expect(values(ch, .noInputChannels) == [1, 1])
        #expect(values(ch, .noBias).isEmpty, "filter 1 has no bias")
        #expect(values(Diagnosis.channelMistakes(trace, filter: 1, i: 0, j: 0), .noBias) == [5])
        #expect(Set(values(ch, .offByOneIndex)) == [4, 8], "y1[0, 1] = 2·2, y1[1, 0] = 2·4")
    }

    @Test func chainMistakesWorkedByHand() {
        let layers = [ChainLayer(isPool: false, kernel: 3, stride: 1, padding: .same),
                      ChainLayer(isPool: true, kernel: 2, stride: 2, padding: .valid)]
        let m = Diagnosis.chainMistakes(n: 27, layers: layers)
        // Right: 27 → 27 → 13. No padding: 27 → 25 → 12. Pool stride 1: 27 → 27 → 26. Ceil: 27 → 27 → 14.
        #expect(values(m, .noPadding) == [12] && values(m, .poolStrideOne) == [26] && values(m, .ceilNotFloor) == [14])
        #expect(m.first { $0.code == .poolStrideOne }?.fix == "27 → 27 → 13")
    }

    @Test func matchIgnoresMistakesThatGiveTheRightAnswer() {
        let m = [Mistake(.missingPlusOne, value: 13, working: "", fix: ""), Mistake(.ceilNotFloor, value: 14, working: "", fix: ""),
                 Mistake(.noStride, value: 13, working: "", fix: ""), Mistake(.missingPlusOne, value: 13, working: "again", fix: "")]
        #expect(Diagnosis.match(answer: 13, expected: 14, candidates: m).map(\.code) == [.missingPlusOne, .noStride])
        #expect(Diagnosis.match(answer: 14, expected: 14, candidates: m).isEmpty)
    }

    /// README.md's table has a row for every code.
    @Test func readmeDocumentsEveryCode() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        for code in MistakeCode.allCases {
            #expect(readme.contains("| `\(code.rawValue)` |"), "README.md has no row for \(code.rawValue)")
        }
    }
}

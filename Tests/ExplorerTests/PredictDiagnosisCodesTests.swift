import CNN
@testable import Explorer
import Testing

/// Predict mode and the quiz share one list of mistake codes (`MistakeCode`) and the engine's
/// `Diagnosis` computations: every code predict mode gives is one of them, and for the same
/// question and the same wrong value both name the same code.
@Suite("Predict diagnosis codes")
struct PredictDiagnosisCodesTests {
    /// The codes predict mode gives when every value a known mistake computes (the engine's
    /// own candidates) is typed for every output cell of a spread of scenes.
    static func predictCodes() throws -> Set<MistakeCode> {
        var codes = Set<MistakeCode>()
        let input = Matrix(rows: 5, cols: 5, values: (0..<25).map { Float(($0 * 7) % 11) - 3 })
        let kernel = Matrix(rows: 3, cols: 3, values: [1, 0, -1, 2, 0, -2, 1, 0, -1])
        let even = Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4])
        for (k, padding, stride, dilation) in [(kernel, Padding.valid, 1, 1), (kernel, .same, 2, 1), (even, .same, 1, 1),
                                               (kernel, .explicit(1), 2, 1), (even, .valid, 1, 2), (even, .valid, 2, 1)] {
            for mode in [ConvMode.convolve, .correlate] {
                let trace = try ConvTrace(input: input, kernel: k, bias: 0.5, padding: padding, stride: stride, dilation: dilation, mode: mode)
                for (index, step) in trace.steps.enumerated() {
                    for m in Diagnosis.cellMistakes(trace, i: step.outputRow, j: step.outputCol) {
                        codes.formUnion(PredictFeedback.diagnoseConv(trace, index: index, guess: m.value).map(\.code))
                    }
                }
                let g = trace.geometry
                for m in Diagnosis.sizeMistakes(n: 5, k: k.rows, padding: padding, s: stride, d: dilation) where m.value >= 0 {
                    let guess = (Int(m.value), Int(m.value))
                    codes.formUnion(PredictFeedback.diagnoseSize(g, padding: padding, guess: guess).map(\.code))
                }
            }
        }
        for kind in [PoolTrace.Kind.max, .average] {
            for (size, stride, padding) in [(2, 2, Padding.valid), (2, 2, .same), (3, 2, .same), (2, 1, .valid)] {
                let trace = try PoolTrace(input: input, kind: kind, size: size, stride: stride, padding: padding)
                for (index, step) in trace.steps.enumerated() {
                    for m in Diagnosis.poolMistakes(trace, i: step.outputRow, j: step.outputCol) {
                        codes.formUnion(PredictFeedback.diagnosePool(trace, index: index, guess: m.value, prefix: "p").map(\.code))
                    }
                }
            }
        }
        for seed in UInt64(1)...4 {
            let trace = try ChannelTrace.example(channels: 3, filters: 2, size: 4, kernelSize: 3, seed: seed)
            for f in trace.outputs.indices {
                let map = trace.outputs[f]
                for cell in map.values.indices {
                    for m in Diagnosis.channelMistakes(trace, filter: f, i: cell / map.cols, j: cell % map.cols) {
                        codes.formUnion(PredictFeedback.diagnoseChannels(trace, filter: f, cell: cell, guess: m.value).map(\.code))
                    }
                }
            }
        }
        return codes
    }

    @Test func everyCodePredictModeGivesIsAMistakeCode() throws {
        let codes = try Self.predictCodes()
        // Predict mode's own mistakes, now `MistakeCode`s computed by the engine.
        for code in [MistakeCode.wrongFilter, .noDivide, .paddingInAverage, .noFlip, .flipped, .noBias, .noPadding,
                     .noStride, .noInputChannels, .poolStrideOne, .wrongPoolKind, .offByOneIndex, .missingPlusOne, .ceilNotFloor] {
            #expect(codes.contains(code), "predict mode never gives \(code.rawValue)")
        }
        // By raw value too: the code a hint carries is one of the one list's (README's table).
        let known = Set(MistakeCode.allCases.map(\.rawValue))
        for code in codes { #expect(known.contains(code.rawValue)) }
        // No code is dead: what the quiz cannot ask (a multi-channel cell, a padded average)
        // predict mode produces.
        #expect(codes.isSuperset(of: [.wrongFilter, .paddingInAverage]))
    }

    /// Predict mode's codes and the quiz's for one wrong value.
    func both(_ predict: [PredictDiagnosis], _ quiz: QuizQuestion, _ value: Double) throws -> ([MistakeCode], [MistakeCode]) {
        let answer: QuizValue = quiz.wantsInteger ? .integer(Int(value)) : .real(value)
        return (predict.map(\.code), try quiz.grade(answer).diagnoses)
    }

    @Test func predictAndQuizNameTheSameCodeForTheSameWrongValue() throws {
        let input = Matrix(rows: 3, cols: 3, values: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        // 1 0; 0 −1 at (0, 0): correlate 1 − 5 = −4; convolve −1 + 5 = 4.
        let flip = Matrix(rows: 2, cols: 2, values: [1, 0, 0, -1])
        let corr = try ConvTrace(input: input, kernel: flip)
        let conv = try ConvTrace(input: input, kernel: flip, mode: .convolve)
        #expect(corr.steps[0].result == -4 && conv.steps[0].result == 4)
        var (p, q) = try both(PredictFeedback.diagnoseConv(corr, index: 0, guess: 4),
                              QuizQuestion(.cell(CellQuestion(input: input, kernel: flip, i: 0, j: 0))), 4)
        #expect(p == [.flipped] && q == p)
        (p, q) = try both(PredictFeedback.diagnoseConv(conv, index: 0, guess: -4),
                          QuizQuestion(.cell(CellQuestion(input: input, kernel: flip, mode: .convolve, i: 0, j: 0))), -4)
        #expect(p == [.noFlip] && q == p)

        // 1 2; 3 4: out[0,0] = 1 + 4 + 12 + 20 = 37; out[0,1] = 2 + 6 + 15 + 24 = 47.
        let ramp = Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4])
        (p, q) = try both(PredictFeedback.diagnoseConv(try ConvTrace(input: input, kernel: ramp), index: 0, guess: 47),
                          QuizQuestion(.cell(CellQuestion(input: input, kernel: ramp, i: 0, j: 0))), 47)
        #expect(p == [.offByOneIndex] && q == p)
        // Padding 1, out[1,1]: the window over input rows 0–1, columns 0–1 = 37; the valid
        // output's out[1,1] = 5·1 + 6·2 + 8·3 + 9·4 = 77.
        let padded = try ConvTrace(input: input, kernel: ramp, padding: .explicit(1))
        #expect(padded.steps[5].result == 37)
        (p, q) = try both(PredictFeedback.diagnoseConv(padded, index: 5, guess: 77),
                          QuizQuestion(.cell(CellQuestion(input: input, kernel: ramp, p: .explicit(1), i: 1, j: 1))), 77)
        #expect(p == [.noPadding] && q == p)

        // 4×4 of 1…16, 2×2 max at (0, 1): max(3, 4, 7, 8) = 8; average 5.5; stride 1:
        // max(2, 3, 6, 7) = 7; out[0,0] = 6.
        let grid = Matrix(rows: 4, cols: 4, values: (1...16).map(Float.init))
        let max = try PoolTrace(input: grid, kind: .max)
        let maxQuestion = QuizQuestion(.pool(PoolQuestion(input: grid, pool: .max, i: 0, j: 1)))
        for (guess, code) in [(5.5, MistakeCode.wrongPoolKind), (7, .poolStrideOne), (6, .offByOneIndex)] {
            (p, q) = try both(PredictFeedback.diagnosePool(max, index: 1, guess: guess, prefix: "max"), maxQuestion, guess)
            #expect(p == [code] && q == p, "\(guess): predict \(p), quiz \(q)")
        }
        // Average at (0, 0): (1 + 2 + 5 + 6) / 4 = 3.5; the sum undivided, 14.
        let avg = try PoolTrace(input: grid, kind: .average)
        (p, q) = try both(PredictFeedback.diagnosePool(avg, index: 0, guess: 14, prefix: "avg"),
                          QuizQuestion(.pool(PoolQuestion(input: grid, pool: .average, i: 0, j: 0))), 14)
        #expect(p == [.noDivide] && q == p)

        // n = 7, k = 3, s = 2: floor(4 / 2) + 1 = 3; without the +1 2; at stride 1 5.
        let g = try ConvGeometry(inputRows: 7, inputCols: 7, kernelRows: 3, kernelCols: 3, stride: 2)
        let size = QuizQuestion(.size(SizeQuestion(n: 7, k: 3, s: 2)))
        for (guess, code) in [(2, MistakeCode.missingPlusOne), (5, .noStride)] {
            (p, q) = try both(PredictFeedback.diagnoseSize(g, padding: .valid, guess: (guess, guess)), size, Double(guess))
            #expect(p == [code] && q == p, "\(guess): predict \(p), quiz \(q)")
        }
    }

    @Test func predictOnlyCodesWorkedByHand() throws {
        // 3×3 of 1…9, 2×2 average, same padding (stride 2): avg[1,1] covers the one real cell
        // 9 → 9; avg[0,1] covers 3 and 6 → 4.5, and over the whole window (3 + 6) / 4 = 2.25.
        let input = Matrix(rows: 3, cols: 3, values: (1...9).map(Float.init))
        let avg = try PoolTrace(input: input, kind: .average, size: 2, stride: 2, padding: .same)
        #expect(avg.steps[1].result == 4.5)
        #expect(PredictFeedback.diagnosePool(avg, index: 1, guess: 2.25, prefix: "avg").map(\.code) == [.paddingInAverage])
        #expect(PredictFeedback.diagnosePool(avg, index: 1, guess: 9, prefix: "avg").map(\.code).contains(.noDivide))
        // Two filters: filter 2's map at the same cell answered for filter 1 is wrong-filter.
        let channels = try ChannelTrace(inputs: [input, input], kernels: [[Matrix(rows: 1, cols: 1, values: [1]), Matrix(rows: 1, cols: 1, values: [1])],
                                                                          [Matrix(rows: 1, cols: 1, values: [2]), Matrix(rows: 1, cols: 1, values: [3])]],
                                        biases: [0, 1])
        // map1[0,0] = 1 + 1 = 2; map2[0,0] = 2 + 3 + 1 = 6.
        #expect(channels.outputs[0].values[0] == 2 && channels.outputs[1].values[0] == 6)
        #expect(PredictFeedback.diagnoseChannels(channels, filter: 0, cell: 0, guess: 6).map(\.code) == [.wrongFilter])
        #expect(PredictFeedback.channels(channels, filter: 0, cell: 0, guess: 6).en.contains("Another filter"))
    }
}

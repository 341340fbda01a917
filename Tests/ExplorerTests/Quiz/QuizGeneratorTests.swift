import CNN
@testable import Explorer
import Foundation
import Testing

@Suite("Quiz generator")
struct QuizGeneratorTests {
    @Test(arguments: QuizTopic.allCases)
    func everyQuestionIsAnswerableAndOfTheKindAsked(_ topic: QuizTopic) throws {
        for seed: UInt64 in [1, 2, 99] {
            let questions = QuizGenerator.questions(topic, count: 150, seed: seed)
            #expect(questions.count == 150)
            for q in questions {
                #expect(topic.kinds.contains(q.kind))
                let expected = try q.expected()
                if q.wantsInteger { #expect(expected.doubleValue >= 1, "\(q)") }
            }
            if topic == .mixed { #expect(Set(questions.map(\.kind)) == Set(QuizKind.mixed)) }
        }
    }

    @Test func sizeQuestionsStayInTheirRangesAndCoverTheTrickyCases() throws {
        let questions = QuizGenerator.questions(.size, count: 400, seed: 5)
        var notDivisible = 0, sameStrided = 0, dilated = 0, kinds = Set<String>()
        for case .size(let q) in questions.map(\.body) {
            #expect((5...32).contains(q.n) && [1, 2, 3, 4, 5, 7].contains(q.k))
            #expect((1...3).contains(q.s) && (1...2).contains(q.d))
            if case .explicit(let p) = q.p { #expect((0...3).contains(p)) }
            kinds.insert(q.p == .valid || q.p == .same || q.p == .full ? q.p.description : "explicit")
            let g = try q.geometry()
            #expect(g.outputSize >= 1)
            if g.numerator % q.s != 0 { notDivisible += 1 }
            if q.p == .same && q.s > 1 { sameStrided += 1; #expect(g.outputSize == (q.n + q.s - 1) / q.s) }
            if q.d > 1 { dilated += 1 }
        }
        #expect(kinds == ["valid", "same", "full", "explicit"])
        #expect(notDivisible > 40, "numerators not divisible by s: \(notDivisible)")
        #expect(sameStrided > 20 && dilated > 20)
    }

    @Test func otherKindsStayInTheirRanges() throws {
        for q in QuizGenerator.questions(.mixed, count: 500, seed: 11) {
            switch q.body {
            case .size: break
            case .chain(let c):
                #expect((12...32).contains(c.n) && (2...3).contains(c.layers.count))
                #expect(c.layers[0].type == .conv && c.layers[1].type == .pool && c.layers[1].stride == 2)
            case .params(.conv(let k, let cIn, let cOut)):
                #expect([1, 3, 5].contains(k) && [1, 3, 8, 16, 32, 64].contains(cIn) && [8, 16, 32, 64, 128].contains(cOut))
            case .params(.dense(let inputs, let units)):
                #expect([64, 128, 256, 576, 784, 1024, 1600, 3136].contains(inputs) && [10, 32, 64, 128].contains(units))
            case .cell(let c):
                #expect((3...5).contains(c.input.rows) && c.input.rows == c.input.cols && (2...3).contains(c.kernel.rows))
                #expect(c.input.values.allSatisfy { (-2...6).contains(Int($0)) } && c.kernel.values.allSatisfy { (-1...2).contains(Int($0)) })
                let out = try c.trace().output
                #expect(c.i < out.rows && c.j < out.cols)
            case .channels:
                Issue.record("mixed draws the five kinds it always drew, never channels")
            case .pool(let p):
                #expect([4, 6].contains(p.input.rows) && (2...3).contains(p.size) && p.stride == p.size)
                let out = try p.trace().output
                #expect(p.i < out.rows && p.j < out.cols)
            case .choice, .truefalse:
                Issue.record("mixed asks the numeric kinds only: \(q)")
            }
        }
    }

    @Test func theSameSeedRepeatsTheQuizAndAnotherSeedDiffers() {
        for topic in QuizTopic.allCases {
            let a = QuizGenerator.questions(topic, count: 25, seed: 2026)
            #expect(a == QuizGenerator.questions(topic, count: 25, seed: 2026))
            #expect(a != QuizGenerator.questions(topic, count: 25, seed: 2027))
        }
    }

    /// The generator's stream is fixed (xoshiro256** through SplitMix64), so a seed means the
    /// same first question on every machine; this pins it.
    @Test func aSeedGivesAFixedFirstQuestion() {
        let first = QuizGenerator.questions(.size, count: 3, seed: 7)[0]
        #expect(first == QuizQuestion(.size(SizeQuestion(n: 12, k: 7, p: .explicit(3), s: 3, d: 2))))
    }
}

@Suite("Quiz grading")
struct QuizGradingTests {
    @Test(arguments: QuizKind.allCases)
    func theEngineAgreesWithThePlainReferences(_ kind: QuizKind) throws {
        for q in QuizGenerator.questions(QuizTopic(rawValue: kind.rawValue)!, count: 300, seed: 3) {
            let expected = try q.expected().doubleValue
            #expect(abs(expected - Reference.answer(q)) < 1e-4, "\(q)")
        }
    }

    @Test func handWorkedCases() throws {
        // Keras: a 28×28 input, 3×3 valid conv → 26; same with stride 2 → ceil(28/2) = 14.
        #expect(try QuizQuestion(.size(SizeQuestion(n: 28, k: 3))).expected() == .integer(26))
        #expect(try QuizQuestion(.size(SizeQuestion(n: 28, k: 3, p: .same, s: 2))).expected() == .integer(14))
        // floor((7 + 2 − 3 − 1) / 2) + 1 = floor(5 / 2) + 1 = 3: not divisible.
        #expect(try QuizQuestion(.size(SizeQuestion(n: 7, k: 4, p: .explicit(1), s: 2))).expected() == .integer(3))
        // The seed model: 28 → conv3 26 → pool 13 → conv3 11.
        let chain = ChainQuestion(n: 28, layers: [.init(type: .conv, k: 3), .init(type: .pool, k: 2), .init(type: .conv, k: 3)])
        #expect(try QuizQuestion(.chain(chain)).expected() == .integer(11))
        #expect(try QuizQuestion(.params(.conv(k: 3, cIn: 32, cOut: 64))).expected() == .integer(18_496))
        #expect(try QuizQuestion(.params(.dense(inputs: 576, units: 64))).expected() == .integer(36_928))
        let input = try Matrix(parsing: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16")
        let cell = CellQuestion(input: input, kernel: try Matrix(parsing: "1 2; 3 4"), i: 0, j: 0)
        #expect(try QuizQuestion(.cell(cell)).expected() == .real(44))
        let pool = PoolQuestion(input: input, pool: .average, i: 1, j: 1)
        #expect(try QuizQuestion(.pool(pool)).expected() == .real(13.5))
        #expect(try QuizQuestion(.pool(PoolQuestion(input: input, pool: .max, i: 0, j: 1))).expected() == .real(8))
    }

    @Test func impossibleQuestionsAreRejected() {
        #expect(throws: QuizQuestionError.self) { try QuizQuestion(.size(SizeQuestion(n: 3, k: 5))).expected() }
        let m = Matrix(rows: 3, cols: 3, repeating: 1)
        #expect(throws: QuizQuestionError.self) { try QuizQuestion(.cell(CellQuestion(input: m, kernel: m, i: 1, j: 0))).expected() }
        #expect(throws: QuizQuestionError.self) { try QuizSession(questions: [QuizQuestion(.size(SizeQuestion(n: 2, k: 3)))]) }
    }

    @Test func workedFeedbackUsesTheQuestionsNumbers() throws {
        let size = QuizQuestion(.size(SizeQuestion(n: 7, k: 4, p: .explicit(1), s: 2)))
        #expect(size.worked(.en) == ["out = floor((n + 2p − d(k−1) − 1) / s) + 1", "    = floor((7 + 2·1 − 1·(4−1) − 1) / 2) + 1",
                                     "    = floor(5 / 2) + 1", "    = 2 + 1", "    = 3"])
        let input = try Matrix(parsing: "1 2 3; 4 5 6; 7 8 9")
        let cell = QuizQuestion(.cell(CellQuestion(input: input, kernel: try Matrix(parsing: "1 0; 0 1"), i: 1, j: 0)))
        // No padding, so no word about it; products written with · as on the scenes.
        #expect(cell.worked(.en) == ["the window on the input:",
                                     " 1  2  3 ", "[4][5] 6 ", "[7][8] 9 ", "out[1, 0] = 4·1 + 5·0 + 7·0 + 8·1 = 12"])
        let padded = QuizQuestion(.cell(CellQuestion(input: input, kernel: try Matrix(parsing: "1 0; 0 1"), p: .explicit(1), i: 0, j: 0)))
        #expect(padded.worked(.en) == ["the window on the input (padding shows as 0):",
                                       "[0][0] 0  0  0 ", "[0][1] 2  3  0 ", " 0  4  5  6  0 ", " 0  7  8  9  0 ", " 0  0  0  0  0 ",
                                       "out[0, 0] = 0·1 + 0·0 + 0·0 + 1·1 = 1"])
        let chain = QuizQuestion(.chain(ChainQuestion(n: 28, layers: [.init(type: .conv, k: 3, p: .same), .init(type: .pool, k: 2)])))
        #expect(chain.worked(.ko) == ["1. conv k=3 p=same s=1: floor((28 + 2·1 − 1·(3−1) − 1) / 1) + 1 = 28",
                                      "2. pool k=2 s=2: floor((28 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 14"])
        let pool = QuizQuestion(.pool(PoolQuestion(input: input, pool: .max, i: 0, j: 0)))
        #expect(pool.worked(.en).last == "out[0, 0] = max(1, 2, 4, 5) = 5")
    }
}

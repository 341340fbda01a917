import CNN
@testable import Explorer
import Foundation
import Terminal
import Testing

/// The `channels` kind: one cell of a multi-channel convolution, answered by the engine's
/// `ChannelTrace`, wrong answers named by `Diagnosis.channelMistakes`.
@Suite("Quiz: channels")
struct QuizChannelsTests {
    /// Lesson 09's transfer check.
    static let yaml = """
        kind: channels
        input: ["2 0 1; 1 3 0; 0 1 2", "1 1 0; 0 2 1; 3 0 1"]
        kernel: ["1 0; 0 1", "0 1; -1 0"]
        bias: 2
        other_filters:
          - {kernel: ["0 1; 1 0", "1 1; 0 0"], bias: -1}
        i: 0
        j: 0
        """

    static func matrix(_ text: String) throws -> Matrix { try Matrix(parsing: text) }

    /// Σ over channels and taps, with plain loops (not the engine), for cell (i, j).
    static func reference(_ inputs: [[[Float]]], _ kernels: [[[Float]]], bias: Float, i: Int, j: Int) -> Float {
        var sum = bias
        for (x, w) in zip(inputs, kernels) {
            for u in w.indices { for v in w[u].indices { sum += x[i + u][j + v] * w[u][v] } }
        }
        return sum
    }

    @Test func theEngineAnswersAndEveryValueAgreesWithPlainLoops() throws {
        let q = try QuizQuestion.fromYAML(Self.yaml, file: "09-channels.md", firstLine: 40)
        guard case .channels(let c) = q.body else { Issue.record("not a channels question"); return }
        #expect(c.inputs.count == 2 && c.kernel.count == 2 && c.bias == 2 && c.others.count == 1 && c.others[0].bias == -1)
        #expect(q.kind == .channels && q.answerFormat == .real)
        #expect(try q.expected() == .real(8))
        // Every cell of the 2×2 map, against the plain-loop sum.
        let x = c.inputs.map(\.nestedRows), w = c.kernel.map(\.nestedRows)
        for i in 0..<2 {
            for j in 0..<2 {
                var cell = c
                cell.i = i
                cell.j = j
                #expect(try QuizQuestion(.channels(cell)).expected() == .real(Double(Self.reference(x, w, bias: 2, i: i, j: j))))
            }
        }
    }

    /// Each known mistake's number gets its code and working; the right answer none.
    @Test(arguments: [
        (6.0, [MistakeCode.noBias]),           // 5 + 1, the bias left out
        (5.0, [.noInputChannels]),             // channel 1 alone
        (7.0, [.noInputChannels]),             // channel 1 and the bias
        (2.0, [.wrongFilter]),                 // filter 2: (0 + 1) + (1 + 1) − 1
        (3.0, [.noInputChannels, .offByOneIndex]),  // channel 2 and the bias; y1[1,0]
        (8.0, []),
        (11.0, []),
    ])
    func wrongAnswersNameTheirMistake(answer: Double, codes: [MistakeCode]) throws {
        let q = try QuizQuestion.fromYAML(Self.yaml, file: "q.yaml", firstLine: 1)
        let grade = try q.grade(.real(answer))
        #expect(grade.correct == (answer == 8))
        #expect(grade.diagnoses == codes, "\(answer): \(grade.diagnoses)")
    }

    @Test func feedbackAndWorkingInBothLanguages() throws {
        let q = try QuizQuestion.fromYAML(Self.yaml, file: "q.yaml", firstLine: 1)
        let worked = q.worked(.en)
        #expect(worked == [
            "one window per channel, multiplied by that channel's kernel:",
            "ch 1: 2·1 + 0·0 + 1·0 + 3·1 = 5",
            "ch 2: 1·0 + 1·1 + 0·(-1) + 2·0 = 1",
            "y1[0,0] = 5 + 1 + 2 = 8",
        ])
        #expect(q.worked(.ko).first == "채널마다 창 하나에 그 채널의 커널을 곱합니다:" && q.worked(.ko)[1].hasPrefix("채널 1: "))
        let noBias = try q.grade(.real(6))
        #expect(noBias.lines(.en) == ["You left out the bias (one per filter or unit): y1[0,0] = 5 + 1 = 6; right: y1[0,0] = 5 + 1 + 2 = 8"])
        // In a lesson the working is printed below: the "right: …" part is not written twice.
        #expect(noBias.lines(.en, shown: worked) == ["You left out the bias (one per filter or unit): y1[0,0] = 5 + 1 = 6"])
        #expect(try q.grade(.real(5)).lines(.ko).first?.hasPrefix("입력 채널을 빠뜨렸습니다") == true)
        #expect(try q.grade(.real(5)).lines(.en).first?.contains("y1[0,0] = 5;") == true, "one channel's sum is not written '= 5 = 5'")
        #expect(q.prompt(.en).contains("2 input channels of 3×3") && q.prompt(.en).contains("cell [0, 0]"))
        #expect(q.prompt(.ko).contains("입력 채널 2개") && !q.prompt(.ko).contains("input"))
        #expect(q.figures(.en).map(\.caption) == ["ch 1", "ch 2", "w1.1", "w1.2", "w2.1", "w2.2", "biases"])
        #expect(q.figures(.ko).map(\.caption).first == "채널 1")
    }

    @Test func jsonRoundTripsWithAndWithoutOtherFilters() throws {
        let q = try QuizQuestion.fromYAML(Self.yaml, file: "q.yaml", firstLine: 1)
        let single = QuizQuestion(.channels(ChannelsQuestion(inputs: [try Self.matrix("1 2; 3 4")], kernel: [try Self.matrix("1")],
                                                             bias: -0.5, i: 1, j: 0)))
        for question in [q, single] {
            let data = try JSONEncoder().encode(question)
            #expect(try JSONDecoder().decode(QuizQuestion.self, from: data) == question)
        }
        let text = String(decoding: try JSONEncoder().encode(single), as: UTF8.self)
        #expect(!text.contains("other_filters"), "\(text)")
        #expect(try single.expected() == .real(2.5))
    }

    /// Bad blocks name the file line of the key at fault.
    @Test(arguments: [
        ("kind: channels\nkernel: [\"1\"]\ni: 0\nj: 0", "q.md:1: input: missing: one matrix per input channel, such as [\"1 2; 3 4\", \"0 1; 1 0\"]"),
        ("kind: channels\ninput: [\"1 2; 3 4\", \"1 2; 3 4\"]\nkernel: [\"1\"]\ni: 0\nj: 0",
         "q.md:3: kernel: the filter has 1 kernel for 2 input channels: give one per channel"),
        ("kind: channels\ninput: [\"1 2; 3 4\", \"1 2 3; 4 5 6\"]\nkernel: [\"1\", \"1\"]\ni: 0\nj: 0",
         "q.md:2: input: every channel must have the same size: 2×2 and 2×3"),
        ("kind: channels\ninput: [\"1 2; 3 4\"]\nkernel: [\"1 x\"]\ni: 0\nj: 0", "q.md:3: kernel: "),
        ("kind: channels\ninput: \"1 2; 3 4\"\nkernel: [\"1\"]\ni: 0\nj: 0", "q.md:2: input: expected a list: "),
        ("kind: channels\ninput: [\"1 2; 3 4\"]\nkernel: [\"1\"]\nother_filters:\n  - {kernel: [\"1\", \"2\"]}\ni: 0\nj: 0",
         "q.md:4: other_filters: filter 2 has 2 kernels for 1 input channel: give one per channel"),
        ("kind: channels\ninput: [\"1 2; 3 4\"]\nkernel: [\"1\"]\nother_filters:\n  - {kernel: [\"1\"], weight: 2}\ni: 0\nj: 0",
         "q.md:4: other_filters: 'weight' is not a filter field (fields: kernel, bias)"),
        ("kind: channels\ninput: [\"1 2; 3 4\"]\nkernel: [\"1\"]\nmode: convolve\ni: 0\nj: 0",
         "q.md:4: mode: not a field of a channels question (fields: kind, text, input, kernel, bias, other_filters, i, j)"),
        ("kind: channels\ninput: [\"1 2; 3 4\"]\nkernel: [\"1 1; 1 1\"]\ni: 1\nj: 0",
         "q.md:1: this channels question cannot be answered: cell (1, 0) is outside the 1×1 feature map"),
    ])
    func badBlocksNameTheirLine(yaml: String, message: String) {
        do {
            _ = try QuizQuestion.fromYAML(yaml, file: "q.md", firstLine: 1)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(message.hasSuffix(": ") ? error.description.hasPrefix(message) : error.description == message, "\(error.description)")
        }
    }

    @Test func theGeneratorDrawsAnswerableQuestionsAndMixedIsUnchanged() throws {
        let questions = QuizGenerator.questions(.channels, count: 40, seed: 3)
        #expect(questions.allSatisfy { $0.kind == .channels && (try? $0.expected()) != nil })
        let withOthers = questions.filter { if case .channels(let c) = $0.body { !c.others.isEmpty } else { false } }
        #expect(!withOthers.isEmpty && withOthers.count < questions.count)
        #expect(QuizGenerator.questions(.channels, count: 5, seed: 3) == Array(questions.prefix(5)), "the seed gives the same questions")
        #expect(QuizTopic.mixed.kinds == [.size, .chain, .params, .cell, .pool], "a class's old seed keeps its quiz")
        #expect(QuizKind.numeric.contains(.channels))
    }

    /// Three channels and two filters do not fit one row of 80 columns: the figures wrap into
    /// bands, each row within the width, every caption shown.
    @Test func figuresWrapIntoBandsWithinTheWidth() throws {
        let x = try Self.matrix("1 -2 3 0; 0 1 2 -1; 3 3 0 1; 2 0 1 1"), w = try Self.matrix("1 0 -1; 2 0 -2; 1 0 -1")
        let q = QuizQuestion(.channels(ChannelsQuestion(inputs: [x, x, x], kernel: [w, w, w], bias: 1,
                                                        others: [.init(kernel: [w, w, w], bias: -1)], i: 1, j: 1)))
        let figures = q.figures(.en)
        for width in [80, 60, 40] {
            let rows = QuizScreen.figureRows(figures, width: width)
            #expect(rows.allSatisfy { displayWidth($0.trimmingCharacters(in: .whitespaces)) <= width - 1 }, "\(width): \(rows)")
            for caption in figures.map(\.caption) { #expect(rows.contains { $0.contains(caption) }, "\(width): \(caption)") }
            #expect(rows.contains(""), "more than one band at \(width)")
        }
        // A question that fits stays one band (lesson 09's check at 80 columns).
        let lesson = try QuizQuestion.fromYAML(Self.yaml, file: "q.yaml", firstLine: 1)
        #expect(!QuizScreen.figureRows(lesson.figures(.en), width: 78).contains(""))
    }

    /// Lesson 09's step 3, as a student sees it at 80×24: the channels and kernels whole,
    /// a wrong answer (the bias left out) named, in both languages.
    @Test(arguments: Language.allCases)
    func lessonNineChecksOneCellWithNewNumbers(language: Language) throws {
        var app = ExplorerApp(screens: [try EveryScreen.make("lesson:channels:\(language.rawValue):2")], language: language)
        let asking = drive(&app, events: [], size: (80, 24)).lines.joined(separator: "\n")
        for row in [" 2  0  1      1  1  0      1  0       0   1", " 0  1  2      3  0  1"] {
            #expect(asking.contains(row), "\(asking)")
        }
        let answered = drive(&app, events: [.key(.char("6")), .key(.enter)], size: (80, 24)).lines.joined(separator: "\n")
        #expect(answered.contains(language == .en ? "You left out the bias" : "절편을 빠뜨렸습니다"), "\(answered)")
        #expect(answered.contains("y1[0,0] = 5 + 1 + 2 = 8"), "\(answered)")
    }
}

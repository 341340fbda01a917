@testable import CNN
@testable import Explorer
import Terminal
import Testing

/// The checks after lesson 12's transposed step and lesson 14's learn step: `choice`
/// questions whose numbers (the right option and the mistaken ones) are recomputed here with
/// the engine, in both languages, and whose wrong options name their mistake.
@Suite("Lesson checks against the engine")
struct LessonEngineChecksTests {
    /// The `choice` question of lesson `id`'s step `index` (0-based) in `language`.
    static func choice(_ id: String, step index: Int, _ language: Language) throws -> ChoiceQuestion {
        let lesson = try #require(shippedLibrary.lesson(id, language: language))
        let block = try #require(lesson.steps[index].block, "\(id) step \(index + 1) has a block")
        let question = try QuizQuestion.fromYAML(block.yaml, file: id, firstLine: block.line)
        guard case .choice(let q) = question.body else { throw QuizQuestionError("\(id) step \(index + 1) is not a choice") }
        return q
    }

    /// Option texts as numbers, in option order.
    static func numbers(_ q: ChoiceQuestion, _ language: Language) throws -> [Double] {
        try q.options.map { try #require(Double($0.text[language]), "\($0.text[language]) is a number") }
    }

    @Test(arguments: Language.allCases)
    func transposedOutputSizeAfterLessonTwelveStepSix(language: Language) throws {
        let lesson = try #require(shippedLibrary.lesson("im2col", language: language))
        #expect(lesson.steps[5].block?.yaml.contains("scene: transposed") == true, "step 6 is the transposed scene")
        let q = try Self.choice("im2col", step: 6, language)
        let x = Matrix(rows: 3, cols: 3, values: Array(repeating: 1, count: 9))
        let k = Matrix(rows: 3, cols: 3, values: Array(repeating: 1, count: 9))
        let valid = try transposedConv2d(x, k, stride: 2, padding: .valid)
        let same = try transposedConv2d(x, k, stride: 2, padding: .same)
        let forward = try AxisGeometry(input: 3, kernel: 3, stride: 2, dilation: 1, padding: .valid).outputSize
        #expect(valid.rows == 7 && valid.cols == 7)
        // Right: (n − 1)·s + k; mistakes: the forward size, `same`'s n·s, copies side by side n·k.
        #expect(try Self.numbers(q, language) == [Double(valid.rows), Double(forward), Double(same.rows), 9])
        #expect(q.answer == 0)
        #expect(q.options.dropFirst().allSatisfy { $0.feedback != nil }, "every wrong option says its mistake")
    }

    @Test(arguments: Language.allCases)
    func oneGradientStepAfterLessonFourteenStepSeven(language: Language) throws {
        let lesson = try #require(shippedLibrary.lesson("whole-cnn", language: language))
        #expect(lesson.steps[6].block?.yaml.contains("scene: learn") == true, "step 7 is the learn scene")
        let q = try Self.choice("whole-cnn", step: 7, language)
        // The engine's SGD, the optimizer the learn scene steps with: w = 0.5, ∂L/∂w = 0.3, η = 0.2.
        let w = Parameter(name: "w", shape: [1])
        w.value[0] = 0.5
        w.gradient[0] = 0.3
        SGD(learningRate: 0.2).update([w])
        let values = try Self.numbers(q, language)
        #expect(abs(values[q.answer] - Double(w.value[0])) < 1e-6, "\(values[q.answer]) vs the engine's \(w.value[0])")
        // Mistakes: the step added, the learning rate left out, the step alone.
        for (option, mistaken) in zip(values.indices.filter { $0 != q.answer }, [0.5 + 0.2 * 0.3, 0.5 - 0.3, 0.2 * 0.3]) {
            #expect(abs(values[option] - mistaken) < 1e-9)
        }
        #expect(q.options.enumerated().allSatisfy { $0.offset == q.answer || $0.element.feedback != nil })
    }

    /// What a student sees at 80×24: the question and its options, then a wrong pick named.
    @Test(arguments: [("im2col:en:6", "c", "n·s = 6"), ("im2col:ko:6", "c", "n·s = 6"),
                      ("whole-cnn:en:7", "b", "You added the step"), ("whole-cnn:ko:7", "b", "한 단계를 더했습니다")])
    func aWrongPickIsNamedOnScreen(step: String, pick: String, said: String) throws {
        let parts = step.split(separator: ":").map(String.init)
        let language = Language(rawValue: parts[1])!
        var app = ExplorerApp(screens: [try EveryScreen.make("lesson:\(step)")], language: language)
        let asking = drive(&app, events: [], size: (80, 24)).lines.joined(separator: "\n")
        for letter in ["a)", "b)", "c)", "d)"] { #expect(asking.contains(letter), "\(asking)") }
        let answered = drive(&app, events: [.key(.char(Character(pick))), .key(.enter)], size: (80, 24)).lines.joined(separator: "\n")
        #expect(answered.contains(said), "\(answered)")
    }
}

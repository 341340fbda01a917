import CNN
@testable import Explorer
import Terminal
import Testing

/// Predict mode in the receptive scene: each layer's field is typed before it is shown; the
/// screen never shows the asked field (table, headline, picture, notes); wrong sides name the
/// slip they match and never write the answer; hints fit the prompt's two rows.
@Suite("Receptive scene: predict mode")
struct ReceptivePredictTests {
    static func scene(_ stack: ReceptiveStack, _ language: Language = .en) throws -> ReceptiveScene {
        try ReceptiveScene(settings: ReceptiveSettings(stack: stack), language: language, predict: true)
    }

    func text(_ scene: ReceptiveScene, width: Int = 80, height: Int = 22) -> String {
        var buffer = Buffer(width: width, height: height)
        scene.render(into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height))
        return buffer.lines.joined(separator: "\n")
    }

    /// A table row's numbers: what follows the layer's name (`conv 3×3 s1`), before the picture.
    func numbers(_ row: Substring) -> String {
        guard let name = row.range(of: #"[0-9]×[0-9] s[0-9]"#, options: .regularExpression) else { return String(row.prefix(44)) }
        return String(row[name.upperBound...].prefix(24))
    }

    mutating func type(_ text: String, into scene: inout ReceptiveScene) {
        for c in text { _ = scene.update(.key(.char(c))) }
        _ = scene.update(.key(.enter))
    }

    @Test(arguments: ReceptiveStack.allCases)
    mutating func everyLayerIsAskedThenShownAndTheAnswerNeverLeaks(stack: ReceptiveStack) throws {
        for language in Language.allCases {
            var scene = try Self.scene(stack, language)
            let field = scene.field
            for level in 1...stack.layers.count {
                let question = try #require(scene.question)
                let answer = field.levels[level].size
                #expect(question.answer == .size(rows: answer, cols: answer) && scene.stepper.step == level)
                let screen = text(scene)
                let row = try #require(screen.split(separator: "\n").first { $0.hasPrefix(" ▸ \(level)") })
                #expect(numbers(row).contains("?") && !numbers(row).contains("×\(answer)"), "\(row)")
                // No row above the asked one shows a number; the headline does not give the last field.
                for above in (level + 1)..<(stack.layers.count + 1) {
                    let line = try #require(screen.split(separator: "\n").first { $0.hasPrefix("   \(above)  ") })
                    #expect(!numbers(line).contains("×"), "\(line)")
                }
                let last = field.levels[stack.layers.count].size
                #expect(!screen.contains("sees \(last)×\(last) of the") && !screen.contains("중 \(last)×\(last) 영역을 봅니다"), "\(screen)")
                type("\(answer)", into: &scene)
                #expect(scene.predict?.predictor.predicted == level)
            }
            #expect(scene.question == nil && scene.stepper.step == stack.layers.count)
            let done = text(scene, width: 140)
            let last = field.levels[stack.layers.count].size
            #expect(done.contains(language == .en ? "sees \(last)×\(last) of the 28×28 input" : "28×28 입력 중 \(last)×\(last) 영역을 봅니다"), "\(done)")
            #expect(done.contains(language == .en ? "Predicted \(stack.layers.count) of \(stack.layers.count)." : "\(stack.layers.count)개 중 \(stack.layers.count)개를 예측했습니다."))
        }
    }

    /// The seed stack's slips, each typed where it happens.
    @Test mutating func wrongSidesNameTheirSlip() throws {
        var scene = try Self.scene(.seed)
        type("26", into: &scene)
        #expect(scene.predict?.predictor.feedback == .wrong(guess: "26", hint: ReceptiveScene.namedSlip(side: 26, level: 1, field: scene.field, layers: scene.layers)!))
        #expect(text(scene).contains("That is this layer's map size"))
        type("3", into: &scene)  // layer 1: 3
        type("3", into: &scene)  // layer 2 (pool 2×2): the pool taken to add nothing
        #expect(text(scene).contains("A pool has no weights but still reads k×k cells below"))
        type("4", into: &scene)
        type("6", into: &scene)  // layer 3: r2 = 4 + (3 − 1) without the jump 2
        #expect(text(scene).contains("You added k − 1, as if one step here moved 1 input pixel"), "\(text(scene))")
        type("10", into: &scene)  // 4 + 3·2: k for k − 1
        #expect(text(scene).contains("A window of k cells adds k − 1 cells"))
        type("12", into: &scene)  // 4 · 3: fields multiplied
        #expect(text(scene).contains("Fields add, they do not multiply"))
        #expect(scene.predict?.predictor.predicted == 2 && scene.question?.label.en == "layer 3 field")
        type("8", into: &scene)
        #expect(scene.predict?.predictor.predicted == 3)
    }

    /// Every wrong side from 1 to 60 at every level of every stack, in both languages: the hint
    /// never holds the answer as a number and fits two rows at 80 columns.
    @Test func hintsNeverHoldTheAnswerAndFitTwoRows() throws {
        var checked = 0
        var stacks = ReceptiveStack.allCases.map(\.layers)
        stacks.append([WindowLayer(.conv, kernel: 2, stride: 2), WindowLayer(.conv, kernel: 3), WindowLayer(.pool, kernel: 3, stride: 3)])
        for layers in stacks {
            let field = try ReceptiveField(inputSize: 28, layers: layers)
            for level in 1...layers.count {
                let answer = field.levels[level].size
                for side in 1...60 where side != answer {
                    let hint = ReceptiveScene.receptiveHint(side: side, level: level, field: field, layers: layers)
                    for language in Language.allCases {
                        #expect(Predictor.occurrences(of: "\(answer)", in: hint[language]) == 0, "\(layers) level \(level) side \(side): \(hint[language])")
                        let line = StyledLine([Span("✗ 60:"), Span(" " + hint[language])])
                        #expect(Text(lines: [line]).height(forWidth: 78) <= 2, "\(hint[language])")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 600)
    }

    /// Fits the scene's own minimum and 80×24 with the prompt; draws only inside its area.
    @Test func drawsInsideItsAreaAtEverySize() throws {
        for language in Language.allCases {
            let scene = try Self.scene(.seed, language)
            for (w, h) in [(80, 22), (40, 10), (20, 4), (1, 1)] {
                var buffer = Buffer(width: w + 4, height: h + 4)
                scene.render(into: &buffer, area: Rect(x: 2, y: 2, width: w, height: h))
                for (y, line) in buffer.lines.enumerated() where y < 2 || y >= h + 2 {
                    #expect(line.trimmingCharacters(in: .whitespaces).isEmpty, "\(w)×\(h) row \(y): \(line)")
                }
            }
        }
    }
}

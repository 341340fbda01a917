import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// Predict mode in the learn scene: the first three updates are typed before they are shown
/// (one weight each, w − rate·∂L/∂w, the engine's `KernelFit` value); wrong values name the
/// slip; a value worked from the note's numbers to three decimals is always accepted.
@Suite("Learn scene: predict mode")
struct LearnPredictTests {
    func text(_ scene: LearnScene, width: Int = 80, height: Int = 22) -> String {
        var buffer = Buffer(width: width, height: height)
        scene.render(into: &buffer, area: Rect(x: 0, y: 0, width: width, height: height))
        return buffer.lines.joined(separator: "\n")
    }

    func type(_ text: String, into scene: inout LearnScene) {
        for c in text { _ = scene.update(.key(.char(c))) }
        _ = scene.update(.key(.enter))
    }

    /// The note's numbers, as the student reads them: `w[0,0] = 0.234 and ∂L/∂w[0,0] = 0.413`.
    func noteNumbers(_ scene: LearnScene, step: Int) throws -> (Double, Double) {
        let note = scene.questionNote(step: step)
        let numbers = note.matches(of: /= (-?[0-9.]+)/).compactMap { Double($0.1) }
        try #require(numbers.count >= 2, "\(note)")
        return (numbers[0], numbers[1])
    }

    @Test func threeUpdatesAreAskedThenTheSceneStepsAsUsual() throws {
        for language in Language.allCases {
            var scene = try LearnScene(language: language, predict: true)
            for step in 0..<3 {
                let question = try #require(scene.question)
                #expect(scene.stepper.step == step)
                let screen = text(scene)
                #expect(!screen.contains(language == .en ? "weights w (step \(step + 1))" : "가중치 w (\(step + 1)단계)"))
                #expect(!screen.contains("w[0,0]: "), "the worked update is not in the notes while asked")
                _ = scene.update(.key(.right))  // the stepper does not move while asked
                #expect(scene.stepper.step == step)
                guard case .value(let answer) = question.answer else { Issue.record("a value"); return }
                type(formatNumber(answer, digits: 4), into: &scene)
                #expect(scene.predict?.predictor.predicted == step + 1 && scene.stepper.step == step + 1)
            }
            #expect(scene.question == nil)
            _ = scene.update(.key(.right))
            #expect(scene.stepper.step == 4, "→ steps once every update is predicted")
            #expect(text(scene).contains(language == .en ? "Predicted 3 of 3." : "3개 중 3개를 예측했습니다."))
        }
    }

    /// Over targets, seeds and rates: the value worked from the note's four-decimal numbers and
    /// rounded to three decimals is right; each slip's value gets its own hint; no hint writes
    /// the answer, and every hint fits the prompt's two rows at 80 columns.
    @Test func workedValuesAreRightAndSlipsAreNamed() throws {
        var checked = 0
        for target in KernelPreset.allCases {
            for seed in [1, 2, 7] {
                for rate: Float in [0.05, 0.2, 1, 2] {
                    var scene = try LearnScene(settings: LearnSettings(target: target, rate: rate, seed: seed), predict: true)
                    for step in 0..<3 {
                        let question = try #require(scene.question)
                        guard case .value(let answer) = question.answer else { continue }
                        let (w, g) = try noteNumbers(scene, step: step)
                        let worked = ((w - Double(rate) * g) * 1000).rounded() / 1000
                        #expect(PredictGuess.close(worked, answer), "\(target) seed \(seed) rate \(rate) step \(step): \(worked) vs \(answer)")
                        let slips: [(Double, String)] = [(w + Double(rate) * g, "do not add it"), (w - g, "Scale the gradient"),
                                                         (-Double(rate) * g, "does not replace it"), (w - Double(rate), "not the rate alone"),
                                                         (w, "That is w now")]
                        for (value, phrase) in slips where abs(value - Double(answer)) > 0.01 {
                            let hint = LearnScene.updateHint(guess: value, weight: w, gradient: g, rate: Double(rate), answer: Double(answer))
                            let distinct = slips.filter { abs($0.0 - value) <= 0.003 }.count == 1
                            if distinct { #expect(hint.en.contains(phrase), "\(value): \(hint.en)") }
                            for language in Language.allCases {
                                #expect(Predictor.occurrences(of: formatNumber(answer), in: hint[language]) == 0)
                                let line = StyledLine([Span("✗ -0.1234:"), Span(" " + hint[language])])
                                #expect(Text(lines: [line]).height(forWidth: 78) <= 2, "\(hint[language])")
                            }
                            checked += 1
                        }
                        type(formatNumber(answer, digits: 4), into: &scene)
                    }
                }
            }
        }
        #expect(checked > 300)
    }

    @Test func drawsInsideItsAreaAtEverySize() throws {
        for language in Language.allCases {
            let scene = try LearnScene(language: language, predict: true)
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

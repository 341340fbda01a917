import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

@Suite("Learn scene")
struct LearnSceneTests {
    /// Every target is learned (each weight within 0.01) within 350 steps at the default rate
    /// (measured: box 210, identity 214, Sobel y 250, Laplacian 279, sharpen 298, Sobel x 301),
    /// and the step the scene reports is the first where that holds.
    @Test(arguments: KernelPreset.allCases)
    func everyTargetConvergesWithinAFewHundredSteps(target: KernelPreset) throws {
        var scene = try LearnScene(settings: LearnSettings(target: target))
        _ = scene.update(.key(.end))
        let done = try #require(scene.convergedStep, "\(target) not learned in \(LearnScene.maxSteps) steps")
        #expect(done <= 350, "\(target): \(done) steps")
        let weights = scene.history[done].weights.values
        #expect(zip(weights, target.kernel.values).allSatisfy { abs($0 - $1) <= 0.01 })
        if done > 0 {
            #expect(!zip(scene.history[done - 1].weights.values, target.kernel.values).allSatisfy { abs($0 - $1) <= 0.01 })
        }
        #expect(scene.history[done].loss < scene.history[0].loss / 1000)
        #expect(scene.notes.joined().contains("Learned: from step \(done) every weight is within 0.01 of \(target.title[.en])"))
    }

    /// Each step's numbers are the engine's: the loss and gradient of `KernelFit.step` at the
    /// weights shown, and the next weights are w − rate·g.
    @Test func stepsAreTheEnginesAndKeysWork() throws {
        var scene = try LearnScene()
        let fit = try KernelFit(image: LearnScene.image, targetKernel: KernelPreset.sobelX.kernel, learningRate: 0.2)
        var w = fit.initialWeights(seed: 1)
        for step in 0..<5 {
            let expected = try fit.step(from: w)
            #expect(scene.history[step] == expected)
            #expect(scene.notes[1].contains("w[0,0]: \(formatNumber(w[0, 0], digits: 4)) − 0.2 × \(formatNumber(expected.gradient[0, 0], digits: 4))"))
            w = expected.next
            _ = scene.update(.key(.right))
        }
        #expect(scene.stepper.step == 5)
        _ = scene.update(.key(.char("r")))
        #expect(scene.stepper.step == 0)
        _ = scene.update(.key(.char("t")))
        #expect(scene.settings.target == .sobelY && scene.stepper.step == 0 && scene.history.count == 1)
        _ = scene.update(.key(.space))
        #expect(scene.tickInterval != nil)
        for _ in 0..<3 { _ = scene.update(.tick) }
        #expect(scene.stepper.step == 3)
    }

    @Test func aRateTooLargeSaysTheLossGrows() throws {
        var scene = try LearnScene(settings: LearnSettings(target: .sobelX, rate: 2))
        for _ in 0..<10 { _ = scene.update(.key(.right)) }
        #expect(scene.current.loss > scene.history[0].loss * 10)
        #expect(scene.notes.joined().contains("The loss grows: the learning rate 2 is too large"))
        #expect(throws: SettingsError.self) { try ScreenRegistry.builtIn.make("learn", settings: .flags(["rate": "0"]), language: .en) }
        #expect(throws: SettingsError.self) { try ScreenRegistry.builtIn.make("learn", settings: .flags(["target": "blur"]), language: .en) }
    }

    /// In a lesson's shorter block the grids drop their frames so the pictures and a note fit.
    @Test func aShortAreaKeepsGridsPicturesAndANote() throws {
        let scene = try LearnScene()
        var buffer = Buffer(width: 80, height: 17)
        scene.render(into: &buffer, area: buffer.area)
        let text = buffer.lines.joined(separator: "\n")
        #expect(!text.contains("┌"), "\(text)")
        #expect(text.contains("-1.000  0.000  1.000") && text.contains("image x") && text.contains("· loss L"), "\(text)")
    }

    @Test func wholeScreenEnglish() throws {
        var app = try appShowing("learn", language: .en)
        let lines = screen(&app, [.right], size: (80, 24)).lines
        #expect(lines == Self.englishStep1, "\(lines.joined(separator: "\n"))")
    }

    @Test func wholeScreenKorean() throws {
        var app = try appShowing("learn", language: .ko)
        let lines = screen(&app, [.end], size: (80, 24)).lines
        #expect(lines == Self.koreanEnd, "\(lines.joined(separator: "\n"))")
    }

    static let englishStep1: [String] = [
        " Stride · Learning a kernel                                          step 1/600",
        " learn Sobel x from the image · rate 0.2 · loss 2.2523",
        "",
        " weights w (step 1)      gradient ∂L/∂w          target: Sobel x",
        " ┌──────┬──────┬──────┐  ┌──────┬──────┬──────┐  ┌──────┬──────┬──────┐",
        " │ 0.152│ 0.055│ 0.259│  │ 0.511│ 0.017│-0.631│  │-1.000│ 0.000│ 1.000│",
        " ├──────┼──────┼──────┤  ├──────┼──────┼──────┤  ├──────┼──────┼──────┤",
        " │-0.248│ 0.256│-0.195│  │ 0.693│ 0.038│-0.821│  │-2.000│ 0.000│ 2.000│",
        " ├──────┼──────┼──────┤  ├──────┼──────┼──────┤  ├──────┼──────┼──────┤",
        " │-0.591│-0.117│ 0.560│  │ 0.539│ 0.041│-0.465│  │-1.000│ 0.000│ 1.000│",
        " └──────┴──────┴──────┘  └──────┴──────┴──────┘  └──────┴──────┴──────┘",
        "",
        " image x         target t        x ⋆ w now       loss (log scale)",
        "           ▄▀    ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀      █",
        "   ████  ▄▀      ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀      2.8375 → 2.2523",
        "   ████▄▀        ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀",
        "      ▀▄███▄     ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀",
        "       █████     ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀",
        "        ▀▀▀",
        "",
        " · loss L = mean((x ⋆ w − t)²) over the 100 output cells (output size 12 − 3 +",
        " 1 = 10) = 2.2523; each step w ← w − 0.2 · ∂L/∂w, the gradient from Conv2D's",
        " … more notes: press i",
        "→/l next  ←/h prev  G/End all  space play  ? help  Esc back  q quit",
    ]
    static let koreanEnd: [String] = [
        " Stride · 커널 학습                                                단계 600/600",
        " 이미지에서 소벨 x 학습 · 학습률 0.2 · 손실 8.7e-09",
        "",
        " 가중치 w (600단계)      기울기 ∂L/∂w            목표: 소벨 x",
        " ┌──────┬──────┬──────┐  ┌──────┬──────┬──────┐  ┌──────┬──────┬──────┐",
        " │-1.000│ 0.000│ 1.000│  │ 0.000│ 0.000│ 0.000│  │-1.000│ 0.000│ 1.000│",
        " ├──────┼──────┼──────┤  ├──────┼──────┼──────┤  ├──────┼──────┼──────┤",
        " │-2.000│ 0.000│ 2.000│  │ 0.000│ 0.000│ 0.000│  │-2.000│ 0.000│ 2.000│",
        " ├──────┼──────┼──────┤  ├──────┼──────┼──────┤  ├──────┼──────┼──────┤",
        " │-1.000│ 0.000│ 1.000│  │ 0.000│ 0.000│ 0.000│  │-1.000│ 0.000│ 1.000│",
        " └──────┴──────┴──────┘  └──────┴──────┴──────┘  └──────┴──────┴──────┘",
        "",
        " 이미지 x        목표 t          지금 x ⋆ w      손실 (로그 눈금)",
        "           ▄▀    ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀      █▇▆▆▆▅▅▅▅▅▄▄▄▄▄▃▃▃▃▃▃▂▂▂▂▂▁▁▁",
        "   ████  ▄▀      ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀      2.8375 → 8.7e-09",
        "   ████▄▀        ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀",
        "      ▀▄███▄     ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀",
        "       █████     ▀▀▀▀▀▀▀▀▀▀      ▀▀▀▀▀▀▀▀▀▀",
        "        ▀▀▀",
        "",
        " · 손실 L = 100개 출력 칸(출력 크기 12 − 3 + 1 = 10)의 평균((x ⋆ w − t)²) =",
        " 8.7e-09; 매 단계 w ← w − 0.2 · ∂L/∂w, 기울기는 Conv2D의 역전파에서 옵니다.",
        " … 설명이 더 있습니다: i 키",
        "→/l 다음  ←/h 이전  G/End 전체  space 재생  ? 도움말  Esc 뒤로  q 종료",
    ]
}

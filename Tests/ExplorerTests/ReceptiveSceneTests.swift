import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

@Suite("Receptive scene")
struct ReceptiveSceneTests {
    /// The input cells cell `cell` of the last of `layers` reads, by walking back layer by
    /// layer (valid windows: cell o of a layer reads o·s … o·s + k − 1 below).
    static func seen(cell: Int, layers: [WindowLayer]) -> ClosedRange<Int> {
        var low = cell, high = cell
        for layer in layers.reversed() {
            low = low * layer.stride
            high = high * layer.stride + layer.kernel - 1
        }
        return low...high
    }

    /// Every stack × every input side it fits × every step: the notes say what the engine
    /// and a back-projection say (field, region, last map, the Dense layer's weights).
    @Test func notesAreTrueForEverySetting() throws {
        var checked = 0
        for stack in ReceptiveStack.allCases {
            for size in 8...32 {
                let settings = ReceptiveSettings(stack: stack, size: size)
                guard (try? settings.validate()) != nil else { continue }
                for language in Language.allCases {
                    var scene = try ReceptiveScene(settings: settings, language: language)
                    for step in 0...stack.layers.count {
                        let prefix = Array(stack.layers.prefix(step))
                        let c = scene.field.centre(level: step)
                        let region = Self.seen(cell: c, layers: prefix)
                        let notes = scene.notes.joined(separator: "\n")
                        if language == .en {
                            #expect(notes.contains("Cell (\(c), \(c)) of this layer sees input rows and columns \(region.lowerBound)–\(region.upperBound): \(region.count)×\(region.count) of \(size)×\(size)."),
                                    "\(stack) \(size) step \(step): \(notes)")
                            if step > 0 {
                                #expect(notes.contains("= \(region.count); j\(step) ="), "\(stack) \(size) step \(step)")
                                var sides = [size]
                                for layer in prefix { sides.append((sides.last! - layer.kernel) / layer.stride + 1) }
                                let layer = prefix[step - 1]
                                #expect(notes.contains("output size floor((\(sides[step - 1]) − \(layer.kernel))/\(layer.stride)) + 1 = \(sides[step])"))
                            }
                        } else {
                            #expect(notes.contains("\(region.lowerBound)–\(region.upperBound)행·열, 즉 \(size)×\(size) 중 \(region.count)×\(region.count) 영역을 봅니다"))
                        }
                        // The last map and its Dense layer, from the shapes worked out by hand.
                        var side = size, channels = 1, convs = 0
                        for layer in stack.layers {
                            side = (side - layer.kernel) / layer.stride + 1
                            if layer.kind == .conv { channels = convs == 0 ? 32 : 64; convs += 1 }
                        }
                        let values = side * side * channels
                        if language == .en {
                            #expect(notes.contains("Last map \(side)×\(side)×\(channels) = \(groupThousands(values)) values; a Dense layer of 512 units on it has \(groupThousands(values)) × 512 = \(groupThousands(values * 512)) weights"),
                                    "\(stack) \(size): \(notes)")
                        }
                        if stack != .convs {
                            let plainSide = size - 6
                            let plain = plainSide * plainSide * 64
                            let text = language == .en ? "end in \(plainSide)×\(plainSide)×64 = \(groupThousands(plain)) values, and that Dense layer would need \(groupThousands(plain * 512)) weights"
                                                       : "\(plainSide)×\(plainSide)×64 = 값 \(groupThousands(plain))개가 되어 그 밀집층에 가중치 \(groupThousands(plain * 512))개"
                            #expect(notes.contains(text), "\(stack) \(size) \(language): \(notes)")
                            #expect(notes.contains("7×7"))
                        } else {
                            #expect(notes.contains(language == .en ? "does not downsample" : "다운샘플링을 하지 않습니다"))
                        }
                        checked += 1
                        _ = scene.update(.key(.right))
                    }
                }
            }
        }
        #expect(checked > 300)
    }

    /// The notes' numbers: three 3×3 convolutions see 7×7; the seed convnet's last cell 18×18;
    /// without pooling 22×22×64 = 30,976 values and 15,859,712 weights for a Dense(512).
    @Test func theNotesFiguresOfTheSeedModel() throws {
        var convs = try ReceptiveScene(settings: ReceptiveSettings(stack: .convs))
        for _ in 0..<3 { _ = convs.update(.key(.right)) }
        #expect(convs.field.levels[3].size == 7)
        #expect(convs.notes.joined().contains("Last map 22×22×64 = 30,976 values; a Dense layer of 512 units on it has 30,976 × 512 = 15,859,712 weights (+ 512 biases)."))
        let seed = try ReceptiveScene()
        #expect(seed.field.levels.map(\.size) == [1, 3, 4, 8, 10, 18])
        #expect(seed.notes.joined().contains("15,859,712 weights (15.9 million) — ×54 as many — while each last cell would see only 7×7 of the input instead of 18×18."))
        // The same count from the engine's summary of the notes' model_no_max_pool + Dense(512).
        let noPool = ModelSpec(inputShape: [28, 28, 1], layers: [
            .conv2d(Conv2DSpec(filters: 32, kernelSize: Size2(3))), .conv2d(Conv2DSpec(filters: 64, kernelSize: Size2(3))),
            .conv2d(Conv2DSpec(filters: 64, kernelSize: Size2(3))), .flatten, .dense(DenseSpec(units: 512)),
        ])
        #expect(try noPool.layerInfos().last?.paramCount == 15_859_712 + 512)
    }

    @Test func editsChangeTheStackAndRefuseWhatDoesNotFit() throws {
        var scene = try ReceptiveScene(settings: ReceptiveSettings(stack: .convs))
        _ = scene.update(.key(.right))                 // layer 1 shown
        _ = scene.update(.key(.char("t")))             // conv → pool
        #expect(scene.layers[0].kind == .pool)
        _ = scene.update(.key(.char("s")))             // stride 2
        #expect(scene.layers[0].stride == 2 && scene.field.levels[1].jump == 2)
        _ = scene.update(.key(.char("k")))             // kernel 4
        #expect(scene.layers[0].kernel == 4 && scene.field.levels[1].size == 4)
        _ = scene.update(.key(.char("a")))             // a conv 3×3 after it
        #expect(scene.layers.count == 4 && scene.stepper.step == 2 && scene.layers[1] == WindowLayer(.conv, kernel: 3))
        _ = scene.update(.key(.char("x")))
        #expect(scene.layers.count == 3)
        // A 7×7 kernel at every layer of a small input does not fit: refused with the engine's reason.
        var small = try ReceptiveScene(settings: ReceptiveSettings(stack: .seed, size: 20))
        _ = small.update(.key(.end))
        var command = ScreenCommand.none
        for _ in 0..<5 { command = small.update(.key(.char("k"))) }
        guard case .notice(let text) = command else { Issue.record("no notice: \(command)"); return }
        #expect(text.contains("layer 5"))
        #expect(small.layers[4].kernel < 7)
        _ = small.update(.key(.char("n")))
        #expect(small.stack == .convs && small.layers == ReceptiveStack.convs.layers)
    }

    @Test func settingsRefuseAStackTooDeepForTheInput() {
        #expect(throws: SettingsError.self) { try ScreenRegistry.builtIn.make("receptive", settings: .flags(["size": "8"]), language: .en) }
        #expect(throws: SettingsError.self) { try ScreenRegistry.builtIn.make("receptive", settings: .flags(["stack": "deep"]), language: .en) }
    }

    /// In a short area (a lesson's block under its prose) the picture halves its scale so
    /// the whole input and its caption still show.
    @Test func aShortAreaHalvesThePicture() throws {
        var scene = try ReceptiveScene(settings: ReceptiveSettings(stack: .convs))
        for _ in 0..<3 { _ = scene.update(.key(.right)) }
        var buffer = Buffer(width: 80, height: 15)
        scene.render(into: &buffer, area: buffer.area)
        let lines = buffer.lines
        #expect(lines[3].hasSuffix("input 28×28"), "\(lines.joined(separator: "\n"))")
        #expect(lines[4].hasSuffix("  ··············"), "14 cells for 28 pixels")
        #expect(lines.contains { $0.hasSuffix("cell (10, 10) sees 7×7") })
        #expect(lines.contains { $0.hasSuffix("·····████·····") })
        #expect(scene.pictureRows(scale: 1) == 16 && scene.pictureRows(scale: 2) == 9)
    }

    @Test func wholeScreenEnglish() throws {
        var app = try appShowing("receptive", language: .en)
        let lines = screen(&app, [.end], size: (80, 24)).lines
        #expect(lines == Self.englishEnd, "\(lines.joined(separator: "\n"))")
    }

    @Test func wholeScreenKorean() throws {
        var app = try appShowing("receptive", ["stack": "convs"], language: .ko)
        let lines = screen(&app, [.right, .right], size: (80, 24)).lines
        #expect(lines == Self.koreanStep2, "\(lines.joined(separator: "\n"))")
    }

    static let englishEnd: [String] = [
        " Stride · Receptive field                                              step 5/5",
        " the MNIST convnet · a cell of the last layer sees 18×18 of the 28×28 input",
        " a add · x remove · t conv/pool · k/K kernel · s/S stride · n next stack",
        "",
        "   #  layer          out     field  jump           input 28×28",
        "   0  input          28×28   1×1    1              ····························",
        "   1  conv 3×3 s1    26×26   3×3    1              ····························",
        "   2  pool 2×2 s2    13×13   4×4    2              ····██████████████████······",
        "   3  conv 3×3 s1    11×11   8×8    2              ····██████████████████······",
        "   4  pool 2×2 s2    5×5     10×10  4              ····██████████████████······",
        " ▸ 5  conv 3×3 s1    3×3     18×18  4              ····██████████████████······",
        "                                                   ····██████████████████······",
        " · output size floor((5 − 3)/1) + 1 = 3; r5 = r4   ····██████████████████······",
        " + (k − 1)·j4 = 10 + 2·4 = 18; j5 = j4·s = 4·1 =   ····██████████████████······",
        " 4.                                                ····██████████████████······",
        " · Cell (1, 1) of this layer sees input rows and   ····██████████████████······",
        " columns 4–21: 18×18 of 28×28.                     ····························",
        " · Last map 3×3×64 = 576 values; a Dense layer of  ····························",
        " 512 units on it has 576 × 512 = 294,912 weights   ····························",
        " (+ 512 biases).                                   cell (1, 1) sees 18×18",
        " · Why downsample: the same convolutions without",
        " pooling or stride end in 22×22×64 = 30,976",
        " … more notes: press i",
        "→/l next  ←/h prev  G/End all  space play  ? help  Esc back  q quit",
    ]
    static let koreanStep2: [String] = [
        " Stride · 수용 필드                                                    단계 2/3",
        " 풀링 없는 3×3 합성곱 세 개 · 마지막 층의 한 칸은 28×28 입력 중 7×7 영역을 봅…",
        " a 추가 · x 삭제 · t 합성곱/풀링 · k/K 커널 · s/S 스트라이드 · n 다음 구성",
        "",
        "   #  층             출력    영역   간격           입력 28×28",
        "   0  입력           28×28   1×1    1              ····························",
        "   1  합성곱 3×3 s1  26×26   3×3    1              ····························",
        " ▸ 2  합성곱 3×3 s1  24×24   5×5    1              ····························",
        "   3  합성곱 3×3 s1  22×22   7×7    1              ····························",
        "                                                   ····························",
        " · 출력 크기 floor((26 − 3)/1) + 1 = 24; r2 = r1   ···········▄▄▄▄▄············",
        " + (k − 1)·j1 = 3 + 2·1 = 5; j2 = j1·s = 1·1 = 1.  ···········█████············",
        " · 이 층의 (11, 11) 칸은 입력의 11–15행·열, 즉     ···········█████············",
        " 28×28 중 5×5 영역을 봅니다.                       ····························",
        " · 마지막 특성 맵 22×22×64 = 값 30,976개; 여기에   ····························",
        " 유닛 512개짜리 밀집층을 놓으면 가중치가 30,976 ×  ····························",
        " 512 = 15,859,712개입니다(+ 절편 512개).           ····························",
        " · 이 구성은 다운샘플링을 하지 않습니다: 풀링(a    ····························",
        " 다음 t)이나 스트라이드(s)를 더해 마지막 맵과      ····························",
        " 밀집층이 줄어드는 것을 보세요.                    (11, 11) 칸이 보는 영역 5×5",
        "",
        "",
        "",
        "→/l 다음  ←/h 이전  G/End 전체  space 재생  ? 도움말  Esc 뒤로  q 종료",
    ]
}

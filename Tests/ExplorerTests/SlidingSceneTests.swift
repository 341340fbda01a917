import CNN
@testable import Explorer
import Terminal
import Testing

/// Whole-screen tests of the sliding-kernel scene through the in-memory backend (`drive`).
@Suite("Sliding scene")
struct SlidingSceneTests {
    static let firstStep: [String] = [
        " Stride · Sliding kernel                                               step 0/4",
        " cross-correlation (Keras Conv2D) · padding valid · stride 1 · dilation 1",
        "",
        " Input 4×4                           Kernel 3×3            Output 2×2",
        " ┌───────┬───────┬───────┬───────┐   ┌─────┬─────┬─────┐   ┌──────┬──────┐",
        " │    3  │    1  │    0  │    2  │   │  1  │  0  │  1  │   │      │      │",
        " ├───────┼───────┼───────┼───────┤   ├─────┼─────┼─────┤   ├──────┼──────┤",
        " │    5  │    2  │    4  │    1  │   │  0  │  2  │  0  │   │      │      │",
        " ├───────┼───────┼───────┼───────┤   ├─────┼─────┼─────┤   └──────┴──────┘",
        " │    0  │    6  │    1  │    3  │   │  1  │  0  │  1  │",
        " ├───────┼───────┼───────┼───────┤   └─────┴─────┴─────┘",
        " │    2  │    1  │    5  │    0  │",
        " └───────┴───────┴───────┴───────┘",
        "",
        " Press → to place the kernel on the first window and compute the first output.",
        "",
        " output size: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2",
        "",
        " · Each output cell is the sum of the kernel's weights times the input cells",
        " under the window.",
        "",
        "",
        "",
        "→/l next  ←/h prev  G/End all  space play  i notes  ? help  Esc back  q quit",
    ]

    static let lastStepKorean: [String] = [
        " Stride · 커널 슬라이딩                                                단계 4/4",
        " 교차상관 (케라스 Conv2D) · 패딩 valid · 스트라이드 1 · 팽창 1",
        "",
        " 입력 4×4                            커널 3×3              출력 2×2",
        " ┌───────┬───────┬───────┬───────┐   ┌─────┬─────┬─────┐   ┌──────┬──────┐",
        " │    3  │    1  │    0  │    2  │   │  1  │  0  │  1  │   │   8  │  20  │",
        " ├───────┼───────┼───────┼───────┤   ├─────┼─────┼─────┤   ├──────┼──────┤",
        " │    5  │  2·1  │  4·0  │  1·1  │   │  0  │  2  │  0  │   │  28  │   6  │",
        " ├───────┼───────┼───────┼───────┤   ├─────┼─────┼─────┤   └──────┴──────┘",
        " │    0  │  6·0  │  1·2  │  3·0  │   │  1  │  0  │  1  │",
        " ├───────┼───────┼───────┼───────┤   └─────┴─────┴─────┘",
        " │    2  │  1·1  │  5·0  │  0·1  │",
        " └───────┴───────┴───────┴───────┘",
        "",
        " out[1,1] = 2·1 + 4·0 + 1·1 + 6·0 + 1·2 + 3·0 + 1·1 + 5·0 + 0·1 = 6",
        "",
        " 출력 크기: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2",
        "",
        " 모든 출력을 계산했습니다.",
        " · 출력 한 칸은 창 아래 입력 값과 커널 가중치를 곱해 모두 더한 값입니다.",
        "",
        "",
        "",
        "→/l 다음  ←/h 이전  G/End 전체  space 재생  i 설명  ? 도움말  Esc 뒤로  q 종료",
    ]

    @Test func firstStepWholeScreen() throws {
        var app = try appShowing("sliding")
        let buffer = screen(&app)
        // Step 0 places no window: no `value·weight` marks, no colours, while the text says
        // "Press → to place the kernel".
        #expect(buffer.lines == Self.firstStep)
        #expect(buffer[3, 5].style == .plain && buffer[3, 7].style == .plain)
        #expect(buffer[62, 5].style == .plain, "no output cell is highlighted yet")
        // After →, the window's first row is in kernel row 0's colour, with palette black text
        // (not brightened by bold) and an underline, so it does not rely on colour alone.
        let placed = screen(&app, [.right])
        #expect(placed.line(5).contains("3·1") && placed.line(9).contains("1·1"))
        #expect(placed[3, 5].style == ConvPanel.rowStyle(0))
        #expect(placed[3, 5].style.foreground == .trueBlack && placed[3, 5].style.underline)
        #expect(placed[3, 7].style == ConvPanel.rowStyle(1))
        #expect(placed[22, 11].style == .plain)
        #expect(placed[62, 5].style == Palette.current)
    }

    @Test func lastStepWholeScreenInKorean() throws {
        var app = try appShowing("sliding", language: .ko)
        #expect(screen(&app, [.end]).lines == Self.lastStepKorean)
    }

    @Test func eachProductIsLinkedToItsCellByColour() throws {
        var app = try appShowing("sliding")
        let buffer = screen(&app, [.right])
        let row = buffer.lines[14]
        #expect(row.hasPrefix(" out[0,0] = 3·1 + 1·0 + 0·1 + 5·0 + 2·2 + 4·0 + 0·1 + 6·0 + 1·1 = 8"))
        // "5·0" in the arithmetic has kernel row 1's colour, like the input cell showing 5·0.
        let x = displayWidth(" out[0,0] = 3·1 + 1·0 + 0·1 + ")
        #expect(buffer[x, 14].style == ConvPanel.rowStyle(1))
        #expect(buffer[3, 7].style == ConvPanel.rowStyle(1))
    }

    @Test func stepsMoveTheWindowAndFillTheOutput() throws {
        var scene = try SlidingScene(settings: .example, language: .en)
        #expect(scene.count == 4)
        _ = scene.update(.key(.right))
        #expect(scene.step == 1)
        _ = scene.update(.key(.end))
        #expect(scene.step == 4)
        _ = scene.update(.key(.left))
        #expect(scene.step == 3)
        _ = scene.update(.key(.home))
        #expect(scene.step == 0)
    }

    @Test func playTicksToTheEnd() throws {
        var scene = try SlidingScene(settings: .example, language: .en)
        _ = scene.update(.key(.space))
        #expect(scene.tickInterval == Stepper.speeds[2])
        _ = scene.update(.key(.char("+")))
        #expect(scene.tickInterval == Stepper.speeds[3])
        for _ in 0..<10 { _ = scene.update(.tick) }
        #expect(scene.step == 4)
        #expect(scene.tickInterval == nil)
    }

    @Test func edgeDetectorKernelTypedWithMinusSigns() throws {
        var app = try appShowing("sliding", ["input": "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16",
                                             "kernel": "-1 0 1; -2 0 2; -1 0 1"])
        let text = screen(&app, [.right]).lines.joined(separator: "\n")
        #expect(text.contains("out[0,0] = 1·(-1) + 2·0 + 3·1 + 5·(-2) + 6·0 + 7·2 + 9·(-1) + 10·0 + 11·1 = 8"))
    }

    /// Every common case fits 80×24 without the size message: any padding or mode, inputs up to 7×7.
    @Test(arguments: ["valid", "same", "full", "1", "2"])
    func commonCasesFit80x24(padding: String) throws {
        for mode in ["correlate", "convolve"] {
            for n in [4, 5, 7] {
                let input = (0..<n).map { r in (0..<n).map { String(r * n + $0 + 1) }.joined(separator: " ") }.joined(separator: "; ")
                var app = try appShowing("sliding", ["input": input, "padding": padding, "mode": mode])
                let buffer = screen(&app, [.right])
                let text = buffer.lines.joined(separator: "\n")
                #expect(!text.contains("too small"))
                #expect(text.contains("out[0,0] ="), "\(n)×\(n) \(padding) \(mode):\n\(text)")
                #expect(text.contains("output size:"))
            }
        }
    }

    @Test func anMNISTSizedInputPansAsAHeatmap() throws {
        let input = (0..<28).map { r in (0..<28).map { String(($0 * r) % 7) }.joined(separator: " ") }.joined(separator: "; ")
        var app = try appShowing("sliding", ["input": input])
        let buffer = screen(&app, [.end])
        let text = buffer.lines.joined(separator: "\n")
        #expect(!text.contains("too small"))
        #expect(text.contains("out[25,25] ="))
        #expect(text.contains("Output 26×26"))
    }

    @Test func biggerTerminalsGetBiggerCells() throws {
        var small = try appShowing("sliding", ["padding": "full"])
        var large = try appShowing("sliding", ["padding": "full"])
        let a = screen(&small, [.right]).lines.joined(separator: "\n")
        let b = screen(&large, [.right], size: (120, 40)).lines.joined(separator: "\n")
        #expect(!a.contains("┌"), "80×24 uses the line-less layout for a 8×8 padded input")
        #expect(b.contains("┌─"), "120×40 draws grid lines")
    }

    @Test func rendersOnlyInsideItsArea() throws {
        let scene = try SlidingScene(settings: .example, language: .ko)
        var buffer = Buffer(width: 80, height: 24)
        let area = Rect(x: 5, y: 2, width: 50, height: 16)
        scene.render(into: &buffer, area: area)
        for y in 0..<24 {
            for x in 0..<80 where !area.contains(x: x, y: y) {
                #expect(buffer[x, y] == .blank, "cell (\(x), \(y)) drawn outside the area")
            }
        }
        #expect(buffer.lines.joined().contains("커널 3×3"))
    }

    @Test func notesThatDoNotFitSayHowToSeeThem() throws {
        var app = try appShowing("sliding", ["input": "1 2 3 4 5 6 7; 1 2 3 4 5 6 7; 1 2 3 4 5 6 7; 1 2 3 4 5 6 7; 1 2 3 4 5 6 7; 1 2 3 4 5 6 7; 1 2 3 4 5 6 7",
                                             "padding": "1", "stride": "2", "dilation": "2", "mode": "convolve"])
        var text = screen(&app, [.right]).lines.joined(separator: "\n")
        #expect(text.contains("more notes: press i"))
        text = screen(&app, [.char("i")]).lines.joined(separator: "\n")
        #expect(text.contains("Dilation 2"))
        #expect(text.contains("stride of 2"))
    }
}

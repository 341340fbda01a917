import CNN
import Explorer
import Terminal
import Testing

/// Whole-screen tests of the sliding-kernel scene through the in-memory backend (`drive`).
@Suite("Sliding scene")
struct SlidingSceneTests {
    static let firstStep: [String] = [
        " Stride · Sliding kernel                                               step 0/4",
        " cross-correlation (Keras Conv2D) · padding valid · stride 1 · dilation 1",
        "",
        " Input 4×4               Kernel 3×3         Output 2×2",
        " ┌────┬────┬────┬────┐   ┌────┬────┬────┐   ┌────┬────┐",
        " │  3 │  1 │  0 │  2 │   │  1 │  0 │  1 │   │    │    │",
        " ├────┼────┼────┼────┤   ├────┼────┼────┤   ├────┼────┤",
        " │  5 │  2 │  4 │  1 │   │  0 │  2 │  0 │   │    │    │",
        " ├────┼────┼────┼────┤   ├────┼────┼────┤   └────┴────┘",
        " │  0 │  6 │  1 │  3 │   │  1 │  0 │  1 │",
        " ├────┼────┼────┼────┤   └────┴────┴────┘",
        " │  2 │  1 │  5 │  0 │",
        " └────┴────┴────┴────┘",
        "",
        " Press → to place the kernel on the first window and compute the first output.",
        "",
        "",
        " output size: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2",
        "",
        " · Each output cell is the sum of the kernel's weights times the input cells",
        " under the window.",
        "",
        "",
        "→/l next  ←/h prev  g/G first/last  space play  +/- speed  ? help  q quit",
    ]

    static let lastStepKorean: [String] = [
        " Stride · 커널 슬라이딩                                                단계 4/4",
        " 교차 상관 (케라스 Conv2D) · 패딩 valid · 스트라이드 1 · 팽창 1",
        "",
        " 입력 4×4                커널 3×3           출력 2×2",
        " ┌────┬────┬────┬────┐   ┌────┬────┬────┐   ┌────┬────┐",
        " │  3 │  1 │  0 │  2 │   │  1 │  0 │  1 │   │  8 │ 20 │",
        " ├────┼────┼────┼────┤   ├────┼────┼────┤   ├────┼────┤",
        " │  5 │  2 │  4 │  1 │   │  0 │  2 │  0 │   │ 28 │  6 │",
        " ├────┼────┼────┼────┤   ├────┼────┼────┤   └────┴────┘",
        " │  0 │  6 │  1 │  3 │   │  1 │  0 │  1 │",
        " ├────┼────┼────┼────┤   └────┴────┴────┘",
        " │  2 │  1 │  5 │  0 │",
        " └────┴────┴────┴────┘",
        "",
        " out[1,1] = 2×1 + 4×0 + 1×1 + 6×0 + 1×2 + 3×0 + 1×1 + 5×0 + 0×1 = 6",
        "",
        " 모든 출력을 계산했습니다.",
        " 출력 크기: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2",
        "",
        " · 출력 한 칸은 창 아래 입력 값과 커널 가중치를 곱해 모두 더한 값입니다.",
        "",
        "",
        "",
        "→/l 다음  ←/h 이전  g/G 처음/끝  space 재생  +/- 속도  ? 도움말  q 종료",
    ]

    @Test func firstStepWholeScreen() throws {
        var app = try ExplorerApp(start: .sliding)
        let buffer = drive(&app, events: [], size: (80, 24))
        #expect(buffer.lines == Self.firstStep)
        // The window sits on the top-left 3×3 of the input before anything is computed.
        #expect(buffer[3, 5].style == Style(foreground: .black, background: .yellow, bold: true))
        #expect(buffer[18, 11].style != Style(foreground: .black, background: .yellow, bold: true))
    }

    @Test func lastStepWholeScreenInKorean() throws {
        var app = try ExplorerApp(start: .sliding, language: .ko)
        let buffer = drive(&app, events: [.key(.end)], size: (80, 24))
        #expect(buffer.lines == Self.lastStepKorean)
    }

    @Test func stepsMoveTheWindowAndFillTheOutput() throws {
        var scene = SlidingScene(trace: try SlidingConfig.example.trace())
        #expect(scene.count == 4)
        _ = scene.update(.next)
        #expect(scene.step == 1)
        _ = scene.update(.last)
        #expect(scene.step == 4)
        _ = scene.update(.next)
        #expect(scene.step == 4)
        _ = scene.update(.previous)
        #expect(scene.currentStep.outputRow == 1 && scene.currentStep.outputCol == 0)
        _ = scene.update(.first)
        #expect(scene.step == 0)
        _ = scene.update(.previous)
        #expect(scene.step == 0)
    }

    @Test func playAdvancesOnTicksAndStopsAtTheEnd() throws {
        var scene = SlidingScene(trace: try SlidingConfig.example.trace())
        #expect(scene.tickInterval == nil)
        _ = scene.update(.tick)
        #expect(scene.step == 0)
        _ = scene.update(.togglePlay)
        #expect(scene.tickInterval == SlidingScene.speeds[2])
        _ = scene.update(.faster)
        #expect(scene.tickInterval == SlidingScene.speeds[3])
        for _ in 0..<10 { _ = scene.update(.tick) }
        #expect(scene.step == 4)
        #expect(!scene.isPlaying)
        _ = scene.update(.togglePlay)  // at the end, play restarts from the beginning
        #expect(scene.step == 0 && scene.isPlaying)
        for _ in 0..<10 { _ = scene.update(.slower) }
        #expect(scene.tickInterval == SlidingScene.speeds[0])
    }

    @Test func paddingCellsAreDimAndMarked() throws {
        let config = SlidingConfig(input: try Matrix(parsing: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"),
                                   kernel: try Matrix(parsing: "1 1 1; 1 1 1; 1 1 1"), padding: .same)
        var app = try ExplorerApp(start: .sliding, sliding: config)
        let buffer = drive(&app, events: [.key(.right)], size: (80, 24))
        #expect(buffer.lines[1].contains("padding same (1)"))
        #expect(buffer.lines[3].hasPrefix(" Input + padding 6×6"))
        #expect(buffer.lines.contains { $0.contains("out[0,0] = 0×1 + 0×1 + 0×1 + 0×1 + 1×1 + 2×1 + 0×1 + 5×1 + 6×1 = 14") })
        #expect(buffer.lines.contains { $0.contains("dim 0 = padding cell") })
        // Bottom-right padding cell (row 5, col 5 of the padded grid) is dim, not highlighted.
        let x = 1 + 5 * 5 + 3, y = 4 + 2 * 5 + 1
        #expect(buffer[x, y].character == "0")
        #expect(buffer[x, y].style.dim)
    }

    @Test func convolveShowsTheRotatedKernel() throws {
        let config = SlidingConfig(input: try Matrix(parsing: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"),
                                   kernel: try Matrix(parsing: "1 2; 3 4"), mode: .convolve)
        var app = try ExplorerApp(start: .sliding, sliding: config)
        let buffer = drive(&app, events: [.key(.right)], size: (80, 24))
        #expect(buffer.lines[3].contains("Rotated 180°"))
        #expect(buffer.lines.contains { $0.contains("out[0,0] = 1×4 + 2×3 + 5×2 + 6×1 = 26") })
    }

    @Test func largeInputsAskForABiggerTerminal() throws {
        let big = SlidingConfig(input: Matrix(rows: 8, cols: 8, repeating: 1), kernel: Matrix(rows: 3, cols: 3, repeating: 1),
                                padding: .full)
        var app = try ExplorerApp(start: .sliding, sliding: big)
        #expect(app.minimumSize.height > 24)
        let buffer = drive(&app, events: [], size: (80, 24))
        #expect(buffer.lines.joined().contains("too small"))
    }
}

/// The app shell: home screen, help, navigation, size guard.
@Suite("Explorer app")
struct ExplorerAppTests {
    static let home: [String] = [
        " Stride  an interactive convolution explorer",
        "",
        " Choose what to open:",
        "",
        " ▸ Sliding kernel",
        "    a kernel slides over a 4×4 input, one output cell per step",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "↑/↓ move  Enter open  ? help  q quit",
    ]

    @Test func homeWholeScreen() throws {
        var app = try ExplorerApp()
        #expect(drive(&app, events: [], size: (80, 24)).lines == Self.home)
    }

    @Test func enterOpensAndEscReturns() throws {
        var app = try ExplorerApp()
        var buffer = drive(&app, events: [.key(.enter)], size: (80, 24))
        #expect(buffer.lines[0].hasSuffix("step 0/4"))
        buffer = drive(&app, events: [.key(.escape)], size: (80, 24))
        #expect(buffer.lines == Self.home)
    }

    @Test func helpOverlayListsEveryKeyAndClosesWithEsc() throws {
        var app = try ExplorerApp(start: .sliding)
        var buffer = drive(&app, events: [.key(.char("?"))], size: (80, 24))
        let screen = buffer.lines.joined(separator: "\n")
        for key in ["→/l", "←/h", "Home/End", "space", "+/-", "?", "Esc", "q"] {
            #expect(screen.contains(key), "help lacks \(key)")
        }
        #expect(app.isHelpShown)
        buffer = drive(&app, events: [.key(.escape)], size: (80, 24))
        #expect(!app.isHelpShown)
        #expect(buffer.lines == SlidingSceneTests.firstStep)
    }

    @Test func qQuitsAndOtherKeysDoNot() throws {
        var app = try ExplorerApp(start: .sliding)
        #expect(app.handle(.key(.char("x"))) == .none)
        #expect(app.handle(.key(.right)) == .none)
        #expect(app.handle(.key(.char("q"))) == .quit)
        #expect(app.handle(.key(.ctrl("c"))) == .quit)
    }

    @Test func tinyTerminalGetsTheSizeMessage() throws {
        var app = try ExplorerApp(start: .sliding)
        let screen = drive(&app, events: [], size: (30, 10)).lines.joined(separator: " ")
        #expect(screen.contains("30×10"))
        #expect(screen.contains("80×24"))
    }

    @Test func invalidConfigurationIsRejectedUpFront() {
        let bad = SlidingConfig(input: Matrix(rows: 2, cols: 2, repeating: 1), kernel: Matrix(rows: 3, cols: 3, repeating: 1))
        #expect(throws: CNNError.self) { try ExplorerApp(start: .sliding, sliding: bad) }
    }

    @Test func keymap() {
        #expect(sceneMessage(for: .right) == .next)
        #expect(sceneMessage(for: .char("l")) == .next)
        #expect(sceneMessage(for: .left) == .previous)
        #expect(sceneMessage(for: .char("h")) == .previous)
        #expect(sceneMessage(for: .home) == .first)
        #expect(sceneMessage(for: .char("g")) == .first)
        #expect(sceneMessage(for: .end) == .last)
        #expect(sceneMessage(for: .char("G")) == .last)
        #expect(sceneMessage(for: .space) == .togglePlay)
        #expect(sceneMessage(for: .char("+")) == .faster)
        #expect(sceneMessage(for: .char("-")) == .slower)
    }
}

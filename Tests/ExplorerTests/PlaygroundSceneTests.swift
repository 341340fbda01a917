import CNN
@testable import Explorer
import Terminal
import Testing

@Suite("Playground scene")
struct PlaygroundSceneTests {
    let flags = ["input": "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16", "kernel": "1 2; 3 4"]

    func outputs(_ app: ExplorerApp) -> [Float] { (app.top as! PlaygroundScene).trace.output.values }

    @Test func plusOnTheFirstCellTurns44Into45() throws {
        var app = try appShowing("playground", flags)
        var text = screen(&app).lines.joined(separator: "\n")
        #expect(text.contains("│  44 │  54 │  64 │"))
        text = screen(&app, [.char("+")]).lines.joined(separator: "\n")
        #expect(text.contains("│  45 │  54 │  64 │"), "\(text)")
        #expect(outputs(app) == [45, 54, 64, 84, 94, 104, 124, 134, 144])
    }

    @Test func typingANegativeValueSetsTheCellAndQIsText() throws {
        var app = try appShowing("playground", flags)
        _ = screen(&app, [.right, .char("e")])
        #expect(app.top.wantsText)
        let text = screen(&app, [.char("-"), .char("3")]).lines.joined(separator: "\n")
        #expect(text.contains("value for input[0,1] › -3"), "\(text)")
        #expect(app.cursor != nil)
        _ = screen(&app, [.char("q")])
        #expect(app.stack.count == 2, "q while typing is text")
        _ = screen(&app, [.backspace, .enter])
        let scene = app.top as! PlaygroundScene
        #expect(scene.settings.input[0, 1] == -3)
        let expected: Float = 1 - 6 + 15 + 24
        #expect(scene.trace.output[0, 0] == expected)
        #expect(!app.top.wantsText)
    }

    @Test func garbageIsRefusedWithAHint() throws {
        var app = try appShowing("playground", flags)
        let text = screen(&app, [.char("e"), .char("x"), .enter]).lines.joined(separator: "\n")
        #expect(text.contains("'x' is not a number"))
        #expect(outputs(app)[0] == 44)
    }

    @Test func theOutputCursorPicksTheWindowAndArithmetic() throws {
        var app = try appShowing("playground", flags)
        let text = screen(&app, [.tab, .tab, .right, .down]).lines.joined(separator: "\n")
        #expect(text.contains("out[1,1] = 6·1 + 7·2 + 10·3 + 11·4 = 94"))
    }

    @Test func optionsAndPresetsRecomputeEverything() throws {
        var app = try appShowing("playground", flags)
        _ = screen(&app, [.char("p")])
        #expect((app.top as! PlaygroundScene).trace.output.rows == 4, "same padding keeps 4×4")
        _ = screen(&app, [.char("k")])
        let scene = app.top as! PlaygroundScene
        #expect(scene.settings.kernel == KernelPreset.identity.kernel)
        #expect(scene.trace.output == (try ConvTrace(input: scene.settings.input, kernel: KernelPreset.identity.kernel, padding: .same)).output)
        _ = screen(&app, [.char("]")])
        #expect((app.top as! PlaygroundScene).settings.input.rows == 5)
    }

    @Test func aClickSelectsAnInputCell() throws {
        var app = try appShowing("playground", flags)
        // Title bar (1) + parameters (2 rows) + grid title (1) + top line (1): first cell row at y = 5.
        _ = drive(&app, events: [.mouse(MouseEvent(.press, x: 20, y: 7))], size: (80, 24))
        let scene = app.top as! PlaygroundScene
        #expect(scene.cursors[.input] == GridPosition(row: 1, col: 2))
    }

    @Test func koreanScreenKeepsItsFrame() throws {
        var app = try appShowing("playground", flags, language: .ko)
        let lines = screen(&app).lines
        #expect(lines[0].hasPrefix(" Stride · 놀이터"))
        #expect(lines.contains { $0.contains("출력 3×3") })
        #expect(lines.allSatisfy { displayWidth($0) <= 80 })
    }

    func kernel(_ app: ExplorerApp) -> Matrix { (app.top as! PlaygroundScene).settings.kernel }

    @Test func minusThenADigitTypesANegativeValueForTheNamedCell() throws {
        var app = try appShowing("playground", flags)
        var text = screen(&app, [.tab, .down, .right, .char("-"), .char("3")]).lines.joined(separator: "\n")
        #expect(text.contains("value for kernel[1,1] › -3"), "\(text)")
        #expect(kernel(app)[1, 1] == 4, "the −1 of `-` is taken back while typing")
        text = screen(&app, [.enter]).lines.joined(separator: "\n")
        #expect(kernel(app)[1, 1] == -3)
        let expected: Float = 1 * 1 + 2 * 2 + 5 * 3 - 6 * 3
        #expect(outputs(app)[0] == expected)
        // `-` followed by anything else still subtracts 1.
        _ = screen(&app, [.char("-"), .left])
        #expect(kernel(app)[1, 1] == -4)
        #expect(!app.top.wantsText)
        // Korean names the cell too.
        var ko = try appShowing("playground", flags, language: .ko)
        text = screen(&ko, [.tab, .char("-"), .char("2")]).lines.joined(separator: "\n")
        #expect(text.contains("커널[0,0] 값 › -2"), "\(text)")
    }

    @Test func presetKeyAsksBeforeOverwritingAnEditedKernel() throws {
        var app = try appShowing("playground", flags)
        var text = screen(&app, [.tab, .char("+"), .char("k")]).lines.joined(separator: "\n")
        #expect(kernel(app)[0, 0] == 2, "the edit survives the first k")
        #expect(text.contains("k again replaces your edited kernel with"), "\(text)")
        // Another key in between disarms it: the next k warns again.
        _ = screen(&app, [.right, .char("k")])
        #expect(kernel(app)[0, 0] == 2)
        text = screen(&app, [.char("k")]).lines.joined(separator: "\n")
        #expect(kernel(app) == KernelPreset.identity.kernel, "k twice replaces it")
        // A preset not edited since is replaced by the next one at once.
        _ = screen(&app, [.char("k")])
        #expect(kernel(app) == KernelPreset.box.kernel)
    }

    @Test func paddingIsExplainedOnScreen() throws {
        var app = try appShowing("playground", flags)
        var text = screen(&app).lines.joined(separator: "\n")
        #expect(!text.contains("zeros"), "valid padding needs no note")
        text = screen(&app, [.char("p")]).lines.joined(separator: "\n")
        #expect(text.contains("padding same (0/1): zeros added 0 before (top, left), 1 after (bottom, right)"), "\(text)")
        text = screen(&app, [.char("p")]).lines.joined(separator: "\n")
        #expect(text.contains("padding full (1): 1 ring of zeros around the input"), "\(text)")
        text = screen(&app, [.char("p"), .char("p")]).lines.joined(separator: "\n")
        #expect(text.contains("padding 2: 2 rings of zeros around the input"), "\(text)")
    }
}

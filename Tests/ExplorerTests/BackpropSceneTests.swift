import CNN
@testable import Explorer
import Terminal
import Testing

/// The backprop scene: the forward pass and an editable ∂L/∂y, then ∂L/∂x and ∂L/∂w built step
/// by step as convolutions, ∂L/∂b and a finite-difference check — all numbers from the engine.
@Suite("Backprop scene")
struct BackpropSceneTests {
    static func scene(_ app: ExplorerApp) throws -> BackpropScene { try #require(app.top as? BackpropScene) }

    @Test func opensOnTheForwardPassWithAllOnes() throws {
        var app = try appShowing("backprop")
        let lines = screen(&app).lines
        #expect(lines[0].hasPrefix(" Stride · Backprop") && lines[0].hasSuffix("1/4"))
        #expect(lines[4].contains("x 4×4") && lines[4].contains("w 3×3") && lines[4].contains("y = x ⋆ w 2×2") && lines[4].contains("∂L/∂y 2×2"))
        #expect(lines[6] == " │ 3 │ 1 │ 0 │ 2 │   │ 1 │ 0 │ 1 │   │  8 │ 20 │     │ 1 │ 1 │")
        #expect(lines[8] == " │ 5 │ 2 │ 4 │ 1 │   │ 0 │ 2 │ 0 │   │ 28 │  6 │     │ 1 │ 1 │")
        #expect(lines[15] == " output size: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2")
        #expect(lines[17] == " edit ∂L/∂y: arrows move · 0-9/e type · +/- ±1 · o one-hot · a all ones")
        #expect(lines[23].contains("Tab/n next view") && lines[23].contains("q quit"))
    }

    /// The ∂L/∂x view of the default example at its end: the whole buffer.
    @Test func inputGradientViewAtTheEnd() throws {
        var app = try appShowing("backprop")
        #expect(screen(&app, [.tab, .end]).lines == [
            " Stride · Backprop                                             2/4 · step 16/16",
            " cross-correlation (Keras Conv2D) · padding valid · stride 1 · dilation 1",
            "  1 forward, ∂L/∂y    2 ∂L/∂x    3 ∂L/∂w    4 ∂L/∂b, check",
            "",
            " ∂L/∂y stuffed+padded 6×6    w 3×3     Rotated 180°   ∂L/∂x 4×4",
            " ┌───┬───┬───┬───┬───┬───┐   ┌─┬─┬─┐   ┌─┬─┬─┐        ┌─┬─┬─┬─┐",
            " │  0│  0│  0│  0│  0│  0│   │1│0│1│   │1│0│1│        │1│1│1│1│",
            " ├───┼───┼───┼───┼───┼───┤   ├─┼─┼─┤   ├─┼─┼─┤        ├─┼─┼─┼─┤",
            " │  0│  0│  0│  0│  0│  0│   │0│2│0│   │0│2│0│        │1│3│3│1│",
            " ├───┼───┼───┼───┼───┼───┤   ├─┼─┼─┤   ├─┼─┼─┤        ├─┼─┼─┼─┤",
            " │  0│  0│  1│  1│  0│  0│   │1│0│1│   │1│0│1│        │1│3│3│1│",
            " ├───┼───┼───┼───┼───┼───┤   └─┴─┴─┘   └─┴─┴─┘        ├─┼─┼─┼─┤",
            " │  0│  0│  1│1·1│0·0│0·1│                            │1│1│1│1│",
            " ├───┼───┼───┼───┼───┼───┤                            └─┴─┴─┴─┘",
            " │  0│  0│  0│0·0│0·2│0·0│",
            " ├───┼───┼───┼───┼───┼───┤",
            " │  0│  0│  0│0·1│0·0│0·1│",
            " └───┴───┴───┴───┴───┴───┘",
            "",
            " ∂L/∂x[3,3] = 1·1 + 0·0 + 0·1 + 0·0 + 0·2 + 0·0 + 0·1 + 0·0 + 0·1 = 1",
            " · ∂L/∂x = true convolution: ∂L/∂y with s−1 = 0 zeros between cells, padded 2",
            " top/left, 2 bottom/right (k_eff−1−p = 3−1−0), under w rotated 180°.",
            " … more notes: press i",
            "→/l next  ←/h prev  G/End all  space play  ? help  Esc back  q quit",
        ])
    }

    @Test func koreanCheckView() throws {
        var app = try appShowing("backprop", language: .ko)
        let lines = screen(&app, [.tab, .tab, .tab]).lines
        #expect(lines[0].hasPrefix(" Stride · 역전파"))
        #expect(lines[2].contains("순전파, ∂L/∂y") && lines[2].contains("∂L/∂b, 검산"))
        #expect(lines[4] == " ∂L/∂b = Σ ∂L/∂y = 1 + 1 + 1 + 1 = 4")
        let text = lines.joined(separator: "\n")
        #expect(text.contains("x[2,2]의 유한 차분, h = 0.01"), "\(text)")
        #expect(text.contains("역전파 ∂L/∂x[2,2] = 3") && text.contains("✓"), "\(text)")
        #expect(lines.allSatisfy { displayWidth($0) <= 80 })
    }

    /// Stride 2: the stuffed zeros between the ∂L/∂y cells are in the ∂L/∂x picture and its note.
    @Test func strideTwoShowsTheZeroStuffing() throws {
        var app = try appShowing("backprop", ["input": "1 2 3 4 5; 6 7 8 9 10; 1 2 3 4 5; 6 7 8 9 10; 1 2 3 4 5", "stride": "2",
                                              "upstream": "1 2; 3 4"])
        let scene = try Self.scene(app)
        #expect(scene.trace.stuffed == Matrix(rows: 3, cols: 3, values: [1, 0, 2, 0, 0, 0, 3, 0, 4]))
        let lines = screen(&app, [.tab]).lines
        // The 7×7 stuffed and padded ∂L/∂y (lineless at 80×24): ∂L/∂y's cells two apart, zeros between.
        #expect(lines[4].hasPrefix(" ∂L/∂y stuffed+padded 7×7"))
        // Step 0 places no window yet (as in every stepped scene): the rotated kernel is beside it.
        #expect(lines[7] == "   0   0   1   0   2   0   0   1 0 1   1 0 1", "\(dump(screen(&app)))")
        #expect(lines[8] == "   0   0   0   0   0   0   0")
        #expect(lines[9] == "   0   0   3   0   4   0   0")
        let note = try Self.scene(app).notes[0]
        #expect(note.contains("s−1 = 1 zero between cells, padded 2 top/left, 2 bottom/right (k_eff−1−p = 3−1−0)"), "\(note)")
        #expect(lines.joined(separator: "\n").contains("· ∂L/∂x = true convolution: ∂L/∂y with s−1 = 1 zero between cells"))
    }

    @Test func editingTheUpstreamRecomputesEverything() throws {
        var app = try appShowing("backprop")
        _ = screen(&app, [.right, .char("5"), .enter])   // ∂L/∂y[0,1] = 5
        var scene = try Self.scene(app)
        #expect(scene.upstream == Matrix(rows: 2, cols: 2, values: [1, 5, 1, 1]))
        var expected = try conv2dGradients(input: ConvSettings.example.input, kernel: ConvSettings.example.kernel, upstream: scene.upstream)
        #expect(scene.gradients == expected && scene.trace.inputGradientMatrix == expected.input && scene.trace.biasGradient == 8)
        _ = screen(&app, [.down, .char("o")])             // one-hot on [1,1]
        scene = try Self.scene(app)
        #expect(scene.upstream == Matrix(rows: 2, cols: 2, values: [0, 0, 0, 1]))
        expected = try conv2dGradients(input: ConvSettings.example.input, kernel: ConvSettings.example.kernel, upstream: scene.upstream)
        #expect(scene.trace.kernelGradientMatrix == expected.kernel)
        // A one-hot ∂L/∂y[1,1]: ∂L/∂w is the window y[1,1] read, ∂L/∂x the kernel placed there.
        #expect(expected.kernel == Matrix(rows: 3, cols: 3, values: [2, 4, 1, 6, 1, 3, 1, 5, 0]))
        _ = screen(&app, [.char("-"), .char("a")])
        #expect(try Self.scene(app).upstream == Matrix(rows: 2, cols: 2, repeating: 1))
        // Esc in the value field leaves the field, not the scene; a bad value is refused with a reason.
        _ = screen(&app, [.char("e"), .escape])
        #expect(app.stack.count == 2 && !app.top.wantsText)
        let lines = screen(&app, [.char("e"), .char("x"), .enter]).lines
        #expect(lines.contains { $0.contains("'x' is not a number") })
    }

    @Test func theCheckCellMovesAndStaysTrue() throws {
        var app = try appShowing("backprop", ["view": "4"])
        _ = screen(&app, [.up, .left, .left])
        let scene = try Self.scene(app)
        #expect(scene.checkCell == GridPosition(row: 1, col: 0))
        #expect(abs(scene.check.estimate - Double(scene.gradients.input[1, 0])) < 0.01)
        let text = screen(&app).lines.joined(separator: "\n")
        #expect(text.contains("backprop ∂L/∂x[1,0] = 1"), "\(text)")
    }

    /// Every note states the engine's numbers for every setting the scene allows: the padding of
    /// the stuffed ∂L/∂y (checked by the trace equalling the training backward), the rows no
    /// window reached (counted independently), the finite difference, and the agreement.
    @Test func notesAreTrueAcrossSettings() throws {
        let paddings = ["valid", "same", "full", "1", "3"]
        var opened = 0
        for padding in paddings { for stride in 1...3 { for dilation in 1...2 {
            for kernel in ["1 -2 0; 3 1 -1; 0 2 1", "2 -1 1; 0 1 3", "2"] {
                for input in ["1 2 0 -1 3; 4 0 2 1 -2; 0 3 1 2 1; -1 2 0 4 1; 2 1 3 0 2", "1 2 3 4; 0 -1 2 1; 3 1 0 2; 2 2 1 -1; 1 0 1 3; 4 1 2 0"] {
                    let flags = ["input": input, "kernel": kernel, "padding": padding, "stride": "\(stride)", "dilation": "\(dilation)"]
                    guard let screen = try? ScreenRegistry.builtIn.make("backprop", settings: .flags(flags), language: .en),
                          var scene = screen as? BackpropScene else { continue }
                    opened += 1
                    let s = scene.settings, t = scene.trace
                    #expect(t.inputGradientMatrix == scene.gradients.input && t.kernelGradientMatrix == scene.gradients.kernel, "\(flags)")
                    _ = scene.update(.key(.tab))
                    let g = t.inputGradient.geometry, f = t.forward.geometry
                    let stuffing = scene.notes[0]
                    #expect(stuffing.contains("s−1 = \(counted(stride - 1, "zero"))"), "\(flags): \(stuffing)")
                    if g.rows.padBefore == g.cols.padBefore && g.rows.padAfter == g.cols.padAfter {
                        #expect(stuffing.contains("padded \(g.rows.padBefore) top/left, \(g.rows.padAfter) bottom/right"), "\(flags): \(stuffing)")
                    } else {
                        #expect(stuffing.contains("top \(g.rows.padBefore), bottom \(g.rows.padAfter), left \(g.cols.padBefore), right \(g.cols.padAfter)"))
                    }
                    #expect(g.rows.padBefore == f.rows.effectiveKernel - 1 - f.rows.padBefore)
                    _ = scene.update(.key(.tab))
                    // Trailing padded rows and columns after the last one a forward tap reached.
                    let terms = t.forward.steps.flatMap(\.terms)
                    let rows = f.rows.paddedSize - 1 - (terms.map(\.paddedRow).max() ?? 0)
                    let cols = f.cols.paddedSize - 1 - (terms.map(\.paddedCol).max() ?? 0)
                    let leftOut = scene.notes.count > 1 ? scene.notes[1] : ""
                    #expect(rows == 0 && cols == 0 ? scene.notes.count == 1
                            : leftOut.contains("\(counted(rows, "row")) and \(counted(cols, "column")) at the end"), "\(flags): \(scene.notes)")
                    _ = scene.update(.key(.tab))
                    #expect(scene.notes[0].contains("largest difference 0") || scene.notes[0].contains("< 0.0001"), "\(flags): \(scene.notes[0])")
                    let text = scene.checkLines.map { $0.spans.map(\.text).joined() }.joined(separator: "\n")
                    #expect(text.contains("✓") && abs(scene.check.estimate - Double(scene.gradients.input[scene.checkCell.row, scene.checkCell.col])) < 0.01,
                            "\(flags): \(text)")
                    _ = s
                }
            }
        } } }
        #expect(opened > 100)
    }

    @Test func everyViewFitsAt80x24WithWholeGrids() throws {
        for language in Language.allCases {
            for keys: [Key] in [[], [.tab], [.tab, .end], [.tab, .tab], [.tab, .tab, .end], [.tab, .tab, .tab], [.char("i")]] {
                var app = try appShowing("backprop", language: language)
                let buffer = screen(&app, keys)
                #expect(buffer.lines.allSatisfy { displayWidth($0) <= 80 }, "\(language) \(keys)")
                let whole = buffer.drawnParts.allSatisfy { $0.isWhole }
                #expect(whole, "\(language) \(keys): \(buffer.drawnParts)\n\(buffer.lines.joined(separator: "\n"))")
                #expect(!buffer.lines.joined().contains("too small"))
            }
        }
    }

    /// Under a non-UTF-8 locale every symbol has an ASCII stand-in (∂ → d, Σ → S, ⋆ → *, ⊙ → (.)).
    @Test func everyViewReadsInASCII() throws {
        var scene = try BackpropScene(settings: BackpropSettings(), language: .en)
        var transposed = try TransposedScene(language: .en)
        _ = transposed.update(.key(.right))
        var pages: [String] = []
        for _ in BackpropScene.View.allCases {
            var buffer = Buffer(width: 80, height: 22, charset: .ascii)
            scene.render(into: &buffer, area: buffer.area)
            pages.append(buffer.lines.joined(separator: "\n"))
            _ = scene.update(.key(.tab))
        }
        var buffer = Buffer(width: 80, height: 22, charset: .ascii)
        transposed.render(into: &buffer, area: buffer.area)
        pages.append(buffer.lines.joined(separator: "\n"))
        for page in pages { #expect(!page.contains("?"), "\(page)") }
        #expect(pages[0].contains("dL/dy 2x2") && pages[0].contains("y = x * w 2x2"), "\(pages[0])")
        #expect(pages[3].contains("dL/db = S dL/dy = 1 + 1 + 1 + 1 = 4"), "\(pages[3])")
    }

    @Test func refusesAnUpstreamOfTheWrongShape() {
        #expect(throws: SettingsError.self) { try ScreenRegistry.builtIn.make("backprop", settings: .flags(["upstream": "1 2 3"]), language: .en) }
        do {
            _ = try ScreenRegistry.builtIn.make("backprop", settings: .flags(["upstream": "1 2 3"]), language: .en)
        } catch {
            #expect(error.description == "--upstream: is 1×3 but must have the forward output's shape 2×2")
        }
    }
}

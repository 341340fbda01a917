import CNN
@testable import Explorer
import Terminal
import Testing

/// Properties every registered scene must have, checked on each.
@Suite("Every scene")
struct AllScenesTests {
    static let scenes = ScreenRegistry.builtIn.entries(in: .scene).map(\.id)

    @Test(arguments: scenes)
    func fitsAt80x24And120x40InBothLanguages(id: String) throws {
        for language in Language.allCases {
            for size in [(80, 24), (120, 40)] {
                for keys: [Key] in [[], [.right], [.end]] {
                    var app = try appShowing(id, language: language)
                    let buffer = screen(&app, keys, size: size)
                    let text = buffer.lines.joined(separator: "\n")
                    #expect(!text.contains("too small"), "\(id) \(language) \(size)")
                    #expect(buffer.lines.allSatisfy { displayWidth($0) <= size.0 }, "\(id) \(language) \(size) overflows")
                    #expect(buffer.lines[0].contains("Stride · "))
                    #expect(buffer.lines[size.1 - 1].contains(language == .en ? "quit" : "종료"), "\(id): footer")
                }
            }
        }
    }

    @Test(arguments: scenes)
    func rendersOnlyInsideAnEmbeddedArea(id: String) throws {
        for language in Language.allCases {
            var box = ScreenBox(try ScreenRegistry.builtIn.make(id, language: language))
            let area = Rect(x: 5, y: 2, width: 50, height: 16)
            _ = box.update(.resize(width: 50, height: 16))
            _ = box.update(.key(.end))
            var buffer = Buffer(width: 80, height: 24)
            box.screen.render(into: &buffer, area: area)
            for y in 0..<24 {
                for x in 0..<80 where !area.contains(x: x, y: y) {
                    #expect(buffer[x, y] == .blank, "\(id): cell (\(x), \(y)) drawn outside the area")
                }
            }
            #expect(buffer.lines.joined().contains { !$0.isWhitespace }, "\(id) drew nothing")
        }
    }

    @Test(arguments: scenes)
    func statesTheOutputSizeFormula(id: String) throws {
        guard id != "channels" else { return }  // channels states the parameter count instead
        var app = try appShowing(id)
        let text = screen(&app, [.end]).lines.joined(separator: "\n")
        #expect(text.contains("output size") || text.contains("reshaped"), "\(id):\n\(text)")
    }
}

/// The numbers issue 6 names, read off the screens.
@Suite("Scene numbers")
struct SceneNumbersTests {
    static let input = "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"

    @Test func paddingValidAndSame() throws {
        var app = try appShowing("padding", ["input": Self.input, "kernel": "1 1 1; 1 1 1; 1 1 1"])
        let scene = { app.top as! PaddingScene }
        _ = screen(&app, [.end])
        #expect(scene().valid?.output.values == [54, 63, 90, 99])
        #expect(scene().padded.output.values == [14, 24, 30, 22, 33, 54, 63, 45, 57, 90, 99, 69, 46, 72, 78, 54])
        let text = screen(&app).lines.joined(separator: "\n")
        #expect(text.contains("54│63│") || text.contains("54 63"), "\(text)")
        #expect(text.contains("14 24 30 22"), "\(text)")
        // p cycles the right-hand padding: same → full → 1 → 2 → valid.
        _ = screen(&app, [.char("p")])
        #expect(scene().padding == .full && scene().padded.output.rows == 6)
        _ = screen(&app, [.char("p"), .char("p"), .char("p")])
        #expect(scene().padding == .valid)
    }

    @Test func evenKernelSaysWhereKerasPutsTheExtraRow() throws {
        var app = try appShowing("padding", ["kernel": "1 2; 3 4"])
        let text = screen(&app, [.char("i")]).lines.joined(separator: "\n")
        #expect(text.contains("top 0, bottom 1"), "\(text)")
    }

    @Test func strideMarksUncoveredRowsAndExplainsTheFloor() throws {
        var app = try appShowing("stride")
        let scene = app.top as! StrideScene
        #expect(StrideScene.uncovered(scene.strided).rows == [5])
        #expect(StrideScene.uncovered(scene.strided).cols == [5])
        let buffer = screen(&app, [.end, .char("i")])
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.contains("= 3 is not divisible by 2"), "\(text)")
        var pictures = try appShowing("stride")
        let picture = screen(&pictures, [.end])
        // The last row of the right-hand input is marked (warning style, underlined).
        let marked = (0..<80).contains { x in (0..<24).contains { y in picture[x, y].style == Palette.warning } }
        #expect(marked)
    }

    @Test func flipShowsBothFeatureMapsAndMarksDifferences() throws {
        var app = try appShowing("flip", ["input": Self.input, "kernel": "1 2; 3 4"])
        let text = screen(&app, [.end]).lines.joined(separator: "\n")
        // Grid lines or not (the density depends on the room), each row's values in order.
        let plain = text.split(separator: "\n").map { $0.replacingOccurrences(of: "│", with: " ").split(separator: " ").joined(separator: " ") }
        for row in ["44 54 64", "84 94 104", "124 134 144", "26 36 46", "66 76 86", "106 116 126"] {
            #expect(plain.contains { $0.contains(row) }, "missing \(row):\n\(text)")
        }
        let marks = screen(&app).cellsMatching(Palette.accent)
        #expect(marks > 0)
    }

    @Test func flipSecondPageIsTheOneDExample() throws {
        var app = try appShowing("flip", ["page": "2"])
        let scene = app.top as! FlipScene
        #expect(scene.pages[1].correlate.output.values == [1, -1, -2, 0, 3])
        #expect(scene.pages[1].convolve.output.values == [-1, 1, 2, 0, -3])
        let text = screen(&app, [.end]).lines.joined(separator: "\n")
        #expect(text.contains("x = [1 3 2 2 0 2 3]"))
        #expect(text.contains("1 -1 -2  0  3"), "\(text)")
        _ = screen(&app, [.char("n")])
        #expect((app.top as! FlipScene).page == 0)
    }

    @Test func poolingMaxAndAverage() throws {
        var app = try appShowing("pooling", ["input": "1 3 2 4; 5 7 6 8; 9 2 1 0; 3 4 5 6"])
        let scene = app.top as! PoolingScene
        #expect(scene.maxTrace.output.values == [7, 8, 9, 6])
        #expect(scene.averageTrace.output.values == [4, 5, 4.5, 3])
        var text = screen(&app, [.right]).lines.joined(separator: "\n")
        #expect(text.contains("max(1, 3, 5, 7) = 7"))
        #expect(text.contains("(1 + 3 + 5 + 7) / 4 = 4"))
        #expect(text.contains("7▲"), "the argmax is marked")
        text = screen(&app, [.end]).lines.joined(separator: "\n")
        #expect(text.contains("4.5"))
    }

    @Test func im2colProductEqualsTheSlidingKernel() throws {
        var app = try appShowing("im2col", ["input": Self.input, "kernel": "1 2; 3 4"])
        let scene = app.top as! Im2colScene
        #expect(scene.trace.patchMatrix.rows == 9 && scene.trace.patchMatrix.cols == 4)
        let text = screen(&app, [.end]).lines.joined(separator: "\n")
        #expect(text.contains("out[2,2] = 11·1 + 12·2 + 15·3 + 16·4 = 144"))
        #expect(text.contains("44  54  64"), "\(text)")
    }

    @Test func channelsWritesTheParameterCountAndSumsChannels() throws {
        var app = try appShowing("channels")
        let text = screen(&app, [.right]).lines.joined(separator: "\n")
        #expect(text.contains("parameters = 3·3·3·2 + 2 = 56"))
        let scene = app.top as! ChannelsScene
        let sums = scene.trace.slices[0].map { $0.steps[0].sum }
        #expect(scene.trace.outputs[0][0, 0] == sums.reduce(0, +) + scene.trace.biases[0])
        #expect(text.contains("map1[0,0] = "))
    }
}

extension Buffer {
    /// How many cells carry `style`.
    func cellsMatching(_ style: Style) -> Int {
        var n = 0
        for y in 0..<height { for x in 0..<width where self[x, y].style == style { n += 1 } }
        return n
    }
}

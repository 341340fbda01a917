import CNN
@testable import Explorer
import Terminal
import Testing

/// The transposed scene: each input cell scatters a scaled copy of the kernel, copies `s` apart,
/// overlaps summed; every number from the engine's scatter trace.
@Suite("Transposed scene")
struct TransposedSceneTests {
    @Test func firstCopyOfTheDefaultExample() throws {
        var app = try appShowing("transposed")
        #expect(screen(&app, [.right]).lines == [
            " Stride · Transposed convolution                                       step 1/4",
            " transposed convolution (Keras Conv2DTranspose) · stride 2 · padding valid",
            "",
            " Input 2×2   Kernel w 3×3    x[0,0]·w        Output 5×5",
            " ┌───┬───┐   ┌───┬───┬───┐   ┌───┬───┬───┐   ┌────┬────┬────┬────┬────┐",
            " │ 1 │ 2 │   │ 1 │ 0 │ 1 │   │ 1 │ 0 │ 1 │   │  1 │  0 │  1 │    │    │",
            " ├───┼───┤   ├───┼───┼───┤   ├───┼───┼───┤   ├────┼────┼────┼────┼────┤",
            " │ 3 │ 4 │   │ 0 │ 2 │ 0 │   │ 0 │ 2 │ 0 │   │  0 │  2 │  0 │    │    │",
            " └───┴───┘   ├───┼───┼───┤   ├───┼───┼───┤   ├────┼────┼────┼────┼────┤",
            "             │ 1 │ 0 │ 1 │   │ 1 │ 0 │ 1 │   │  1 │  0 │  1 │    │    │",
            "             └───┴───┴───┘   └───┴───┴───┘   ├────┼────┼────┼────┼────┤",
            "                                             │    │    │    │    │    │",
            "                                             ├────┼────┼────┼────┼────┤",
            "                                             │    │    │    │    │    │",
            "                                             └────┴────┴────┴────┴────┘",
            "",
            " x[0,0] = 1: 1·w added into rows 0–2, columns 0–2",
            " No cell of this copy was reached before: nothing to sum.",
            " output size: (n − 1)·s + k = (2 − 1)·2 + 3 = 5",
            "",
            " · Each input cell adds a copy of the kernel scaled by its value; copies start",
            " s = 2 cells apart.",
            " … more notes: press i",
            "→/l next  ←/h prev  G/End all  space play  i notes  ? help  Esc back  q quit",
        ])
    }

    @Test func lastStepSumsTheOverlapsInKorean() throws {
        var app = try appShowing("transposed", language: .ko)
        let lines = screen(&app, [.end]).lines
        #expect(lines[0].hasPrefix(" Stride · 전치 합성곱"))
        #expect(lines[3].contains("입력 2×2") && lines[3].contains("출력 5×5"))
        // The final output: copies of 1·w, 2·w, 3·w, 4·w two apart, overlapping on row and column 2.
        #expect(lines[5].hasSuffix("│  1 │  0 │  3 │  0 │  2 │"))
        #expect(lines[9].hasSuffix("│  4 │  0 │ 10 │  0 │  6 │"))
        #expect(lines[13].hasSuffix("│  3 │  0 │  7 │  0 │  4 │"))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("겹친 칸: out[2,2] = 6 + 4 = 10"), "\(text)")
        #expect(text.contains("출력 크기: (n − 1)·s + k = (2 − 1)·2 + 3 = 5"), "\(text)")
    }

    @Test func samePaddingSaysWhatIsCut() throws {
        var app = try appShowing("transposed", ["padding": "same", "kernel": "1 1 1 1 1; 1 1 1 1 1; 1 1 1 1 1; 1 1 1 1 1; 1 1 1 1 1"])
        let text = screen(&app, [.right]).lines.joined(separator: "\n")
        #expect(text.contains("output size: n·s = 2·2 = 4 (the scatter's 7 cut by 3: 1 before, 2 after)"), "\(text)")
        #expect(text.contains("x[0,0] = 1: 1·w added into rows 0–3, columns 0–3 (16 cells cut off)") || text.contains("cells cut off"), "\(text)")
        let scene = try #require(app.top as? TransposedScene)
        #expect(scene.trace.output == scene.viaGradient)
    }

    /// The notes hold for every setting: overlap exactly when a kernel side exceeds the stride,
    /// gaps exactly when it is shorter, and the scatter equals the engine's gradient route.
    @Test func notesAreTrueAcrossSettings() throws {
        var opened = 0
        for stride in 1...4 { for padding in ["valid", "same"] {
            for kernel in ["1 2 1; 0 1 0; 2 1 1", "1 -1; 2 1", "3", "1 2 3 4 5; 5 4 3 2 1", "1 2; 3 4; 5 6"] {
                for input in ["1 2; 3 4", "1 -2 3; 0 1 2", "2"] {
                    let flags = ["input": input, "kernel": kernel, "stride": "\(stride)", "padding": padding]
                    let scene = try #require(try ScreenRegistry.builtIn.make("transposed", settings: .flags(flags), language: .en) as? TransposedScene)
                    opened += 1
                    let t = scene.trace
                    #expect(t.output == scene.viaGradient, "\(flags)")
                    let notes = scene.notes.joined(separator: "\n")
                    #expect(notes.contains("copies start s = \(stride) \(stride == 1 ? "cell" : "cells") apart"))
                    #expect(notes.contains("the same output"), "\(flags)")
                    // Overlap, read off the trace: some kept term lands on a cell an earlier copy reached.
                    var reached = Set<Int>(), overlapped = false
                    for step in t.steps {
                        let cells = step.terms.filter { !$0.isCropped }.map { $0.outputRow * t.cols.outputSize + $0.outputCol }
                        if cells.contains(where: reached.contains) { overlapped = true }
                        reached.formUnion(cells)
                    }
                    // Gaps, read off the trace: an output row or column no kept term reaches.
                    let rowsReached = Set(t.steps.flatMap(\.terms).filter { !$0.isCropped }.map(\.outputRow))
                    let colsReached = Set(t.steps.flatMap(\.terms).filter { !$0.isCropped }.map(\.outputCol))
                    let gapped = rowsReached.count < t.output.rows || colsReached.count < t.output.cols
                    #expect(notes.contains("the overlapping cells add up") == overlapped, "\(flags): \(notes)")
                    if padding == "valid" { #expect((notes.contains("gaps of zeros") || notes.contains("stay 0")) == gapped, "\(flags): \(notes)") }
                    #expect(notes.contains("they tile the output") == (!notes.contains("overlapping cells add up") && !notes.contains("gaps of zeros")))
                }
            }
        } }
        #expect(opened == 4 * 2 * 5 * 3)
    }

    @Test func fitsAt80x24WithWholeGrids() throws {
        for language in Language.allCases {
            for keys: [Key] in [[], [.right], [.end], [.char("i")]] {
                var app = try appShowing("transposed", language: language)
                let buffer = screen(&app, keys)
                #expect(buffer.lines.allSatisfy { displayWidth($0) <= 80 })
                let whole = buffer.drawnParts.allSatisfy { $0.isWhole }
                #expect(whole, "\(language) \(keys)\n\(buffer.lines.joined(separator: "\n"))")
            }
        }
    }
}

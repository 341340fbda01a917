@testable import Explorer
import Terminal
import Testing

/// Fit, never crop: at the sizes a projector gives, every step of every shipped lesson, in
/// both languages, shows every cell of its scene's grids (inputs, padded inputs, patch
/// matrices, both sequences of the 1-D example), before and after stepping.
@Suite("Lessons fit")
struct LessonFitTests {
    static let steps = EveryScreen.lessonSteps(.en) + EveryScreen.lessonSteps(.ko)

    @Test(arguments: steps)
    func everyGridIsWholeAt80x24And100x30(name: String) throws {
        for size in [(80, 24), (100, 30)] {
            for keys: [Key] in [[], [.right], [.right, .right, .right], [.end], [.char("n")], [.char("n"), .end]] {
                let lesson = try EveryScreen.make(name)
                var app = ExplorerApp(screens: [lesson], language: (lesson as? LessonScreen)?.language ?? .en)
                let buffer = drive(&app, events: keys.map { .key($0) }, size: size)
                let cropped = buffer.drawnParts.filter { !$0.isWhole }
                let text = buffer.lines.joined(separator: "\n")
                #expect(cropped.isEmpty, "\(name) at \(size) after \(keys): \(cropped.map { "\($0.label) shows \($0.shown) of \($0.total)" })\n\(text)")
                #expect(buffer.clipViolations == 0)
            }
        }
    }

    /// The cases the issue names, read off the screen.
    @Test func theNamedStepsShowTheirWholeGrids() throws {
        func screen(_ id: String, step: Int, keys: [Key] = []) throws -> String {
            var app = ExplorerApp(screens: [try EveryScreen.make("lesson:\(id):en:\(step)")], language: .en)
            return drive(&app, events: keys.map { .key($0) }, size: (80, 24)).lines.joined(separator: "\n")
        }
        // Predict steps: → → flips the kernel (flip scene), each Tab shows one answer.
        func revealing(_ count: Int, flips: Bool) -> [Key] { (flips ? [.right, .right] : []) + Array(repeating: .tab, count: count) }
        // flip step 2 (predict): all four rows of the 4×4 input in both panels, the 3×3
        // outputs, and the predict prompt, while the first value is asked and when all are shown.
        let asking = try screen("flip", step: 1, keys: revealing(0, flips: true))
        #expect(asking.contains(/13 +14 +15 +16/) && asking.contains("conv[0,0] ="), "\(asking)")
        let flip = try screen("flip", step: 1, keys: revealing(9, flips: true))
        for row in ["124 134 144", "106 116 126", "Predicted 0 of 9."] { #expect(flip.contains(row), "\(flip)") }
        #expect(flip.contains(/13 +14 +15·3 +16·4/), "\(flip)")
        // padding step 2: the bottom ring of zeros under 13 14 15 16.
        let padding = try screen("padding", step: 1)
        let lines = padding.split(separator: "\n").map(String.init)
        let last = try #require(lines.lastIndex { $0.contains(" 0 13 14 15 16  0") }, "\(padding)")
        #expect(lines[last + 1].contains("0  0  0  0  0  0"), "\(padding)")
        // im2col step 2: patch row 9 (11 12 15 16).
        // im2col step 2 (predict): patch row 9 (11 12 15 16) and the prompt.
        let im2col = try screen("im2col", step: 1, keys: revealing(9, flips: false))
        #expect(im2col.contains("11 12 15 16") || im2col.contains("11│12│15│16"), "\(im2col)")
        #expect(im2col.contains("Predicted 0 of 9."), "\(im2col)")
        // one-d step 2 (predict): both sequences (correlation and convolution outputs).
        let oneD = try screen("one-d", step: 1, keys: revealing(5, flips: true))
        #expect(oneD.contains("1 -1 -2  0  3") && oneD.contains("-1  1  2  0 -3"), "\(oneD)")
        #expect(oneD.contains("Predicted 0 of 5."), "\(oneD)")
    }
}

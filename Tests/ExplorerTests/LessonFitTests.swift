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
        // flip step 2: all four rows of the 4×4 input, in both panels.
        let flip = try screen("flip", step: 1, keys: [.end])
        for row in ["13", "14", "15", "16"] { #expect(flip.contains(row), "\(flip)") }
        // padding step 2: the bottom ring of zeros under 13 14 15 16.
        let padding = try screen("padding", step: 1)
        let lines = padding.split(separator: "\n").map(String.init)
        let last = try #require(lines.lastIndex { $0.contains(" 0 13 14 15 16  0") }, "\(padding)")
        #expect(lines[last + 1].contains("0  0  0  0  0  0"), "\(padding)")
        // im2col step 2: patch row 9 (11 12 15 16).
        let im2col = try screen("im2col", step: 1, keys: [.end])
        #expect(im2col.contains("11 12 15 16") || im2col.contains("11│12│15│16"), "\(im2col)")
        // one-d step 2: both sequences (correlation and convolution outputs).
        let oneD = try screen("one-d", step: 1, keys: [.end])
        #expect(oneD.contains("1 -1 -2  0  3") && oneD.contains("-1  1  2  0 -3"), "\(oneD)")
    }
}

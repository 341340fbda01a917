import CNN
@testable import Explorer
import Terminal
import Testing

/// The flip and im2col scenes under predict mode's three prompt rows: where the full layout
/// would crop a grid they drop the header and blank rows (flip also writes its two equal
/// output-size formulas once), and every cell of every grid stays on screen; with room they
/// keep the full layout.
@Suite("Compact layouts with the predict prompt")
struct CompactLayoutTests {
    /// `screen` drawn at `width`×`height`, with the grids it recorded.
    static func draw(_ screen: some Screen, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    static func flipAsking(page: Int, language: Language) throws -> FlipScene {
        var settings = FlipSettings()
        settings.page = page
        var scene = try FlipScene(settings: settings, language: language, predict: true)
        for _ in 0..<FlipScene.rotationSteps { _ = scene.update(.key(.right)) }
        #expect(scene.question != nil)
        return scene
    }

    /// 78×17 is what a lesson gives a stacked block at 80×24 (two rows of prose kept);
    /// 78×13 the one-d step's block beside its longer prose.
    @Test(arguments: Language.allCases)
    func flipKeepsEveryCellAtTheLessonSize(language: Language) throws {
        for page in [1, 2] {
            let scene = try Self.flipAsking(page: page, language: language)
            let compact = scene.neededRows(width: 76, height: 14, compact: true)
            #expect(compact + PredictPrompt.rows <= (page == 1 ? 17 : 13), "page \(page) needs \(compact) rows")
            for height in (compact + PredictPrompt.rows)...30 {
                let buffer = Self.draw(scene, width: 78, height: height)
                let cropped = buffer.drawnParts.filter { !$0.isWhole }
                #expect(cropped.isEmpty, "page \(page) at 78×\(height): \(cropped)\n\(buffer.lines.joined(separator: "\n"))")
                // The header goes only where the full layout does not fit.
                let full = scene.neededRows(width: 76, height: height - PredictPrompt.rows, compact: false)
                let header = page == 1 ? (language == .en ? "input [1 2 3 4;" : "입력 [1 2 3 4;") : "x = [1 3 2 2 0 2 3]"
                #expect(buffer.lines.contains { $0.contains(header) } == (full <= height - PredictPrompt.rows), "page \(page) at \(height)")
            }
        }
    }

    @Test func flipCompactWritesTheSharedFormulaOnce() throws {
        let scene = try Self.flipAsking(page: 1, language: .en)
        let compact = Self.draw(scene, width: 78, height: 17).lines
        #expect(compact.filter { $0.contains("output size: floor((4 + 2·0 − 1·(2−1) − 1) / 1) + 1 = 3") }.count == 1)
        #expect(!compact.contains { $0.contains("corr · output size") })
        #expect(compact.contains { $0.contains("conv[0,0] =") })
        // With room (a 100×30 lesson) both labelled formulas and the header stay.
        let roomy = Self.draw(scene, width: 98, height: 26).lines
        #expect(roomy.contains { $0.contains("corr · output size") } && roomy.contains { $0.contains("conv · output size") })
        #expect(roomy.contains { $0.contains("input [1 2 3 4; 5 6 7 8;") })
    }

    @Test(arguments: Language.allCases)
    func im2colShowsAllNinePatchRowsWithThePrompt(language: Language) throws {
        var settings = ConvSettings()
        settings.input = Matrix(rows: 4, cols: 4, values: (1...16).map(Float.init))
        settings.kernel = Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4])
        var scene = try Im2colScene(settings: settings, language: language, predict: true)
        // Asking the first value, then (Tab ×9) every value shown.
        for tabs in [0, 9] {
            for _ in 0..<tabs { _ = scene.update(.key(.tab)) }
            for height in 17...30 {
                let buffer = Self.draw(scene, width: 78, height: height)
                let cropped = buffer.drawnParts.filter { !$0.isWhole }
                #expect(cropped.isEmpty, "at 78×\(height) after \(tabs) tabs: \(cropped)\n\(buffer.lines.joined(separator: "\n"))")
            }
            let lines = Self.draw(scene, width: 78, height: 17).lines
            if tabs == 9 { #expect(lines.contains { $0.contains("11 12 15 16") }, "\(lines.joined(separator: "\n"))") }
        }
    }

    /// The header and the blank rows go in that order, only when the grids would not fit.
    @Test func im2colSpacingDropsBlanksThenTheHeader() {
        // Nine patch rows and a title: 10 rows; a two-row question.
        #expect(Im2colScene.spacing(gridRows: 10, equationRows: 2, height: 15) == (header: true, blanks: true))
        #expect(Im2colScene.spacing(gridRows: 10, equationRows: 2, height: 14) == (header: true, blanks: false))
        #expect(Im2colScene.spacing(gridRows: 10, equationRows: 2, height: 13) == (header: true, blanks: false))
        #expect(Im2colScene.spacing(gridRows: 10, equationRows: 2, height: 12) == (header: false, blanks: false))
    }
}

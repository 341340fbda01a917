import Foundation
@testable import Explorer
import Terminal
import Testing

/// No silent fallbacks: an impossible combination is said on screen, never replaced by
/// another example, and production code has no `try!` or `fatalError` to fall back on.
@Suite("No silent fallbacks")
struct NoFallbackTests {
    /// `stride show padding --input "1 2; 3 4" --kernel "1 1 1; 1 1 1; 1 1 1" --padding same`
    @Test func paddingSaysValidIsImpossibleInsteadOfShowingAnotherTrace() throws {
        for language in Language.allCases {
            var app = try appShowing("padding", ["input": "1 2; 3 4", "kernel": "1 1 1; 1 1 1; 1 1 1", "padding": "same"], language: language)
            let scene = try #require(app.top as? PaddingScene)
            #expect(scene.valid == nil)
            #expect(scene.padded.geometry.rows.paddedSize == 4 && scene.padded.output.rows == 2)
            let text = screen(&app, [.end]).lines.joined(separator: "\n")
            let said = language == .en ? "valid: the 3×3 kernel is larger than the 2×2 input, so there is no output without padding."
                                       : "valid: 3×3 커널이 2×2 입력보다 커서 패딩 없이는 출력이 없습니다."
            #expect(scene.validProblem == said)
            #expect(text.contains(language == .en ? "valid: the 3×3 kernel is larger than" : "valid: 3×3 커널이"), "\(text)")
            #expect(!text.contains("valid → 2×2") && !text.contains("valid →"), "\(text)")
            // The padded side is the real one: a 4×4 padded input, a 2×2 output.
            #expect(text.contains("+ padding 4×4") || text.contains("+ 패딩 4×4"), "\(text)")
            #expect(text.contains("same → 2×2"), "\(text)")
            // p never lands on the impossible valid padding.
            for _ in 0..<6 {
                _ = screen(&app, [.char("p")])
                #expect((app.top as? PaddingScene)?.padding != .valid)
            }
        }
    }

    @Test func aPossibleValidStillShowsBothSides() throws {
        var app = try appShowing("padding", ["input": "1 2 3; 4 5 6; 7 8 9", "kernel": "1 1; 1 1", "padding": "same"])
        let text = screen(&app, [.end]).lines.joined(separator: "\n")
        #expect(text.contains("valid → 2×2") && text.contains("same → 3×3"), "\(text)")
    }

    /// Every `try!` and `fatalError(` in Sources/Explorer and Sources/Terminal, outside comments.
    static func forcedFailures() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var found: [String] = []
        for module in ["Explorer", "Terminal"] {
            let folder = root.appendingPathComponent("Sources/\(module)")
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for file in files.sorted() {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.components(separatedBy: "//").first ?? ""
                    if code.contains("try!") || code.contains("fatalError(") { found.append("\(module)/\(file):\(n + 1)") }
                }
            }
        }
        return found
    }

    @Test func productionCodeHasNoTryBangOrFatalError() throws {
        // RunLoop's STRIDE_TEST_TRAP_KEY crash is the deliberate trap the crash-restore test
        // presses (the run loop belongs to the shell rewrite); nothing else may remain.
        #expect(try Self.forcedFailures().filter { !$0.hasPrefix("Terminal/RunLoop.swift") } == [])
    }
}

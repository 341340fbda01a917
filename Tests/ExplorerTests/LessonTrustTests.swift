import CNN
import Dispatch
import Foundation
@testable import Explorer
import ModelFiles
import Testing

/// Lesson files and progress against hostile input (issue 16, items 5 and 12).
@Suite("Lesson files against YAML alias bombs and huge progress files")
struct LessonTrustTests {
    /// The alias bomb of issue 16 (nine levels of ten aliases, the last one a mapping key).
    static let bomb: [String] = {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        let names = Array("abcdefghij").map(String.init)
        for i in 1..<names.count {
            lines.append("\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 10).joined(separator: ",") + "]")
        }
        return lines + ["? *j : 1"]
    }()

    func problem(_ text: String) -> String {
        do { _ = try LessonParser.parse(text, file: "x.md", language: .en); return "" } catch { return error.description }
    }

    @Test func aliasesInFrontMatterAndEveryBlockAreRefusedFastWithTheirLine() {
        let start = DispatchTime.now().uptimeNanoseconds
        let front = ["---", "id: a", "title: A", "order: 1", "summary: s"] + Self.bomb + ["---", "## S", "text"]
        #expect(problem(front.joined(separator: "\n")) == "x.md:7: \(YAMLAliases.message)")
        for kind in ["scene", "quiz", "model", "train"] {
            let text = ["---", "id: a", "title: A", "order: 1", "summary: s", "---", "## S", "```\(kind)"] + Self.bomb + ["```"]
            // The block's YAML starts on line 9; the first alias is on its second line.
            #expect(problem(text.joined(separator: "\n")) == "x.md:10: \(YAMLAliases.message)", "\(kind)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(seconds < 2, "\(seconds) s")
        // Stars in quoted or prose text are not aliases.
        let fine = "---\nid: a\ntitle: \"*A* & B\"\norder: 1\nsummary: '*s*'\n---\n## S\nText with *stars* & ampersands.\n"
        #expect(problem(fine) == "")
    }

    @Test func aQuizBlockWithAnAliasNamesItsLine() {
        do {
            _ = try QuizQuestion.fromYAML("kind: size\nn: &n 28\nk: *n", file: "l.md", firstLine: 20)
            Issue.record("accepted an alias")
        } catch {
            #expect(error.description == "l.md:22: \(YAMLAliases.message)")
        }
    }

    @Test func homeMarksReadTheProgressFileOnce() throws {
        let dir = NSTemporaryDirectory() + "stride-progress-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/progress.json"
        var progress = LessonProgress()
        for i in 0..<3000 {
            // Every fifth lesson finished (its checks answered), the others started.
            if i % 5 == 4 { progress.complete("lesson-\(i)", steps: 4, score: .init(right: 1, total: 2)) }
            else { progress.record("lesson-\(i)", step: i % 5, steps: 4) }
        }
        try progress.save(path)
        let catalog = LessonCatalog(library: LessonLibrary(directory: dir, lessons: [:]), blocks: testBlocks,
                                    progressPath: path)
        let start = DispatchTime.now().uptimeNanoseconds
        let marks = catalog.marks
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("home marks for 3,000 lessons: \(String(format: "%.3f", seconds)) s")
        #expect(marks.count == 3000 && marks["lesson:lesson-4"] == "✓" && marks["lesson:lesson-1"] == "…")
        #expect(seconds < 2, "\(seconds) s")
    }
}

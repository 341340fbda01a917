import CNN
import Foundation
@testable import Explorer
import ModelFiles
import Terminal
import Testing

/// The glossary (`lessons/glossary.yaml`), its check of Korean lessons, and lesson objectives.
@Suite("Glossary and objectives")
struct GlossaryTests {
    static let small = """
    # terms
    - en: epoch
      ko: 에포크
      seed: 에포크
      avoid: [에폭]
    - en: cross-correlation
      ko: 교차상관
      avoid: [교차 상관, 상관]
    """

    func problem(_ text: String) -> String {
        do { _ = try Glossary.parse(text, file: "g.yaml"); return "" } catch { return error.description }
    }

    @Test func parsesEntries() throws {
        let glossary = try Glossary.parse(Self.small, file: "g.yaml")
        #expect(glossary.entries.map(\.english) == ["epoch", "cross-correlation"])
        #expect(glossary.entries[0].korean == "에포크" && glossary.entries[0].seed == "에포크" && glossary.entries[0].avoid == ["에폭"])
        #expect(glossary.entries.map(\.line) == [2, 6])
        #expect(glossary.entries[1].seed == nil)
    }

    @Test func badGlossariesSayFileAndLine() {
        #expect(problem("- en: a\n  ko: 가\n  colour: red\n") == "g.yaml:3: unknown key 'colour' (keys: en, ko, seed, avoid, note)")
        #expect(problem("- en: a\n  ko: 가\n- en: b\n") == "g.yaml:3: the entry 'b' lacks ko:")
        #expect(problem("- en: a\n  ko: 가\n  avoid: 나\n") == "g.yaml:3: avoid: must be a list, e.g. [에폭]")
        #expect(problem("en: a\n") == "g.yaml:1: the glossary is a list of entries, each starting with '- en:'")
        #expect(problem("- en: a\n  ko: 가\n  avoid: [가]\n") == "g.yaml:1: 'a': '가' is both the term and a variant to avoid")
        #expect(problem("- en: a\n  ko: 가\n  avoid: [나]\n- en: b\n  ko: 나\n") == "g.yaml:1: 'a' avoids '나', the term of 'b' (line 4)")
        #expect(problem("- en: a\n  ko: [가\n").hasPrefix("g.yaml:") && problem("- en: a\n  ko: [가\n").contains(": invalid YAML:"), "\(problem("- en: a\n  ko: [가\n"))")
        #expect(problem("- &x {en: a, ko: 가}\n- *x\n") == "g.yaml:2: \(YAMLAliases.message)")
        let huge = String(repeating: "# padding\n", count: Glossary.maxBytes / 10 + 1)
        #expect(problem(huge) == "g.yaml: the glossary is \(huge.utf8.count) bytes; the limit is \(Glossary.maxBytes)")
        let many = (0...Glossary.maxEntries).map { "- {en: e\($0), ko: k\($0)}" }.joined(separator: "\n")
        #expect(problem(many) == "g.yaml: \(Glossary.maxEntries + 1) entries; the limit is \(Glossary.maxEntries)")
    }

    @Test func avoidedVariantsAreReportedByLine() throws {
        let glossary = try Glossary.parse(Self.small, file: "g.yaml")
        let text = "첫 줄\n에폭 3회\n교차상관은 괜찮고 교차 상관은 아닙니다\n상관없음\n"
        let problems = glossary.problems(inKorean: text, file: "ko/01.md").map(\.description)
        #expect(problems == [
            "ko/01.md:2: '에폭': the glossary's Korean term for 'epoch' is '에포크' (g.yaml:2)",
            "ko/01.md:3: '교차 상관': the glossary's Korean term for 'cross-correlation' is '교차상관' (g.yaml:6)",
            "ko/01.md:3: '상관': the glossary's Korean term for 'cross-correlation' is '교차상관' (g.yaml:6)",
            "ko/01.md:4: '상관': the glossary's Korean term for 'cross-correlation' is '교차상관' (g.yaml:6)",
        ])
        // The term itself, which contains the variant '상관', is not reported.
        #expect(glossary.problems(inKorean: "교차상관", file: "x").isEmpty)
    }

    @Test func theCheckReadsTheFolderGlossaryForKoreanLessonsOnly() throws {
        let korean = LessonFolder.completeKorean.replacingOccurrences(of: "입력 둘레에", with: "에폭마다 입력 둘레에")
        let english = LessonFolder.complete + "\n<!-- 에폭 -->\n"
        let folder = try LessonFolder(files: ["en/05-padding.md": english, "ko/05-padding.md": korean, "glossary.yaml": Self.small])
        defer { folder.remove() }
        let problems = LessonLibrary.check(folder.path, blocks: testBlocks).map(\.description)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.contains("ko/05-padding.md:12: '에폭': the glossary's Korean term for 'epoch' is '에포크'") == true, "\(problems)")
        // A broken glossary is reported instead, with its line.
        try "- en: a\n  ko: 가\n  colour: red\n".write(toFile: folder.path + "/glossary.yaml", atomically: true, encoding: .utf8)
        let broken = LessonLibrary.check(folder.path, blocks: testBlocks).map(\.description)
        #expect(broken.count == 1 && broken[0].hasSuffix("glossary.yaml:3: unknown key 'colour' (keys: en, ko, seed, avoid, note)"), "\(broken)")
        // The built-in lessons pass their embedded glossary the same way.
        let files = [LessonFile(language: .en, path: "(b)/en/05-padding.md", text: LessonFolder.complete),
                     LessonFile(language: .ko, path: "(b)/ko/05-padding.md", text: korean)]
        let builtIn = LessonLibrary.check(files: files, name: "(b)", blocks: testBlocks,
                                          glossary: LessonFile(language: .ko, path: "(b)/glossary.yaml", text: Self.small))
        #expect(builtIn.map(\.description) == ["(b)/ko/05-padding.md:12: '에폭': the glossary's Korean term for 'epoch' is '에포크' ((b)/glossary.yaml:2)"])
    }

    @Test func theShippedGlossaryParsesAndTheShippedLessonsFollowIt() throws {
        let path = shippedLessonsDirectory + "/glossary.yaml"
        let glossary = try Glossary.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(glossary.entries.count >= 40)
        for (variant, term) in [("에폭", "에포크"), ("편향", "절편"), ("모서리", "에지"), ("국소", "지역 패턴"), ("그레이디언트 소멸", "기울기 소멸"),
                                ("Fashion-MNIST", "패션 MNIST"), ("Dense 층", "밀집층"), ("교차 상관", "교차상관")] {
            #expect(glossary.avoidedVariants.contains { $0.variant == variant && $0.term == term }, "\(variant)")
        }
        #expect(LessonLibrary.check(shippedLessonsDirectory, blocks: shippedBlocks).map(\.description) == [])
    }

    // MARK: Objectives

    @Test func objectivesAreParsedAndChecked() throws {
        let lesson = try LessonParser.parse(LessonFolder.complete, file: "en/05-padding.md", language: .en)
        #expect(lesson.objectives == ["Say how much same pads.", "Compute an output size: with padding."])
        func problem(_ text: String) -> String {
            do { _ = try LessonParser.parse(text, file: "x.md", language: .en); return "" } catch { return error.description }
        }
        #expect(problem("---\nid: a\ntitle: A\norder: 1\nsummary: s\nobjectives: learn\n---\n## S\n") == "x.md:6: objectives: must be a list, one '- ' line per objective")
        #expect(problem("---\nid: a\ntitle: A\norder: 1\nsummary: s\nobjectives:\n  - a: b\n---\n## S\n")
                == "x.md:7: objectives: each objective must be one line of text (put it in quotes if it contains ': ')")
        // The check wants 2 to 4 in each language, and as many in both.
        let one = LessonFolder.complete.replacingOccurrences(of: "  - 'Compute an output size: with padding.'\n", with: "")
        let folder = try LessonFolder(files: ["en/05-padding.md": one, "ko/05-padding.md": LessonFolder.completeKorean])
        defer { folder.remove() }
        let problems = LessonLibrary.check(folder.path, blocks: testBlocks).map(\.description)
        #expect(problems.contains { $0.hasSuffix("en/05-padding.md:2: 1 objectives: give 2 to 4 learning objectives (front matter 'objectives:', a list)") }, "\(problems)")
        #expect(problems.contains { $0.contains("ko/05-padding.md:2: 2 objectives, but") && $0.contains("has 1") }, "\(problems)")
    }

    @Test func aLessonNeedsTwoChecks() throws {
        let folder = try LessonFolder(files: ["en/05-padding.md": LessonFolder.english, "ko/05-padding.md": LessonFolder.korean])
        defer { folder.remove() }
        let problems = LessonLibrary.check(folder.path, blocks: testBlocks).map(\.description)
        #expect(problems.contains { $0.hasSuffix("en/05-padding.md:2: 1 check step: a lesson needs at least 2 (one of them with new numbers)") }, "\(problems)")
        let complete = try LessonFolder(files: ["en/05-padding.md": LessonFolder.complete, "ko/05-padding.md": LessonFolder.completeKorean])
        defer { complete.remove() }
        #expect(LessonLibrary.check(complete.path, blocks: testBlocks).isEmpty)
    }

    @Test(arguments: [Language.en, .ko])
    func objectivesOpenTheFirstStepOnly(language: Language) throws {
        let folder = try LessonFolder(files: ["en/05-padding.md": LessonFolder.complete, "ko/05-padding.md": LessonFolder.completeKorean])
        defer { folder.remove() }
        let library = try LessonLibrary(directory: folder.path)
        var first = ExplorerApp(screens: [LessonScreen(library: library, blocks: testBlocks, lessonID: "padding", language: language)], language: language)
        let lines = screen(&first).lines
        let heading = language == .en ? " In this lesson you will:" : " 이 레슨에서 배울 것:"
        #expect(lines[3] == heading, "\(lines.joined(separator: "\n"))")
        #expect(lines[4] == (language == .en ? " • Say how much same pads." : " • same이 얼마나 채우는지 말할 수 있습니다."))
        #expect(lines[6] == "", "\(lines.joined(separator: "\n"))")
        var second = ExplorerApp(screens: [LessonScreen(library: library, blocks: testBlocks, lessonID: "padding", language: language, step: 1)],
                                 language: language)
        #expect(!screen(&second).lines.joined().contains(heading.trimmingCharacters(in: .whitespaces)))
    }
}

extension LessonFolder {
    /// `english` with objectives and a second check: what `stride lessons check` accepts.
    static let complete = english
        .replacingOccurrences(of: "summary: Zeros around the input keep its size.\n",
                              with: "summary: Zeros around the input keep its size.\nobjectives:\n  - Say how much same pads.\n  - 'Compute an output size: with padding.'\n")
        + "\n\n## Check with new numbers\n```quiz\nkind: size\nn: 7\nk: 3\np: same\ns: 2\n```\n"

    static let completeKorean = complete
        .replacingOccurrences(of: "title: Padding", with: "title: 패딩")
        .replacingOccurrences(of: "  - Say how much same pads.", with: "  - same이 얼마나 채우는지 말할 수 있습니다.")
        .replacingOccurrences(of: "  - 'Compute an output size: with padding.'", with: "  - '출력 크기를 구할 수 있습니다: 패딩 포함.'")
        .replacingOccurrences(of: "## Why pad", with: "## 패딩하는 이유")
        .replacingOccurrences(of: "Without padding the output shrinks.", with: "패딩이 없으면 출력이 작아집니다. 입력 둘레에 0을 채우면 가장자리도 계산에 들어갑니다.")
}

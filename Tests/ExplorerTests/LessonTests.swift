import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// A two-language lesson folder written into a temporary directory.
struct LessonFolder {
    let path: String

    init(files: [String: String]) throws {
        path = NSTemporaryDirectory() + "stride-lessons-\(UInt32.random(in: 0...UInt32.max))"
        for (name, text) in files {
            let file = (path as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    static let english = """
    ---
    id: padding
    title: Padding
    order: 5
    summary: Zeros around the input keep its size.
    ---

    ## Why pad
    Without padding the output shrinks.
    A 4×4 input and a 3×3 kernel give 2×2.

    - valid: no padding
    - same: output size ceil(n/s)

    ## Same padding
    One ring of zeros keeps 4×4.

    ```scene
    scene: sliding
    input: "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"
    kernel: "1 1 1; 1 1 1; 1 1 1"
    padding: same
    ```

    ## The model
    ```model
    input: [28, 28, 1]
    layers:
      - conv2d: {filters: 32, kernel_size: 3, activation: relu}
      - flatten: {}
      - dense: {units: 10, activation: softmax}
    ```

    ## Check
    ```quiz
    kind: size
    n: 4
    k: 3
    p: same
    ```
    """

    static let korean = english
        .replacingOccurrences(of: "title: Padding", with: "title: 패딩")
        .replacingOccurrences(of: "## Why pad", with: "## 왜 패딩을 하나")
        .replacingOccurrences(of: "Without padding the output shrinks.", with: "패딩이 없으면 출력이 작아집니다. 입력 둘레에 0을 채우면 가장자리도 계산에 들어갑니다.")
}

/// Quiz blocks are built by the quiz module; here a plain screen stands in for it.
struct QuizBlockForTests: Screen {
    let yaml: String
    var title: String { "quiz" }
    var bindings: [KeyBinding] { [] }
    mutating func update(_ message: ScreenMessage) -> ScreenCommand { .none }
    func render(into buffer: inout Buffer, area: Rect) { buffer.write("QUIZ " + yaml.replacingOccurrences(of: "\n", with: " "), x: area.x, y: area.y, maxWidth: area.width) }
    var contentSize: (width: Int, height: Int) { (20, 1) }
}

let testBlocks = LessonBlockFactory(
    registry: .builtIn,
    quiz: { block, _, _ in QuizBlockForTests(yaml: block.yaml) },
    train: { block, file, language throws(LessonError) in try TrainBlockScreen.make(block, file: file, language: language) })

@Suite("Lesson files")
struct LessonParserTests {
    @Test func parsesFrontMatterStepsAndBlocks() throws {
        let lesson = try LessonParser.parse(LessonFolder.english, file: "en/05-padding.md", language: .en)
        #expect(lesson.id == "padding" && lesson.order == 5 && lesson.title == "Padding")
        #expect(lesson.steps.map(\.title) == ["Why pad", "Same padding", "The model", "Check"])
        #expect(lesson.steps[0].paragraphs == ["Without padding the output shrinks. A 4×4 input and a 3×3 kernel give 2×2.",
                                               "• valid: no padding", "• same: output size ceil(n/s)"])
        #expect(lesson.steps[0].block == nil)
        #expect(lesson.steps[1].block?.kind == .scene && lesson.steps[1].block?.line == 19)
        #expect(lesson.steps[3].block?.kind == .quiz)
    }

    func problem(_ text: String) -> String {
        do { _ = try LessonParser.parse(text, file: "x.md", language: .en); return "" } catch { return error.description }
    }

    @Test func brokenFilesSayFileAndLine() {
        #expect(problem("## Step\ntext") == "x.md:1: a lesson starts with front matter: a line '---', then id:, title:, order:, summary:, then '---'")
        #expect(problem("---\nid: a\ntitle: A\norder: 1\n") == "x.md:1: the front matter is not closed by a line '---'")
        #expect(problem("---\nid: a\ntitle: A\norder: one\nsummary: s\n---\n## S\n") == "x.md:4: order: must be a whole number")
        #expect(problem("---\nid: a\ntitle: A\norder: 1\nsummary: s\ncolour: red\n---\n## S\n") == "x.md:6: unknown front matter key 'colour' (keys: id, title, order, summary, objectives)")
        #expect(problem("---\nid: a\ntitle: A\norder: 1\nsummary: s\n---\nHello\n## S\n") == "x.md:7: text before the first step heading; start each step with '## Title'")
        #expect(problem("---\nid: a\ntitle: A\norder: 1\nsummary: s\n---\n## S\n```scene\nscene: sliding\n") == "x.md:8: this ``` block is not closed")
        #expect(problem("---\nid: a\ntitle: A\norder: 1\nsummary: s\n---\n## S\n```quiz\nkind: size\n```\n```scene\nscene: sliding\n```\n").hasPrefix("x.md:11: a step holds at most one block"))
        #expect(problem("---\nid: a\ntitle: A\norder: 1\nsummary: s\n---\n## S\n```video\nx\n```\n") == "x.md:8: unknown block 'video'; blocks are scene, quiz, model and train")
    }

    @Test func blocksBuildWithLocatedErrors() throws {
        let text = LessonFolder.english.replacingOccurrences(of: "padding: same", with: "padding: sideways")
            .replacingOccurrences(of: "kernel_size: 3, activation: relu}", with: "kernel_size: 3, activation: relux}")
        let folder = try LessonFolder(files: ["en/05-padding.md": text, "ko/05-padding.md": LessonFolder.korean])
        defer { folder.remove() }
        let problems = LessonLibrary.check(folder.path, blocks: testBlocks).map(\.description)
        #expect(problems.contains { $0.hasSuffix("en/05-padding.md:22: padding: padding must be valid, same, full or a non-negative integer, not 'sideways'") }, "\(problems)")
        #expect(problems.contains { $0.contains("en/05-padding.md:29:") && $0.contains("relux") }, "\(problems)")
    }

    @Test func languagesMustMatchStepForStep() throws {
        let short = LessonFolder.korean.replacingOccurrences(of: "\n## Check\n```quiz\nkind: size\nn: 4\nk: 3\np: same\n```", with: "")
        let folder = try LessonFolder(files: ["en/05-padding.md": LessonFolder.english, "ko/05-padding.md": short,
                                              "en/06-extra.md": LessonFolder.english.replacingOccurrences(of: "id: padding", with: "id: extra")])
        defer { folder.remove() }
        let problems = LessonLibrary.check(folder.path, blocks: testBlocks).map(\.description)
        #expect(problems.contains { $0.contains("ko/05-padding.md") && $0.contains("3 steps, but") }, "\(problems)")
        #expect(problems.contains { $0.contains("en/06-extra.md:2: lesson 'extra' has no Korean version") }, "\(problems)")
    }

    @Test func aGoodFolderChecksClean() throws {
        let folder = try LessonFolder(files: ["en/05-padding.md": LessonFolder.complete, "ko/05-padding.md": LessonFolder.completeKorean])
        defer { folder.remove() }
        #expect(LessonLibrary.check(folder.path, blocks: testBlocks).isEmpty)
    }
}

@Suite("Lesson screen")
struct LessonScreenTests {
    func app(_ language: Language, step: Int = 0, presenting: Bool = false) throws -> (ExplorerApp, LessonFolder) {
        let folder = try LessonFolder(files: ["en/05-padding.md": LessonFolder.english, "ko/05-padding.md": LessonFolder.korean])
        let library = try LessonLibrary(directory: folder.path)
        let lesson = LessonScreen(library: library, blocks: testBlocks, lessonID: "padding", language: language, step: step, presenting: presenting)
        return (ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language), lesson], language: language), folder)
    }

    @Test func proseStepWholeScreen() throws {
        var (app, folder) = try app(.en)
        defer { folder.remove() }
        let lines = screen(&app).lines
        #expect(lines[0].hasPrefix(" Stride · Padding") && lines[0].hasSuffix("step 1/4"))
        #expect(lines[1] == " Why pad")
        #expect(lines[3] == " Without padding the output shrinks. A 4×4 input and a 3×3 kernel give 2×2.")
        #expect(lines[5] == " • valid: no padding")
        #expect(lines[23].hasPrefix("PgDn next step  PgUp prev step  F2 한국어 / English"))
    }

    @Test func sceneStepShowsTheSceneBesideItsProseAndTakesItsKeys() throws {
        var (app, folder) = try app(.en, step: 1)
        defer { folder.remove() }
        var lines = screen(&app).lines
        // At 80 columns the scene needs the full width: the prose goes above it, a rule between.
        #expect(lines[3] == " One ring of zeros keeps 4×4.")
        #expect(lines[4].hasPrefix("────"))
        #expect(lines[5].hasPrefix(" cross-correlation"))
        lines = screen(&app, [.end]).lines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("14") && text.contains("24") && text.contains("54"), "same padding outputs:\n\(text)")
        #expect(lines[0].contains("step 2/4") && lines[0].contains("16/16"))
        #expect(lines.allSatisfy { displayWidth($0) <= 80 })
    }

    /// A scene beside a lesson's prose gets a narrow column; its header line must say it was cut.
    @Test(arguments: ["sliding", "playground", "stride", "padding", "im2col", "channels", "pooling", "flip"])
    func aSceneHeaderCutInANarrowColumnEndsWithAnEllipsis(id: String) throws {
        var scene = ScreenBox(try ScreenRegistry.builtIn.make(id, settings: .flags([:]), language: .en))
        _ = scene.update(.resize(width: 30, height: 30))
        var buffer = Buffer(width: 30, height: 30)
        scene.screen.render(into: &buffer, area: buffer.area)
        let header = buffer.lines[0].trimmingCharacters(in: .whitespaces)
        #expect(header.hasSuffix("…"), "\(id): '\(header)'")
        #expect(displayWidth(header) <= 28)
    }

    @Test func koreanStepKeepsFramesAligned() throws {
        var (app, folder) = try app(.ko)
        defer { folder.remove() }
        let lines = screen(&app).lines
        #expect(lines[0].hasPrefix(" Stride · 패딩"))
        #expect(lines[1].hasPrefix(" 왜 패딩을 하나"))
        #expect(lines.allSatisfy { displayWidth($0) <= 80 })
        #expect(lines[3].hasPrefix(" 패딩이 없으면 출력이 작아집니다."))
        // F2 switches language on the same step.
        let english = screen(&app, [.function(2)]).lines
        #expect(english[1].hasPrefix(" Why pad"))
    }

    @Test func aNarrowBlockSitsBesideTheProse() throws {
        var (app, folder) = try app(.en, step: 2)
        defer { folder.remove() }
        let lines = screen(&app).lines
        #expect(lines[3].contains("│"), "the model summary fits beside the prose:\n\(lines.joined(separator: "\n"))")
        #expect(lines.joined().contains("Total params"))
    }

    @Test func pagingModelAndQuizSteps() throws {
        var (app, folder) = try app(.en)
        defer { folder.remove() }
        var text = screen(&app, [.pageDown, .pageDown]).lines.joined(separator: "\n")
        #expect(text.contains("Total params"), "\(text)")
        text = screen(&app, [.pageDown]).lines.joined(separator: "\n")
        #expect(text.contains("QUIZ kind: size n: 4 k: 3 p: same"))
        text = screen(&app, [.pageDown]).lines.joined(separator: "\n")
        #expect(text.contains("Lesson complete: Padding") && text.contains("complete"), "past the last step: the completion screen")
        text = screen(&app, [.ctrl("g"), .char("1"), .enter]).lines.joined(separator: "\n")
        #expect(text.contains("step 1/4"))
    }

    @Test func presenterModeHidesTheFooterAndBlanks() throws {
        var (app, folder) = try app(.en, step: 1, presenting: true)
        defer { folder.remove() }
        var lines = screen(&app).lines
        #expect(!lines[23].contains("PgDn"), "no footer in presenter mode")
        lines = screen(&app, [.ctrl("b")]).lines
        #expect(lines.dropFirst().allSatisfy { $0.isEmpty }, "blank screen")
        lines = screen(&app, [.space]).lines
        #expect(lines[1].hasPrefix("  Same padding"))
        // Auto-play steps the scene, then moves on.
        _ = app.handle(.key(.function(7)))
        for _ in 0..<16 { _ = app.handle(.tick) }
        #expect(screen(&app).lines[0].contains("step 2/4  ·  step 16/16"))
        _ = app.handle(.tick)
        #expect(screen(&app).lines[0].contains("step 3/4"))
    }
}

@Suite("Lesson progress")
struct LessonProgressTests {
    @Test func survivesARestartAndACorruptFile() throws {
        let dir = NSTemporaryDirectory() + "stride-progress-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/stride/progress.json"
        var progress = LessonProgress()
        progress.record("padding", step: 2, steps: 4)
        try progress.save(path)
        var loaded = LessonProgress.load(path)
        #expect(loaded.progress == progress && loaded.warning == nil)
        #expect(loaded.progress.mark("padding") == "…")
        progress.record("padding", step: 3, steps: 4)
        #expect(progress.mark("padding") == "…", "reaching the last step does not finish a lesson")
        progress.complete("padding", steps: 4, score: LessonProgress.Score(right: 1, total: 2))
        #expect(progress.mark("padding") == "✓" && progress.lessons["padding"]?.score?.right == 1)
        progress.record("padding", step: 0, steps: 4)
        #expect(progress.mark("padding") == "✓", "a lesson once done stays done")

        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        loaded = LessonProgress.load(path)
        #expect(loaded.progress == LessonProgress())
        #expect(loaded.warning?.contains("set aside") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/stride")
        #expect(files.contains { $0.hasPrefix("progress.json.corrupt-") })
    }

    @Test func theCatalogRecordsStepsAndReopensWhereTheStudentLeft() throws {
        let folder = try LessonFolder(files: ["en/05-padding.md": LessonFolder.english, "ko/05-padding.md": LessonFolder.korean])
        defer { folder.remove() }
        let path = folder.path + "/state/progress.json"
        let catalog = LessonCatalog(library: try LessonLibrary(directory: folder.path), blocks: testBlocks, progressPath: path)
        var lesson = catalog.screen("padding", language: .en)
        _ = lesson.update(.key(.pageDown))
        _ = lesson.update(.key(.pageDown))
        #expect(LessonProgress.load(path).progress.lessons["padding"]?.step == 2)
        let reopened = catalog.screen("padding", language: .ko)
        #expect(reopened.stepIndex == 2, "progress follows the lesson id across languages")
        #expect(catalog.marks["lesson:padding"] == "…")
    }
}

@Suite("Lesson locations")
struct LessonLocationTests {
    @Test func progressFollowsXDGStateHomeThenHOME() {
        #expect(LessonProgress.defaultPath(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/h"]) == "/x/state/stride/progress.json")
        #expect(LessonProgress.defaultPath(environment: ["HOME": "/tmp/student"]) == "/tmp/student/.local/state/stride/progress.json")
        // The XDG rule: a relative or empty XDG_STATE_HOME is ignored.
        #expect(LessonProgress.defaultPath(environment: ["XDG_STATE_HOME": "state", "HOME": "/h"]) == "/h/.local/state/stride/progress.json")
        #expect(LessonProgress.defaultPath(environment: ["XDG_STATE_HOME": "", "HOME": "/h"]) == "/h/.local/state/stride/progress.json")
    }

    @Test func lessonsLoadFromFilesInMemoryLikeFromAFolder() throws {
        let files = [LessonFile(language: .en, path: "(built-in)/en/05-padding.md", text: LessonFolder.english),
                     LessonFile(language: .ko, path: "(built-in)/ko/05-padding.md", text: LessonFolder.korean)]
        let (library, problems) = LessonLibrary.lenient(files: files, name: "(built-in)")
        #expect(problems.isEmpty, "\(problems)")
        #expect(library.lessons(in: .en).map(\.id) == ["padding"])
        #expect(library.lesson("padding", language: .ko)?.file == "(built-in)/ko/05-padding.md")
        // Problems name the file as given; a file that is not UTF-8 is reported, not dropped silently.
        let broken = LessonLibrary.lenient(files: [LessonFile(language: .en, path: "(built-in)/en/01-x.md", text: nil)], name: "(built-in)").1
        #expect(broken.map(\.description) == ["(built-in)/en/01-x.md: cannot read the file as UTF-8 text"])
        #expect(LessonLibrary.lenient(files: [], name: "(built-in)").1.first?.description.contains("no lessons") == true)
    }

    @Test func pluralsCountAsEnglishDoes() {
        #expect(counted(1, "epoch") == "1 epoch")
        #expect(counted(0, "epoch") == "0 epochs")
        #expect(counted(5, "image") == "5 images")
        #expect(counted(2, "child", plural: "children") == "2 children")
    }
}

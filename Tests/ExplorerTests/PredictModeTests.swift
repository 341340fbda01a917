import CNN
@testable import Explorer
import Terminal
import Testing

/// Predict mode in every stepped scene, through the whole screen (`drive` at 80×24).
@Suite("Predict mode")
struct PredictModeTests {
    /// The stepped scenes, each with the keys that reach its first cell question.
    static let scenes: [(id: String, opening: [Key])] = [
        ("sliding", []), ("padding", []), ("stride", []), ("flip", [.right, .right]),
        ("pooling", []), ("channels", []), ("im2col", []),
    ]
    static let arguments: [String] = scenes.flatMap { s in Language.allCases.map { "\(s.id):\($0.rawValue)" } }

    static func occurrences(of number: String, in text: String) -> Int { Predictor.occurrences(of: number, in: text) }

    /// Opens `id` in predict mode and answers the size question (where asked) right, so the
    /// first cell is open.
    static func openAtFirstCell(_ id: String, language: Language) throws -> (ExplorerApp, PredictQuestion) {
        var app = try appShowing(id, ["predict": "true"], language: language)
        let opening = scenes.first { $0.id == id }!.opening
        _ = screen(&app, opening)
        if let size = question(app), case .size(let r, let c) = size.answer {
            _ = screen(&app, Array("\(r)x\(c)").map { .char($0) } + [.enter])
        }
        let q = try #require(question(app), "\(id): a cell is asked")
        return (app, q)
    }

    /// The open question of the top screen.
    static func question(_ app: ExplorerApp) -> PredictQuestion? {
        switch app.top {
        case let s as SlidingScene: s.question
        case let s as PaddingScene: s.question
        case let s as StrideScene: s.question
        case let s as FlipScene: s.question
        case let s as PoolingScene: s.question
        case let s as ChannelsScene: s.question
        case let s as Im2colScene: s.question
        default: nil
        }
    }

    static func typed(_ text: String) -> [Key] { text.map { .char($0) } + [.enter] }

    /// A wrong value gets a hint that adds no occurrence of the answer anywhere on screen;
    /// the right one reveals it (one more occurrence, in the output) and counts; Tab shows
    /// the next without credit.
    @Test(arguments: arguments)
    func wrongHintsRightRevealsTabShows(name: String) throws {
        let parts = name.split(separator: ":").map(String.init)
        let (id, language) = (parts[0], Language(rawValue: parts[1])!)
        var (app, q) = try Self.openAtFirstCell(id, language: language)
        guard case .value(let expected) = q.answer else { Issue.record("\(id): a value is asked"); return }
        let answer = formatNumber(expected)
        let before = screen(&app).lines.joined(separator: "\n")
        let countBefore = Self.occurrences(of: answer, in: before)
        let status = app.top.status

        // Wrong: a hint, the answer nowhere new, the question still open, nothing counted.
        let wrong = formatNumber(expected + 100)
        let afterWrong = screen(&app, Self.typed(wrong)).lines.joined(separator: "\n")
        #expect(afterWrong.contains("✗ \(wrong):"), "\(name): the wrong value is named\n\(afterWrong)")
        #expect(Self.occurrences(of: answer, in: afterWrong) == countBefore, "\(name): the hint does not give \(answer)\n\(afterWrong)")
        #expect(Self.question(app) == q, "\(name): the same question is asked again")
        #expect(app.top.status == status, "\(name): a wrong try is not counted")

        // Right (typed as people type it): revealed and counted.
        let afterRight = screen(&app, Self.typed(" \(answer) ")).lines.joined(separator: "\n")
        #expect(Self.occurrences(of: answer, in: afterRight) > countBefore, "\(name): the answer is revealed\n\(afterRight)")
        #expect(Self.question(app) != q, "\(name): it moves on")
        let predictedWord = language == .en ? "predicted" : "예측"
        let done = id == "sliding" || id == "padding" || id == "stride" ? 2 : 1
        #expect(app.top.status.contains("\(predictedWord) \(done)/\(done)"), "\(name): \(app.top.status)")
        #expect(afterRight.contains("✓ \(q.label[language]) = \(answer)"), "\(name)\n\(afterRight)")

        // Tab: the next is shown without credit.
        let next = try #require(Self.question(app))
        let afterTab = screen(&app, [.tab]).lines.joined(separator: "\n")
        #expect(app.top.status.contains("\(predictedWord) \(done)/\(done + 1)"), "\(name): \(app.top.status)")
        #expect(afterTab.contains("\(next.label[language]) = \(next.answerText)"), "\(name): Tab shows the answer\n\(afterTab)")
        #expect(afterTab.contains(language == .en ? "(shown, not counted)" : "(답 보기, 점수 없음)"), "\(name)\n\(afterTab)")
    }

    /// The whole screen after a wrong value in the sliding scene (English), and the footer's keys.
    @Test func slidingWrongValueWholeScreen() throws {
        var (app, _) = try Self.openAtFirstCell("sliding", language: .en)
        let buffer = screen(&app, Self.typed("9"))
        #expect(buffer.lines == [
            " Stride · Sliding kernel                               predicted 1/1 · step 0/4",
            " cross-correlation (Keras Conv2D) · padding valid · stride 1 · dilation 1",
            "",
            " Input 4×4                           Kernel 3×3            Output 2×2",
            " ┌───────┬───────┬───────┬───────┐   ┌─────┬─────┬─────┐   ┌──────┬──────┐",
            " │    3  │    1  │    0  │    2  │   │  1  │  0  │  1  │   │      │      │",
            " ├───────┼───────┼───────┼───────┤   ├─────┼─────┼─────┤   ├──────┼──────┤",
            " │    5  │    2  │    4  │    1  │   │  0  │  2  │  0  │   │      │      │",
            " ├───────┼───────┼───────┼───────┤   ├─────┼─────┼─────┤   └──────┴──────┘",
            " │    0  │    6  │    1  │    3  │   │  1  │  0  │  1  │",
            " ├───────┼───────┼───────┼───────┤   └─────┴─────┴─────┘",
            " │    2  │    1  │    5  │    0  │",
            " └───────┴───────┴───────┴───────┘",
            "",
            " out[0,0] = ?  Multiply each highlighted cell by its weight, add them up, and",
            " type the sum below.",
            " output size: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2",
            "",
            " · Each output cell is the sum of the kernel's weights times the input cells",
            " under the window.",
            " out[0,0] =",
            " ✗ 9: out[0,0]'s window: rows 0–2, columns 0–2 of the input, from 0. Multiply",
            " each cell by its weight and add. Too high.",
            "Enter check  Tab show the answer  i notes  Esc leave the field  Ctrl-C quit",
        ], "\(dump(buffer))")
        // The window is placed (kernel row colours) without its products; out[0,0] is highlighted, empty.
        #expect(buffer[5, 5].style == ConvPanel.rowStyle(0))
        #expect(buffer[62, 5].style == Palette.current)
        #expect(app.cursor?.y == 20)
    }

    /// Before the first cell the output size is asked, and nothing on screen gives it.
    @Test(arguments: ["sliding", "padding", "stride"])
    func theSizeIsAskedFirstAndHidden(id: String) throws {
        var app = try appShowing(id, ["predict": "true"])
        let q = try #require(Self.question(app))
        guard case .size(let r, let c) = q.answer else { Issue.record("\(id): the size is asked first"); return }
        let text = screen(&app).lines.joined(separator: "\n")
        #expect(text.contains("output size ="), "\(text)")
        #expect(text.contains("Output ?×?"), "\(text)")
        #expect(!text.contains("→ \(r)×\(c)") && !text.contains("= \(r)\n"), "\(id): the size is not written\n\(text)")
        let hinted = screen(&app, Self.typed("\(r + 1)x\(c + 1)")).lines.joined(separator: "\n")
        #expect(hinted.contains("✗ \(r + 1)x\(c + 1):"), "\(hinted)")
        let prompt = hinted.split(separator: "\n").suffix(4).joined(separator: "\n")
        #expect(!prompt.contains("\(r)×\(c)") && !hinted.contains("→ \(r)×\(c)"), "\(id): the hint does not give the size\n\(hinted)")
        _ = screen(&app, Self.typed(r == c ? " \(r) " : "\(r)×\(c)"))
        #expect(app.top.status.hasPrefix("predicted 1/1"), "\(app.top.status)")
    }

    /// Korean: the prompt's words follow lessons/ko (출력 크기, 창, 커널).
    @Test func koreanPromptAndHint() throws {
        var app = try appShowing("sliding", ["predict": "true"], language: .ko)
        let text = screen(&app, Self.typed("3")).lines.joined(separator: "\n")
        #expect(text.contains("출력 크기 ="), "\(text)")
        #expect(text.contains("✗ 3:"), "\(text)")
        #expect(text.contains("예측 0/0"), "\(text)")
        #expect(text.contains("Enter 확인") && text.contains("Tab 답 보기"), "\(text)")
    }

    // MARK: Named mistakes

    @Test func flipSaysCheckTheFlipForTheCrossCorrelation() throws {
        var (app, q) = try Self.openAtFirstCell("flip", language: .en)
        let flip = try #require(app.top as? FlipScene)
        let corr = formatNumber(flip.traces.correlate.steps[0].result)
        #expect(q.answer != .value(flip.traces.correlate.steps[0].result))
        let text = screen(&app, Self.typed(corr)).lines.joined(separator: "\n")
        #expect(text.contains("Check the flip"), "\(text)")
        let ko = try Self.openAtFirstCell("flip", language: .ko)
        var koApp = ko.0
        #expect(screen(&koApp, Self.typed(corr)).lines.joined(separator: "\n").contains("뒤집기를 확인하세요"))
    }

    @Test func poolingNamesTheOtherKind() throws {
        var (app, _) = try Self.openAtFirstCell("pooling", language: .en)
        // max[0,0] answered with the window's average (the engine's value).
        let pooling = try #require(app.top as? PoolingScene)
        let average = formatNumber(pooling.averageTrace.steps[0].result)
        let text = screen(&app, Self.typed(average)).lines.joined(separator: "\n")
        #expect(text.contains("That is the window's average"), "\(text)")
    }

    @Test func diagnosesCarryTheQuizCodes() throws {
        // Convolve mode, answered with the cross-correlation: no-flip.
        let conv = try ConvTrace(input: Matrix(rows: 3, cols: 3, values: [1, 2, 3, 4, 5, 6, 7, 8, 9]),
                                 kernel: Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4]), bias: 1, mode: .convolve)
        let corr = try ConvTrace(input: conv.input, kernel: conv.kernel, bias: 1, mode: .correlate)
        #expect(PredictFeedback.diagnoseConv(conv, index: 0, guess: Double(corr.steps[0].result)).map(\.code) == [.noFlip])
        #expect(PredictFeedback.diagnoseConv(corr, index: 0, guess: Double(conv.steps[0].result)).map(\.code) == [.flipped])
        // Left out the bias: no-bias; the right value: nothing.
        #expect(PredictFeedback.diagnoseConv(conv, index: 0, guess: Double(conv.steps[0].sum)).map(\.code) == [.noBias])
        #expect(PredictFeedback.diagnoseConv(conv, index: 0, guess: Double(conv.steps[0].result)).isEmpty)
        // Hand-worked: out[0,0] = 1·4 + 2·3 + 4·2 + 5·1 + 1 = 24; out[0,1] = 2·4 + 3·3 + 5·2 + 6·1 + 1 = 34.
        #expect(conv.steps[0].result == 24 && conv.steps[1].result == 34)
        #expect(PredictFeedback.diagnoseConv(conv, index: 0, guess: 34).map(\.code) == [.offByOneIndex])
        // A product left out (24 − 8 = 16) and a sign (24 − 2·6 = 12) are named by their product.
        #expect(PredictFeedback.conv(conv, index: 0, guess: 16).en.contains("4·2"))
        #expect(PredictFeedback.conv(conv, index: 0, guess: 12).en.contains("sign of the product 2·3"))

        // Pooling: the average for the max; stride 1 instead of the pool size; the sum undivided.
        let input = Matrix(rows: 4, cols: 4, values: [1, 3, 2, 4, 5, 7, 6, 8, 9, 2, 1, 0, 3, 4, 5, 6])
        let max = try PoolTrace(input: input, kind: .max)
        let avg = try PoolTrace(input: input, kind: .average)
        #expect(PredictFeedback.diagnosePool(max, index: 0, guess: 4, prefix: "max").map(\.code) == [.wrongPoolKind])
        #expect(PredictFeedback.diagnosePool(avg, index: 0, guess: 16, prefix: "avg").map(\.code) == [.noDivide])
        // max[0,1] with stride 1 would cover columns 1–2: max(3, 2, 7, 6) = 7, not max[0,1] = 8.
        // 7 is also max[0,0], one cell off: both are named.
        #expect(PredictFeedback.diagnosePool(max, index: 1, guess: 7, prefix: "max").map(\.code) == [.poolStrideOne, .offByOneIndex])

        // Channels: without the bias; one channel alone.
        let channels = try ChannelTrace.example(channels: 3, filters: 2, size: 4, kernelSize: 3, seed: 1)
        let value = channels.outputs[0].values[0], bias = channels.biases[0]
        #expect(bias != 0)
        #expect(PredictFeedback.diagnoseChannels(channels, filter: 0, cell: 0, guess: Double(value - bias)).map(\.code).contains(.noBias))
        let one = channels.slices[0][2].steps[0].sum + bias
        if !matches(Double(one), value) {
            #expect(PredictFeedback.diagnoseChannels(channels, filter: 0, cell: 0, guess: Double(one)).map(\.code).contains(.noInputChannels))
        }

        // Sizes: n = 7, k = 3, s = 2 → floor(4/2) + 1 = 3; without +1: 2; stride 1: 5.
        let g = try ConvGeometry(inputRows: 7, inputCols: 7, kernelRows: 3, kernelCols: 3, stride: 2)
        #expect(g.outputRows == 3)
        #expect(PredictFeedback.diagnoseSize(g, padding: .valid, guess: (2, 2)).map(\.code) == [.missingPlusOne])
        #expect(PredictFeedback.diagnoseSize(g, padding: .valid, guess: (5, 5)).map(\.code) == [.noStride])
        // n = 6, k = 3, s = 2: floor(3/2) + 1 = 2; rounding up gives 3.
        let odd = try ConvGeometry(inputRows: 6, inputCols: 6, kernelRows: 3, kernelCols: 3, stride: 2)
        #expect(PredictFeedback.diagnoseSize(odd, padding: .valid, guess: (3, 3)).map(\.code) == [.ceilNotFloor])
        // same padding, n = 4, k = 3: 4; valid would give 2.
        let same = try ConvGeometry(inputRows: 4, inputCols: 4, kernelRows: 3, kernelCols: 3, padding: .same)
        #expect(PredictFeedback.diagnoseSize(same, padding: .same, guess: (2, 2)).map(\.code) == [.noPadding])
    }

    /// A hint that would write the answer (here the window's column 2 when the answer is 2)
    /// gives way to one without numbers.
    @Test func aHintNeverWritesTheAnswer() throws {
        let ones = Matrix(rows: 3, cols: 3, values: Array(repeating: 1, count: 9))
        let trace = try ConvTrace(input: ones, kernel: Matrix(rows: 2, cols: 2, values: [0.5, 0.5, 0.5, 0.5]))
        #expect(trace.steps[1].result == 2)
        let hint = PredictFeedback.conv(trace, index: 1, guess: 100)
        #expect(hint.en == "Multiply each highlighted cell by the weight in the same place and add them all. Too high.", "\(hint.en)")
        #expect(Predictor.occurrences(of: "2", in: hint.ko) == 0, "\(hint.ko)")
        // With another answer the window is named: out[0,1] of a 3×3 input of threes is 6.
        let threes = try ConvTrace(input: Matrix(rows: 3, cols: 3, values: Array(repeating: 3, count: 9)), kernel: trace.kernel)
        #expect(PredictFeedback.conv(threes, index: 1, guess: 100).en.contains("rows 0–1, columns 1–2"))
        // The same for pooling and channels: every hint for 200 wrong values keeps the answer out.
        let input = Matrix(rows: 4, cols: 4, values: [1, 3, 2, 4, 5, 7, 6, 8, 9, 2, 1, 0, 3, 4, 5, 6])
        for kind in PoolTrace.Kind.allCases {
            let pool = try PoolTrace(input: input, kind: kind)
            for (index, step) in pool.steps.enumerated() {
                for guess in stride(from: -10.0, through: 15, by: 0.5) where !matches(guess, step.result) {
                    let h = PredictFeedback.pool(pool, index: index, guess: guess, prefix: "max")
                    #expect(Predictor.occurrences(of: formatNumber(step.result), in: h.en + " " + h.ko) == 0, "\(h.en)")
                }
            }
        }
        let channels = try ChannelTrace.example(channels: 3, filters: 2, size: 4, kernelSize: 3, seed: 1)
        for f in 0..<2 {
            for cell in 0..<4 {
                let e = channels.outputs[f].values[cell]
                for guess in stride(from: -12.0, through: 12, by: 1) where !matches(guess, e) {
                    let h = PredictFeedback.channels(channels, filter: f, cell: cell, guess: guess)
                    #expect(Predictor.occurrences(of: formatNumber(e), in: h.en + " " + h.ko) == 0, "\(h.en)")
                }
            }
        }
    }

    /// Every hint fits the prompt's two feedback rows at 80 columns, in both languages (the
    /// scenes' default examples, wrong values from −20 to 40 and every wrong size up to 8×8).
    @Test func everyHintFitsTwoRowsAt80Columns() throws {
        var hints: [(String, Localized)] = []
        let guesses = stride(from: -20.0, through: 40, by: 1)
        for id in ["sliding", "padding", "stride", "flip", "im2col"] {
            var box = ScreenBox(try ScreenRegistry.builtIn.make(id, settings: .flags(["predict": "true"]), language: .en))
            if id == "flip" { for _ in 0..<2 { _ = box.update(.key(.right)) } }
            let traces: [ConvTrace] = switch box.screen {
            case let s as SlidingScene: [s.trace]
            case let s as PaddingScene: [s.padded]
            case let s as StrideScene: [s.strided]
            case let s as FlipScene: [s.pages[0].convolve, s.pages[1].convolve, s.pages[0].correlate]
            case let s as Im2colScene: [s.trace]
            default: []
            }
            for trace in traces {
                for index in trace.steps.indices {
                    for guess in guesses where !matches(guess, trace.steps[index].result) {
                        hints.append(("\(id)[\(index)] \(guess)", PredictFeedback.conv(trace, index: index, guess: guess, prefix: "conv")))
                    }
                }
                for r in 1...8 { for c in 1...8 where (r, c) != (trace.geometry.outputRows, trace.geometry.outputCols) {
                    hints.append(("\(id) size \(r)×\(c)", PredictFeedback.size(trace.geometry, padding: trace.padding, guess: (r, c))))
                } }
            }
        }
        let input = Matrix(rows: 4, cols: 4, values: [1, 3, 2, 4, 5, 7, 6, 8, 9, 2, 1, 0, 3, 4, 5, 6])
        for kind in PoolTrace.Kind.allCases {
            let pool = try PoolTrace(input: input, kind: kind)
            for index in pool.steps.indices { for guess in guesses where !matches(guess, pool.steps[index].result) {
                hints.append(("pool \(kind) \(index) \(guess)", PredictFeedback.pool(pool, index: index, guess: guess, prefix: "max")))
            } }
        }
        let channels = try ChannelTrace.example(channels: 3, filters: 2, size: 4, kernelSize: 3, seed: 1)
        for f in 0..<2 { for cell in 0..<4 { for guess in guesses where !matches(guess, channels.outputs[f].values[cell]) {
            hints.append(("channels \(f) \(cell) \(guess)", PredictFeedback.channels(channels, filter: f, cell: cell, guess: guess)))
        } } }
        #expect(hints.count > 2000)
        var tooLong: [String] = []
        for (name, hint) in hints {
            for language in Language.allCases {
                let line = StyledLine([Span("✗ -20.5:"), Span(" " + hint[language])])
                if Text(lines: [line]).height(forWidth: 78) > 2 { tooLong.append("\(name) \(language): \(hint[language])") }
            }
        }
        var seen = Set<String>()
        let examples = tooLong.filter { seen.insert(String($0.split(separator: " ").first ?? "") + String($0.suffix(40))).inserted }
        #expect(tooLong.isEmpty, "\(tooLong.count) hints need more than two rows, e.g. \(examples.prefix(12))")
    }

    /// Answers are read as people type them; a line that is not a number is refused, not counted.
    @Test func answersAsPeopleTypeThem() throws {
        let value = PredictQuestion("out[0,0]", .value(2.5))
        for text in [" 2.5 ", "2.50", "2.5000"] {
            #expect(try PredictGuess.parse(text, for: value).isRight(for: value), "\(text)")
        }
        #expect(try PredictGuess.parse("−3", for: value) == .value(-3))
        #expect(throws: PredictRefusal.self) { try PredictGuess.parse("abc", for: value) }
        let size = PredictQuestion("output size", .size(rows: 2, cols: 3))
        #expect(try PredictGuess.parse("2x3", for: size) == .size(rows: 2, cols: 3))
        #expect(try PredictGuess.parse(" 2 × 3 ", for: size) == .size(rows: 2, cols: 3))
        #expect(throws: PredictRefusal.self) { try PredictGuess.parse("2", for: size) }
        let square = PredictQuestion("output size", .size(rows: 4, cols: 4))
        #expect(try PredictGuess.parse("4", for: square) == .size(rows: 4, cols: 4))
        // A refused line leaves the count alone and says why.
        var app = try appShowing("sliding", ["predict": "true"])
        let text = screen(&app, Self.typed("q")).lines.joined(separator: "\n")
        #expect(text.contains("'q' is not a size"), "\(text)")
        #expect(app.top.status == "predicted 0/0")
    }

    // MARK: Lessons

    /// `predict: true` in a lesson's scene block: the lesson loads, checks clean and opens the
    /// scene in predict mode (typing goes to the field; Esc leaves it, then leaves the lesson);
    /// a value other than true/false names its file and line.
    @Test func aLessonSceneBlockOpensInPredictMode() throws {
        let predicting = LessonFolder.english.replacingOccurrences(of: "padding: same\n", with: "padding: same\npredict: true\n")
        #expect(predicting.contains("predict: true"))
        let korean = LessonFolder.korean.replacingOccurrences(of: "padding: same\n", with: "padding: same\npredict: true\n")
        let files = [LessonFile(language: .en, path: "(test)/en/05-padding.md", text: predicting),
                     LessonFile(language: .ko, path: "(test)/ko/05-padding.md", text: korean)]
        let (library, problems) = LessonLibrary.lenient(files: files, name: "(test)")
        #expect(problems.isEmpty, "\(problems)")
        let lesson = try #require(library.lesson("padding", language: .en))
        let step = try #require(lesson.steps.firstIndex { $0.block?.kind == .scene })
        for language in Language.allCases {
            let screen = LessonScreen(library: library, blocks: .standard, lessonID: "padding", language: language, step: step)
            var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn, language: language), screen], language: language,
                                  runtime: CommandRuntime(mode: .inline))
            let text = drive(&app, events: [], size: (80, 24)).lines.joined(separator: "\n")
            let scene = try #require((app.top as? LessonScreen)?.embedded as? SlidingScene)
            #expect(scene.predict != nil, "predict mode is on")
            #expect(app.top.wantsText, "the answer field has focus")
            #expect(text.contains(language == .en ? "output size =" : "출력 크기 ="), "\(text)")
            // same padding keeps 4×4: typed right, the first cell is asked.
            let after = drive(&app, events: Self.typed("4").map { .key($0) }, size: (80, 24)).lines.joined(separator: "\n")
            #expect(after.contains("out[0,0] ="), "\(after)")
            _ = app.handle(.key(.escape))
            #expect(!app.top.wantsText && app.stack.count == 2)
            _ = app.handle(.key(.escape))
            #expect(app.stack.count == 1)
        }
        // A bad value is located.
        let bad = predicting.replacingOccurrences(of: "predict: true", with: "predict: maybe")
        let badFiles = [LessonFile(language: .en, path: "(test)/en/05-padding.md", text: bad),
                        LessonFile(language: .ko, path: "(test)/ko/05-padding.md", text: korean)]
        let badProblems = LessonLibrary.check(files: badFiles, name: "(test)", blocks: .standard).map(\.description)
        let line = bad.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("predict: maybe") }.map { $0 + 1 }
        #expect(badProblems.contains { $0.contains("(test)/en/05-padding.md:\(line ?? 0):") && $0.contains("predict") && $0.contains("true or false") },
                "\(badProblems)")
    }

    // MARK: Focus and containment

    /// Esc leaves the field (then Esc goes back); q typed in the field quits nothing.
    @Test(arguments: scenes.map(\.id))
    func escBlursThenGoesBackAndQIsTyped(id: String) throws {
        var (app, _) = try Self.openAtFirstCell(id, language: .en)
        #expect(app.top.wantsText, "\(id): the field has focus")
        #expect(app.handle(.key(.char("q"))) == .none, "\(id): q is typed, not quit")
        let footer = screen(&app).line(23)
        #expect(footer.contains("Esc leave the field"), "\(footer)")
        _ = app.handle(.key(.escape))
        #expect(!app.top.wantsText && app.stack.count == 2, "\(id): Esc only blurs")
        #expect(screen(&app).line(23).contains("Esc back"))
        var copy = app
        #expect(copy.handle(.key(.char("q"))) == .quit, "\(id): blurred, q quits")
        _ = app.handle(.key(.char("4")))
        #expect(app.top.wantsText, "\(id): a digit focuses the field again")
        _ = app.handle(.key(.escape))
        _ = app.handle(.key(.escape))
        #expect(app.stack.count == 1, "\(id): the next Esc goes back")
    }

    /// Predict mode draws inside its area at every size, with a hint and after Tab.
    @Test(arguments: scenes.map(\.id))
    func drawsOnlyInsideItsArea(id: String) throws {
        for (width, height) in ContainmentTests.sizes {
            for language in Language.allCases {
                for keys: [Key] in [[], Self.typed("999"), [.tab, .tab, .tab], [.right, .right] + Self.typed("-1.5") + [.escape]] {
                    var screen = ScreenBox(try ScreenRegistry.builtIn.make(id, settings: .flags(["predict": "true"]), language: language))
                    _ = screen.update(.resize(width: width, height: height))
                    for key in keys { _ = screen.update(.key(key)) }
                    let outside = ContainmentTests.violations(screen.screen, width: width, height: height)
                    #expect(outside == 0, "\(id) \(language) at \(width)×\(height) after \(keys): \(outside) writes outside")
                }
            }
        }
    }
}

import CNN
@testable import Explorer
import Terminal
import Testing

/// The app shell: home screen, screen stack, help, size guard, text focus, mouse.
@Suite("Explorer app")
struct ExplorerAppTests {
    @Test func homeListsEveryRegisteredSceneUnderItsGroup() {
        var app = homeApp()
        let lines = screen(&app).lines
        #expect(lines[0].hasPrefix(" Stride · an interactive convolution explorer"))
        #expect(lines[3] == " Scenes")
        for (i, entry) in ScreenRegistry.builtIn.entries(in: .scene).enumerated() {
            #expect(lines[4 + i].contains(entry.title.en), "\(lines)")
        }
        #expect(lines[23] == "↑/↓ move  Enter open  Tab next group  ? help  q quit")
    }

    @Test func enterOpensAndEscReturnsToTheScreenBelow() throws {
        var app = homeApp()
        var buffer = screen(&app, [.enter])
        #expect(buffer.lines[0].contains("step 0/"))
        #expect(app.stack.count == 2)
        buffer = screen(&app, [.escape])
        #expect(app.stack.count == 1)
        #expect(buffer.lines[3] == " Scenes")
        // Esc on the first screen leaves the app, like q.
        #expect(app.handle(.key(.escape)) == .quit)
    }

    @Test func helpOverlayIsGeneratedFromTheBindings() throws {
        var app = try appShowing("sliding")
        var buffer = screen(&app, [.char("?")])
        let text = buffer.lines.joined(separator: "\n")
        for binding in Stepper.bindings { #expect(text.contains(binding.label), "help lacks \(binding.label)") }
        for key in ["Esc", "q", "faster", "slower", "notes"] { #expect(text.contains(key), "help lacks \(key)") }
        #expect(app.isHelpShown)
        buffer = screen(&app, [.escape])
        #expect(!app.isHelpShown)
        #expect(buffer.lines == SlidingSceneTests.firstStep)
    }

    @Test func qQuitsCtrlCQuitsOtherKeysDoNot() throws {
        var app = try appShowing("sliding")
        #expect(app.handle(.key(.char("x"))) == .none)
        #expect(app.handle(.key(.right)) == .none)
        #expect(app.handle(.key(.char("q"))) == .quit)
        #expect(app.handle(.key(.ctrl("c"))) == .quit)
    }

    @Test func tooSmallMessageSpeaksTheAppsLanguage() throws {
        var en = try appShowing("sliding")
        var ko = try appShowing("sliding", language: .ko)
        let english = screen(&en, size: (30, 10)).lines.joined(separator: " ")
        let korean = screen(&ko, size: (30, 10)).lines.joined(separator: " ")
        #expect(english.contains("30×10") && english.contains("80×24"))
        #expect(korean.contains("30×10") && korean.contains("80×24") && korean.contains("창을 키우세요"))
    }

    /// A screen with text focus receives q, ? and Esc as typed; Esc blurs its field.
    struct Typing: Screen {
        var field = TextField()
        var focused = true
        var submitted: [String] = []
        var title: String { "typing" }
        var bindings: [KeyBinding] { [] }
        var wantsText: Bool { focused }
        mutating func update(_ message: ScreenMessage) -> ScreenCommand {
            guard case .key(let key) = message else { return .none }
            switch field.handle(key) {
            case .submitted(let text): submitted.append(text); field.clear()
            case .cancelled: focused = false
            default: break
            }
            return .none
        }
        func render(into buffer: inout Buffer, area: Rect) { field.render(into: &buffer, x: area.x, y: area.y, width: 10) }
        var contentSize: (width: Int, height: Int) { (10, 1) }
        var cursor: (x: Int, y: Int)? { (field.cursorColumn, 0) }
    }

    @Test func textFocusGetsEveryKeyAsTyped() {
        var app = ExplorerApp(screens: [HomeScreen(registry: .builtIn), Typing()])
        for key: Key in [.char("q"), .char("?"), .char("-"), .char("3"), .backspace, .char("2"), .left, .char("1")] {
            #expect(app.handle(.key(key)) == .none)
        }
        let typing = app.top as! Typing
        #expect(typing.field.text == "q?-12")
        #expect(app.cursor! == (4, 1), "cursor after the 1, one row below the title bar")
        _ = app.handle(.key(.enter))
        #expect((app.top as! Typing).submitted == ["q?-12"])
        #expect(screen(&app).lines[23] == "Esc leave the field  Ctrl-C quit", "the footer says how to leave")
        _ = app.handle(.key(.escape))
        #expect(app.stack.count == 2, "Esc in a field blurs it; it closes nothing")
        #expect(screen(&app).lines[23] == "? help  Esc back  q quit")
        _ = app.handle(.key(.escape))
        #expect(app.stack.count == 1, "the next Esc goes back")
        #expect(app.handle(.key(.ctrl("c"))) == .quit)
    }

    @Test func mouseClicksReachTheScreenRelativeToItsArea() {
        var app = homeApp()
        // Row 0 is the title bar; the home list starts 2 rows into the area: heading, then entries.
        let entries = ScreenRegistry.builtIn.entries(in: .scene)
        guard entries.count > 1 else { return }
        _ = drive(&app, events: [.mouse(MouseEvent(.press, x: 10, y: 1 + 2 + 2))], size: (80, 24))
        let home = app.top as! HomeScreen
        #expect(home.selection == 1)
        _ = drive(&app, events: [.mouse(MouseEvent(.press, x: 10, y: 1 + 2 + 2))], size: (80, 24))
        #expect(app.stack.count == 2, "a second click on the selected entry opens it")
    }

    @Test func homeScrollsToKeepTheSelectionVisible() {
        let many = ScreenRegistry(entries: (0..<40).map { i in
            ScreenEntry.scene("s\(i)", ConvSettings.self, title: Localized(en: "Scene \(i)", ko: "장면 \(i)"),
                              summary: "…") { settings, language in SlidingScene(trace: try! settings.trace(), language: language) }
        })
        var app = ExplorerApp(screens: [HomeScreen(registry: many)])
        let keys = [Key](repeating: .down, count: 30)
        let lines = screen(&app, keys).lines
        #expect(lines.contains { $0.contains("▸ Scene 30") })
        #expect(!lines.contains { $0.contains("Scene 0 ") })
        #expect(lines[0].hasSuffix("31/40"))
    }

    @Test func tabJumpsToTheNextGroupAndWraps() {
        var home = HomeScreen(registry: .builtIn)
        let scenes = ScreenRegistry.builtIn.entries(in: .scene).count
        _ = home.update(.key(.tab))
        #expect(home.ordered[home.selection].group == .quiz, "built-in: scenes first, so Tab goes to the quiz")
        #expect(home.selection == scenes)
        _ = home.update(.key(.tab))
        #expect(home.selection == 0, "Tab after the last group wraps to the first")
    }
}

/// Settings: one decoder for flags and YAML, errors located.
@Suite("Scene settings")
struct SceneSettingsTests {
    @Test func flagsAndYAMLDecodeTheSameSettings() throws {
        let flags = try decodeSettings(ConvSettings.self, from: .flags(["input": "1 2; 3 4", "kernel": "-1", "padding": "same", "bias": "-0.5"]))
        let yaml = try decodeSettings(ConvSettings.self, from: .yaml("input: [[1, 2], [3, 4]]\nkernel: -1\npadding: same\nbias: -0.5\n", file: "x.md", firstLine: 1))
        #expect(flags == yaml)
        #expect(flags.kernel == Matrix(rows: 1, cols: 1, values: [-1]))
        #expect(flags.bias == -0.5)
    }

    @Test func defaultsFillWhatIsLeftOut() throws {
        #expect(try decodeSettings(ConvSettings.self, from: .yaml("", file: "x", firstLine: 1)) == .example)
        #expect(try decodeSettings(ConvSettings.self, from: .flags([:])) == .example)
    }

    @Test func yamlErrorsCarryFileAndLine() {
        func message(_ yaml: String) -> String {
            do { _ = try decodeSettings(ConvSettings.self, from: .yaml(yaml, file: "lessons/en/05.md", firstLine: 10)); return "" }
            catch { return error.description }
        }
        #expect(message("input: \"1 2; 3\"\n") == "lessons/en/05.md:10: input: matrix is ragged: row 1 has 2 values, row 2 has 1")
        #expect(message("input: \"1 2; 3 4\"\nstride: 0\n") == "lessons/en/05.md:11: stride: 0 is out of range: 1 to 8")
        #expect(message("kernal: \"1\"\n").hasPrefix("lessons/en/05.md:10: unknown setting 'kernal'"))
        #expect(message("input: [1, 2\n").hasPrefix("lessons/en/05.md:"))
        #expect(message("input: \"1 2; 3 4\"\nkernel: \"1 1 1; 1 1 1; 1 1 1\"\n").contains("larger than the padded input"))
        #expect(message("padding: 100\n") == "lessons/en/05.md:10: padding: padding 100 is too large: at most 8")
    }

    @Test func flagErrorsNameTheFlag() {
        func message(_ flags: [String: String]) -> String {
            do { _ = try decodeSettings(ConvSettings.self, from: .flags(flags)); return "" } catch { return error.description }
        }
        #expect(message(["stride": "two"]) == "--stride: expected a whole number from 1 to 8")
        #expect(message(["mode": "flip"]) == "--mode: expected correlate or convolve, not 'flip'")
        #expect(message(["size": "3"]).hasPrefix("--size: not a setting of this screen"))
    }

    @Test func everyRegisteredSceneOpensWithDefaultsFlagsAndYAML() throws {
        for entry in ScreenRegistry.builtIn.entries where entry.group == .scene {
            for language in Language.allCases {
                var app = ExplorerApp(screens: [try entry.make(.defaults, language)], language: language)
                let text = screen(&app, [.end]).lines.joined(separator: "\n")
                #expect(!text.contains("too small"), "\(entry.id) at 80×24:\n\(text)")
                _ = try entry.make(.yaml("", file: "x", firstLine: 1), language)
                _ = try entry.make(.flags([:]), language)
            }
        }
    }
}

@Suite("Stepper and text field")
struct ComponentTests {
    @Test func stepperClampsAndPlays() {
        var s = Stepper(count: 3)
        var handled = s.handle(.key(.left))
        #expect(handled && s.step == 0)
        handled = s.handle(.key(.end))
        #expect(handled && s.step == 3 && s.isAtEnd)
        handled = s.handle(.key(.space))
        #expect(handled && s.step == 0 && s.isPlaying, "play from the end restarts")
        handled = s.handle(.tick)
        #expect(handled && s.step == 1)
        handled = s.handle(.key(.char("x")))
        #expect(!handled)
        #expect(s.status(.en) == "▶ 600ms  step 1/3")
        #expect(s.status(.ko) == "▶ 600ms  단계 1/3")
    }

    @Test func textFieldEdits() {
        var f = TextField(maxLength: 4)
        for c in "12345" { _ = f.handle(.char(c)) }
        #expect(f.text == "1234")
        let event = f.handle(.backspace)
        #expect(event == .edited && f.text == "123")
        _ = f.handle(.home)
        _ = f.handle(.char("-"))
        #expect(f.text == "-123" && f.cursorColumn == 1)
        #expect(f.handle(.enter) == .submitted("-123"))
        #expect(f.handle(.escape) == .cancelled)
    }
}

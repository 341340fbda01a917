import CNN
@testable import Explorer
import Terminal
import Testing

/// Every screen the app can show draws only inside the area it is given, at every size from
/// a single cell to 200×60, before and after stepping: no write falls outside the clip the
/// app sets (`Buffer.clipped(to:)` counts them) and nothing crashes.
@Suite("Containment")
struct ContainmentTests {
    static let sizes = [(1, 1), (10, 2), (30, 4), (40, 8), (50, 12), (80, 11), (80, 22), (120, 40), (200, 60)]
    /// Keys tried after opening: stepping, the end, notes, other page or view.
    static let keyRuns: [[Key]] = [[], [.right], [.end], [.char("i")], [.char("n"), .end], [.tab]]
    /// Fewer for lesson steps (the scenes themselves get all of the above).
    static let lessonKeyRuns: [[Key]] = [[], [.end], [.char("n"), .end]]

    /// How many writes `screen` makes outside `area`, drawn at an offset inside a larger buffer.
    static func violations(_ screen: any Screen, width: Int, height: Int) -> Int {
        var buffer = Buffer(width: width + 6, height: height + 4)
        let area = Rect(x: 3, y: 2, width: width, height: height)
        return buffer.clipped(to: area) { screen.render(into: &$0, area: area) }
    }

    @Test(arguments: EveryScreen.names)
    func drawsOnlyInsideItsArea(name: String) throws {
        for (width, height) in Self.sizes {
            for keys in name.hasPrefix("lesson:") ? Self.lessonKeyRuns : Self.keyRuns {
                var screen = ScreenBox(try EveryScreen.make(name))
                _ = screen.update(.resize(width: width, height: height))
                for key in keys { _ = screen.update(.key(key)) }
                let outside = Self.violations(screen.screen, width: width, height: height)
                #expect(outside == 0, "\(name) at \(width)×\(height) after \(keys): \(outside) writes outside its area")
            }
        }
    }

    /// The playground's value field, open at every size.
    @Test func thePlaygroundEditorStaysInside() throws {
        for (width, height) in Self.sizes {
            var screen = ScreenBox(try EveryScreen.make("scene:playground:en"))
            _ = screen.update(.resize(width: width, height: height))
            _ = screen.update(.key(.enter))
            for key: Key in [.char("1"), .char("2")] { _ = screen.update(.key(key)) }
            #expect(screen.screen.wantsText, "the value field is open")
            #expect(Self.violations(screen.screen, width: width, height: height) == 0, "\(width)×\(height)")
        }
    }

    @Test func everyRegistryEntryIsSwept() {
        let names = Set(EveryScreen.names)
        for entry in ScreenRegistry.builtIn.entries {
            #expect(names.contains("scene:\(entry.id):en") && names.contains("scene:\(entry.id):ko"))
        }
        for language in Language.allCases {
            let steps = shippedLibrary.lessons(in: language).map(\.steps.count).reduce(0, +)
            #expect(steps > 40 && EveryScreen.lessonSteps(language).count == steps)
        }
        #expect(names.contains("draw:ko") && names.contains("home:en") && names.contains("dashboard:ko:3"))
    }

    /// The app's own check: the top screen is rendered clipped, so a screen that overflows
    /// leaves nothing outside its area even in a release build (where the assert is off).
    @Test func theClipCountsAnOverflowingScreen() {
        struct Overflowing: Screen {
            var title: String { "overflow" }
            var bindings: [KeyBinding] { [] }
            mutating func update(_ message: ScreenMessage) -> ScreenCommand { .none }
            func render(into buffer: inout Buffer, area: Rect) {
                buffer.write("0123456789", x: area.x, y: area.y)
                buffer.fill(Rect(x: area.x, y: area.maxY, width: 3, height: 1), character: "#")
            }
            var contentSize: (width: Int, height: Int) { (5, 1) }
        }
        #expect(Self.violations(Overflowing(), width: 5, height: 2) == 1 + 3)
    }
}

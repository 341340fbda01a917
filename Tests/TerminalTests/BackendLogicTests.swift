import Testing
@testable import Terminal

@Suite("Backend logic without a terminal")
struct BackendLogicTests {
    @Test func colorPairsAreAllocatedLazilyAndReused() {
        var pairs = ColorPairs(limit: 3)
        #expect(pairs.pair(foreground: nil, background: nil) == (0, false))
        #expect(pairs.pair(foreground: .red, background: nil) == (1, true))
        #expect(pairs.pair(foreground: .red, background: nil) == (1, false))
        #expect(pairs.pair(foreground: .red, background: .blue) == (2, true))
        #expect(pairs.pair(foreground: .green, background: nil) == (0, false))  // out of pairs
    }

    @Test func colorNumbers() {
        #expect(ColorPairs.colorNumber(nil, terminalColors: 256) == -1)
        #expect(ColorPairs.colorNumber(.blue, terminalColors: 8) == 4)
        #expect(ColorPairs.colorNumber(.brightBlue, terminalColors: 256) == 12)
        #expect(ColorPairs.colorNumber(.brightBlue, terminalColors: 8) == 4)
    }

    @Test func optionResolution() {
        #expect(OptionResolution.charset(asciiOnly: nil, localeIsUTF8: true) == .unicode)
        #expect(OptionResolution.charset(asciiOnly: nil, localeIsUTF8: false) == .ascii)
        #expect(OptionResolution.charset(asciiOnly: true, localeIsUTF8: true) == .ascii)
        #expect(OptionResolution.colorEnabled(option: nil, noColorSet: false, terminalHasColors: true))
        #expect(!OptionResolution.colorEnabled(option: nil, noColorSet: true, terminalHasColors: true))
        #expect(!OptionResolution.colorEnabled(option: nil, noColorSet: false, terminalHasColors: false))
        #expect(OptionResolution.colorEnabled(option: true, noColorSet: true, terminalHasColors: true))
        #expect(!OptionResolution.colorEnabled(option: false, noColorSet: false, terminalHasColors: true))
    }

    @Test func utf8CodesetNames() {
        #expect(isUTF8Codeset("UTF-8"))
        #expect(isUTF8Codeset("utf8"))
        #expect(!isUTF8Codeset("ANSI_X3.4-1968"))
        #expect(!isUTF8Codeset("ISO-8859-1"))
    }
}

@Suite("Robustness at tiny sizes")
struct RobustnessTests {
    static let sizes: [(Int, Int)] = [(0, 0), (1, 1), (2, 2), (3, 1), (1, 3), (5, 2)]

    static var widgets: [any Widget] { [
        Text("안녕하세요 world"),
        Box(title: "Title", child: Text("x")),
        MatrixGrid(cells: [["1", "2"], ["3", "4"]], cellStyles: [GridPosition(row: 1, col: 1): Style(reverse: true)], title: "T"),
        KeyFooter([(key: "q", label: "quit")]),
        HelpOverlay(rows: [(key: "q", description: "quit")]),
        SizeMessage(width: 1, height: 1, minimumWidth: 80, minimumHeight: 24),
    ] }

    @Test(arguments: sizes)
    func widgetsNeverDrawOutsideOrTrap(width: Int, height: Int) {
        for charset in [Charset.unicode, .ascii] {
            for widget in Self.widgets {
                for area in [Rect(x: 0, y: 0, width: width, height: height), Rect(x: -3, y: -2, width: 40, height: 30),
                             Rect(x: 1, y: 1, width: -5, height: 2)] {
                    var buffer = Buffer(width: width, height: height, charset: charset)
                    widget.render(in: area, buffer: &buffer)
                    #expect(buffer.lines.count == height)
                }
                // Drawing in a sub-area leaves the rest untouched.
                var buffer = Buffer(width: width + 2, height: height + 2, charset: charset)
                widget.render(in: Rect(x: 1, y: 1, width: width, height: height), buffer: &buffer)
                #expect(buffer.lines.first == "")
                #expect(buffer.lines.last == "")
                #expect((0..<buffer.height).allSatisfy { buffer[0, $0] == .blank && buffer[width + 1, $0] == .blank })
            }
        }
    }
}

import Foundation
@testable import Explorer
import Terminal
import Testing

/// Colours as xterm shows them (its default 16 colours, the 6×6×6 cube and the grey ramp),
/// on a white and on a black terminal, with WCAG's relative luminance and contrast ratio.
enum XtermPalette {
    static let sixteen: [(Double, Double, Double)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The colour of palette entry `n` (0...255) as 0...255 components.
    static func rgb(_ n: Int) -> (Double, Double, Double) {
        switch n {
        case 0..<16: return sixteen[n]
        case 16...231:
            let levels: [Double] = [0, 95, 135, 175, 215, 255]
            let v = n - 16
            return (levels[v / 36], levels[(v / 6) % 6], levels[v % 6])
        default:
            let g = Double(8 + 10 * (n - 232))
            return (g, g, g)
        }
    }

    /// The palette entry a terminal with `colors` colours shows for `color` (see `Color.fallback16`).
    static func entry(_ color: Color, colors: Int) -> Int {
        let c = colors >= 256 ? color : color.fallback16
        if case .indexed(let n) = c { return n }
        return Color.named.firstIndex(of: c)!
    }

    /// WCAG 2 relative luminance.
    static func luminance(_ c: (Double, Double, Double)) -> Double {
        func channel(_ v: Double) -> Double {
            let s = v / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    static func contrast(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}

/// A terminal's default colours.
struct TerminalTheme: CustomStringConvertible, Sendable {
    let name: String
    let foreground: (Double, Double, Double)
    let background: (Double, Double, Double)
    var description: String { name }

    static let white = TerminalTheme(name: "white terminal", foreground: (0, 0, 0), background: (255, 255, 255))
    static let black = TerminalTheme(name: "black terminal", foreground: (229, 229, 229), background: (0, 0, 0))

    /// The text and cell colours `style` gets here (reverse swaps them; dim, as xterm's faint,
    /// is half way from the text colour to the cell's).
    func colours(_ style: Style, colors: Int) -> (text: (Double, Double, Double), cell: (Double, Double, Double)) {
        var text = style.foreground.map { XtermPalette.rgb(XtermPalette.entry($0, colors: colors)) } ?? foreground
        var cell = style.background.map { XtermPalette.rgb(XtermPalette.entry($0, colors: colors)) } ?? background
        if style.reverse { swap(&text, &cell) }
        if style.dim { text = ((text.0 + cell.0) / 2, (text.1 + cell.1) / 2, (text.2 + cell.2) / 2) }
        return (text, cell)
    }
}

@Suite("Palette contrast on white and black terminals")
struct PaletteContrastTests {
    /// Every style that colours a cell's background.
    static let highlights: [(String, Style)] = [
        ("window", Palette.window), ("current", Palette.current), ("accent", Palette.accent), ("warning", Palette.warning),
        ("kernel row 1", ConvPanel.rowStyle(0)), ("kernel row 2", ConvPanel.rowStyle(1)), ("kernel row 3", ConvPanel.rowStyle(2)),
    ]
    /// Styles whose text must be read: the highlights, padding zeros, the selected row.
    static let texts: [(String, Style)] = highlights + [("padding", Palette.padding), ("selected", Palette.selected), ("heading", Palette.heading)]

    @Test(arguments: [TerminalTheme.white, TerminalTheme.black], [256, 16])
    func textKeeps4_5To1OnItsCell(theme: TerminalTheme, colors: Int) {
        for (name, style) in Self.texts {
            // On 16 colours no grey reads ≥ 4.5:1 on both backgrounds (bright black is 4.0:1 on
            // white): padding is held to it in 256 colours, to 3:1 in 16.
            let minimum = name == "padding" && colors == 16 ? 3.0 : 4.5
            let (text, cell) = theme.colours(style, colors: colors)
            let ratio = XtermPalette.contrast(text, cell)
            #expect(ratio >= minimum, "\(name) on a \(theme) (\(colors) colours): \(String(format: "%.2f", ratio)):1")
        }
    }

    @Test(arguments: [TerminalTheme.white, TerminalTheme.black], [256, 16])
    func everyHighlightStandsOutFromTheTerminalBackground(theme: TerminalTheme, colors: Int) {
        for (name, style) in Self.highlights {
            let (_, cell) = theme.colours(style, colors: colors)
            let ratio = XtermPalette.contrast(cell, theme.background)
            #expect(ratio >= 1.5, "\(name) on a \(theme) (\(colors) colours): \(String(format: "%.2f", ratio)):1")
        }
    }

    /// The dashboard's chart lines and progress bar are marks, not text: ≥ 3:1 against the
    /// terminal's background (WCAG's non-text contrast), and the two series differ in colour.
    @Test(arguments: [TerminalTheme.white, TerminalTheme.black], [256, 16])
    func chartLinesShowOnBothBackgrounds(theme: TerminalTheme, colors: Int) {
        for (name, style) in [("train", DashboardScreen.trainStyle), ("test", DashboardScreen.testStyle)] {
            let (mark, _) = theme.colours(style, colors: colors)
            let ratio = XtermPalette.contrast(mark, theme.background)
            #expect(ratio >= 3, "\(name) line on a \(theme) (\(colors) colours): \(String(format: "%.2f", ratio)):1")
        }
        let (train, _) = theme.colours(DashboardScreen.trainStyle, colors: colors)
        let (test, _) = theme.colours(DashboardScreen.testStyle, colors: colors)
        #expect(train != test)
    }

    @Test func theKernelRowsDifferFromEachOther() {
        let rows = (0..<3).map { ConvPanel.rowStyle($0).background }
        #expect(Set(rows.map { "\(String(describing: $0))" }).count == 3)
        #expect(ConvPanel.rowStyle(3) == ConvPanel.rowStyle(0), "rows cycle")
    }

    @Test func theModelMatchesKnownRatios() {
        // WCAG's own reference points: black on white 21:1, #767676 on white 4.54:1.
        #expect(abs(XtermPalette.contrast((0, 0, 0), (255, 255, 255)) - 21) < 0.01)
        #expect(abs(XtermPalette.contrast(XtermPalette.rgb(243), (255, 255, 255)) - 4.54) < 0.01)
        // The old third kernel row, xterm's white #e5e5e5, on a white terminal: the "about 1.3:1" of the report (1.26).
        #expect(abs(XtermPalette.contrast(XtermPalette.rgb(7), (255, 255, 255)) - 1.26) < 0.01)
    }
}

import Terminal

/// The styles every screen shares. Black text on a coloured background uses palette black
/// (`Color.trueBlack`), which bold cannot brighten into grey, so it keeps ≥ 4.5:1 contrast
/// (black on xterm's yellow is about 12:1, on its green about 9.7:1); on 16-colour terminals
/// the backend drops bold there for the same reason. Colour is never the only signal:
/// highlighted cells are also underlined or carry a marker, which survives NO_COLOR.
///
/// Every highlight's background stays at least 1.5:1 in luminance from the terminal's own
/// background on a black and on a white terminal (so the 0.175…0.65 luminance band), and
/// text keeps ≥ 4.5:1 on its cell; `PaletteContrastTests` checks both in xterm's palette.
public enum Palette {
    /// Input cells under the window.
    public static let window = Style(foreground: .trueBlack, background: .yellow, bold: true, underline: true)
    /// The output cell being computed.
    public static let current = Style(foreground: .trueBlack, background: .green, bold: true, underline: true)
    /// A second highlight (e.g. cells that differ, the chosen maximum).
    public static let accent = Style(foreground: .trueBlack, background: .cyan, bold: true, underline: true)
    /// A warning highlight (a wrong answer, rows/columns never covered): white on dark red,
    /// about 7.5:1 in 256 colours and at least 4.6:1 where it falls back to white on red
    /// (black on xterm's magenta would be only 4.48:1).
    public static let warning = Style(foreground: .indexed(231), background: .indexed(124), bold: true, underline: true)
    /// Zero padding cells: grey #767676 (palette 243), the one grey with ≥ 4.5:1 on both
    /// black (4.6:1) and white (4.5:1). Not dim: faint text drops below 3:1 on a dark terminal.
    public static let padding = Style(foreground: .indexed(243))
    public static let heading = Style(bold: true)
    public static let note = Style(dim: true)
    /// The selected row of a list.
    public static let selected = Style(bold: true, reverse: true)
}

/// One of the 16 standard terminal colours, or an entry of the 256-colour palette.
///
/// The backend maps the bright variants onto the base colour when the terminal
/// reports fewer than 16 colours, and palette entries onto the nearest of the 16 when it
/// reports fewer than 256 (see `fallback16`).
public enum Color: Sendable, Equatable, Hashable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
    /// Palette entry 0...255: 16...231 the 6×6×6 colour cube, 232...255 a greyscale ramp.
    case indexed(Int)

    /// The 16 named colours.
    public static let named: [Color] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow, .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    /// Palette black (entry 16): unlike `.black`, terminals that brighten bold text leave it black,
    /// so bold black-on-colour stays readable.
    public static let trueBlack = Color.indexed(16)

    /// A grey for a heatmap value `level` in 0...1 (0 black, 1 white): one of the 24 ramp
    /// entries 232...255 around palette black (16) and white (231); on 16-colour terminals
    /// the backend shows black, bright black, white or bright white.
    public static func grey(level: Double) -> Color {
        let l = level.isFinite ? min(max(level, 0), 1) : 0
        let step = Int((l * 25).rounded())  // 0 = black, 1...24 = ramp, 25 = white
        if step == 0 { return .indexed(16) }
        if step == 25 { return .indexed(231) }
        return .indexed(231 + step)
    }

    /// The nearest of the 16 named colours (for terminals without the 256-colour palette).
    public var fallback16: Color {
        guard case .indexed(let n) = self else { return self }
        switch n {
        case 0..<16: return Color.named[n]
        case 232...255:
            let l = Double(n - 232) / 23
            return l < 0.3 ? .black : l < 0.55 ? .brightBlack : l < 0.8 ? .white : .brightWhite
        case 16...231:
            let v = n - 16
            let (r, g, b) = (v / 36, (v / 6) % 6, v % 6)
            if r == g && g == b { return r < 2 ? .black : r < 3 ? .brightBlack : r < 5 ? .white : .brightWhite }
            let bright = max(r, g, b) >= 4
            let index = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
            return Color.named[index + (bright && index != 0 ? 8 : 0)]
        default: return .white
        }
    }

    /// The palette number: 0...15 for the named colours (0...7 base, 8...15 bright), the entry for `.indexed`.
    var ansiIndex: Int {
        switch self {
        case .indexed(let n): min(max(n, 0), 255)
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .brightBlack: 8
        case .brightRed: 9
        case .brightGreen: 10
        case .brightYellow: 11
        case .brightBlue: 12
        case .brightMagenta: 13
        case .brightCyan: 14
        case .brightWhite: 15
        }
    }
}

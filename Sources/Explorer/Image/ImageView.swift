import CNN
import Terminal

/// What the image scene shows in an area of a given size: the picture shrunk to fit one
/// panel (area averaging by a whole factor, `GreyImage.downscaled`), and the engine's
/// convolution of that picture with the kernel (`conv2d`, padding `same`, so both panels line
/// up pixel for pixel), with the scale of its heatmap.
struct ImageView: Equatable {
    /// The picture as shown (after shrinking).
    let shown: GreyImage
    /// The factor it was shrunk by: "shown at 1/factor".
    let factor: Int
    /// The feature map of `shown`, same size.
    let output: Matrix
    /// Signed kernels (any negative weight) map 0 to mid-grey and ±`limit` to black/white;
    /// otherwise `low`…`limit` map to black…white.
    let signed: Bool
    let low: Float
    let limit: Float

    /// Panel sizes for an area: each panel's columns and half-block rows.
    static func panelSize(width: Int, height: Int) -> (columns: Int, rows: Int) {
        (max(1, (width - 4) / 2), max(1, height - 4))
    }

    /// The view for a picture in an area of `width × height` cells.
    init(picture: GreyImage, kernel: Matrix, width: Int, height: Int) throws(CNNError) {
        let panel = Self.panelSize(width: width, height: height)
        factor = picture.fitFactor(maxWidth: panel.columns, maxHeight: panel.rows * 2)
        shown = picture.downscaled(by: factor)
        output = try conv2d(shown.matrix, kernel, padding: .same)
        signed = kernel.values.contains { $0 < 0 }
        let finite = output.values.filter(\.isFinite)
        if signed {
            low = 0
            limit = finite.map(abs).max() ?? 0
        } else {
            low = min(0, finite.min() ?? 0)
            limit = finite.max() ?? 0
        }
    }

    /// The heatmap level 0…1 of an output value.
    func level(_ v: Float) -> Double {
        guard v.isFinite else { return 0.5 }
        if signed { return limit > 0 ? Double(0.5 + v / (2 * limit)) : 0.5 }
        return limit > low ? Double((v - low) / (limit - low)) : 0
    }

    /// The output's size and the heatmap's scale in words.
    func legend(_ language: Language) -> String {
        let a = formatNumber(limit), l = formatNumber(low)
        let size = "\(output.cols)×\(output.rows)"
        if signed {
            return Localized(en: "output size \(size) · heatmap −\(a) black · 0 mid-grey · +\(a) white",
                             ko: "출력 크기 \(size) · 히트맵 −\(a) 검정 · 0 중간 회색 · +\(a) 흰색")[language]
        }
        return Localized(en: "output size \(size) · heatmap \(l) black … \(a) white",
                         ko: "출력 크기 \(size) · 히트맵 \(l) 검정 … \(a) 흰색")[language]
    }
}

/// A grey picture in half blocks: each cell is two pixels, `▀` with the top pixel's grey as
/// foreground and the bottom's as background (the 256-colour grey ramp, `Color.grey`). With
/// `shades` (ASCII, or NO_COLOR, where colours would not show) each cell is a character of the
/// ramp ` .:-=+*#%@` for the mean of its two pixels instead.
struct HalfBlockPicture {
    let width: Int
    let height: Int
    /// Row-major levels 0…1 (0 black).
    let levels: [Double]
    var shades = false

    static let ramp = Array(" .:-=+*#%@")

    func render(into buffer: inout Buffer, x: Int, y: Int) {
        let useShades = shades || buffer.charset == .ascii
        for cy in 0..<((height + 1) / 2) {
            for cx in 0..<width {
                let top = levels[2 * cy * width + cx]
                let bottom = 2 * cy + 1 < height ? levels[(2 * cy + 1) * width + cx] : top
                if useShades {
                    let i = Int(((top + bottom) / 2 * Double(Self.ramp.count - 1)).rounded())
                    buffer.write(String(Self.ramp[min(max(i, 0), Self.ramp.count - 1)]), x: x + cx, y: y + cy)
                } else {
                    buffer.write("▀", x: x + cx, y: y + cy, style: Style(foreground: .grey(level: top), background: .grey(level: bottom)))
                }
            }
        }
    }
}

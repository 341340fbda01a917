import CNN

/// The picture the image scene shows when no file is given, drawn in code (no data file):
/// 64×48 pixels on a dark background — a bright disk, a mid-grey square, a thin diagonal
/// line and a left-to-right ramp from black to white — so each preset has edges, flat areas,
/// a line and a gradient to act on.
enum BuiltInPicture {
    static let width = 64, height = 48

    static let image: GreyImage = {
        var pixels = [UInt8](repeating: 30, count: width * height)
        for r in 0..<height {
            for c in 0..<width {
                var v = 30
                let (dy, dx) = (r - 17, c - 16)
                if dy * dy + dx * dx <= 11 * 11 { v = 230 }
                if (34...55).contains(c) && (6...27).contains(r) { v = 150 }
                if abs((c - 30) - (r - 2)) == 0 && (2...32).contains(r) { v = 255 }
                if (36...43).contains(r) && (4...59).contains(c) { v = (c - 4) * 255 / 55 }
                pixels[r * width + c] = UInt8(v)
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }()
}

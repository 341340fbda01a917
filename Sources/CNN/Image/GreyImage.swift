/// An 8-bit greyscale picture: `width × height` values 0 (black) … 255 (white), row-major.
///
/// Colour becomes grey by ITU-R BT.601 luma, `Y = 0.299 R + 0.587 G + 0.114 B`, rounded to the
/// nearest integer; transparency is composited over white (`grey = Y·α + 255·(1 − α)`, α in
/// 0…1), as a picture with a transparent background looks on a white page.
public struct GreyImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major, `width * height` values.
    public let pixels: [UInt8]

    /// `pixels.count` must be `width * height` (otherwise the picture is empty).
    public init(width: Int, height: Int, pixels: [UInt8]) {
        let fits = width >= 0 && height >= 0 && pixels.count == width * height
        self.width = fits ? width : 0
        self.height = fits ? height : 0
        self.pixels = fits ? pixels : []
    }

    /// The value at (row, col); 0 outside the picture.
    public subscript(row: Int, col: Int) -> UInt8 {
        row >= 0 && row < height && col >= 0 && col < width ? pixels[row * width + col] : 0
    }

    /// The picture as the engine's input: values 0…255 as `Float`.
    public var matrix: Matrix { Matrix(rows: height, cols: width, values: pixels.map(Float.init)) }

    /// BT.601 luma of an RGB colour (0…255 each), not rounded.
    public static func luma(red: UInt8, green: UInt8, blue: UInt8) -> Double {
        0.299 * Double(red) + 0.587 * Double(green) + 0.114 * Double(blue)
    }

    /// The grey of an RGBA pixel: luma composited over white by its alpha, rounded.
    public static func grey(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) -> UInt8 {
        let a = Double(alpha) / 255
        let value = luma(red: red, green: green, blue: blue) * a + 255 * (1 - a)
        return UInt8(min(255, max(0, value.rounded())))
    }

    /// A picture from 8-bit RGBA (`width * height * 4` bytes), each pixel by `grey(…)`.
    public init(width: Int, height: Int, rgba: UnsafeBufferPointer<UInt8>) {
        var grey = [UInt8](repeating: 0, count: max(0, width * height))
        if rgba.count >= grey.count * 4 {
            for i in grey.indices {
                grey[i] = Self.grey(red: rgba[4 * i], green: rgba[4 * i + 1], blue: rgba[4 * i + 2], alpha: rgba[4 * i + 3])
            }
        }
        self.init(width: width, height: height, pixels: grey)
    }

    /// The smallest whole factor `f ≥ 1` such that ⌈width / f⌉ ≤ `maxWidth` and ⌈height / f⌉ ≤
    /// `maxHeight`: "shown at 1/f".
    public func fitFactor(maxWidth: Int, maxHeight: Int) -> Int {
        guard maxWidth > 0, maxHeight > 0 else { return max(1, width, height) }
        let fw = (width + maxWidth - 1) / maxWidth, fh = (height + maxHeight - 1) / maxHeight
        return max(1, fw, fh)
    }

    /// Shrunk by `factor` by area averaging: each new pixel is the rounded mean of the
    /// `factor × factor` block it covers (blocks at the right and bottom edges may be smaller;
    /// they average the pixels they have). ⌈width / f⌉ × ⌈height / f⌉ pixels; `factor ≤ 1`
    /// returns the picture unchanged.
    public func downscaled(by factor: Int) -> GreyImage {
        guard factor > 1, width > 0, height > 0 else { return self }
        let w = (width + factor - 1) / factor, h = (height + factor - 1) / factor
        var sums = [Int](repeating: 0, count: w * h)
        var counts = [Int](repeating: 0, count: w * h)
        for r in 0..<height {
            let row = (r / factor) * w
            for c in 0..<width {
                sums[row + c / factor] += Int(pixels[r * width + c])
                counts[row + c / factor] += 1
            }
        }
        let out = (0..<(w * h)).map { i in UInt8((sums[i] * 2 + counts[i]) / (2 * counts[i])) }
        return GreyImage(width: w, height: h, pixels: out)
    }

    /// A feature map as a picture: its minimum becomes 0 and its maximum 255, linearly, rounded
    /// (`round(255 · (v − min) / (max − min))`); a constant map (max = min) becomes all 0.
    /// Non-finite values count as the minimum.
    public init(normalising map: Matrix) {
        let finite = map.values.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 0
        let span = Double(high) - Double(low)
        let pixels = map.values.map { v -> UInt8 in
            guard span > 0, v.isFinite else { return 0 }
            return UInt8(min(255, max(0, (255 * (Double(v) - Double(low)) / span).rounded())))
        }
        self.init(width: map.cols, height: map.rows, pixels: pixels)
    }
}

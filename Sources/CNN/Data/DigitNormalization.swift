/// Hand-drawn digits prepared the way MNIST's were (LeCun et al.): the ink's bounding box is
/// scaled (keeping its aspect ratio) so its longer side is 20 pixels, then the 20×20-bounded
/// picture is placed in a 28×28 image with its centre of mass at the centre (14, 14).
///
/// Resampling is bilinear; values stay in 0...1. An image with no ink (every pixel below
/// `threshold`) is returned unchanged.
public enum DigitNormalization {
    public static func normalize(_ image: [Float], size: Int = 28, box: Int = 20, threshold: Float = 0.05) -> [Float] {
        precondition(image.count == size * size, "DigitNormalization: \(image.count) pixels for \(size)×\(size)")
        var top = size, bottom = -1, left = size, right = -1
        for r in 0..<size {
            for c in 0..<size where image[r * size + c] >= threshold {
                top = min(top, r); bottom = max(bottom, r); left = min(left, c); right = max(right, c)
            }
        }
        guard bottom >= 0 else { return image }
        let h = bottom - top + 1, w = right - left + 1
        let scale = Float(box) / Float(max(h, w))
        let outH = max(1, Int((Float(h) * scale).rounded())), outW = max(1, Int((Float(w) * scale).rounded()))
        // Bilinear resample of the box into outH × outW.
        var scaled = [Float](repeating: 0, count: outH * outW)
        for r in 0..<outH {
            for c in 0..<outW {
                let sy = (Float(r) + 0.5) / scale - 0.5 + Float(top), sx = (Float(c) + 0.5) / scale - 0.5 + Float(left)
                scaled[r * outW + c] = sample(image, size: size, y: sy, x: sx)
            }
        }
        // Centre of mass of the scaled picture.
        var mass: Float = 0, my: Float = 0, mx: Float = 0
        for r in 0..<outH { for c in 0..<outW { let v = scaled[r * outW + c]; mass += v; my += v * Float(r); mx += v * Float(c) } }
        let cy = mass > 0 ? my / mass : Float(outH - 1) / 2, cx = mass > 0 ? mx / mass : Float(outW - 1) / 2
        let center = Float(size) / 2 - 0.5
        let dy = Int((center - cy).rounded()), dx = Int((center - cx).rounded())
        var out = [Float](repeating: 0, count: size * size)
        for r in 0..<outH {
            for c in 0..<outW {
                let y = r + dy, x = c + dx
                guard y >= 0, y < size, x >= 0, x < size else { continue }
                out[y * size + x] = min(1, max(0, scaled[r * outW + c]))
            }
        }
        return out
    }

    /// Bilinear sample at (y, x); outside the image counts as 0.
    static func sample(_ image: [Float], size: Int, y: Float, x: Float) -> Float {
        let y0 = Int(y.rounded(.down)), x0 = Int(x.rounded(.down))
        let fy = y - Float(y0), fx = x - Float(x0)
        func at(_ r: Int, _ c: Int) -> Float { r >= 0 && r < size && c >= 0 && c < size ? image[r * size + c] : 0 }
        return (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1))
    }
}

/// 2×2 max pooling with stride 2 and no padding (Keras's `MaxPooling2D(2)`) over NHWC, eight
/// channels per AVX2 register; channels a multiple of 8. Only after the engine's CPU check.
///
/// Forward: `y[i, j, c] = max` of the window `x[2i…2i+1, 2j…2j+1, c]`; `argmax` gets the flat
/// index within the sample of the first maximum in window order (row by row), exactly as the
/// portable pooling does, so either backward can follow either forward.
/// Backward: `dx` (overwritten) holds `dy` at each window's arg-max and 0 elsewhere, written
/// window by window in one pass (the windows tile the input; rows or columns no window covers
/// are zeroed).
public enum PoolKernels {
    /// `indexBase` is added to every arg-max index (a band of rows pooled on its own gives
    /// indices within the whole sample).
    public static func maxPool2x2Forward(x: UnsafePointer<Float>, n: Int, h: Int, w: Int, c: Int,
                                         y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>,
                                         indexBase: Int = 0) {
        let (oh, ow) = (h / 2, w / 2)
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        let raw = UnsafeRawPointer(x)
        for s in 0..<n {
            let xs = s * h * w * c
            var out = s * oh * ow * c
            for i in 0..<oh {
                for j in 0..<ow {
                    let corner = (2 * i * w + 2 * j) * c
                    for t in stride(from: 0, to: c, by: 8) {
                        let taps = (corner + t, corner + c + t, corner + w * c + t, corner + w * c + c + t)
                        var best = raw.loadUnaligned(fromByteOffset: (xs + taps.0) * 4, as: SIMD8<Float>.self)
                        var index = SIMD8<Int32>(repeating: Int32(indexBase + taps.0)) &+ lanes
                        for tap in [taps.1, taps.2, taps.3] {
                            let v = raw.loadUnaligned(fromByteOffset: (xs + tap) * 4, as: SIMD8<Float>.self)
                            let better = v .> best
                            best.replace(with: v, where: better)
                            index.replace(with: SIMD8<Int32>(repeating: Int32(indexBase + tap)) &+ lanes, where: better)
                        }
                        UnsafeMutableRawPointer(y + out).storeBytes(of: best, as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(argmax + out).storeBytes(of: index, as: SIMD8<Int32>.self)
                        out += 8
                    }
                }
            }
        }
    }

    /// With `reluOutput` (the forward's `y`), `dy` counts only where `y > 0`: the gradient
    /// through a ReLU that fed this pooling, since `y` is the ReLU's output at the arg-max.
    /// `indexBase`: the arg-max indices are `indexBase` past positions in `dx` (a band of rows
    /// of a larger sample, see `maxPool2x2Forward`).
    public static func maxPool2x2Backward(dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, n: Int, h: Int, w: Int,
                                          c: Int, reluOutput: UnsafePointer<Float>? = nil, dx: UnsafeMutablePointer<Float>,
                                          indexBase: Int = 0) {
        let (oh, ow) = (h / 2, w / 2)
        if h != 2 * oh || w != 2 * ow { dx.update(repeating: 0, count: n * h * w * c) }
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        let zero = SIMD8<Float>()
        for s in 0..<n {
            let dxs = UnsafeMutableRawPointer(dx + s * h * w * c)
            var out = s * oh * ow * c
            for i in 0..<oh {
                for j in 0..<ow {
                    let corner = (2 * i * w + 2 * j) * c
                    for t in stride(from: 0, to: c, by: 8) {
                        var d = UnsafeRawPointer(dy + out).loadUnaligned(as: SIMD8<Float>.self)
                        if let reluOutput {
                            let y = UnsafeRawPointer(reluOutput + out).loadUnaligned(as: SIMD8<Float>.self)
                            d.replace(with: zero, where: y .<= zero)
                        }
                        let a = UnsafeRawPointer(argmax + out).loadUnaligned(as: SIMD8<Int32>.self)
                        for tap in [corner + t, corner + c + t, corner + w * c + t, corner + w * c + c + t] {
                            let hit = a .== SIMD8<Int32>(repeating: Int32(indexBase + tap)) &+ lanes
                            dxs.storeBytes(of: zero.replacing(with: d, where: hit), toByteOffset: tap * 4, as: SIMD8<Float>.self)
                        }
                        out += 8
                    }
                }
            }
        }
    }
}

/// The static description of a conv over one NHWC sample: sizes and geometry.
/// `P = OH·OW` output pixels per sample, `K = KH·KW·C` taps per output pixel.
struct ConvShape {
    let h, w, c, kh, kw, f: Int
    let g: ConvGeometry
    var oh: Int { g.outputRows }
    var ow: Int { g.outputCols }
    var p: Int { g.outputRows * g.outputCols }
    var k: Int { kh * kw * c }
    var inputSize: Int { h * w * c }
    var outputSize: Int { p * f }
}

/// im2col for one sample: row `i·OW + j` of `col [P, K]` holds the taps of output pixel `(i, j)`
/// in `(u, v, c)` order, the order of the kernel flattened to `[K, F]`, so `y = col · W`.
/// Padding taps are 0.
func im2col(_ s: ConvShape, x: UnsafePointer<Float>, col: UnsafeMutablePointer<Float>) {
    let (sh, sw) = (s.g.rows.stride, s.g.cols.stride)
    let (dh, dw) = (s.g.rows.dilation, s.g.cols.dilation)
    let (pt, pl) = (s.g.rows.padBefore, s.g.cols.padBefore)
    let (h, w, c, kh, kw) = (s.h, s.w, s.c, s.kh, s.kw)
    let rowLen = kw * c
    var dst = col
    for i in 0..<s.oh {
        for j in 0..<s.ow {
            let q0 = j * sw - pl
            let inside = dw == 1 && q0 >= 0 && q0 + kw <= w
            for u in 0..<kh {
                let r = i * sh + u * dh - pt
                if r < 0 || r >= h {
                    for t in 0..<rowLen { dst[t] = 0 }
                } else if inside {
                    let src = x + (r * w + q0) * c
                    for t in 0..<rowLen { dst[t] = src[t] }
                } else {
                    for v in 0..<kw {
                        let q = q0 + v * dw
                        let d = dst + v * c
                        if q < 0 || q >= w {
                            for t in 0..<c { d[t] = 0 }
                        } else {
                            let src = x + (r * w + q) * c
                            for t in 0..<c { d[t] = src[t] }
                        }
                    }
                }
                dst += rowLen
            }
        }
    }
}

/// col2im for one sample, the adjoint of `im2col`: adds each tap's gradient in `dcol [P, K]`
/// into the input position it was read from; padding taps are dropped. `dx` must be zeroed first.
func col2im(_ s: ConvShape, dcol: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>) {
    let (sh, sw) = (s.g.rows.stride, s.g.cols.stride)
    let (dh, dw) = (s.g.rows.dilation, s.g.cols.dilation)
    let (pt, pl) = (s.g.rows.padBefore, s.g.cols.padBefore)
    let (h, w, c, kh, kw) = (s.h, s.w, s.c, s.kh, s.kw)
    let rowLen = kw * c
    var src = dcol
    for i in 0..<s.oh {
        for j in 0..<s.ow {
            let q0 = j * sw - pl
            let inside = dw == 1 && q0 >= 0 && q0 + kw <= w
            for u in 0..<kh {
                let r = i * sh + u * dh - pt
                if r >= 0 && r < h {
                    if inside {
                        let d = dx + (r * w + q0) * c
                        for t in 0..<rowLen { d[t] += src[t] }
                    } else {
                        for v in 0..<kw {
                            let q = q0 + v * dw
                            guard q >= 0 && q < w else { continue }
                            let d = dx + (r * w + q) * c, sv = src + v * c
                            for t in 0..<c { d[t] += sv[t] }
                        }
                    }
                }
                src += rowLen
            }
        }
    }
}

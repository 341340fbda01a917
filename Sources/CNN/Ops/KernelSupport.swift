import CCPUFeatures

/// Whether the AVX2 + FMA3 kernels of `CNNKernels` may run, and on which shapes.
///
/// `CNNKernels` is compiled for Haswell-class CPUs: any of its code — even a tiny helper or an
/// initialiser — may contain AVX2 or BMI instructions, so on an older CPU none of it may run.
/// Every check is therefore here, in the engine (compiled for baseline x86-64), and nothing of
/// `CNNKernels` is touched before `available` says yes.
enum KernelSupport {
    /// AVX2 + FMA3 on this CPU (cpuid, once), and not turned off by `STRIDE_KERNELS=portable`.
    static let available = Engine.kernelsEnabled && stride_cpu_has_avx2_fma() != 0

    /// Whether the conv kernels handle `s`: filters a multiple of 16, and no padding tap is ever
    /// read (nothing before the input, and the last window ends inside it).
    static func handlesConv(_ s: ConvShape) -> Bool {
        guard available, s.f % 16 == 0, s.f > 0, s.k > 0, s.p > 0 else { return false }
        return [s.g.rows, s.g.cols].allSatisfy { a in
            a.padBefore == 0 && (a.outputSize - 1) * a.stride + a.effectiveKernel <= a.inputSize
        }
    }

    /// Whether `dx` also goes through them: contiguous tap runs a multiple of 16 long
    /// (a whole kernel row of `KW·C` taps, or `C` when dilated).
    static func handlesConvInputGradient(_ s: ConvShape) -> Bool {
        handlesConv(s) && (s.g.cols.dilation == 1 ? s.kw * s.c : s.c) % 16 == 0
    }

    /// Whether the pooling kernels handle `channels` (a multiple of 8).
    static func handlesPooling(channels: Int) -> Bool { available && channels % 8 == 0 && channels > 0 }
}

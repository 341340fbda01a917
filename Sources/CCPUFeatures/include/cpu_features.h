#ifndef STRIDE_CPU_FEATURES_H
#define STRIDE_CPU_FEATURES_H

/// 1 when the CPU (and the OS, for the AVX register state) supports AVX2 and FMA3, else 0.
int stride_cpu_has_avx2_fma(void);

#endif

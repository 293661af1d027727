// Shared by the kernels: the 4-lane vector type, unaligned loads and stores, the run-time AVX2 check and the
// exponential of four values. Internal (not under include/), included by the .c files only.
#ifndef TRUANT_VEC4_H
#define TRUANT_VEC4_H

#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)
// The 4-lane helpers below are always inlined, so no vector crosses a call between variants of different ABIs.
#pragma clang diagnostic ignored "-Wpsabi"

/// Four doubles; on baseline x86-64 the compiler splits each operation into two SSE2 ones, with AVX2 it is one.
typedef double v4d __attribute__((vector_size(32)));
typedef uint64_t v4u __attribute__((vector_size(32)));

static inline __attribute__((always_inline)) v4d load4(const double *p) {
    v4d v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store4(double *p, v4d v) { memcpy(p, &v, sizeof v); }

static inline __attribute__((always_inline)) v4d splat4(double x) { return (v4d){x, x, x, x}; }

/// `a b + c`: with `fused` (a constant: 1 in the AVX2 variants, compiled with the FMA target) one fused
/// multiply-add instruction, rounded once; else (the baseline variants) a multiply and an add. A baseline
/// build cannot fuse cheaply (the C library's `fma` per lane made the kernels 4 to 15 times slower, and
/// hundreds of times on CPUs without FMA), so the two variants may differ in the last bits here.
static inline __attribute__((always_inline)) v4d fma4(v4d a, v4d b, v4d c, int fused) {
    return fused ? __builtin_elementwise_fma(a, b, c) : a * b + c;
}

/// `exp` of four values in [-708, 709]: `2^k exp(r)`, `k = round(x / ln 2)` by the 1.5 * 2^52 shifter, `r` by
/// Cody and Waite's two-part `ln 2` (`k ln2_hi` exact), `exp(r)` by its Taylor polynomial to degree 13, `2^k`
/// from its exponent bits. Plain IEEE operations only (no fused multiply-add): the same bits everywhere.
static inline __attribute__((always_inline)) v4d exp4(v4d x) {
    const v4d shifter = splat4(6755399441055744.0);
    const v4d t = x * splat4(1.4426950408889634) + shifter;
    const v4d k = t - shifter;
    const v4d r = (x - k * splat4(6.93147180369123816490e-01)) - k * splat4(1.90821492927058770002e-10);
    v4d p = splat4(1.0 / 6227020800.0);
    p = p * r + splat4(1.0 / 479001600.0);
    p = p * r + splat4(1.0 / 39916800.0);
    p = p * r + splat4(1.0 / 3628800.0);
    p = p * r + splat4(1.0 / 362880.0);
    p = p * r + splat4(1.0 / 40320.0);
    p = p * r + splat4(1.0 / 5040.0);
    p = p * r + splat4(1.0 / 720.0);
    p = p * r + splat4(1.0 / 120.0);
    p = p * r + splat4(1.0 / 24.0);
    p = p * r + splat4(1.0 / 6.0);
    p = p * r + splat4(0.5);
    p = p * r + splat4(1.0);
    p = p * r + splat4(1.0);
    v4u tb, sb;
    memcpy(&tb, &t, sizeof tb);
    memcpy(&sb, &shifter, sizeof sb);
    const v4u bits = ((tb - sb) + 1023) << 52;
    v4d scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/// Whether all four lanes are in [-708, 709] (NaN is not).
static inline __attribute__((always_inline)) int in_exp_range(v4d x) {
    return x[0] >= -708 && x[0] <= 709 && x[1] >= -708 && x[1] <= 709 &&
           x[2] >= -708 && x[2] <= 709 && x[3] >= -708 && x[3] <= 709;
}

/// 1 when the CPU and the operating system support AVX2 and FMA (checked once).
int truant_has_avx2(void);

#endif

// The run-time choice between kernel variants: whether this machine can run AVX2 and FMA code.
#include "vec4.h"
#include <stdatomic.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

/// Whether the CPU and the operating system support AVX2 and FMA (cpuid leaf 7 EBX bit 5, leaf 1 ECX bit 12;
/// YMM state enabled in XCR0).
static int detect_avx2(void) {
#if defined(__x86_64__)
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((c & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 6u) != 6u) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (int)((b >> 5) & 1u);
#else
    return 0;
#endif
}

/// -1 until first asked; two threads asking at once both compute the same answer.
static _Atomic int avx2_state = -1;

int truant_has_avx2(void) {
    int s = atomic_load_explicit(&avx2_state, memory_order_relaxed);
    if (s < 0) {
        s = detect_avx2();
        atomic_store_explicit(&avx2_state, s, memory_order_relaxed);
    }
    return s;
}

// The upper triangle of Z'Z for a column-major panel Z (m x w, w a multiple of 4): the per-slot cross-product
// of the Cox pass. BLAS dsyrk packs the panel twice before its kernel runs; for w = 12 that packing cost about
// as much as the arithmetic (perf profile of the 1M-record Cox benchmark: 4.0% of samples in the two packing
// routines, 4.6% in the kernel). The end-to-end effect is in Benchmarks/RESULTS.md (2026-11-30 19:00 UTC).
// This kernel reads the panel in place, in 4 x 2 tiles of the 4 x 4 blocks on and
// above the diagonal, row block by row block so that a block stays in the L1 cache.
//
// Two variants, one source: `cross_avx2` (AVX2 and FMA, 4 doubles a register) and `cross_base` (baseline x86-64
// or any other machine, where the compiler splits each 4-lane vector into narrower ones). The AVX2 variant adds
// each product by a fused multiply-add (`fma4`), the baseline one by a multiply and an add, so the two may
// differ in the last bits; nothing else is contracted. Against separate multiplies and adds, the fused form took
// 4.2 instead of 5.5 ms per million rows of a 12-column panel (one core of the benchmark machine, the panel in
// cache; a development measurement).
#include "CKernels.h"
#include "vec4.h"
#include <stddef.h>
#include <stdint.h>

/// The cache lines of the next chunk's covariates still to prefetch, as addresses (integers: no pointer is
/// formed outside the array): column `col` of `cols` starts at `first + col * stride` and spans `bytes` bytes;
/// `line` is the next line's address in it, `last` that column's last line. Each step asks for `per` lines.
typedef struct { uintptr_t first, line, last; ptrdiff_t stride, bytes; int col, cols, per; } prefetch_t;

/// Asks for the next `per` cache lines of the next chunk (into the L2 cache), while any are left. A hint only:
/// no value changes.
static inline __attribute__((always_inline)) void prefetch_step(prefetch_t *s) {
    for (int r = 0; r < s->per && s->col < s->cols; r++) {
        __builtin_prefetch((const void *)s->line, 0, 2);
        s->line += 64;
        if (s->line > s->last && ++s->col < s->cols) {
            const uintptr_t start = s->first + (uintptr_t)s->col * (uintptr_t)s->stride;
            s->line = start & ~(uintptr_t)63;
            s->last = (start + (uintptr_t)s->bytes - 1) & ~(uintptr_t)63;
        }
    }
}

/// Rows per block: 12 columns x 256 rows x 8 bytes = 24 KiB, inside a 32 KiB L1 data cache.
enum { BLOCK_ROWS = 256 };
/// Most column groups whose accumulators are kept between row blocks (w <= 32); wider panels run tile by
/// tile over all rows instead, which sums in the same order.
enum { MAX_GROUPS = 8, MAX_TILES = MAX_GROUPS * (MAX_GROUPS + 1) };

/// One 4 x 2 tile (columns a..a+3 against b, b+1) over rows k0 ..< k1 (multiples of 4), into acc[0..7].
static inline __attribute__((always_inline))
void tile(const double *a0, const double *b0, int m, int k0, int k1, v4d *acc, int fused, prefetch_t *pf) {
    const double *a1 = a0 + m, *a2 = a1 + m, *a3 = a2 + m, *b1 = b0 + m;
    v4d c00 = acc[0], c10 = acc[1], c20 = acc[2], c30 = acc[3];
    v4d c01 = acc[4], c11 = acc[5], c21 = acc[6], c31 = acc[7];
    for (int k = k0; k < k1; k += 4) {
        const v4d x0 = load4(a0 + k), x1 = load4(a1 + k), x2 = load4(a2 + k), x3 = load4(a3 + k);
        const v4d y0 = load4(b0 + k), y1 = load4(b1 + k);
        c00 = fma4(x0, y0, c00, fused); c10 = fma4(x1, y0, c10, fused); c20 = fma4(x2, y0, c20, fused); c30 = fma4(x3, y0, c30, fused);
        c01 = fma4(x0, y1, c01, fused); c11 = fma4(x1, y1, c11, fused); c21 = fma4(x2, y1, c21, fused); c31 = fma4(x3, y1, c31, fused);
        if ((k & 7) == 0) prefetch_step(pf);      // every other step: spread over the whole cross-product
    }
    acc[0] = c00; acc[1] = c10; acc[2] = c20; acc[3] = c30;
    acc[4] = c01; acc[5] = c11; acc[6] = c21; acc[7] = c31;
}

/// Adds one tile's lanes, with the rows past the last multiple of 4 in lane 0, into c (upper entries only).
static inline __attribute__((always_inline))
void finish(const double *z, int w, int m, int a, int b, const v4d *acc, double *c) {
    const int m4 = m & ~3;
    for (int e = 0; e < 8; e++) {
        const int r = a + (e & 3), s = b + (e >> 2);
        if (r > s) continue;
        v4d l = acc[e];
        const double *zr = z + (size_t)r * m, *zs = z + (size_t)s * m;
        for (int k = m4; k < m; k++) l[0] += zr[k] * zs[k];
        c[r + (size_t)s * w] += (l[0] + l[1]) + (l[2] + l[3]);
    }
}

static inline __attribute__((always_inline))
void cross(int w, int m, const double *restrict z, double *restrict c, int fused, prefetch_t *pf) {
    const int groups = w / 4, m4 = m & ~3;
    if (groups <= MAX_GROUPS) {
        v4d acc[MAX_TILES][8];
        for (int t = 0; t < groups * (groups + 1); t++)
            for (int e = 0; e < 8; e++) acc[t][e] = (v4d){0, 0, 0, 0};
        for (int k0 = 0, k1; k0 < m4; k0 = k1) {
            k1 = m4 - k0 > BLOCK_ROWS ? k0 + BLOCK_ROWS : m4;     // no int overflow near INT_MAX rows
            int t = 0;
            for (int A = 0; A < groups; A++)
                for (int B = A; B < groups; B++)
                    for (int h = 0; h < 2; h++, t++)
                        tile(z + (size_t)(4 * A) * m, z + (size_t)(4 * B + 2 * h) * m, m, k0, k1, acc[t], fused, pf);
        }
        int t = 0;
        for (int A = 0; A < groups; A++)
            for (int B = A; B < groups; B++)
                for (int h = 0; h < 2; h++, t++) finish(z, w, m, 4 * A, 4 * B + 2 * h, acc[t], c);
    } else {
        for (int A = 0; A < groups; A++)
            for (int B = A; B < groups; B++)
                for (int h = 0; h < 2; h++) {
                    v4d acc[8];
                    for (int e = 0; e < 8; e++) acc[e] = (v4d){0, 0, 0, 0};
                    tile(z + (size_t)(4 * A) * m, z + (size_t)(4 * B + 2 * h) * m, m, 0, m4, acc, fused, pf);
                    finish(z, w, m, 4 * A, 4 * B + 2 * h, acc, c);
                }
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void cross_avx2(int w, int m, const double *restrict z, double *restrict c, prefetch_t *pf) { cross(w, m, z, c, 1, pf); }
#endif

static void cross_base(int w, int m, const double *restrict z, double *restrict c, prefetch_t *pf) { cross(w, m, z, c, 0, pf); }

static void cross_any(int w, int m, const double *z, double *c, prefetch_t *pf) {
#if defined(__x86_64__)
    if (truant_has_avx2()) { cross_avx2(w, m, z, c, pf); return; }
#endif
    cross_base(w, m, z, c, pf);
}

void truant_cross_upper(int w, int m, const double *z, double *c) {
    if (w <= 0 || m <= 0 || w % 4 != 0) return;
    prefetch_t none = {0};
    cross_any(w, m, z, c, &none);
}

void truant_cross_upper_prefetch(int w, int m, const double *z, double *c, const double *next, ptrdiff_t n, int p,
                                 int m_next) {
    if (w <= 0 || m <= 0 || w % 4 != 0) return;
    prefetch_t pf = {0};
    if (next && p > 0 && m_next > 0 && n >= m_next) {
        const ptrdiff_t bytes = (ptrdiff_t)((size_t)m_next * sizeof(double));
        const uintptr_t first = (uintptr_t)next;
        // Steps that prefetch: every other 4-row step of every tile (see `tile`), spread evenly over the lines.
        const long groups = w / 4, steps = groups * (groups + 1) * (long)((m / 4 + 1) / 2);
        const long lines = (long)p * (bytes / 64 + 2);
        const long per = steps > 0 ? (lines + steps - 1) / steps : lines;
        pf = (prefetch_t){first, first & ~(uintptr_t)63, (first + (uintptr_t)bytes - 1) & ~(uintptr_t)63,
                          (ptrdiff_t)((size_t)n * sizeof(double)), bytes, 0, p,
                          per < 1 ? 1 : (per > 4096 ? 4096 : (int)per)};
    }
    cross_any(w, m, z, c, &pf);
}

void truant_cross_upper_baseline(int w, int m, const double *z, double *c) {
    if (w <= 0 || m <= 0 || w % 4 != 0) return;
    prefetch_t none = {0};
    cross_base(w, m, z, c, &none);
}

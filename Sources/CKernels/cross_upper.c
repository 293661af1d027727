// The upper triangle of Z'Z for a column-major panel Z (m x w, w a multiple of 4): the per-slot cross-product
// of the Cox pass. BLAS dsyrk packs the panel twice before its kernel runs; for w = 12 that packing cost about
// as much as the arithmetic (perf profile of the 1M-record Cox benchmark: 4.0% of samples in the two packing
// routines, 4.6% in the kernel). The end-to-end effect is in Benchmarks/RESULTS.md (2026-11-30 19:00 UTC).
// This kernel reads the panel in place, row block by row block so that a block stays in the L1 cache, in tiles
// that cover the upper triangle exactly: per group of 4 columns its own triangle (10 products, not the 16 of a
// square), and 4 x 2 rectangles against the later columns, none against the zero padding the Cox panel carries.
// For the Cox benchmark's 12-column panel (11 live) that is 66 products per row instead of 96: about a fifth less
// time per million rows in cache on one core (5.2-5.4 against 6.7-7.8 ms for the square tiles, interleaved runs
// on 2026-12-01; a development measurement, the same bits). Within the whole Cox pass the gain is smaller.
//
// Two variants, one source: `cross_avx2` (AVX2 and FMA, 4 doubles a register) and `cross_base` (baseline x86-64
// or any other machine, where the compiler splits each 4-lane vector into narrower ones). The AVX2 variant adds
// each product by a fused multiply-add (`fma4`), the baseline one by a multiply and an add, so the two may
// differ in the last bits; nothing else is contracted. Against separate multiplies and adds, the fused form took
// 4.2 instead of 5.5 ms per million rows of a 12-column panel (one core of the benchmark machine, the panel in
// cache; a development measurement of the square tiles on an earlier day: this machine's speed varies by day).
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
/// Most live columns whose accumulators are kept between row blocks; wider panels run tile by tile over all
/// rows instead, which sums in the same order. Tiles of up to 32 columns: 8 triangles and 2 rectangles for each
/// of the 28 pairs of column groups.
enum { MAX_LIVE = 32, MAX_TILES = 8 + 2 * 28, TILE_ENTRIES = 10 };

/// A piece of the upper triangle, its entries summed together over a block of rows: a triangle (`rect` 0) of
/// columns a ..< a + na against themselves (entries (a + i, a + j), i <= j, in order j, then i), or a rectangle
/// (`rect` 1) of columns a ..< a + 4 against b ..< b + nb (entries (a + i, b + h), in order h, then i).
typedef struct { int rect, a, b, na, nb; } tile_t;

/// The tile after `t` in the order that covers the upper triangle of `live` columns, in groups of 4: per group
/// its triangle, then its rectangles against each later group, two columns of that group at a time (the last
/// one alone when odd). Start from `t->na == 0`; returns 0 after the last tile. Each entry of the triangle
/// belongs to exactly one tile, and no product outside it is computed.
static int next_tile(int live, tile_t *t) {
    int a, b;
    if (t->na == 0) { a = 0; b = 0; }                       // first call
    else if (!t->rect) { a = t->a; b = t->a + 4; }          // after a triangle: its first rectangle
    else { a = t->a; b = t->b + 2; }                        // after a rectangle: the next one
    if (b >= live && b != a) { a += 4; b = a; }              // no rectangle left: the next group's triangle
    if (a >= live) return 0;
    if (b == a) *t = (tile_t){0, a, a, live - a < 4 ? live - a : 4, 0};
    else *t = (tile_t){1, a, b, 4, live - b < 2 ? live - b : 2};
    return 1;
}

/// The tiles in order, into t (at most MAX_TILES: live <= MAX_LIVE); returns their number.
static int schedule(int live, tile_t *t) {
    int count = 0;
    tile_t cur = {0};
    while (next_tile(live, &cur)) t[count++] = cur;
    return count;
}

/// The number of tiles for `live` columns.
static long tile_count(int live) {
    long count = 0;
    tile_t cur = {0};
    while (next_tile(live, &cur)) count++;
    return count;
}

/// The triangle of NA columns from a over rows k0 ..< k1 (multiples of 4), into acc[0 ..< NA (NA + 1) / 2]:
/// NA loads and NA (NA + 1) / 2 multiply-adds per 4 rows.
static inline __attribute__((always_inline))
void tri(const int NA, const double *z, int m, int a, int k0, int k1, v4d *acc, int fused, prefetch_t *pf) {
    const double *col[4];
    for (int i = 0; i < NA; i++) col[i] = z + (size_t)(a + i) * m;
    v4d c[TILE_ENTRIES];
    for (int e = 0; e < NA * (NA + 1) / 2; e++) c[e] = acc[e];
    for (int k = k0; k < k1; k += 4) {
        v4d x[4];
        for (int i = 0; i < NA; i++) x[i] = load4(col[i] + k);
        int e = 0;
        for (int j = 0; j < NA; j++)
            for (int i = 0; i <= j; i++, e++) c[e] = fma4(x[i], x[j], c[e], fused);
        if ((k & 7) == 0) prefetch_step(pf);      // every other step: spread over the whole cross-product
    }
    for (int e = 0; e < NA * (NA + 1) / 2; e++) acc[e] = c[e];
}

/// The rectangle of columns a ..< a + 4 against NB columns from b over rows k0 ..< k1, into acc[0 ..< 4 NB].
static inline __attribute__((always_inline))
void rect(const int NB, const double *z, int m, int a, int b, int k0, int k1, v4d *acc, int fused, prefetch_t *pf) {
    const double *a0 = z + (size_t)a * m, *a1 = a0 + m, *a2 = a1 + m, *a3 = a2 + m;
    const double *b0 = z + (size_t)b * m, *b1 = b0 + m;
    v4d c[8];
    for (int e = 0; e < 4 * NB; e++) c[e] = acc[e];
    for (int k = k0; k < k1; k += 4) {
        const v4d x0 = load4(a0 + k), x1 = load4(a1 + k), x2 = load4(a2 + k), x3 = load4(a3 + k);
        const v4d y0 = load4(b0 + k);
        c[0] = fma4(x0, y0, c[0], fused); c[1] = fma4(x1, y0, c[1], fused);
        c[2] = fma4(x2, y0, c[2], fused); c[3] = fma4(x3, y0, c[3], fused);
        if (NB == 2) {
            const v4d y1 = load4(b1 + k);
            c[4] = fma4(x0, y1, c[4], fused); c[5] = fma4(x1, y1, c[5], fused);
            c[6] = fma4(x2, y1, c[6], fused); c[7] = fma4(x3, y1, c[7], fused);
        }
        if ((k & 7) == 0) prefetch_step(pf);
    }
    for (int e = 0; e < 4 * NB; e++) acc[e] = c[e];
}

/// One tile over rows k0 ..< k1, its shape made a constant for the compiler.
static inline __attribute__((always_inline))
void run_tile(const tile_t *t, const double *z, int m, int k0, int k1, v4d *acc, int fused, prefetch_t *pf) {
    if (t->rect) {
        if (t->nb == 2) rect(2, z, m, t->a, t->b, k0, k1, acc, fused, pf); else rect(1, z, m, t->a, t->b, k0, k1, acc, fused, pf);
    } else {
        switch (t->na) {
        case 4: tri(4, z, m, t->a, k0, k1, acc, fused, pf); break;
        case 3: tri(3, z, m, t->a, k0, k1, acc, fused, pf); break;
        case 2: tri(2, z, m, t->a, k0, k1, acc, fused, pf); break;
        default: tri(1, z, m, t->a, k0, k1, acc, fused, pf); break;
        }
    }
}

/// Adds one entry's lanes, with the rows past the last multiple of 4 in lane 0, into c.
static inline __attribute__((always_inline))
void finish_entry(const double *z, int w, int m, int r, int s, v4d l, double *c) {
    const double *zr = z + (size_t)r * m, *zs = z + (size_t)s * m;
    for (int k = m & ~3; k < m; k++) l[0] += zr[k] * zs[k];
    c[r + (size_t)s * w] += (l[0] + l[1]) + (l[2] + l[3]);
}

/// Adds a tile's entries into c.
static inline __attribute__((always_inline))
void finish(const tile_t *t, const double *z, int w, int m, const v4d *acc, double *c) {
    int e = 0;
    if (t->rect) {
        for (int h = 0; h < t->nb; h++)
            for (int i = 0; i < 4; i++, e++) finish_entry(z, w, m, t->a + i, t->b + h, acc[e], c);
    } else {
        for (int j = 0; j < t->na; j++)
            for (int i = 0; i <= j; i++, e++) finish_entry(z, w, m, t->a + i, t->a + j, acc[e], c);
    }
}

static inline __attribute__((always_inline))
void cross(int w, int live, int m, const double *restrict z, double *restrict c, int fused, prefetch_t *pf) {
    const int m4 = m & ~3;
    if (live <= MAX_LIVE) {
        tile_t tiles[MAX_TILES];
        const int count = schedule(live, tiles);
        v4d acc[MAX_TILES][TILE_ENTRIES];
        for (int t = 0; t < count; t++)
            for (int e = 0; e < TILE_ENTRIES; e++) acc[t][e] = (v4d){0, 0, 0, 0};
        for (int k0 = 0, k1; k0 < m4; k0 = k1) {
            k1 = m4 - k0 > BLOCK_ROWS ? k0 + BLOCK_ROWS : m4;     // no int overflow near INT_MAX rows
            for (int t = 0; t < count; t++) run_tile(&tiles[t], z, m, k0, k1, acc[t], fused, pf);
        }
        for (int t = 0; t < count; t++) finish(&tiles[t], z, w, m, acc[t], c);
    } else {
        tile_t t = {0};
        while (next_tile(live, &t)) {
            v4d acc[TILE_ENTRIES];
            for (int e = 0; e < TILE_ENTRIES; e++) acc[e] = (v4d){0, 0, 0, 0};
            run_tile(&t, z, m, 0, m4, acc, fused, pf);
            finish(&t, z, w, m, acc, c);
        }
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void cross_avx2(int w, int live, int m, const double *restrict z, double *restrict c, prefetch_t *pf) { cross(w, live, m, z, c, 1, pf); }
#endif

static void cross_base(int w, int live, int m, const double *restrict z, double *restrict c, prefetch_t *pf) { cross(w, live, m, z, c, 0, pf); }

static void cross_any(int w, int live, int m, const double *z, double *c, prefetch_t *pf) {
#if defined(__x86_64__)
    if (truant_has_avx2()) { cross_avx2(w, live, m, z, c, pf); return; }
#endif
    cross_base(w, live, m, z, c, pf);
}

void truant_cross_upper(int w, int m, const double *z, double *c) {
    if (w <= 0 || m <= 0 || w % 4 != 0) return;
    prefetch_t none = {0};
    cross_any(w, w, m, z, c, &none);
}

void truant_cross_upper_prefetch(int w, int live, int m, const double *z, double *c, const double *next, ptrdiff_t n,
                                 int p, int m_next) {
    if (w <= 0 || m <= 0 || w % 4 != 0 || live < 0 || live > w) return;
    prefetch_t pf = {0};
    if (next && p > 0 && m_next > 0 && n >= m_next) {
        const ptrdiff_t bytes = (ptrdiff_t)((size_t)m_next * sizeof(double));
        const uintptr_t first = (uintptr_t)next;
        // Steps that prefetch: every other 4-row step of every tile (see `tri` and `rect`), spread evenly over the lines.
        const long steps = tile_count(live) * (long)((m / 4 + 1) / 2);
        const long lines = (long)p * (bytes / 64 + 2);
        const long per = steps > 0 ? (lines + steps - 1) / steps : lines;
        pf = (prefetch_t){first, first & ~(uintptr_t)63, (first + (uintptr_t)bytes - 1) & ~(uintptr_t)63,
                          (ptrdiff_t)((size_t)n * sizeof(double)), bytes, 0, p,
                          per < 1 ? 1 : (per > 4096 ? 4096 : (int)per)};
    }
    cross_any(w, live, m, z, c, &pf);
}

void truant_cross_upper_baseline(int w, int m, const double *z, double *c) {
    if (w <= 0 || m <= 0 || w % 4 != 0) return;
    prefetch_t none = {0};
    cross_base(w, w, m, z, c, &none);
}

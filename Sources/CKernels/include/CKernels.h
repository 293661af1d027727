// Truant's own numerical kernels in C: small, hot loops that need wide vector instructions chosen at run
// time (Swift on Linux compiles for baseline x86-64 only). Each kernel has an AVX2 (with FMA) variant and a
// baseline one compiled from the same source; both do the same arithmetic in the same order, except that the
// AVX2 variants of the cross-product and of the linear predictor fuse their multiply-adds (one rounding) where
// the baseline ones multiply and add: results on a machine with and one without AVX2 and FMA may differ in the
// last bits. On one machine the variant is always the same, so results repeat exactly. The few values that go
// to the C library's exp (out of range, or the last count mod 4) may differ between machines as that exp does.
// The `_baseline` entry points run the baseline variant whatever the machine, for the tests that compare
// the two.
#ifndef TRUANT_CKERNELS_H
#define TRUANT_CKERNELS_H

#include <stddef.h>

/// Adds the upper triangle of Z'Z to C: `z` is column-major m x w (leading dimension m), `c` column-major
/// w x w (leading dimension w); entry (a, b) with a <= b is c[a + b w]. `w` must be a multiple of 4 (else
/// nothing is done); the strictly lower triangle of `c` is left alone. Each entry is summed over the rows in
/// four interleaved lanes (rows k with k mod 4 = 0, 1, 2, 3, each product added by a fused multiply-add in the
/// AVX2 variant; the rows past the last multiple of 4 in lane 0, by a multiply and an add),
/// the lanes added as (l0 + l1) + (l2 + l3), and that sum added to c.
void truant_cross_upper(int w, int m, const double *z, double *c);
void truant_cross_upper_baseline(int w, int m, const double *z, double *c);
/// `truant_cross_upper`, the same sums, which meanwhile asks the memory system for the covariates the next chunk
/// of the Cox pass reads: rows 0 ..< m_next of p columns, column j from next + j n (nothing when `next` is
/// NULL). A hint, spread over the cross-product's steps so that the fetches overlap its arithmetic; no value
/// read or written changes. In a C harness of the 1M-row Cox pass it took a tenth off the pass (development
/// measurement); the end-to-end effect, with the session's other changes, is in Benchmarks/RESULTS.md
/// (2026-12-01, the run on e1321dc). Columns `live ..< w` of z are taken to be zero (the panel's padding): their
/// entries of c are left alone and no product with them is computed (0 <= live <= w, else nothing is done).
void truant_cross_upper_prefetch(int w, int live, int m, const double *z, double *c, const double *next, ptrdiff_t n,
                                 int p, int m_next);

/// Replaces v[0 ..< count] by their exponentials, within 2 ulp of the C library's exp: four at a time in
/// [-708, 709]; a group of four holding a value outside it or NaN, and the last count mod 4 values, take the C
/// library's exp.
void truant_exp_array(double *v, ptrdiff_t count);
void truant_exp_array_baseline(double *v, ptrdiff_t count);

/// One chunk of m rows of the Cox per-slot pass (nothing is written unless w >= p + 1). `x` points at the
/// chunk's first row of covariate 0; covariate j's rows are at x + j n. `offset` and `root_weight` (square roots of the case weights) point at the chunk's
/// first row or are NULL (all 0, all 1). Writes, for each row k:
///   eta[k]  = offset[k] + Σ_j beta[j] x_j[k] (terms in j order, by fused multiply-adds in the AVX2 variant,
///             those with beta[j] == 0 left out);
///   s       = 1 when at_zero, else exp(eta[k] / 2) (as truant_exp_array, in groups of four from row 0),
///             times root_weight[k];
///   risk[k] = s s (when `risk` is not NULL);
///   z       = column-major m x w: column 0 is s, column 1 + j is s x_j[k], columns p + 1 ..< w are 0.
void truant_cox_chunk(int m, int p, int w, ptrdiff_t n, const double *x, const double *beta, const double *offset,
                      const double *root_weight, int at_zero, double *eta, double *risk, double *z);
void truant_cox_chunk_baseline(int m, int p, int w, ptrdiff_t n, const double *x, const double *beta,
                               const double *offset, const double *root_weight, int at_zero, double *eta,
                               double *risk, double *z);

#endif

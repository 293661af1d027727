// One chunk of the Cox per-slot pass (CoxSlotData in Models): the linear predictor, the risks and the scaled
// panel Z = sqrt(r) (1, x, 0...) whose cross-product gives the slot's S0, S1 and S2. The same arithmetic in the
// same order in every variant, except that the AVX2 one fuses the linear predictor's multiply-adds.
#include "CKernels.h"
#include "vec4.h"
#include <math.h>
#include <stddef.h>
#include <string.h>

static inline __attribute__((always_inline))
void cox_chunk(int m, int p, int w, ptrdiff_t n, const double *restrict x, const double *restrict beta,
               const double *restrict offset, const double *restrict root_weight, int at_zero,
               double *restrict eta, double *restrict risk, double *restrict z, int fused) {
    const int m4 = m & ~3;
    // η, one covariate at a time: each pass streams one column from memory. Many concurrent streams defeat the
    // prefetcher: fusing all columns per row took 20 ms against 12 ms for 1M rows x 10 covariates on one core of
    // the benchmark machine (a development measurement, not in the benchmark harness).
    if (offset) {
        memcpy(eta, offset, (size_t)m * sizeof(double));
    } else {
        memset(eta, 0, (size_t)m * sizeof(double));
    }
    for (int j = 0; j < p; j++) {
        const double b = beta[j];
        if (b == 0) continue;
        const double *col = x + (size_t)j * n;
        const v4d bv = splat4(b);
        int k = 0;
        for (; k < m4; k += 4) store4(eta + k, fma4(bv, load4(col + k), load4(eta + k), fused));
        for (; k < m; k++) eta[k] = fused ? fma(b, col[k], eta[k]) : eta[k] + b * col[k];
    }
    // s = sqrt(w) e^(η/2) into column 0 of z, r = s².
    int k = 0;
    for (; k < m4; k += 4) {
        v4d s;
        if (at_zero) {
            s = splat4(1);
        } else {
            const v4d h = splat4(0.5) * load4(eta + k);
            if (in_exp_range(h)) {
                s = exp4(h);
            } else {
                for (int l = 0; l < 4; l++) s[l] = exp(h[l]);
            }
        }
        if (root_weight) s *= load4(root_weight + k);
        store4(z + k, s);
        if (risk) store4(risk + k, s * s);
    }
    for (; k < m; k++) {
        double s = at_zero ? 1 : exp(0.5 * eta[k]);
        if (root_weight) s *= root_weight[k];
        z[k] = s;
        if (risk) risk[k] = s * s;
    }
    // Columns 1 + j: s x_j (the chunk's covariates are in cache from the η pass); then the zero padding.
    for (int j = 0; j < p; j++) {
        const double *col = x + (size_t)j * n;
        double *dst = z + (size_t)(j + 1) * m;
        k = 0;
        for (; k < m4; k += 4) store4(dst + k, load4(z + k) * load4(col + k));
        for (; k < m; k++) dst[k] = z[k] * col[k];
    }
    if (w > p + 1) memset(z + (size_t)(p + 1) * m, 0, (size_t)(w - p - 1) * (size_t)m * sizeof(double));
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void cox_chunk_avx2(int m, int p, int w, ptrdiff_t n, const double *x, const double *beta, const double *offset,
                           const double *root_weight, int at_zero, double *eta, double *risk, double *z) {
    cox_chunk(m, p, w, n, x, beta, offset, root_weight, at_zero, eta, risk, z, 1);
}
#endif

static void cox_chunk_base(int m, int p, int w, ptrdiff_t n, const double *x, const double *beta, const double *offset,
                           const double *root_weight, int at_zero, double *eta, double *risk, double *z) {
    cox_chunk(m, p, w, n, x, beta, offset, root_weight, at_zero, eta, risk, z, 0);
}

void truant_cox_chunk(int m, int p, int w, ptrdiff_t n, const double *x, const double *beta, const double *offset,
                      const double *root_weight, int at_zero, double *eta, double *risk, double *z) {
    if (m <= 0 || p < 0 || w < p + 1) return;
#if defined(__x86_64__)
    if (truant_has_avx2()) {
        cox_chunk_avx2(m, p, w, n, x, beta, offset, root_weight, at_zero, eta, risk, z);
        return;
    }
#endif
    cox_chunk_base(m, p, w, n, x, beta, offset, root_weight, at_zero, eta, risk, z);
}

void truant_cox_chunk_baseline(int m, int p, int w, ptrdiff_t n, const double *x, const double *beta,
                               const double *offset, const double *root_weight, int at_zero, double *eta,
                               double *risk, double *z) {
    if (m <= 0 || p < 0 || w < p + 1) return;
    cox_chunk_base(m, p, w, n, x, beta, offset, root_weight, at_zero, eta, risk, z);
}

// The exponential of an array, four values at a time (`exp4` in vec4.h); groups of four holding a value
// outside [-708, 709] or NaN, and the last count mod 4 values, take the C library's exp.
#include "CKernels.h"
#include "vec4.h"
#include <math.h>

static inline __attribute__((always_inline)) void exp_array(double *v, ptrdiff_t count) {
    ptrdiff_t k = 0;
    for (; k + 4 <= count; k += 4) {
        const v4d x = load4(v + k);
        if (in_exp_range(x)) {
            store4(v + k, exp4(x));
        } else {
            for (int l = 0; l < 4; l++) v[k + l] = exp(v[k + l]);
        }
    }
    for (; k < count; k++) v[k] = exp(v[k]);
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void exp_avx2(double *v, ptrdiff_t count) { exp_array(v, count); }
#endif
static void exp_base(double *v, ptrdiff_t count) { exp_array(v, count); }

void truant_exp_array(double *v, ptrdiff_t count) {
#if defined(__x86_64__)
    if (truant_has_avx2()) { exp_avx2(v, count); return; }
#endif
    exp_base(v, count);
}

void truant_exp_array_baseline(double *v, ptrdiff_t count) { exp_base(v, count); }

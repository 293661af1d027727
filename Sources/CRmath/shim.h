#ifndef CRMATH_SHIM_H
#define CRMATH_SHIM_H
// R's standalone math library (r-mathlib). With MATHLIB_STANDALONE the normal family is
// renamed by macro (dnorm -> dnorm4, pnorm -> pnorm5, qnorm -> qnorm5); Swift sees the
// real names only, so call dnorm4/pnorm5/qnorm5 from Swift.
#define MATHLIB_STANDALONE 1
#include <Rmath.h>
#endif

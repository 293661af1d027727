#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
// Swift does not import C99 `_Complex`; a {re, im} struct has the same layout and calling
// convention, so LAPACKE's complex routines import as ordinary functions.
typedef struct { float  real, imag; } clapack_complex_float;
typedef struct { double real, imag; } clapack_complex_double;
#define lapack_complex_float  clapack_complex_float
#define lapack_complex_double clapack_complex_double
// OpenBLAS' cblas.h (pkg-config "openblas" pins openblas-pthread/); also declares
// openblas_set_num_threads, openblas_get_corename.
#include <cblas.h>
// Reference LAPACKE (liblapacke-dev); its Fortran calls resolve into the same OpenBLAS.
#include <lapacke.h>
#endif

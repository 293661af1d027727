internal import CKernels

/// The exponential of many values at once, four per step as SIMD vectors, within 2 ulp of the C
/// library's `exp` (tested on a dense sweep of [-40, 40] and the reduction's edges).
///
/// `exp(x) = 2^k exp(r)` with `k = round(x / ln 2)` and `|r| <= ln 2 / 2`: `r` comes from Cody and Waite's
/// two-part `ln 2` (the product `k ln2_hi` is exact), `exp(r)` from its Taylor polynomial to degree 13
/// (truncation below 1e-17 relative) and `2^k` is put together from its exponent bits. Inputs outside
/// `[-708, 709]` (results that are subnormal, zero or overflow) and NaN take the C library's `exp`, and
/// so does every value of a group of four that holds one. In range, plain IEEE arithmetic without fused
/// operations: the same bits on every machine. The loop is C (`CKernels`), which runs AVX2 where the
/// machine has it and the same arithmetic on baseline x86-64 otherwise.
package enum VectorExp {
    /// Replaces `v[0 ..< count]` by their exponentials.
    package static func exponentiate(_ v: UnsafeMutablePointer<Double>, count: Int) {
        truant_exp_array(v, count)
    }

    /// `exponentiate` on the baseline (non-AVX2) variant whatever the machine, for tests.
    package static func exponentiateBaseline(_ v: UnsafeMutablePointer<Double>, count: Int) {
        truant_exp_array_baseline(v, count)
    }
}

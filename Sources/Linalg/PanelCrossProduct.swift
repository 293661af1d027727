internal import CKernels

/// The upper triangle of `Z'Z` for a tall, narrow column-major panel `Z`, added to `C`: the per-slot
/// cross-products of the Cox pass. For a dozen columns BLAS `dsyrk` spent about as long packing the panel as
/// multiplying (see `cross_upper.c`); this kernel reads it in place. It is C (`CKernels`) so that it can choose AVX2 at run time;
/// every variant does the same arithmetic in the same order, so the bits do not depend on the machine.
package enum PanelCrossProduct {
    /// `c[a + b w] += Σ_k z[k + a m] z[k + b m]` for `a <= b < w` (the strictly lower triangle of `c` is
    /// left alone). `w` must be a multiple of 4; `z` holds `m w` values, `c` holds `w²`.
    package static func addUpper(columns w: Int, rows m: Int, _ z: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>) {
        precondition(w >= 0 && w % 4 == 0 && m >= 0, "PanelCrossProduct: the width must be a multiple of 4")
        truant_cross_upper(Int32(w), Int32(m), z, c)
    }

    /// `addUpper` on the baseline (non-AVX2) variant whatever the machine, for tests that compare the two.
    package static func addUpperBaseline(columns w: Int, rows m: Int, _ z: UnsafePointer<Double>,
                                         into c: UnsafeMutablePointer<Double>) {
        precondition(w >= 0 && w % 4 == 0 && m >= 0, "PanelCrossProduct: the width must be a multiple of 4")
        truant_cross_upper_baseline(Int32(w), Int32(m), z, c)
    }
}

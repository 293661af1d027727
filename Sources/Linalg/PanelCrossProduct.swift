internal import CKernels

/// The upper triangle of `Z'Z` for a tall, narrow column-major panel `Z`, added to `C`: the per-slot
/// cross-products of the Cox pass. For a dozen columns BLAS `dsyrk` spent about as long packing the panel as
/// multiplying (see `cross_upper.c`); this kernel reads it in place. It is C (`CKernels`) so that it can choose AVX2 at run time;
/// its variants add in the same order, the AVX2 one by fused multiply-adds (so a machine without AVX2 and FMA may
/// differ in the last bits; on one machine the result always repeats).
package enum PanelCrossProduct {
    /// `c[a + b w] += Σ_k z[k + a m] z[k + b m]` for `a <= b < w` (the strictly lower triangle of `c` is
    /// left alone). `w` must be a multiple of 4; `z` holds `m w` values, `c` holds `w²`.
    package static func addUpper(columns w: Int, rows m: Int, _ z: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>) {
        precondition(w >= 0 && w % 4 == 0 && m >= 0, "PanelCrossProduct: the width must be a multiple of 4")
        truant_cross_upper(Int32(w), Int32(m), z, c)
    }

    /// `addUpper` for a panel whose columns `live ..< w` are zero (padding): the same sums for the entries of
    /// columns `0 ..< live`, the others left alone (no product with a zero column is computed). Meanwhile the
    /// next chunk's covariates are fetched into the cache: rows `0 ..< nextRows` of `nextColumns` columns, column
    /// `j` at `next + j * stride`. A hint only (no value changes); it lets the memory reads of a streaming pass
    /// overlap this arithmetic.
    package static func addUpper(columns w: Int, live: Int, rows m: Int, _ z: UnsafePointer<Double>,
                                 into c: UnsafeMutablePointer<Double>, prefetching next: UnsafePointer<Double>?,
                                 rows nextRows: Int, columns nextColumns: Int, stride: Int) {
        precondition(w >= 0 && w % 4 == 0 && m >= 0, "PanelCrossProduct: the width must be a multiple of 4")
        precondition(live >= 0 && live <= w, "PanelCrossProduct: live columns outside 0...width")
        precondition(nextRows >= 0 && nextColumns >= 0 && nextRows <= Int(Int32.max) && nextColumns <= Int(Int32.max))
        truant_cross_upper_prefetch(Int32(w), Int32(live), Int32(m), z, c, next, stride, Int32(nextColumns), Int32(nextRows))
    }

    /// `addUpper` on the baseline (non-AVX2) variant whatever the machine, for tests that compare the two.
    package static func addUpperBaseline(columns w: Int, rows m: Int, _ z: UnsafePointer<Double>,
                                         into c: UnsafeMutablePointer<Double>) {
        precondition(w >= 0 && w % 4 == 0 && m >= 0, "PanelCrossProduct: the width must be a multiple of 4")
        truant_cross_upper_baseline(Int32(w), Int32(m), z, c)
    }
}

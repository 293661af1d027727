internal import CLapack

/// A real symmetric tridiagonal matrix, stored as its diagonal and its first off-diagonal,
/// with an eigen-solver through LAPACK's `dstev` (implicit QL/QR).
///
/// The typical use is the Golub–Welsch algorithm for Gaussian quadrature: the nodes of a rule
/// are the eigenvalues of the Jacobi matrix of the three-term recurrence, and the weights come
/// from the first components of the normalized eigenvectors.
///
/// ```swift
/// let j = try SymmetricTridiagonal(diagonal: [0, 0], offDiagonal: [1])
/// try j.eigenvalues()   // [-1, 1]
/// ```
public struct SymmetricTridiagonal: Sendable, Equatable {
    /// The diagonal elements `a[0], ..., a[n-1]`.
    public let diagonal: [Double]
    /// The off-diagonal elements `b[0], ..., b[n-2]` (`b[i]` sits at positions (i, i+1) and (i+1, i)).
    public let offDiagonal: [Double]

    /// Creates the matrix from its diagonal (length `n`) and off-diagonal (length `n - 1`, or 0 when `n` is 0).
    ///
    /// Throws `LinalgError.dimensionMismatch` when the lengths do not fit together.
    public init(diagonal: [Double], offDiagonal: [Double]) throws(LinalgError) {
        let expected = Swift.max(diagonal.count - 1, 0)
        guard offDiagonal.count == expected else {
            throw LinalgError.dimensionMismatch(
                "symmetric tridiagonal matrix of order \(diagonal.count) needs \(expected) off-diagonal elements, got \(offDiagonal.count)")
        }
        self.diagonal = diagonal
        self.offDiagonal = offDiagonal
    }

    /// The order `n` of the matrix.
    public var order: Int { diagonal.count }

    /// The eigen-decomposition `T = V diag(values) V'` of a symmetric tridiagonal matrix.
    public struct Eigen: Sendable, Equatable {
        /// Eigenvalues in ascending order.
        public let values: [Double]
        /// Orthonormal eigenvectors as the columns of an `n x n` matrix, column `j` belonging to `values[j]`.
        /// The sign of each column is LAPACK's (not normalized).
        public let vectors: Matrix

        /// The first component of each eigenvector (row 0 of `vectors`); squared, these are the
        /// Golub–Welsch quadrature weights relative to the total mass of the weight function.
        public var firstComponents: [Double] {
            vectors.rows == 0 ? [] : vectors.row(0)
        }
    }

    /// The eigenvalues in ascending order (LAPACK `dstev`, `jobz = 'N'`).
    ///
    /// Throws `LinalgError.noConvergence` if the QL/QR iteration fails and `LinalgError.illegalArgument`
    /// if the matrix holds NaN.
    public func eigenvalues() throws(LinalgError) -> [Double] {
        let n = order
        if n == 0 { return [] }
        var d = diagonal
        var e = offDiagonal + [0]          // dstev may touch e[n-1] as workspace; keep it allocated
        var z = [0.0]
        let info = d.withUnsafeMutableBufferPointer { pd in
            e.withUnsafeMutableBufferPointer { pe in
                z.withUnsafeMutableBufferPointer { pz in
                    LAPACKE_dstev(LAPACK_COL_MAJOR, jobz("N"), Int32(n), pd.baseAddress, pe.baseAddress,
                                  pz.baseAddress, 1)
                }
            }
        }
        try Self.check(info)
        return d
    }

    /// Eigenvalues (ascending) and orthonormal eigenvectors (LAPACK `dstev`, `jobz = 'V'`).
    ///
    /// Throws `LinalgError.noConvergence` if the QL/QR iteration fails and `LinalgError.illegalArgument`
    /// if the matrix holds NaN.
    public func eigen() throws(LinalgError) -> Eigen {
        let n = order
        if n == 0 { return Eigen(values: [], vectors: Matrix(rows: 0, columns: 0)) }
        var d = diagonal
        var e = offDiagonal + [0]
        var v = Matrix(rows: n, columns: n)
        let info = d.withUnsafeMutableBufferPointer { pd in
            e.withUnsafeMutableBufferPointer { pe in
                v.storage.withUnsafeMutableBufferPointer { pz in
                    LAPACKE_dstev(LAPACK_COL_MAJOR, jobz("V"), Int32(n), pd.baseAddress, pe.baseAddress,
                                  pz.baseAddress, Int32(n))
                }
            }
        }
        try Self.check(info)
        return Eigen(values: d, vectors: v)
    }

    /// LAPACK's `char` job flag (kept local so this file does not depend on helpers elsewhere in Linalg).
    private func jobz(_ s: Unicode.Scalar) -> CChar { CChar(truncatingIfNeeded: s.value) }

    private static func check(_ info: Int32) throws(LinalgError) {
        if info < 0 { throw LinalgError.illegalArgument(routine: "dstev", argument: Int(-info)) }
        if info > 0 { throw LinalgError.noConvergence(routine: "dstev", count: Int(info)) }
    }
}

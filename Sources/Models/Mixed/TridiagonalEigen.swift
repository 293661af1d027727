internal import CLapack
import Linalg

extension Matrix {
    /// Eigen-decomposition of a symmetric tridiagonal matrix (LAPACK dstev): on return `diagonal` holds the
    /// eigenvalues in ascending order; the result's columns are the orthonormal eigenvectors.
    static func symmetricTridiagonalEigen(diagonal d: inout [Double], offDiagonal e: inout [Double]) throws -> Matrix {
        let n = d.count
        var z = Matrix(rows: n, columns: n)
        let info = d.withUnsafeMutableBufferPointer { dp in
            e.withUnsafeMutableBufferPointer { ep in
                z.storage.withUnsafeMutableBufferPointer { zp in
                    LAPACKE_dstev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), Int32(n), dp.baseAddress, ep.baseAddress,
                                  zp.baseAddress, Int32(n))
                }
            }
        }
        if info != 0 { throw MixedModelError.numerical("dstev failed (info \(info)) computing a Gauss-Hermite rule") }
        return z
    }
}

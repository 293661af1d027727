import Testing
@testable import Linalg
import TestSupport

@Suite("Symmetric eigen-decomposition and SVD against R")
struct EigenSVDTests {
    let fixture: [String: Any]
    init() throws { fixture = try LinalgFixture.load("eigen_svd.json") }

    /// R: e <- eigen(S, symmetric = TRUE) (values descending; ours ascending)
    @Test("eigenvalues ascending equal R's reversed; vectors equal up to sign")
    func eigen() throws {
        let s = try fixture.matrix("s")
        let e = try SymmetricEigen(s)
        let rValues = try fixture.doubles("values")
        #expect(maxRelativeDifference(e.values, rValues.reversed()) < 1e-10)
        let rVectors = try fixture.matrix("vectors")
        let n = s.rows
        let v = try #require(e.vectors)
        for j in 0..<n {
            let ours = v.column(j), theirs = rVectors.column(n - 1 - j)
            let sign: Double = BLAS.dot(ours, theirs) < 0 ? -1 : 1
            #expect(maxScaledDifference(ours.map { sign * $0 }, theirs) < 1e-10)
        }
        // S V = V diag(values) and V'V = I.
        let sv = s * v
        var vl = v
        for j in 0..<n { for i in 0..<n { vl[i, j] *= e.values[j] } }
        #expect(maxScaledDifference(sv.storage, vl.storage) < 1e-12)
        #expect(maxScaledDifference(v.crossProduct.storage, Matrix.identity(n).storage) < 1e-13)
        let valuesOnly = try SymmetricEigen(s, vectors: false)
        #expect(valuesOnly.vectors == nil)
        #expect(maxRelativeDifference(valuesOnly.values, e.values) < 1e-12)
    }

    /// R: eigen(matrix(c(2, -1, 0, -1, 2, -1, 0, -1, -3), 3), symmetric = TRUE)$values
    @Test("an indefinite matrix has a negative eigenvalue first")
    func indefinite() throws {
        let ind = try fixture.object("indefinite")
        let e = try SymmetricEigen(try ind.matrix("s"))
        #expect(maxRelativeDifference(e.values, try ind.doubles("values").reversed()) < 1e-12)
        #expect(e.values[0] < 0)
    }

    /// R: svd(G)$d, $u, $v
    @Test("singular values descending match svd(G)$d; U diag(d) V' reconstructs G")
    func svd() throws {
        let g = try fixture.matrix("g")
        let d = try SingularValueDecomposition(g)
        #expect(maxRelativeDifference(d.values, try fixture.doubles("singular_values")) < 1e-10)
        let u = try #require(d.u), vt = try #require(d.vt)
        #expect(u.rows == 8 && u.columns == 5 && vt.rows == 5 && vt.columns == 5)
        var us = u
        for j in 0..<5 { for i in 0..<8 { us[i, j] *= d.values[j] } }
        #expect(maxScaledDifference((us * vt).storage, g.storage) < 1e-13)
        // Vectors up to a common sign per singular pair (R: svd(G)$u, svd(G)$v).
        let ru = try fixture.matrix("u"), rv = try fixture.matrix("v")
        let v = vt.transposed
        for j in 0..<5 {
            let sign: Double = BLAS.dot(u.column(j), ru.column(j)) < 0 ? -1 : 1
            #expect(maxScaledDifference(u.column(j).map { sign * $0 }, ru.column(j)) < 1e-10)
            #expect(maxScaledDifference(v.column(j).map { sign * $0 }, rv.column(j)) < 1e-10)
        }
        let wide = try SingularValueDecomposition(g.transposed, vectors: false)
        #expect(wide.u == nil && wide.vt == nil)
        #expect(maxRelativeDifference(wide.values, d.values) < 1e-12)
    }

    @Test("non-square eigen input throws dimensionMismatch; NaN throws; empty works")
    func errors() throws {
        #expect(throws: LinalgError.self) { try SymmetricEigen(Matrix(rows: 2, columns: 3)) }
        var bad = Matrix.identity(2)
        bad[0, 1] = .nan
        #expect(throws: LinalgError.self) { try SymmetricEigen(bad) }
        #expect(throws: LinalgError.self) { try SingularValueDecomposition(bad) }
        #expect(try SymmetricEigen(Matrix(rows: 0, columns: 0)).values.isEmpty)
        #expect(try SingularValueDecomposition(Matrix(rows: 3, columns: 0)).values.isEmpty)
    }
}

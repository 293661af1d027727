import Foundation
import Testing
@testable import Linalg
import TestSupport

/// The design of Scripts/reference/linalg.R: columns (Intercept), x1, x2, x12 = x1 + x2 (exactly
/// collinear), x3, z = x1 - 2 x3 + 1e-9 e1 (near-collinear), w = x2 + 1e-4 e2 (mildly collinear).
@Suite("QR with R's limited pivoting (dqrdc2) against R")
struct QRDecompositionTests {
    let fixture: [String: Any]
    let x: Matrix
    let y: [Double]
    init() throws {
        fixture = try LinalgFixture.load("qr.json")
        x = try fixture.matrix("x")
        y = try fixture.doubles("y")
    }

    /// R: q <- qr(X, tol = 1e-7); q$rank; q$pivot; qr.coef(q, y)
    @Test("tol = 1e-7 (lm): x12 and z are aliased, the later columns of each collinear set")
    func lmTolerance() throws {
        let ref = try fixture.object("tol1e7")
        let qr = try QRDecomposition(x, tolerance: 1e-7)
        #expect(qr.rank == 5)
        #expect(qr.rank == (try ref.int("rank")))
        #expect(qr.pivot == (try ref.ints("pivot")))
        #expect(qr.pivot == [0, 1, 2, 4, 6, 3, 5])
        #expect(qr.aliased == [false, false, false, true, false, true, false])
        try expectMatches(qr, ref, coefficientTolerance: 1e-10, projectionTolerance: 1e-10)
    }

    /// R: q <- qr(X, tol = 1e-11) (glm.fit's tolerance); only the exact alias x12 is dropped.
    @Test("tol = 1e-11 (glm): only the exactly collinear x12 is aliased")
    func glmTolerance() throws {
        let ref = try fixture.object("tol1e11")
        let qr = try QRDecomposition(x, tolerance: 1e-11)
        #expect(qr.rank == 6)
        #expect(qr.pivot == (try ref.ints("pivot")))
        // Keeping the near-collinear z makes the system ill-conditioned: z's new direction is its
        // 1e-9-sized residual, whose rounding (1e-16 * |z|) leaves it determined to ~1e-6 only.
        // So coefficients of size 6e7, Q'y beyond column 4 and the fit agree with R to ~1e-6,
        // as two correct backward-stable algorithms (LINPACK vs LAPACK order of operations) must.
        try expectMatches(qr, ref, coefficientTolerance: 1e-5, projectionTolerance: 1e-5)
    }

    /// R: fit <- lm.fit(X, y); fit$coefficients; fit$effects; fit$residuals
    @Test("coefficients (NA positions), effects and residuals match lm.fit")
    func lmFit() throws {
        let ref = try fixture.object("lm_fit")
        let qr = try QRDecomposition(x)
        let coef = qr.coefficients(y)
        let expected = try ref.optionalDoubles("coef")
        #expect(coef.map { $0 == nil } == expected.map { $0 == nil })
        for (c, e) in zip(coef, expected) {
            if let c, let e { #expect(isClose(c, e, rel: 1e-10)) }
        }
        #expect(qr.rank == (try ref.int("rank")))
        #expect(qr.pivot == (try ref.ints("pivot")))
        #expect(maxScaledDifference(qr.effects(y), try ref.doubles("effects")) < 1e-10)
        #expect(maxScaledDifference(qr.residuals(y), try ref.doubles("residuals")) < 1e-10)
    }

    func expectMatches(_ qr: QRDecomposition, _ ref: [String: Any], coefficientTolerance: Double,
                       projectionTolerance: Double) throws {
        // R factor of the accepted columns, including LINPACK's signs (R: qr.R(q)[, 1:rank]).
        // The columns of aliased variables hold rounding-level residuals (1e-9 of z) and are only
        // checked in absolute terms.
        let r = try ref.matrix("r")
        let k = qr.rank
        let lead = r.submatrix(rows: 0..<r.rows, columns: 0..<k).storage
        #expect(maxScaledDifference(qr.r.submatrix(rows: 0..<r.rows, columns: 0..<k).storage, lead) < 1e-10)
        #expect(maxScaledDifference(qr.r.storage, r.storage) < 1e-8)
        // Q'y with `rank` reflectors (R: qr.qty(q, y)), fitted and residuals.
        #expect(maxScaledDifference(qr.qtApply(y), try ref.doubles("qty")) < projectionTolerance)
        #expect(maxScaledDifference(qr.fitted(y), try ref.doubles("fitted")) < projectionTolerance)
        #expect(maxScaledDifference(qr.residuals(y), try ref.doubles("resid")) < 10 * projectionTolerance)
        // qr.coef: NA exactly where R has NA.
        let coef = qr.coefficients(y)
        let expected = try ref.optionalDoubles("coef")
        #expect(coef.map { $0 == nil } == expected.map { $0 == nil })
        for (c, e) in zip(coef, expected) {
            if let c, let e { #expect(isClose(c, e, rel: coefficientTolerance)) }
        }
        // chol2inv(q$qr[1:k, 1:k])
        let cov = try qr.unscaledCovariance()
        let refCov = try ref.matrix("unscaled_cov")
        #expect(maxScaledDifference(cov.storage, refCov.storage) < coefficientTolerance)
    }

    /// R: qr(W) for a 3x5 W; qr(cbind(1, 0, x1, x2)) with a zero column.
    @Test("a wide matrix has rank n; a zero column is moved to the end")
    func wideAndZero() throws {
        let wide = try fixture.object("wide")
        let qw = try QRDecomposition(try wide.matrix("x"))
        #expect(qw.rank == (try wide.int("rank")))
        #expect(qw.pivot == (try wide.ints("pivot")))
        #expect(maxScaledDifference(qw.r.storage, try wide.matrix("r").storage) < 1e-10)
        let zero = try fixture.object("zero_column")
        let qz = try QRDecomposition(try zero.matrix("x"))
        #expect(qz.rank == 3)
        #expect(qz.pivot == (try zero.ints("pivot")))
        #expect(qz.coefficients([1, 2, 3, 4, 5, 6])[1] == nil)
    }

    @Test("a full-rank square system is solved exactly; empty and zero matrices work")
    func edges() throws {
        let a = Matrix(rowMajor: [[2, 1], [1, 3]])
        let qr = try QRDecomposition(a)
        #expect(qr.rank == 2)
        let b = qr.solve([3, 5])
        #expect(maxRelativeDifference(b, [0.8, 1.4]) < 1e-14)
        let none = try QRDecomposition(Matrix(rows: 4, columns: 0))
        #expect(none.rank == 0 && none.pivot.isEmpty)
        #expect(none.residuals([1, 2, 3, 4]) == [1, 2, 3, 4])
        let zeros = try QRDecomposition(Matrix(rows: 3, columns: 2))
        #expect(zeros.rank == 0)
        #expect(zeros.coefficients([1, 2, 3]) == [nil, nil])
    }

    @Test("the workspace form factors diag(w) X like the copying form, and hands the buffer back")
    func workspaceForm() throws {
        let w = (0..<x.rows).map { 0.5 + Double($0 % 7) / 7 }
        var scaled = x
        scaled.scaleRows(by: w)
        let yw = zip(y, w).map { $0 * $1 }
        let reference = try QRDecomposition(scaled, tolerance: 1e-7)
        var workspace = Matrix(rows: 3, columns: 3)     // wrong shape: resized once
        for _ in 0..<2 {
            let qr = try QRDecomposition(x, rowScale: w, tolerance: 1e-7, workspace: &workspace)
            #expect(workspace.storage.isEmpty)
            #expect(qr.rank == reference.rank && qr.pivot == reference.pivot)
            #expect(qr.pivot == [0, 1, 2, 4, 6, 3, 5])
            #expect(maxScaledDifference(qr.r.storage, reference.r.storage) == 0)
            let c = qr.coefficients(yw), r = reference.coefficients(yw)
            #expect(c == r)
            workspace = qr.releaseWorkspace()
            #expect(workspace.rows == x.rows && workspace.columns == x.columns)
        }
        let unscaled = try QRDecomposition(x, rowScale: nil, workspace: &workspace)
        #expect(unscaled.coefficients(y).map { $0 == nil } == (try QRDecomposition(x)).coefficients(y).map { $0 == nil })
    }

    @Test("NaN input is rejected with an error, not a crash")
    func nanInput() {
        var a = Matrix(rows: 3, columns: 2, repeating: 1)
        a[1, 1] = .nan
        #expect(throws: LinalgError.self) { try QRDecomposition(a) }
        #expect(throws: LinalgError.self) { try ColumnPivotedQR(a) }
    }

    @Test("with tolerance 0 a zero column is kept, and its covariance throws singular")
    func zeroToleranceSingular() throws {
        let qr = try QRDecomposition(Matrix(rowMajor: [[1, 0], [1, 0], [1, 0]]), tolerance: 0)
        #expect(qr.rank == 2)
        #expect(throws: LinalgError.singular(routine: "QRDecomposition", index: 2)) { try qr.unscaledCovariance() }
        let strict = try QRDecomposition(Matrix(rowMajor: [[1, 0], [1, 0], [1, 0]]))
        #expect(strict.rank == 1)
        #expect(isClose(try strict.unscaledCovariance()[0, 0], 1.0 / 3.0, rel: 1e-15))
    }
}

@Suite("QR with full column pivoting (dgeqp3) against R")
struct ColumnPivotedQRTests {
    /// R: qr(X, LAPACK = TRUE) (dgeqp3); R reports no rank, so it is checked against |diag R|.
    @Test("pivot and |diag R| match qr(X, LAPACK = TRUE); the rank drops the two aliases")
    func againstR() throws {
        let f = try LinalgFixture.load("qr.json")
        let x = try f.matrix("x"), y = try f.doubles("y")
        let lapack = try f.object("lapack")
        let qr = try ColumnPivotedQR(x, tolerance: 1e-7)
        #expect(qr.pivot == (try lapack.ints("pivot")))
        let diag = qr.r.diagonalElements.map(abs)
        #expect(maxRelativeDifference(diag, try lapack.doubles("abs_diag_r")).isFinite)
        #expect(maxRelativeDifference(Array(diag.prefix(5)), Array(try lapack.doubles("abs_diag_r").prefix(5))) < 1e-8)
        #expect(qr.rank == 5)
        // Basic solution fits as well as lm's (same column space at rank 5 up to 1e-9 perturbations).
        let coef = qr.coefficients(y)
        #expect(coef.filter { $0 == nil }.count == 2)
        let lm = try QRDecomposition(x)
        var fitted = [Double](repeating: 0, count: x.rows)
        for (j, c) in coef.enumerated() { if let c { BLAS.axpy(c, x.column(j), &fitted) } }
        #expect(maxScaledDifference(fitted, lm.fitted(y)) < 1e-6)
        #expect(try qr.unscaledCovariance().rows == 5)
    }
}

@Suite("Blocked Householder QR")
struct BlockedHouseholderTests {
    /// A deterministic 40 x 19 matrix with a collinear column 11 = column 2 + column 7.
    static func design(collinear: Bool = true) -> Matrix {
        var x = Matrix(rows: 40, columns: 19)
        var state: UInt64 = 99
        for j in 0..<19 {
            for i in 0..<40 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                x[i, j] = Double(state >> 11) / Double(1 << 53) - 0.5
            }
        }
        if collinear { x.setColumn(11, zip(x.column(2), x.column(7)).map { $0 + $1 }) }
        return x
    }

    @Test("blocks of 1, 4 and 8 columns give LAPACK's unblocked R and reflectors (full rank)")
    func blockSizes() throws {
        let x = Self.design(collinear: false)
        var reference = x
        let tauRef = try HouseholderReflectors.geqrf(&reference, blockSize: 64)   // one panel: dgeqr2
        for nb in [1, 4, 8] {
            var a = x
            let tau = try HouseholderReflectors.geqrf(&a, blockSize: nb)
            #expect(maxScaledDifference(a.storage, reference.storage) < 1e-12)
            #expect(maxScaledDifference(tau, tauRef) < 1e-12)
        }
    }

    @Test("the pivoted factorization resumes correctly: Q R reproduces X[:, pivot]")
    func resume() throws {
        let x = Self.design()
        let qr = try QRDecomposition(x)
        #expect(qr.rank == 18)
        #expect(qr.pivot == Array(0..<11) + Array(12..<19) + [11])
        // Column j of Q R is Q applied to column j of R (padded with zeros).
        let r = qr.r
        for j in 0..<19 {
            var col = [Double](repeating: 0, count: 40)
            for i in 0..<r.rows { col[i] = r[i, j] }
            // Only `rank` reflectors are applied by qApply; the aliased column's R entries below
            // row `rank` are rounding-level, so the reconstruction is checked in absolute terms.
            let back = qr.qApply(col)
            #expect(maxScaledDifference(back, x.column(qr.pivot[j])) < 1e-12)
        }
        // The same coefficients as a fresh factorization of the permuted matrix.
        let fresh = try QRDecomposition(x.selectingColumns(Array(qr.pivot.prefix(18))))
        let y = x.column(0).map { 2 * $0 + 1 }
        #expect(maxScaledDifference(qr.solve(y), fresh.solve(y)) < 1e-10)
    }
}

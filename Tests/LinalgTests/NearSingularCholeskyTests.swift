import Foundation
import Testing
@testable import Linalg
import TestSupport

@Suite("Cholesky of near-singular matrices against R")
struct NearSingularCholeskyTests {
    let fixture: [String: Any]
    init() throws { fixture = try LinalgFixture.load("cholesky.json") }

    /// R: chol(hilbert(n)); 2 * sum(log(diag(chol(h)))); determinant(h, logarithm = TRUE)
    @Test("Hilbert matrices of order 6 to 13 factor, 14 fails at the pivot R names", arguments: [6, 8, 10, 12, 13, 14])
    func hilbertMatrices(n: Int) throws {
        guard let cases = fixture["hilbert"] as? [[String: Any]],
              let c = cases.first(where: { ($0["n"] as? NSNumber)?.intValue == n }) else {
            throw FixtureError.malformed("hilbert \(n)")
        }
        let h = hilbert(n)
        if c["ok"] as? Bool == true {
            let chol = try Cholesky(h)
            // Same OpenBLAS dpotrf as R on bit-identical input: the factor agrees to rounding.
            #expect(maxRelativeDifference(chol.upper, try c.matrix("upper")) < 1e-10)
            #expect(isClose(chol.logDeterminant, try c.double("logdet_chol"), rel: 1e-12))
            if n <= 10 {
                // Against the exact value c_n^4 / c_2n: cond(H_10) = 1.6e13 costs accuracy; R's own
                // chol-based value is 1.4e-6 relative off at n = 10 (and so are we, identically).
                #expect(isClose(chol.logDeterminant, try c.double("logdet_exact"), rel: 1e-5))
            }
        } else {
            let pivot = try c.int("pivot")
            #expect(throws: LinalgError.notPositiveDefinite(routine: "dpotrf", pivot: pivot)) { try Cholesky(h) }
        }
    }

    /// R: S <- V diag(c(1, .5, .2, .1, 1e-3, 1e-13)) V'; chol(S)
    @Test("a covariance with eigenvalue 1e-13 factors; its log det matches R and the eigenvalues")
    func tinyEigenvalue() throws {
        let c = try fixture.object("cov_small")
        let s = try c.matrix("input")
        let chol = try Cholesky(s)
        #expect(c["ok"] as? Bool == true)
        #expect(isClose(chol.logDeterminant, try c.double("logdet_chol"), rel: 1e-12))
        // sum(log(lambda)) = -41.4466; the 1e-13 eigenvalue is known to ~1e-3 relative only.
        #expect(isClose(chol.logDeterminant, try c.double("logdet_eigen"), rel: 1e-4))
    }

    /// R: chol(V diag(c(1, .5, .2, .1, 1e-3, -1e-10)) V') -> "the leading minor of order 6 is not positive"
    @Test("a covariance with eigenvalue -1e-10 fails cleanly naming pivot 6")
    func negativeEigenvalue() throws {
        let c = try fixture.object("cov_negative")
        let s = try c.matrix("input")
        let pivot = try c.int("pivot")
        #expect(pivot == 6)
        #expect(throws: LinalgError.notPositiveDefinite(routine: "dpotrf", pivot: pivot)) { try Cholesky(s) }
        var work = s
        #expect(throws: LinalgError.notPositiveDefinite(routine: "dpotrf", pivot: pivot)) { try Cholesky.factorInPlace(&work) }
    }

    @Test("an indefinite matrix fails at the pivot R reports, with a readable message")
    func indefinite() throws {
        let c = try fixture.object("indefinite")
        let pivot = try c.int("pivot")
        do {
            _ = try Cholesky(try c.matrix("input"))
            Issue.record("expected notPositiveDefinite")
        } catch let error as LinalgError {
            #expect(error == .notPositiveDefinite(routine: "dpotrf", pivot: pivot))
            #expect(error.description.contains("leading minor of order \(pivot)"))
        }
    }

    @Test("non-square input throws dimensionMismatch")
    func nonSquare() {
        #expect(throws: LinalgError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
        #expect(throws: LinalgError.self) { try Cholesky(upperFactor: Matrix(rows: 2, columns: 3)) }
        #expect(throws: LinalgError.notPositiveDefinite(routine: "Cholesky(upperFactor:)", pivot: 2)) {
            try Cholesky(upperFactor: Matrix(rowMajor: [[1, 0], [0, 0]]))
        }
    }

    @Test("in-place factor and solves reuse the workspace and agree with the allocating API")
    func inPlace() throws {
        let a = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        var work = a
        try Cholesky.factorInPlace(&work)
        let chol = try Cholesky(upperFactor: work)
        #expect(chol == (try Cholesky(a)))
        var x = [1.0, 2, 3]
        Cholesky.solveInPlace(factor: work, &x)
        #expect(maxRelativeDifference(a * x, [1, 2, 3]) < 1e-12)
        var b = Matrix(rowMajor: [[1, 0], [2, 1], [3, 0]])
        chol.solveInPlace(&b)
        #expect(maxScaledDifference((a * b).storage, [1, 2, 3, 0, 1, 0]) < 1e-12)
        #expect(isClose(Cholesky.logDeterminant(factor: work), log(36.0), rel: 1e-14))
        let inv = try chol.inverse()
        #expect(maxScaledDifference((a * inv).storage, Matrix.identity(3).storage) < 1e-12)
    }
}

@Suite("Pivoted Cholesky against R")
struct PivotedCholeskyTests {
    /// R: chol(crossprod(F), pivot = TRUE) for a 3x5 F (rank 3)
    @Test("a rank-3 5x5 Gram matrix: rank, pivot and leading factor rows match R")
    func rankDeficient() throws {
        let f = try LinalgFixture.load("pivoted_cholesky.json")
        let pc = try PivotedCholesky(try f.matrix("a"))
        #expect(pc.rank == (try f.int("rank")))
        #expect(pc.pivot == (try f.ints("pivot")))
        let lead = try f.matrix("upper_leading")
        #expect(maxScaledDifference(pc.upper.submatrix(rows: 0..<3, columns: 0..<5).storage, lead.storage) < 1e-10)
    }

    @Test("negative diagonal and non-square input throw")
    func errors() {
        #expect(throws: LinalgError.notPositiveDefinite(routine: "dpstrf", pivot: 1)) {
            try PivotedCholesky(Matrix(rowMajor: [[-1, 0], [0, -2]]))
        }
        #expect(throws: LinalgError.self) { try PivotedCholesky(Matrix(rows: 3, columns: 2)) }
    }

    /// R: chol(matrix(c(1, 2, 2, 1), 2), pivot = TRUE) warns "the matrix is either rank-deficient or
    /// indefinite" and reports rank 1.
    @Test("an indefinite matrix is not an error: it shows as a smaller rank")
    func indefinite() throws {
        let pc = try PivotedCholesky(Matrix(rowMajor: [[1, 2], [2, 1]]))
        #expect(pc.rank == 1)
        #expect(pc.upper[1, 1] == 0)
    }
}

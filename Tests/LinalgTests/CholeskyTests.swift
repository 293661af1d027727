import Foundation
import Testing
@testable import Linalg
import TestSupport

@Suite("Cholesky")
struct CholeskyTests {
    @Test("factors a 3x3 SPD matrix so that U'U = A")
    func reconstructs() throws {
        let a = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let c = try Cholesky(a)
        // Known factor: U = [[2, 6, -8], [0, 1, 5], [0, 0, 3]]
        #expect(c.upper == Matrix(rowMajor: [[2, 6, -8], [0, 1, 5], [0, 0, 3]]))
        #expect(isClose(c.logDeterminant, log(36.0), rel: 1e-14))
        let x = c.solve([1, 2, 3])
        let back = a * x
        #expect(maxRelativeDifference(back, [1, 2, 3]) < 1e-12)
    }

    @Test("names the failing pivot of an indefinite matrix")
    func indefinite() {
        let a = Matrix(rowMajor: [[1, 2], [2, 1]])
        #expect(throws: LinalgError.notPositiveDefinite(routine: "dpotrf", pivot: 2)) { try Cholesky(a) }
    }
}

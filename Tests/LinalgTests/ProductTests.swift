import Testing
@testable import Linalg
import TestSupport

@Suite("Products against R")
struct ProductTests {
    let fixture: [String: Any]
    init() throws { fixture = try LinalgFixture.load("products.json") }

    @Test("A %*% B, crossprod(A) and A %*% v agree with R to 1e-12")
    func products() throws {
        let a = try fixture.matrix("a"), b = try fixture.matrix("b")
        let v = try fixture.doubles("v")
        // R: A %*% B
        #expect(maxRelativeDifference(a * b, try fixture.matrix("ab")) < 1e-12)
        // R: crossprod(A)
        #expect(maxRelativeDifference(a.crossProduct, try fixture.matrix("crossprod_a")) < 1e-12)
        // R: A %*% v
        #expect(maxRelativeDifference(a * v, try fixture.doubles("av")) < 1e-12)
    }

    @Test("syrk accumulates into an existing workspace with beta")
    func syrkWorkspace() throws {
        let a = try fixture.matrix("a")
        var c = Matrix(rows: 4, columns: 4)
        BLAS.syrk(a, into: &c)
        BLAS.syrk(a, beta: 1, into: &c)        // c = 2 A'A
        c.symmetrizeFromUpper()
        let twice = try fixture.matrix("crossprod_a").storage.map { 2 * $0 }
        #expect(maxRelativeDifference(c.storage, twice) < 1e-12)
    }

    @Test("scaleRows writes diag(w) X into a preallocated matrix")
    func scaleRows() {
        let x = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        var work = Matrix(rows: 3, columns: 2)
        Matrix.scaleRows(of: x, by: [2, 0.5, -1], into: &work)
        #expect(work == Matrix(rowMajor: [[2, 4], [1.5, 2], [-5, -6]]))
        var y = x
        y.scaleRows(by: [2, 0.5, -1])
        #expect(y == work)
    }

    @Test("submatrix, column and row selection copy the right elements")
    func views() {
        let x = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(x.submatrix(rows: 1..<3, columns: 0..<2) == Matrix(rowMajor: [[4, 5], [7, 8]]))
        #expect(x.selectingColumns([2, 0]) == Matrix(rowMajor: [[3, 1], [6, 4], [9, 7]]))
        #expect(x.selectingRows([2, 2]) == Matrix(rowMajor: [[7, 8, 9], [7, 8, 9]]))
        var work = Matrix(rows: 3, columns: 1)
        Matrix.selectColumns(of: x, [1], into: &work)
        #expect(work.storage == [2, 5, 8])
    }

    @Test("level-1 BLAS: axpy, scal, nrm2, asum, column norm")
    func level1() {
        var y = [1.0, 2, 3]
        BLAS.axpy(2, [1, 1, 1], &y)
        #expect(y == [3, 4, 5])
        BLAS.scal(0.5, &y)
        #expect(y == [1.5, 2, 2.5])
        #expect(BLAS.nrm2([3, 4]) == 5)
        #expect(BLAS.nrm2([1e200, 1e200]) == 1e200 * 2.0.squareRoot())   // no overflow
        #expect(BLAS.asum([-1, 2, -3]) == 6)
        #expect(BLAS.columnNorm(Matrix(rowMajor: [[1, 3], [2, 4]]), 1) == 5)
        #expect(BLAS.nrm2([]) == 0)
    }

    @Test("rank-one updates: ger adds x y', syr adds x x' to the upper triangle")
    func rankOne() {
        var a = Matrix(rows: 2, columns: 3)
        BLAS.ger(2, [1, 2], [1, 0, -1], into: &a)
        #expect(a == Matrix(rowMajor: [[2, 0, -2], [4, 0, -4]]))
        var c = Matrix.identity(2)
        BLAS.syr(1, [1, 2], into: &c)
        c.symmetrizeFromUpper()
        #expect(c == Matrix(rowMajor: [[2, 2], [2, 5]]))
        var l = Matrix(rowMajor: [[1, 0], [3, 1]])
        l.symmetrizeFromLower()
        #expect(l == Matrix(rowMajor: [[1, 3], [3, 1]]))
    }
}

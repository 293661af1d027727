import Testing
@testable import Linalg
import TestSupport

@Suite("Solve, inverse and determinant against R")
struct LUDecompositionTests {
    let fixture: [String: Any]
    let a: Matrix
    init() throws {
        fixture = try LinalgFixture.load("solve.json")
        a = try fixture.matrix("a")
    }

    /// R: solve(A, b); solve(A, Bm); solve(A)
    @Test("solve(A, b), solve(A, B) and solve(A) match R to 1e-10")
    func solves() throws {
        let lu = try LUDecomposition(a)
        #expect(maxRelativeDifference(try lu.solve(try fixture.doubles("b")), try fixture.doubles("solve_b")) < 1e-10)
        #expect(maxRelativeDifference(try lu.solve(try fixture.matrix("bm")), try fixture.matrix("solve_bm")) < 1e-10)
        #expect(maxRelativeDifference(try lu.inverse(), try fixture.matrix("inverse")) < 1e-10)
        #expect(maxRelativeDifference(try a.solve(try fixture.doubles("b")), try fixture.doubles("solve_b")) < 1e-10)
        #expect(maxRelativeDifference(try a.inverse(), try fixture.matrix("inverse")) < 1e-10)
    }

    /// R: determinant(A, logarithm = TRUE); det(A); rcond(A)
    @Test("log |det|, its sign, det and rcond match R; a column swap flips the sign")
    func determinants() throws {
        let lu = try LUDecomposition(a)
        let ref = try fixture.object("logdet")
        let (modulus, sign) = lu.logDeterminant
        #expect(isClose(modulus, try ref.double("modulus"), rel: 1e-12))
        #expect(sign == (try ref.double("sign")))
        #expect(isClose(lu.determinant, try fixture.double("det"), rel: 1e-12))
        #expect(isClose(try lu.reciprocalCondition(), try fixture.double("rcond"), rel: 1e-10))
        let swapped = try a.selectingColumns([1, 0, 2, 3, 4]).logDeterminant()
        let ref2 = try fixture.object("a2_logdet")
        #expect(isClose(swapped.modulus, try ref2.double("modulus"), rel: 1e-12))
        #expect(swapped.sign == (try ref2.double("sign")))
    }

    /// R: solve(matrix(c(1, 2, 3, 2, 4, 6, 1, 0, 1), 3))
    ///    -> "Lapack routine dgesv: system is exactly singular: U[2,2] = 0"; det = 0
    @Test("an exactly singular matrix: det 0, and solve/inverse throw naming U[2,2] as R does")
    func singular() throws {
        let s = try fixture.object("singular")
        let lu = try LUDecomposition(try s.matrix("a"))
        let index = try s.int("index")
        #expect(lu.isSingular && lu.zeroPivot == index)
        #expect(lu.determinant == (try s.double("det")))
        #expect(lu.logDeterminant.modulus == -.infinity)
        #expect(try lu.reciprocalCondition() == 0)
        #expect(throws: LinalgError.singular(routine: "dgetrf", index: index)) { try lu.solve([1, 2, 3]) }
        #expect(throws: LinalgError.singular(routine: "dgetrf", index: index)) { try lu.inverse() }
    }

    @Test("dimension mismatches throw instead of trapping")
    func mismatches() throws {
        #expect(throws: LinalgError.self) { try LUDecomposition(Matrix(rows: 2, columns: 3)) }
        let lu = try LUDecomposition(a)
        #expect(throws: LinalgError.self) { try lu.solve([1, 2]) }
        #expect(throws: LinalgError.self) { try lu.solve(Matrix(rows: 4, columns: 1)) }
        #expect(throws: LinalgError.self) { try Matrix(rows: 2, columns: 3).inverse() }
        var bad = Matrix.identity(2)
        bad[1, 0] = .nan
        #expect(throws: LinalgError.self) { try LUDecomposition(bad) }
        let empty = try LUDecomposition(Matrix(rows: 0, columns: 0))
        #expect(empty.determinant == 1)
    }
}

@Suite("LinalgInfo")
struct LinalgInfoTests {
    @Test("the Prescott hint appears only for Prescott kernels on an AVX2 CPU")
    func hint() {
        #expect(LinalgInfo.kernelHint(coreName: "Prescott", cpuFlags: ["sse3", "avx2", "avx512f"])?.contains("OPENBLAS_CORETYPE=SkylakeX") == true)
        #expect(LinalgInfo.kernelHint(coreName: "Prescott", cpuFlags: ["sse3", "avx2"])?.contains("OPENBLAS_CORETYPE=Haswell") == true)
        #expect(LinalgInfo.kernelHint(coreName: "Prescott", cpuFlags: ["sse3"]) == nil)
        #expect(LinalgInfo.kernelHint(coreName: "SkylakeX", cpuFlags: ["avx2", "avx512f"]) == nil)
    }

    @Test("the running library reports a core name, a configuration, threads and CPU flags")
    func running() {
        #expect(!LinalgInfo.coreName.isEmpty)
        #expect(LinalgInfo.configuration.contains("OpenBLAS"))
        #expect(LinalgInfo.threads >= 1)
        #if os(Linux)
        #expect(LinalgInfo.cpuFlags.contains("sse2"))
        #endif
        print("OpenBLAS core: \(LinalgInfo.coreName); hint: \(LinalgInfo.kernelHint ?? "none")")
    }
}

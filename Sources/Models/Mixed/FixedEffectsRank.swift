import Formula
import Linalg

/// Checks that the fixed-effects columns are linearly independent before fitting, so a collinear predictor is named
/// instead of surfacing as a failed factorization deep inside the optimizer.
enum FixedEffectsRank {
    /// Throws `rankDeficientFixedEffects` naming the first column that is (numerically) a linear combination of the
    /// columns before it.
    static func require(_ design: DesignMatrix) throws {
        let x = design.matrix
        guard x.columns > 0 else { return }
        var xtx = Matrix(rows: x.columns, columns: x.columns)
        BLAS.syrk(x, transpose: true, into: &xtx)
        // Scale to unit diagonal so the test does not depend on the units of the predictors.
        var d = [Double](repeating: 1, count: x.columns)
        for j in 0..<x.columns {
            let v = xtx[j, j]
            guard v > 0 else {
                throw MixedModelError.rankDeficientFixedEffects("column \(design.columnNames[j]) is all zero")
            }
            d[j] = 1 / v.squareRoot()
        }
        for j in 0..<x.columns { for i in 0...j { xtx[i, j] *= d[i] * d[j] } }
        do {
            try Cholesky.factorInPlace(&xtx)
            for j in 0..<x.columns where xtx[j, j] < 1e-7 {
                throw LinalgError.notPositiveDefinite(routine: "check", pivot: j + 1)
            }
        } catch let LinalgError.notPositiveDefinite(_, pivot) {
            let j = Swift.min(Swift.max(pivot - 1, 0), x.columns - 1)
            throw MixedModelError.rankDeficientFixedEffects(
                "column \(design.columnNames[j]) is a linear combination of the columns before it")
        }
    }
}

import Formula
import Linalg

/// The uncentred covariates of a Cox fit, `rows` x `count`: columns `firstColumn...` of a matrix (a model
/// frame's own, read in place), or one array per covariate (a model frame's numeric variables, doubles or
/// integers, when its design was built deferred: `ModelFrameOptions.deferNumericDesign`). The fit reads them
/// column by column; the matrix of the second kind is never made.
struct CoxRawCovariates: Sendable {
    /// Rows.
    let rows: Int
    /// Covariates.
    let count: Int
    private let source: Source

    private enum Source: Sendable {
        case matrix(Matrix, firstColumn: Int)
        case columns([DesignColumnValues])
    }

    /// Columns `firstColumn...` of `x`.
    init(_ x: Matrix, firstColumn: Int = 0) {
        precondition(firstColumn >= 0 && firstColumn <= x.columns, "CoxRawCovariates: first column outside the matrix")
        rows = x.rows
        count = x.columns - firstColumn
        source = .matrix(x, firstColumn: firstColumn)
    }

    /// One array of `rows` values per covariate.
    init(columns: [DesignColumnValues], rows: Int) {
        precondition(columns.allSatisfy { $0.count == rows }, "CoxRawCovariates: a column without \(rows) values")
        self.rows = rows
        count = columns.count
        source = .columns(columns)
    }

    /// Writes covariate `j` centred by `mean` into `out`: value `i` to `out[positions[i]]`, or to `out[i]` without
    /// positions (integers converted as they are read, `Double(v) - mean`).
    func copyCentred(_ j: Int, mean: Double, into out: UnsafeMutablePointer<Double>, positions: UnsafePointer<Int32>?) {
        withColumn(j, doubles: { s in
            if let pos = positions {
                for i in 0..<s.count { out[Int(pos[i])] = s[i] - mean }
            } else {
                for i in 0..<s.count { out[i] = s[i] - mean }
            }
        }, integers: { s in
            if let pos = positions {
                for i in 0..<s.count { out[Int(pos[i])] = Double(s[i]) - mean }
            } else {
                for i in 0..<s.count { out[i] = Double(s[i]) - mean }
            }
        })
    }

    /// `doubles` with covariate `j`'s values when they are doubles, `integers` when they are a variable's
    /// integers (read as doubles, `Double(v)`): for loops that convert as they go.
    func withColumn<R>(_ j: Int, doubles: (UnsafeBufferPointer<Double>) -> R,
                       integers: (UnsafeBufferPointer<Int>) -> R) -> R {
        precondition(j >= 0 && j < count, "CoxRawCovariates: covariate \(j) of \(count)")
        switch source {
        case .matrix(let x, let first):
            return x.storage.withUnsafeBufferPointer { xs in
                doubles(UnsafeBufferPointer(rebasing: xs[((first + j) * rows)..<((first + j + 1) * rows)]))
            }
        case .columns(let columns):
            switch columns[j] {
            case .doubles(let v): return v.withUnsafeBufferPointer(doubles)
            case .integers(let v): return v.withUnsafeBufferPointer(integers)
            }
        }
    }
}

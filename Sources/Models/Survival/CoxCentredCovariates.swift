import Foundation
import Linalg

/// The covariates of a Cox fit centred by their weighted means, in row order, made when first asked for.
///
/// Right-censored data with grouped times are evaluated on a slot-sorted copy (`CoxSlotData`), so the
/// row-order centred matrix is needed only by diagnostics (residuals, the robust variance, Schoenfeld
/// residuals, frailty); it is made then, once, from the uncentred matrix, which is shared (not copied)
/// until that moment and released after it.
final class CoxCentredCovariates: @unchecked Sendable {
    private let lock = NSLock()
    private var raw: Matrix?
    private var centred: Matrix?
    private let means: [Double]
    private let firstColumn: Int

    /// Covariates in columns `firstColumn...` of `raw` (column-major) to be centred by `means`; `eager`
    /// centres them now.
    init(raw: Matrix, firstColumn: Int, means: [Double], eager: Bool) {
        self.means = means
        self.firstColumn = firstColumn
        if eager {
            centred = Self.centre(raw, firstColumn, means)
        } else {
            self.raw = raw
        }
    }

    /// The centred matrix (made on the first call; thread-safe).
    var matrix: Matrix {
        lock.lock()
        defer { lock.unlock() }
        if let centred { return centred }
        guard let raw else { preconditionFailure("CoxCentredCovariates holds neither the raw nor the centred matrix") }
        let made = Self.centre(raw, firstColumn, means)
        centred = made
        self.raw = nil
        return made
    }

    private static func centre(_ raw: Matrix, _ firstColumn: Int, _ means: [Double]) -> Matrix {
        let n = raw.rows, p = raw.columns - firstColumn
        let storage = [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
            raw.storage.withUnsafeBufferPointer { src in
                for j in 0..<p {
                    let s = src.baseAddress! + (firstColumn + j) * n, d = out.baseAddress! + j * n
                    let m = means[j]
                    for i in 0..<n { d[i] = s[i] - m }
                }
            }
            initialized = n * p
        }
        return Matrix(rows: n, columns: p, columnMajor: storage)
    }
}

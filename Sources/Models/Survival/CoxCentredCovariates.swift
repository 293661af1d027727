import Foundation
import Linalg

/// The covariates of a Cox fit centred by their weighted means, in row order, made when first asked for.
///
/// Right-censored data with grouped times are evaluated on a slot-sorted copy (`CoxSlotData`), so the
/// row-order centred matrix is needed only by diagnostics (residuals, the robust variance, Schoenfeld
/// residuals, frailty); it is made then, once, from the uncentred covariates, which are shared (not copied)
/// until that moment and released after it.
final class CoxCentredCovariates: @unchecked Sendable {
    private let lock = NSLock()
    private var raw: CoxRawCovariates?
    private var centred: Matrix?
    private let means: [Double]

    /// Covariates `raw` (uncentred, row order) to be centred by `means`; `eager` centres them now.
    init(raw: CoxRawCovariates, means: [Double], eager: Bool) {
        self.means = means
        if eager {
            centred = Self.centre(raw, means)
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
        let made = Self.centre(raw, means)
        centred = made
        self.raw = nil
        return made
    }

    private static func centre(_ raw: CoxRawCovariates, _ means: [Double]) -> Matrix {
        let n = raw.rows, p = raw.count
        let storage = [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
            for j in 0..<p {
                guard let d = out.baseAddress.map({ $0 + j * n }) else { continue }
                raw.copyCentred(j, mean: means[j], into: d, positions: nil)
            }
            initialized = n * p
        }
        return Matrix(rows: n, columns: p, columnMajor: storage)
    }
}

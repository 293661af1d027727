import Foundation
import Linalg

/// A fitted Cox model together with the sorted data it was fitted on, for diagnostics:
/// residuals, the proportional-hazards test, the baseline hazard and predicted survival curves.
/// `model` is the immutable, serializable result; this wrapper is not serialized.
public struct CoxFit: Sendable {
    /// The fitted model (coefficients, tests, log-likelihoods).
    public let model: CoxModel
    /// Coefficients with aliased ones set to 0 (the values the diagnostics use).
    let beta: [Double]
    /// The sorted, centred data at `beta` (linear predictor set).
    let riskSets: CoxRiskSets
    /// Event-time quantities at `beta`.
    let events: CoxEventTimes
    /// Residuals computed during the fit (the robust variance needs them), else `nil` and computed on demand.
    private let residuals: (martingale: [Double], score: Matrix)?
    /// Martingale residuals (row order).
    public var martingaleResiduals: [Double] {
        residuals?.martingale ?? riskSets.withRowOrderLinearPredictor().residuals(events).martingale
    }
    /// Score residuals, n x p (row order), unweighted as R's `residuals(fit, "score")`.
    public var scoreResiduals: Matrix { residuals?.score ?? riskSets.withRowOrderLinearPredictor().residuals(events).score }
    /// Strata of the fit.
    let strata: GroupCodes?

    init(model: CoxModel, beta: [Double], riskSets: CoxRiskSets, events: CoxEventTimes,
         residuals: (martingale: [Double], score: Matrix)?, strata: GroupCodes?) {
        self.model = model
        self.beta = beta
        self.riskSets = riskSets
        self.events = events
        self.residuals = residuals
        self.strata = strata
    }

    /// Deviance residuals `sign(M) sqrt(-2 (M + δ log(δ - M)))`.
    public var devianceResiduals: [Double] {
        let martingale = martingaleResiduals
        return (0..<riskSets.n).map { i in
            let m = martingale[i]
            let d = Double(riskSets.status[i])
            let inner = d > 0 ? m + d * Foundation.log(d - m) : m
            return (m < 0 ? -1.0 : (m > 0 ? 1.0 : 0.0)) * (-2 * inner).squareRoot()
        }
    }

    /// dfbeta residuals `L V` (n x p): approximate change in each coefficient when a row is left out
    /// (R's `residuals(fit, "dfbeta")`, unweighted).
    public var dfbetaResiduals: Matrix { scoreResiduals * model.naiveVariance }

    /// Schoenfeld residuals: one row per event, `x_i - xbar(t_i)`, ordered by stratum and time as R orders
    /// them, with the event times. Aliased coefficients' columns are kept (zero-variance columns give 0).
    public var schoenfeldResiduals: (time: [Double], residuals: Matrix) {
        let rs = riskSets
        let p = rs.p
        var times: [Double] = []
        var rows: [[Double]] = []
        var evIndex = 0
        let pos = rs.stratumPositions()
        // Rows sorted ascending by (stratum, time); ties in row order.
        let stop = rs.stop
        let dead: [Int] = (0..<rs.n).filter { rs.status[$0] != 0 }
        let order: [Int] = dead.sorted { (i: Int, j: Int) -> Bool in
            if pos[i] != pos[j] { return pos[i] < pos[j] }
            if stop[i] != stop[j] { return stop[i] < stop[j] }
            return i < j
        }
        let x = rs.x   // once: the lazily centred matrix sits behind a lock
        for i in order {
            let range = events.stratumRanges[pos[i]]
            // Locate the event time of row i.
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if events.time[mid] < stop[i] { lo = mid + 1 } else { hi = mid }
            }
            evIndex = lo
            times.append(rs.stop[i])
            rows.append((0..<p).map { c in x[i, c] - events.xbar[evIndex * p + c] })
        }
        var m = Matrix(rows: rows.count, columns: p)
        for (r, row) in rows.enumerated() { for c in 0..<p { m[r, c] = row[c] } }
        return (times, m)
    }
}

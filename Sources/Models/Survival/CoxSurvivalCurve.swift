import Foundation
import Linalg

/// The predicted survival curve of a Cox model for one covariate profile in one stratum
/// (R's `survfit(fit, newdata)`), listed at every distinct exit time of the stratum.
///
/// The cumulative hazard uses the fit's tie rule (Efron-type increments `Σ_k w̄/S0_k` for an Efron
/// fit, Breslow's otherwise); `S = exp(-Λ)`; `stdErr` is the standard error of `Λ` including the
/// uncertainty of `beta`: `r sqrt(Σ varhaz + d' V d)`, `d = Σ (xbar - z) dΛ0`.
public struct CoxSurvivalCurve: Sendable, Equatable, Codable {
    /// Stratum label (`all` without strata).
    public var stratum: String
    /// Distinct exit times.
    public var time: [Double]
    /// Number of rows at risk.
    public var nRisk: [Int]
    /// (Weighted) number of events.
    public var nEvent: [Double]
    /// Cumulative hazard for the profile.
    public var cumulativeHazard: [Double]
    /// Survival for the profile.
    public var surv: [Double]
    /// Standard error of the cumulative hazard.
    public var stdErr: [Double]
    /// Lower confidence limit of `surv`.
    public var confLow: [Double]
    /// Upper confidence limit of `surv`.
    public var confHigh: [Double]

    enum CodingKeys: String, CodingKey {
        case stratum, time, surv
        case nRisk = "n_risk", nEvent = "n_event", cumulativeHazard = "cumhaz", stdErr = "std_err"
        case confLow = "conf_low", confHigh = "conf_high"
    }
}

extension CoxFit {
    /// Cumulative baseline hazard per stratum at covariates `at` (R's `basehaz(fit, centered = FALSE)`
    /// for zeros, the default), at every distinct exit time.
    public func baselineHazard(at covariates: [Double]? = nil) throws -> [(stratum: String, time: [Double], hazard: [Double])] {
        try survivalCurves(for: covariates ?? [Double](repeating: 0, count: riskSets.p), confType: .none)
            .map { ($0.stratum, $0.time, $0.cumulativeHazard) }
    }

    /// Predicted survival curves (one per stratum) for the covariate profile `z` (uncentred, in the
    /// order of the model's terms).
    public func survivalCurves(for z: [Double], confType: SurvivalConfidenceType = .log,
                               confLevel: Double = 0.95) throws -> [CoxSurvivalCurve] {
        let rs = riskSets
        let p = rs.p
        guard z.count == p else { throw SurvivalError.lengthMismatch(what: "covariate profile", expected: p, found: z.count) }
        var zc = [Double](repeating: 0, count: p)
        var lp = 0.0
        for j in 0..<p { zc[j] = z[j] - rs.means[j]; lp += beta[j] * zc[j] }
        let r = exp(lp)
        let v = model.naiveVariance
        let zq = SurvivalProbability.normalQuantile(1 - (1 - confLevel) / 2)
        var curves: [CoxSurvivalCurve] = []
        for (s, range) in rs.stratumRanges.enumerated() {
            // Distinct exit times ascending, with counts at risk.
            let rows = rs.byStop[range].reversed()   // ascending stop within the stratum
            var times: [Double] = []
            for i in rows where times.last != rs.stop[i] { times.append(rs.stop[i]) }
            let er = events.stratumRanges[s]
            var cumH = 0.0, cumV = 0.0
            var d = [Double](repeating: 0, count: p)
            var ev = er.lowerBound
            var out = CoxSurvivalCurve(stratum: strata.map { $0.label(s) } ?? "all", time: times, nRisk: [], nEvent: [],
                                       cumulativeHazard: [], surv: [], stdErr: [], confLow: [], confHigh: [])
            let starts = rs.start.map { st in rows.map { st[$0] }.sorted() } ?? []
            let stops = rows.map { rs.stop[$0] }   // ascending
            var stopPtr = 0, startPtr = 0
            for t in times {
                var dEvents = 0.0
                if ev < er.upperBound && events.time[ev] == t {
                    cumH += events.hazard[ev]
                    cumV += events.hazardVariance[ev]
                    for c in 0..<p { d[c] += events.xHazard[ev * p + c] - zc[c] * events.hazard[ev] }
                    dEvents = events.weightedEvents[ev]
                    ev += 1
                }
                while stopPtr < stops.count && stops[stopPtr] < t { stopPtr += 1 }
                while startPtr < starts.count && starts[startPtr] < t { startPtr += 1 }
                let atRisk = (stops.count - stopPtr) - (starts.isEmpty ? 0 : starts.count - startPtr)
                var dvd = 0.0
                for a in 0..<p { for b in 0..<p { dvd += d[a] * v[a, b] * d[b] } }
                let cum = r * cumH
                let se = r * (cumV + dvd).squareRoot()
                let sv = exp(-cum)
                let ci = confType.interval(survival: sv, stdErr: se, z: zq)
                out.nRisk.append(atRisk); out.nEvent.append(dEvents)
                out.cumulativeHazard.append(cum); out.surv.append(sv); out.stdErr.append(se)
                out.confLow.append(ci.low); out.confHigh.append(ci.high)
            }
            curves.append(out)
        }
        return curves
    }
}

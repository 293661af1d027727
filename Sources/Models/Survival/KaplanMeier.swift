/// Kaplan–Meier estimation with Greenwood standard errors, as R's `survfit.formula` computes it.
///
/// Works for right-censored and counting-process `(start, stop]` data: at each distinct exit time
/// `t` of a group, the risk set is the rows with `start < t <= stop`, the events and censorings are
/// the rows leaving at `t`. `S(t) = Π (1 - d/n)`, `se(-log S) = sqrt(Σ d / (n (n - d)))`.
/// Medians follow R's rule (first time the curve is <= 0.5; the midpoint to the next drop when the
/// curve sits exactly at 0.5), and so do the limits of their intervals.
public enum KaplanMeier {
    /// Options of a Kaplan–Meier fit.
    public struct Options: Sendable, Equatable {
        /// Interval scale (`log` as in R).
        public var confType: SurvivalConfidenceType
        /// Confidence level.
        public var confLevel: Double
        /// Infinitesimal-jackknife (robust) standard errors; `nil` follows R: robust exactly when some
        /// case weight is not an integer.
        public var robust: Bool?
        /// Creates options.
        public init(confType: SurvivalConfidenceType = .log, confLevel: Double = 0.95, robust: Bool? = nil) {
            self.confType = confType
            self.confLevel = confLevel
            self.robust = robust
        }
    }

    /// Fits one curve per level of `groups` (or one curve `all` when `groups` is `nil`).
    public static func fit(_ data: SurvivalData, groups: GroupCodes? = nil, options: Options = Options()) throws -> KaplanMeierFit {
        guard options.confLevel > 0 && options.confLevel < 1 else {
            throw SurvivalError.invalidOption("confidence level must be between 0 and 1, got \(options.confLevel)")
        }
        if data.isMultiState {
            throw SurvivalError.wrongEventKind("the event has several states: use AalenJohansen.fit for cumulative incidence")
        }
        let groups = try groups ?? GroupCodes.single(count: data.count)
        guard groups.codes.count == data.count else {
            throw SurvivalError.lengthMismatch(what: "group", expected: data.count, found: groups.codes.count)
        }
        let z = SurvivalProbability.normalQuantile(1 - (1 - options.confLevel) / 2)
        let nonInteger = data.weights?.contains { $0 != $0.rounded(.down) } ?? false
        let robust = options.robust ?? nonInteger
        var strata: [KaplanMeierStratum] = []
        for (g, rows) in groups.rowsByLevel().enumerated() where !rows.isEmpty {
            var c = curve(data, rows: rows, label: groups.label(g), z: z, confType: options.confType)
            if robust { try applyRobustErrors(&c, data, rows: rows, z: z, confType: options.confType) }
            strata.append(c)
        }
        var fit = KaplanMeierFit(strata: strata, confType: options.confType, confLevel: options.confLevel, nObs: data.count)
        fit.robust = robust
        if !data.hasEvents {
            fit.warnings.append("no events: all observations are censored, so every curve stays at 1 and no median exists")
        }
        return fit
    }

    static func curve(_ data: SurvivalData, rows: [Int], label: String, z: Double,
                      confType: SurvivalConfidenceType) -> KaplanMeierStratum {
        let byStop = rows.sorted { data.stop[$0] < data.stop[$1] || (data.stop[$0] == data.stop[$1] && $0 < $1) }
        let byStart: [Int] = data.start.map { s in rows.sorted { s[$0] < s[$1] } } ?? []
        var totalW = 0.0
        for i in rows { totalW += data.weight(i) }
        var time: [Double] = [], nRisk: [Double] = [], nEvent: [Double] = [], nCensor: [Double] = []
        var surv: [Double] = [], stdErr: [Double] = [], lo: [Double] = [], hi: [Double] = []
        var leftW = 0.0      // weight of rows with stop < t (already left)
        var enteredPtr = 0   // rows with start < t have entered (counting process)
        var notEnteredW = totalW
        if data.start == nil { notEnteredW = 0 }
        var s = 1.0, v = 0.0
        var k = 0
        while k < byStop.count {
            let t = data.stop[byStop[k]]
            var d = 0.0, c = 0.0
            var j = k
            while j < byStop.count && data.stop[byStop[j]] == t {
                let i = byStop[j]
                if data.status[i] != 0 { d += data.weight(i) } else { c += data.weight(i) }
                j += 1
            }
            if let start = data.start {
                while enteredPtr < byStart.count && start[byStart[enteredPtr]] < t {
                    notEnteredW -= data.weight(byStart[enteredPtr])
                    enteredPtr += 1
                }
            }
            let n = totalW - leftW - notEnteredW
            if d > 0 {
                s *= 1 - d / n
                v += n > d ? d / (n * (n - d)) : .infinity
            }
            let se = v.squareRoot()
            let ci = confType.interval(survival: s, stdErr: se, z: z)
            time.append(t); nRisk.append(n); nEvent.append(d); nCensor.append(c)
            surv.append(s); stdErr.append(se); lo.append(ci.low); hi.append(ci.high)
            leftW += d + c
            k = j
        }
        return KaplanMeierStratum(stratum: label, n: rows.count, time: time, nRisk: nRisk, nEvent: nEvent,
                                  nCensor: nCensor, surv: surv, stdErr: stdErr, confLow: lo, confHigh: hi,
                                  median: firstBelowHalf(surv, time), medianLow: firstBelowHalf(lo, time),
                                  medianHigh: firstBelowHalf(hi, time))
    }

    /// Replaces Greenwood's errors by the infinitesimal jackknife, as R's `survfit` does for non-integer
    /// weights. Following R (survival 3.5-3), `stdErr` then holds the IJ standard error of `S(t)` itself,
    /// and the intervals use `stdErr / S` on their scale.
    static func applyRobustErrors(_ c: inout KaplanMeierStratum, _ data: SurvivalData, rows: [Int], z: Double,
                                  confType: SurvivalConfidenceType) throws {
        let single = try SurvivalData(start: data.start, stop: data.stop, status: data.status, weights: data.weights,
                                      states: ["event"])
        let aj = AalenJohansen.curves(single, rows: rows, states: ["event"], label: c.stratum, z: z, confType: .none)
        guard aj.time == c.time else { return }
        for k in c.time.indices {
            let s = c.surv[k], se = aj.stdErr[0][k]
            c.stdErr[k] = se
            let ci = confType.interval(survival: s, stdErr: s > 0 ? se / s : .infinity, z: z)
            c.confLow[k] = ci.low
            c.confHigh[k] = ci.high
        }
        c.medianLow = firstBelowHalf(c.confLow, c.time)
        c.medianHigh = firstBelowHalf(c.confHigh, c.time)
    }

    /// R's median rule on a step curve `y` over `x`: the first `x` where `y < 0.5 + tol`; if `y` is
    /// 0.5 there (within `sqrt(eps)`) and drops later, the midpoint of that `x` and the next drop.
    static func firstBelowHalf(_ y: [Double], _ x: [Double]) -> Double? {
        let tol = Double.ulpOfOne.squareRoot()
        var keptY: [Double] = [], keptX: [Double] = []
        for (yi, xi) in zip(y, x) where !yi.isNaN && yi < 0.5 + tol {
            keptY.append(yi); keptX.append(xi)
        }
        guard let y1 = keptY.first else { return nil }
        if abs(y1 - 0.5) < tol, let next = keptY.firstIndex(where: { $0 < y1 }) {
            return (keptX[0] + keptX[next]) / 2
        }
        return keptX[0]
    }
}

/// The person-period (episode-split) form of survival data for discrete-time hazard models.
///
/// Each subject contributes one row per period in which it is at risk: periods are the intervals
/// `(c_{j-1}, c_j]` between the cut points (`c_0` = the subject's entry, the last period ends at its
/// exit time), as R's `survSplit(..., cut, episode)` produces them. The event indicator is set only
/// on the subject's last row. A GLM (logit or cloglog) on these rows, with period dummies, is the
/// discrete-time hazard model; the GLM itself is fitted by the GLM code.
public struct PersonPeriodTable: Sendable, Equatable, Codable {
    /// Row of the subject in the input (0-based), per output row.
    public var subject: [Int]
    /// Period number, 1-based (`1` = the interval ending at the first cut point).
    public var period: [Int]
    /// Start of the row's interval.
    public var start: [Double]
    /// End of the row's interval.
    public var stop: [Double]
    /// Event code on the row (0 except on the subject's last row, where it is the subject's status).
    public var event: [Int]

    /// Number of rows.
    public var count: Int { subject.count }

    enum CodingKeys: String, CodingKey { case subject, period, start, stop, event }
}

/// Person-period expansion and time-varying covariate lookup.
public enum PersonPeriod {
    /// Splits every subject's follow-up `(entry, time]` at the cut points (which must be increasing
    /// and positive). `status` is kept as given (0/1 or a state code) on the last row of each subject.
    /// Times are validated like `SurvivalData` (finite, non-negative, time > entry).
    public static func expand(time: [Double], status: [Int], entry: [Double]? = nil, cuts: [Double]) throws -> PersonPeriodTable {
        let n = time.count
        guard status.count == n else { throw SurvivalError.lengthMismatch(what: "status", expected: n, found: status.count) }
        if let e = entry, e.count != n { throw SurvivalError.lengthMismatch(what: "entry", expected: n, found: e.count) }
        for k in cuts.indices {
            guard cuts[k].isFinite, k == 0 || cuts[k] > cuts[k - 1] else {
                throw SurvivalError.invalidOption("cut points must be finite and strictly increasing (problem at cut \(k + 1): \(cuts[k]))")
            }
        }
        var out = PersonPeriodTable(subject: [], period: [], start: [], stop: [], event: [])
        for i in 0..<n {
            let t = time[i]
            let e = entry?[i] ?? 0
            guard t.isFinite else { throw SurvivalError.nonFiniteTime(column: "time", row: i + 1) }
            guard e.isFinite else { throw SurvivalError.nonFiniteTime(column: "entry", row: i + 1) }
            if e < 0 { throw SurvivalError.negativeTime(column: "entry", row: i + 1, value: e) }
            if t < 0 { throw SurvivalError.negativeTime(column: "time", row: i + 1, value: t) }
            if entry != nil && !(t > e) { throw SurvivalError.stopNotAfterStart(row: i + 1, start: e, stop: t) }
            // Period of the entry: number of cuts <= entry, plus one.
            var period = 1
            for c in cuts where c <= e { period += 1 }
            var lo = e
            var k = period - 1
            while true {
                let boundary = k < cuts.count ? cuts[k] : Double.infinity
                let hi = Swift.min(t, boundary)
                let last = t <= boundary
                out.subject.append(i)
                out.period.append(period)
                out.start.append(lo)
                out.stop.append(hi)
                out.event.append(last ? status[i] : 0)
                if last { break }
                lo = hi
                period += 1
                k += 1
            }
        }
        return out
    }

    /// Discrete periods 1...T: a subject observed for `periods[i]` whole periods (its event, if any,
    /// in the last one) gets rows for periods `entryPeriod + 1 ... periods[i]` (Singer & Willett's
    /// person-period data set; `entryPeriod` 0 by default).
    public static func expand(periods: [Int], status: [Int], entryPeriod: [Int]? = nil) throws -> PersonPeriodTable {
        let maxT = periods.max() ?? 0
        let cuts = maxT > 1 ? (1..<maxT).map(Double.init) : []
        return try expand(time: periods.map(Double.init), status: status, entry: entryPeriod?.map(Double.init), cuts: cuts)
    }

    /// Values of a time-varying covariate for every person-period row, from a long table
    /// (`subject`, `period`, `value`); rows without a matching entry get the last earlier value of the
    /// same subject when `carryForward` is true, otherwise NaN (a missing value to report).
    public static func lookup(_ table: PersonPeriodTable, subject: [Int], period: [Int], value: [Double],
                              carryForward: Bool = false) throws -> [Double] {
        guard period.count == subject.count, value.count == subject.count else {
            throw SurvivalError.lengthMismatch(what: "long-table columns", expected: subject.count,
                                               found: period.count == subject.count ? value.count : period.count)
        }
        var bySubject: [Int: [(Int, Double)]] = [:]
        for k in subject.indices { bySubject[subject[k], default: []].append((period[k], value[k])) }
        for key in bySubject.keys { bySubject[key]?.sort { $0.0 < $1.0 } }
        var out = [Double](repeating: .nan, count: table.count)
        for r in 0..<table.count {
            guard let entries = bySubject[table.subject[r]] else { continue }
            let p = table.period[r]
            var found = Double.nan
            for (q, v) in entries {
                if q == p { found = v; break }
                if q < p && carryForward { found = v }
                if q > p { break }
            }
            out[r] = found
        }
        return out
    }
}

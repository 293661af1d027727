import Frames

extension PersonPeriod {
    /// The person-period table of discrete-time survival data given one row per subject: every subject
    /// with `time` = T (whole periods observed, an integer >= 1) and entry period e (`entryPeriod`, 0 when
    /// not given) gets one row for each period e + 1 ... T, carrying all of its columns; the `event` column
    /// is 0 on every row but the last, which keeps the subject's value (0/1, or a state code), and an
    /// integer column `periodName` holds the period. A logit or cloglog GLM (or GLMM) of the event on
    /// `factor(period)` (one parameter per period) or on a polynomial in `period` is then the discrete-time
    /// hazard model, as R's glm/glmer on the same person-period rows.
    ///
    /// Throws, naming the 1-based data row, when a time or entry is missing, not a whole number, below 1
    /// (time) or 0 (entry), or not before the time; when the event is missing or not a whole number >= 0;
    /// and when the table already has a column called `periodName`.
    public static func expand(_ data: Table, time: String, event: String, entryPeriod: String? = nil,
                              periodName: String = "period") throws -> Table {
        guard !data.has(periodName) else {
            throw SurvivalError.invalidOption("the data already has a column '\(periodName)'; choose another name for the period column")
        }
        let n = data.rowCount
        func wholeNumbers(_ name: String, minimum: Int) throws -> [Int] {
            let column = try data.column(name)
            guard let values = column.doubles else {
                throw SurvivalError.invalidOption("column '\(name)' must be numeric (whole periods), it is \(column.type.rawValue)")
            }
            var out = [Int](repeating: 0, count: n)
            for i in 0..<n {
                let v = values[i]
                if column.missing[i] || !v.isFinite { throw SurvivalError.nonFiniteTime(column: name, row: i + 1) }
                guard v == v.rounded(), v >= Double(minimum), v < 1e9 else {
                    throw SurvivalError.invalidOption("row \(i + 1): \(name) = \(v) is not a whole number >= \(minimum) (periods are counted 1, 2, 3, ...)")
                }
                out[i] = Int(v)
            }
            return out
        }
        let periods = try wholeNumbers(time, minimum: 1)
        let status = try wholeNumbers(event, minimum: 0)
        let entries = try entryPeriod.map { try wholeNumbers($0, minimum: 0) }
        if let e = entries {
            for i in 0..<n where e[i] >= periods[i] {
                throw SurvivalError.stopNotAfterStart(row: i + 1, start: Double(e[i]), stop: Double(periods[i]))
            }
        }
        let pp = try expand(periods: periods, status: status, entryPeriod: entries)
        var out = try data.rows(pp.subject)
        try out.setColumn(Column(name: event, values: .integer(pp.event)))
        try out.setColumn(Column(name: periodName, values: .integer(pp.period)))
        return out
    }
}

/// Decoding of event indicators as R's `Surv()` accepts them.
public enum SurvivalEventCoding {
    /// Maps a numeric event column to 0 (censored) / 1 (event).
    ///
    /// Accepted codings, decided over the whole column: 0/1 (1 = event), 1/2 (2 = event, R's
    /// convention, used when every value is 1 or 2), and booleans given as 0/1. Anything else
    /// throws `SurvivalError.invalidStatus` naming the first offending row (1-based).
    public static func decode(_ values: [Double]) throws -> [Int] {
        var zeroOne = true
        var oneTwo = true
        var firstBad: (Int, Double)? = nil
        for (i, v) in values.enumerated() {
            let isZeroOne = v == 0 || v == 1
            let isOneTwo = v == 1 || v == 2
            if !isZeroOne { zeroOne = false }
            if !isOneTwo { oneTwo = false }
            if !isZeroOne && !isOneTwo && firstBad == nil { firstBad = (i + 1, v) }
        }
        if let bad = firstBad { throw SurvivalError.invalidStatus(row: bad.0, value: bad.1) }
        if zeroOne { return values.map { $0 == 1 ? 1 : 0 } }
        if oneTwo { return values.map { $0 == 2 ? 1 : 0 } }
        // A mix of 0, 1 and 2: ambiguous. Report the first row that breaks 0/1.
        for (i, v) in values.enumerated() where v == 2 {
            throw SurvivalError.invalidStatus(row: i + 1, value: v)
        }
        return values.map { $0 == 1 ? 1 : 0 }
    }

    /// Maps a boolean event column to 0/1.
    public static func decode(_ values: [Bool]) -> [Int] { values.map { $0 ? 1 : 0 } }
}

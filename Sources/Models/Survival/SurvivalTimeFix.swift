import Foundation

extension SurvivalData {
    /// Times that differ only by floating-point noise made exactly equal, as R's `aeqSurv` does
    /// before every `coxph`/`survfit`/`survdiff` fit (`timefix = TRUE`): among the sorted distinct
    /// start/stop values, a value within `tolerance` of the previous one (absolutely, or relative to
    /// the mean absolute time) is replaced by the first value of its run. Exact data are unchanged.
    /// Throws `stopNotAfterStart` if an interval collapses to length zero.
    public func timeFixed(tolerance: Double = Double.ulpOfOne.squareRoot()) throws -> SurvivalData {
        var coder = DistinctCoder()
        // Right-censored data: the stop times' codes are kept for the Cox fit's time blocks when no time changes.
        var codes: [Int32]? = nil
        if start == nil {
            var made = [Int32](repeating: 0, count: stop.count)
            stop.withUnsafeBufferPointer { s in
                made.withUnsafeMutableBufferPointer { _ = coder.codeAll(s, codes: $0.baseAddress) }   // no limit
            }
            codes = made
        } else {
            for times in [stop, start ?? []] {
                _ = times.withUnsafeBufferPointer { coder.codeAll($0, codes: nil) }   // no limit: always codes all
            }
        }
        var unchanged = self
        // Kept only when few enough distinct times for the Cox fit's time blocks to use them.
        if coder.values.count <= CoxTimeBlocks.maxBlocks(rows: stop.count) { unchanged.stopCodes = codes.map { ($0, coder.values) } }
        let y = coder.values.filter(\.isFinite).sorted()
        guard y.count > 1 else { return unchanged }
        var meanAbs = 0.0
        for v in y { meanAbs += Swift.abs(v) }
        meanAbs /= Double(y.count)
        var cuts: [Double] = [y[0]]
        var anyTied = false
        for k in 1..<y.count {
            let dy = y[k] - y[k - 1]
            let tied = dy <= tolerance || (meanAbs > 0 && dy / meanAbs <= tolerance)
            if tied { anyTied = true } else { cuts.append(y[k]) }
        }
        guard anyTied else { return unchanged }
        func snap(_ v: Double) -> Double {
            // Largest cut <= v.
            var lo = 0, hi = cuts.count
            while lo < hi { let mid = (lo + hi) / 2; if cuts[mid] <= v { lo = mid + 1 } else { hi = mid } }
            return lo == 0 ? v : cuts[lo - 1]
        }
        let newStop = stop.map(snap)
        let newStart = start.map { $0.map(snap) }
        if let s = newStart {
            for i in s.indices where !(newStop[i] > s[i]) {
                throw SurvivalError.stopNotAfterStart(row: i + 1, start: start?[i] ?? s[i], stop: stop[i])
            }
        }
        return try SurvivalData(start: newStart, stop: newStop, status: status, weights: weights, states: states)
    }
}

import Formula

/// Validated survival outcome data: right-censored `(time, status)` or counting-process
/// `(start, stop, status)` rows with optional case weights.
///
/// Every fitter in this module takes this value, so validation happens once: times finite and
/// non-negative, `stop > start` for counting-process rows, status codes in range, weights finite
/// and non-negative. `status` is 0/1 for ordinary data; for competing exits it is 0 (censored) or
/// the 1-based state index into `states`.
public struct SurvivalData: Sendable, Equatable {
    /// Entry times for counting-process data; `nil` for right-censored data.
    public let start: [Double]?
    /// Exit (event or censoring) times.
    public let stop: [Double]
    /// 0 censored, otherwise the event (1) or state index (1...states.count).
    public let status: [Int]
    /// Case weights; `nil` means all 1.
    public let weights: [Double]?
    /// Names of the event states for multi-state data; `nil` for a single event type.
    public let states: [String]?
    /// The stop times coded by their distinct values in order of first appearance, when `timeFixed` found them
    /// (right-censored data whose times it left alone), for `CoxTimeBlocks`. Not part of `==`.
    var stopCodes: (codes: [Int32], values: [Double])? = nil

    /// Data are equal when their times, statuses, weights and states are.
    public static func == (a: SurvivalData, b: SurvivalData) -> Bool {
        a.start == b.start && a.stop == b.stop && a.status == b.status && a.weights == b.weights && a.states == b.states
    }

    /// Number of rows.
    public var count: Int { stop.count }
    /// `true` for counting-process `(start, stop]` data.
    public var isCountingProcess: Bool { start != nil }
    /// `true` when the event is a factor with several event states (competing exits).
    public var isMultiState: Bool { states != nil }

    /// Validates and stores the data. Throws `SurvivalError` naming the first bad row.
    public init(start: [Double]? = nil, stop: [Double], status: [Int], weights: [Double]? = nil,
                states: [String]? = nil) throws {
        let n = stop.count
        guard n > 0 else { throw SurvivalError.noObservations }
        guard status.count == n else { throw SurvivalError.lengthMismatch(what: "status", expected: n, found: status.count) }
        if let s = start, s.count != n { throw SurvivalError.lengthMismatch(what: "start", expected: n, found: s.count) }
        if let w = weights, w.count != n { throw SurvivalError.lengthMismatch(what: "weights", expected: n, found: w.count) }
        let stopName = start == nil ? "survival" : "stop"
        // Right-censored data without weights, the common big case: one branch-free pass says whether every
        // row is good (finite non-negative time, status in 0...maxCode); only if not is the first bad row sought.
        let maxStatus = UInt(states?.count ?? 1)
        let allGood = start == nil && weights == nil && stop.withUnsafeBufferPointer { t in
            status.withUnsafeBufferPointer { st in
                var bad = 0
                for i in 0..<n {
                    let time = t[i]
                    let ok = (time >= 0 ? 1 : 0) & (time <= .greatestFiniteMagnitude ? 1 : 0)
                        & (UInt(bitPattern: st[i]) <= maxStatus ? 1 : 0)
                    bad |= ok ^ 1
                }
                return bad == 0
            }
        }
        for i in 0..<(allGood ? 0 : n) {
            let t = stop[i]
            guard t.isFinite else { throw SurvivalError.nonFiniteTime(column: stopName, row: i + 1) }
            if let s = start {
                guard s[i].isFinite else { throw SurvivalError.nonFiniteTime(column: "start", row: i + 1) }
                if s[i] < 0 { throw SurvivalError.negativeTime(column: "start", row: i + 1, value: s[i]) }
                if !(t > s[i]) { throw SurvivalError.stopNotAfterStart(row: i + 1, start: s[i], stop: t) }
            } else if t < 0 {
                throw SurvivalError.negativeTime(column: stopName, row: i + 1, value: t)
            }
            let maxCode = states?.count ?? 1
            if status[i] < 0 || status[i] > maxCode {
                if states == nil { throw SurvivalError.invalidStatus(row: i + 1, value: Double(status[i])) }
                throw SurvivalError.invalidStateCode(row: i + 1, value: status[i], states: maxCode)
            }
            if let w = weights, !(w[i].isFinite && w[i] >= 0) {
                throw SurvivalError.invalidWeight(row: i + 1, value: w[i])
            }
        }
        self.start = start
        self.stop = stop
        self.status = status
        self.weights = weights
        self.states = states
    }

    /// Validates the `Surv(...)` response of a model frame, with the frame's case weights.
    public init(_ response: SurvivalResponse, weights: [Double]? = nil) throws {
        try self.init(start: response.start, stop: response.stop, status: response.status, weights: weights,
                      states: response.states)
    }

    /// Weight of row `i` (1 when unweighted).
    @inlinable public func weight(_ i: Int) -> Double { weights?[i] ?? 1 }

    /// `true` when at least one row has an event (any non-zero status with positive weight).
    public var hasEvents: Bool {
        for i in 0..<count where status[i] != 0 && weight(i) > 0 { return true }
        return false
    }
}

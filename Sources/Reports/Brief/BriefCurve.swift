import Foundation
import Models

/// One group's curve as a brief reads it: the share of pupils *with* the event by each time (a
/// Kaplan–Meier curve turned into `1 - S(t)`, or an Aalen–Johansen cumulative incidence of one exit),
/// with the group's size and its event counts, which the privacy guard needs.
public struct BriefCurve: Sendable, Equatable {
    /// The group's level in the data (`BSO` for the stratum `track=BSO`).
    public var key: String
    /// The share with the event (starts at 0), its pointwise interval and the numbers at risk.
    public var curve: StepCurve
    /// Pupils in the group.
    public var pupils: Int
    /// Events of the exit read, at each of `curve.time`.
    public var events: [Double]
    /// How the curve was estimated (`"Kaplan–Meier"`, `"Aalen–Johansen"`), for the methods box.
    public var estimator: String

    /// Creates a curve from its parts; `curve.initial` must be 0 (a share with the event).
    public init(key: String, curve: StepCurve, pupils: Int, events: [Double], estimator: String) {
        self.key = key
        self.curve = curve
        self.pupils = pupils
        self.events = events
        self.estimator = estimator
    }

    /// `1 - S(t)` of a Kaplan–Meier stratum, limits swapped (`1 - upper`, `1 - lower`).
    public init(_ stratum: KaplanMeierStratum) {
        let key = BriefCurve.level(of: stratum.stratum)
        self.init(key: key, curve: StepCurve(label: key, time: stratum.time, estimate: stratum.surv.map { 1 - $0 },
                                             low: stratum.confHigh.map { 1 - $0 }, high: stratum.confLow.map { 1 - $0 },
                                             nRisk: stratum.nRisk, initial: 0),
                  pupils: stratum.n, events: stratum.nEvent, estimator: "Kaplan–Meier")
    }

    /// The cumulative incidence of the exit `state` in an Aalen–Johansen stratum; `nil` when the stratum
    /// has no such exit.
    public init?(_ stratum: CumulativeIncidenceStratum, state: String) {
        guard let k = stratum.states.firstIndex(of: state), k > 0, k < stratum.nEvent.count,
              let curve = StepCurve(stratum, state: state, label: BriefCurve.level(of: stratum.stratum)) else { return nil }
        self.init(key: curve.label, curve: curve, pupils: Int((stratum.nRisk.first ?? 0).rounded()),
                  events: stratum.nEvent[k], estimator: "Aalen–Johansen")
    }

    /// The level in a stratum name: `BSO` for `track=BSO`; combined strata (`track=BSO, male=1`) keep their name.
    static func level(of stratum: String) -> String {
        let parts = stratum.split(separator: "=", omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[1]) : stratum
    }

    /// Events up to and including time `t`.
    public func events(by t: Double) -> Int {
        var s = 0.0
        for (i, ti) in curve.time.enumerated() where ti <= t + 1e-12 && i < events.count { s += events[i] }
        return Int(s.rounded())
    }

    /// All events of the exit read.
    public var totalEvents: Int { Int(events.reduce(0, +).rounded()) }

    /// Last time the group was followed.
    public var lastTime: Double { curve.time.last ?? 0 }

    /// The share with the event by time `t` and its interval: the step function's value at `t` (0 before the
    /// first time, with the interval 0 to 0). Limits that are undefined (NaN) come back as NaN.
    public func share(at t: Double) -> (estimate: Double, low: Double, high: Double) {
        guard let i = curve.time.lastIndex(where: { $0 <= t + 1e-12 }) else { return (curve.initial, curve.initial, curve.initial) }
        let e = i < curve.estimate.count ? curve.estimate[i] : .nan
        let lo = i < curve.low.count ? curve.low[i] : .nan
        let hi = i < curve.high.count ? curve.high[i] : .nan
        return lo.isNaN || hi.isNaN ? (e, lo, hi) : (e, Swift.min(lo, hi), Swift.max(lo, hi))
    }
}

import Foundation
import Models

extension ForestRow {
    /// Rows of exponentiated coefficients (odds, rate or hazard ratios) with their Wald intervals,
    /// the intercept left out. `labels` maps R term names to plain words (unmapped terms keep their name).
    public static func ratios(_ coefficients: [Coefficient], labels: [String: String] = [:]) -> [ForestRow] {
        coefficients.filter { $0.term != "(Intercept)" }.map { c in
            ForestRow(label: labels[c.term] ?? c.term, estimate: Foundation.exp(c.estimate),
                      low: Foundation.exp(c.confLow), high: Foundation.exp(c.confHigh))
        }
    }
}

extension StepCurve {
    /// A Kaplan–Meier curve; `label` replaces the stratum name (`track=BSO`) when given.
    public init(_ stratum: KaplanMeierStratum, label: String? = nil) {
        self.init(label: label ?? stratum.stratum, time: stratum.time, estimate: stratum.surv, low: stratum.confLow,
                  high: stratum.confHigh, nRisk: stratum.nRisk, initial: 1)
    }

    /// One exit's cumulative incidence from an Aalen–Johansen stratum (`state` names the exit, as in
    /// `stratum.states`); `nil` when there is no such state.
    public init?(_ stratum: CumulativeIncidenceStratum, state: String, label: String? = nil) {
        guard let k = stratum.states.firstIndex(of: state), k > 0 else { return nil }
        self.init(label: label ?? stratum.stratum, time: stratum.time, estimate: stratum.probability[k],
                  low: stratum.confLow[k], high: stratum.confHigh[k], nRisk: stratum.nRisk, initial: 0)
    }
}

extension ItemRow {
    /// A row from a scale report's item statistics.
    public init(_ s: ItemStatistics) {
        self.init(item: s.item, reversed: s.reversed, mean: s.mean, sd: s.sd, itemRest: s.itemRestCorrelation,
                  alphaIfDeleted: s.alphaIfDeleted)
    }
}

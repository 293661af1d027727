import Foundation

extension CohortState {
    /// Self-reported truancy: `logit P = Xβ + u0_j + u1_j · bonding_cwc`, with (u0, u1) bivariate normal.
    mutating func drawTruancy() {
        let t = parameters.truancy
        var g = streams[.truancy]
        let s0 = t.interceptVariance.squareRoot(), s1 = t.slopeVariance.squareRoot()
        let r = t.correlation, rc = (1 - r * r).squareRoot()
        for _ in 0..<schoolCount {
            let z1 = g.nextStandardNormal(), z2 = g.nextStandardNormal()
            truancyIntercept.append(s0 * z1)
            truancySlope.append(s1 * (r * z1 + rc * z2))
        }
        let predictor = LinearPredictor(t.fixed)
        truant.reserveCapacity(pupilCount)
        for i in 0..<pupilCount {
            let j = school[i]
            let x = bondingCWC[i].isNaN ? 0 : bondingCWC[i]
            truant.append(g.nextBernoulli(inverseLogit(predictor.value(self, i) + truancyIntercept[j] + truancySlope[j] * x)))
        }
        streams[.truancy] = g
    }

    /// Registered unauthorised absent half-days in the survey year: NB2(size, μ), `log μ = Xβ + w_j`,
    /// capped at `max_halfdays`.
    mutating func drawAbsence() {
        let a = parameters.absence
        var g = streams[.absence]
        let sw = a.schoolVariance.squareRoot()
        for _ in 0..<schoolCount { absenceEffect.append(sw * g.nextStandardNormal()) }
        let predictor = LinearPredictor(a.fixed)
        absence.reserveCapacity(pupilCount)
        for i in 0..<pupilCount {
            let eta = Swift.min(predictor.value(self, i) + absenceEffect[school[i]], 12)
            absence.append(negativeBinomialDraw(size: a.size, mu: exp(eta), cap: a.maxHalfdays, using: &g))
        }
        streams[.absence] = g
    }
}

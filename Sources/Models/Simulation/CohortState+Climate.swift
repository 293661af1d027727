import Foundation

extension CohortState {
    /// Climate: latent teacher support and school bonding = school mean + pupil deviation (total variance 1);
    /// Likert answers through ordered thresholds, MCAR missing answers, scale scores (mean of the valid
    /// answers after reversing negatively worded items), school means and centred versions.
    mutating func drawClimate() {
        let c = parameters.climate
        var g = streams[.climate]
        let withinS = (1 - c.supportBetweenSD * c.supportBetweenSD).squareRoot()
        let withinB = (1 - c.bondingBetweenSD * c.bondingBetweenSD).squareRoot()
        let rho = c.withinCorrelation, rhoC = (1 - rho * rho).squareRoot()
        let n = pupilCount
        // Local arrays: appending to `self`'s arrays inside a call on `self` would copy them every time.
        var supportAnswers: [Int8] = [], bondingAnswers: [Int8] = [], support: [Double] = [], bonding: [Double] = []
        supportAnswers.reserveCapacity(n * c.supportItems.count)
        bondingAnswers.reserveCapacity(n * c.bondingItems.count)
        support.reserveCapacity(n)
        bonding.reserveCapacity(n)
        for i in 0..<n {
            let e1 = g.nextStandardNormal(), e2 = g.nextStandardNormal()
            let thetaS = latentSupport[school[i]] + withinS * e1
            let thetaB = latentBonding[school[i]] + withinB * (rho * e1 + rhoC * e2)
            support.append(Self.answer(c.supportItems, theta: thetaS, missingRate: c.missingRate, minValid: c.minValidShare, into: &supportAnswers, using: &g))
            bonding.append(Self.answer(c.bondingItems, theta: thetaB, missingRate: c.missingRate, minValid: c.minValidShare, into: &bondingAnswers, using: &g))
        }
        streams[.climate] = g
        self.supportAnswers = supportAnswers
        self.bondingAnswers = bondingAnswers
        self.support = support
        self.bonding = bonding

        // School means (of pupils with a score), rounded as stored; centred climate and bonding.
        let J = schoolCount
        var sumS = [Double](repeating: 0, count: J), nS = [Double](repeating: 0, count: J)
        var sumB = [Double](repeating: 0, count: J), nB = [Double](repeating: 0, count: J)
        for i in 0..<n {
            if !support[i].isNaN { sumS[school[i]] += support[i]; nS[school[i]] += 1 }
            if !bonding[i].isNaN { sumB[school[i]] += bonding[i]; nB[school[i]] += 1 }
        }
        schoolClimate = (0..<J).map { nS[$0] > 0 ? rounded(sumS[$0] / nS[$0], 4) : .nan }
        schoolBondingMean = (0..<J).map { nB[$0] > 0 ? rounded(sumB[$0] / nB[$0], 4) : .nan }
        let valid = schoolClimate.filter { !$0.isNaN }
        let grand = valid.isEmpty ? 0 : valid.reduce(0, +) / Double(valid.count)
        schoolClimateC = schoolClimate.map { $0.isNaN ? 0 : rounded($0 - grand, 4) }
        bondingCWC = (0..<n).map { i in
            let m = schoolBondingMean[school[i]]
            return bonding[i].isNaN || m.isNaN ? .nan : rounded(bonding[i] - m, 4)
        }
    }

    /// Draws one pupil's answers to `items` (appended to `answers`, 0 = missing) and returns the scale
    /// score rounded to 4 decimals (NaN when fewer than `minValid` of the items were answered).
    private static func answer<G: RandomNumberGenerator>(_ items: [ItemParameters], theta: Double, missingRate: Double,
                                                 minValid: Double, into answers: inout [Int8], using g: inout G) -> Double {
        var sum = 0.0, valid = 0
        for item in items {
            let y = (item.reversed ? -1 : 1) * item.loading * theta + (1 - item.loading * item.loading).squareRoot() * g.nextStandardNormal()
            var category = 1
            for t in item.thresholds where y > t { category += 1 }
            if g.nextBernoulli(missingRate) {
                answers.append(0)
            } else {
                answers.append(Int8(clamping: category))
                sum += Double(item.reversed ? item.thresholds.count + 2 - category : category)
                valid += 1
            }
        }
        let needed = Swift.max(1, Int((minValid * Double(items.count)).rounded(.up)))
        return valid >= needed ? rounded(sum / Double(valid), 4) : .nan
    }
}

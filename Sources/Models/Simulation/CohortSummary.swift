/// Realized marginal figures of a simulated cohort, for calibration against the domain notes
/// (all shares are proportions in [0, 1]; "by track" arrays follow `simulationTracks`).
public struct CohortSummary: Sendable, Equatable {
    /// Share of pupils reporting truancy.
    public var truancyRate: Double
    /// Share of pupils with at least `problematic_threshold` unauthorised half-days, overall and by track.
    public var problematicRate: Double
    /// `problematicRate` by track.
    public var problematicByTrack: [Double]
    /// Share of pupils with zero unauthorised half-days.
    public var zeroAbsenceShare: Double
    /// Mean unauthorised half-days.
    public var meanAbsence: Double
    /// Share of pupils at least one year behind at the survey.
    public var retainedShare: Double
    /// Early school leaving rate dropout / (dropout + qualified), overall and by track.
    public var earlyLeavingRate: Double
    /// `earlyLeavingRate` by track.
    public var earlyLeavingByTrack: [Double]
    /// Number of career exits by code (censored, dropout, transfer, qualified).
    public var exits: [Int]
    /// Realized track shares.
    public var trackShares: [Double]
    /// Cronbach's alpha (complete cases, reverse-keyed items recoded) of teacher support and bonding.
    public var alphaSupport: Double
    /// Cronbach's alpha of school bonding.
    public var alphaBonding: Double
    /// Observed ICC(1) (one-way ANOVA) of the support and bonding scale scores by school.
    public var iccSupport: Double
    /// ICC(1) of bonding.
    public var iccBonding: Double
    /// Share of missing item answers.
    public var itemMissingShare: Double
}

extension CohortState {
    /// The realized marginal figures.
    func summary() -> CohortSummary {
        let n = Double(pupilCount)
        var trackN = [Double](repeating: 0, count: 4), problematicN = trackN, dropoutN = trackN, qualifiedN = trackN
        var problematic = 0.0, zero = 0.0, totalAbsence = 0.0
        let threshold = parameters.absence.problematicThreshold
        for i in 0..<pupilCount {
            let t = track[i]
            trackN[t] += 1
            if absence[i] >= threshold { problematic += 1; problematicN[t] += 1 }
            if absence[i] == 0 { zero += 1 }
            totalAbsence += Double(absence[i])
            if careerExit[i] == 1 { dropoutN[t] += 1 }
            if careerExit[i] == 3 { qualifiedN[t] += 1 }
        }
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        let recoded: ([ItemParameters], [Int8]) -> [Int8] = { items, answers in
            var out = answers
            let k = items.count
            for idx in out.indices where out[idx] != 0 {
                let item = items[idx % k]
                if item.reversed { out[idx] = Int8(item.thresholds.count + 2) - out[idx] }
            }
            return out
        }
        let c = parameters.climate
        let answers = supportAnswers + bondingAnswers
        return CohortSummary(
            truancyRate: Double(truant.filter { $0 }.count) / n,
            problematicRate: problematic / n,
            problematicByTrack: (0..<4).map { ratio(problematicN[$0], trackN[$0]) },
            zeroAbsenceShare: zero / n,
            meanAbsence: totalAbsence / n,
            retainedShare: Double(yearsBehind.filter { $0 > 0 }.count) / n,
            earlyLeavingRate: ratio(dropoutN.reduce(0, +), dropoutN.reduce(0, +) + qualifiedN.reduce(0, +)),
            earlyLeavingByTrack: (0..<4).map { ratio(dropoutN[$0], dropoutN[$0] + qualifiedN[$0]) },
            exits: (0..<4).map { code in careerExit.filter { $0 == code }.count },
            trackShares: trackN.map { $0 / n },
            alphaSupport: cronbachAlpha(recoded(c.supportItems, supportAnswers), items: c.supportItems.count),
            alphaBonding: cronbachAlpha(recoded(c.bondingItems, bondingAnswers), items: c.bondingItems.count),
            iccSupport: anovaICC1(support, groups: school, groupCount: schoolCount),
            iccBonding: anovaICC1(bonding, groups: school, groupCount: schoolCount),
            itemMissingShare: Double(answers.filter { $0 == 0 }.count) / Double(Swift.max(answers.count, 1)))
    }
}

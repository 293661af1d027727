import Frames
import Linalg

/// The analysis of a multi-item scale: scores, Cronbach's alpha (raw and standardized) with a Feldt
/// confidence interval, McDonald's omega, item statistics with alpha-if-item-deleted, and a one-factor
/// solution for checking unidimensionality. An immutable value; print `summary` for an R-like report.
///
/// Conventions (checked against psych 2.2.9 on `bfi`, see Tests/ModelsTests/MeasurementScaleTests.swift):
/// - Missing responses: covariances and correlations use pairwise-complete observations (psych's default).
///   Respondents who answered no item are left out and counted in `rowsAllMissing`; `n` counts the others.
/// - Reverse keying uses the declared response range (`low + high - x`); psych uses the observed range,
///   which is the same whenever both extreme responses occur.
/// - Scores follow `ScaleSpecification.minimumValid` and `scoring`; with `minimumValid = 1` and `.mean`
///   they are psych's `scores`.
/// - The alpha interval is Feldt's (1965) F-based interval as psych's `alpha.ci`:
///   `1 - (1 - α) F(1 - p/2; n-1, (n-1)(k-1))` to `1 - (1 - α) F(p/2; n-1, (n-1)(k-1))` with `p = 1 - level`.
public struct ScaleReport: Sendable, Equatable {
    /// The scale definition.
    public let specification: ScaleSpecification
    /// All respondents in the data.
    public let rowCount: Int
    /// Respondents with at least one valid item (the `n` of alpha's interval and standard error).
    public let n: Int
    /// Respondents who answered none of the items (left out of every statistic).
    public let rowsAllMissing: Int
    /// Respondents without a score (fewer than `minimumValid` valid items, including `rowsAllMissing`).
    public let rowsWithoutScore: Int
    /// Respondents whose score rests on some but not all items.
    public let rowsPartiallyScored: Int
    /// Alpha and related statistics of all items.
    public let statistics: AlphaStatistics
    /// Asymptotic standard error of alpha, `sqrt(Q / n)` (psych's `ase`).
    public let alphaStandardError: Double
    /// Feldt's confidence interval for alpha.
    public let alphaInterval: ClosedRange<Double>
    /// Confidence level of `alphaInterval` (e.g. 0.95).
    public let confidenceLevel: Double
    /// Omega estimates from the one-factor solution (`nil` when it could not be fitted; see `warnings`).
    public let omega: OmegaEstimates?
    /// One-factor minimum-residual solution of the keyed items' pairwise correlations.
    public let factor: FactorSolution?
    /// Per-item statistics in scale order.
    public let items: [ItemStatistics]
    /// Mean of the scores (over respondents with a score).
    public let scoreMean: Double
    /// Standard deviation of the scores.
    public let scoreSD: Double
    /// Keyed responses and scores per respondent.
    public let scores: ScaleScores
    /// Things a reader should know (e.g. an item correlating negatively with the rest, a Heywood case).
    public let warnings: [String]

    /// Cronbach's alpha (raw).
    public var alpha: Double { statistics.alpha }
    /// Standardized alpha.
    public var standardizedAlpha: Double { statistics.standardizedAlpha }

    /// Analyses the items named in `specification`, read from `table`.
    public init(table: Table, specification: ScaleSpecification, confidenceLevel: Double = 0.95) throws {
        let data = try ItemResponses(table: table, items: specification.itemNames)
        try self.init(responses: data, specification: specification, confidenceLevel: confidenceLevel)
    }

    /// Analyses `responses`, whose columns are the specification's items in order.
    public init(responses: ItemResponses, specification: ScaleSpecification, confidenceLevel: Double = 0.95) throws {
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw MeasurementError.invalid("confidence level \(confidenceLevel) must lie strictly between 0 and 1")
        }
        let scored = try ScaleScores(responses: responses, specification: specification)
        let k = specification.items.count
        let keyed = scored.keyed
        let moments = try PairwiseMoments(keyed)
        let c = moments.covariance
        let r = covarianceToCorrelation(c)
        let stats = try AlphaStatistics(covariance: c, correlation: r)
        let n = scored.rowCount - scored.rowsAllMissing
        var warnings: [String] = []

        // Per-item statistics.
        let smc = try squaredMultipleCorrelations(r)
        var sumR = 0.0, sumRC = 0.0
        var colR = [Double](repeating: 0, count: k), colRC = [Double](repeating: 0, count: k)
        var colC = [Double](repeating: 0, count: k)
        var sumC = 0.0
        for j in 0..<k {
            for i in 0..<k {
                let rc = i == j ? smc[i] : r[i, j]
                colR[j] += r[i, j]; colRC[j] += rc; colC[j] += c[i, j]
                sumR += r[i, j]; sumRC += rc; sumC += c[i, j]
            }
        }
        var items: [ItemStatistics] = []
        for j in 0..<k {
            let x = keyed.column(j)
            let (mean, sd, valid) = meanAndSD(x)
            let restVariance = sumC - 2 * colC[j] + c[j, j]
            let rDrop = (colC[j] - c[j, j]) / (c[j, j] * restVariance).squareRoot()
            var dropped: AlphaStatistics?
            if k > 2 {
                dropped = try AlphaStatistics(covariance: dropping(c, j), correlation: dropping(r, j))
            }
            items.append(ItemStatistics(
                item: specification.items[j].name, reversed: specification.items[j].reversed,
                validCount: valid, missingCount: scored.rowCount - valid, mean: mean, sd: sd,
                itemTotalCorrelation: pairwiseCorrelation(scored.scores, x),
                standardizedItemTotalCorrelation: colR[j] / sumR.squareRoot(),
                correctedItemTotalCorrelation: colRC[j] / sumRC.squareRoot(),
                itemRestCorrelation: rDrop,
                alphaIfDeleted: dropped?.alpha ?? .nan,
                standardizedAlphaIfDeleted: dropped?.standardizedAlpha ?? .nan,
                lambda6IfDeleted: dropped?.lambda6 ?? .nan,
                averageCorrelationIfDeleted: dropped?.averageCorrelation ?? .nan))
            if rDrop < 0 {
                warnings.append("item '\(specification.items[j].name)' correlates negatively with the rest of the scale (r = "
                    + "\(fmt3(rDrop))); should it be \(specification.items[j].reversed ? "not " : "")reverse-keyed?")
            }
        }

        // One-factor solution and omega (psych's fa/omega use cor(x, use = "pairwise")).
        var factor: FactorSolution?
        var omega: OmegaEstimates?
        if k >= 3 {
            do {
                let f = try FactorAnalysis.fit(correlation: moments.correlation, names: specification.itemNames,
                                               factors: 1, method: .minres)
                factor = f
                omega = OmegaEstimates(solution: f, correlation: moments.correlation)
                if f.heywood { warnings.append("the one-factor solution is a Heywood case (a uniqueness reached 0.005); interpret omega with care") }
            } catch {
                warnings.append("no one-factor solution, so no omega: \(error)")
            }
        } else {
            warnings.append("omega needs at least three items (a one-factor model of two items is not identified)")
        }

        let (sm, ssd, scoredCount) = meanAndSD(scored.scores)
        if scored.rowsAllMissing > 0 {
            warnings.append("\(scored.rowsAllMissing) respondent(s) answered none of the items and were left out")
        }
        if scored.rowsWithoutScore > scored.rowsAllMissing {
            warnings.append("\(scored.rowsWithoutScore - scored.rowsAllMissing) respondent(s) answered fewer than "
                + "\(specification.minimumValid) item(s) and have no score")
        }
        _ = scoredCount
        self.specification = specification
        self.rowCount = scored.rowCount
        self.n = n
        self.rowsAllMissing = scored.rowsAllMissing
        self.rowsWithoutScore = scored.rowsWithoutScore
        self.rowsPartiallyScored = scored.rowsPartiallyScored
        self.statistics = stats
        self.alphaStandardError = (stats.asymptoticVarianceTimesN / Double(n)).squareRoot()
        self.alphaInterval = try feldtInterval(alpha: stats.alpha, n: n, items: k, level: confidenceLevel)
        self.confidenceLevel = confidenceLevel
        self.omega = omega
        self.factor = factor
        self.items = items
        self.scoreMean = sm
        self.scoreSD = ssd
        self.scores = scored
        self.warnings = warnings
    }
}

/// Mean, standard deviation (divisor n - 1) and count of the non-`NaN` values.
func meanAndSD(_ x: [Double]) -> (mean: Double, sd: Double, count: Int) {
    var n = 0, s = 0.0
    for v in x where !v.isNaN { n += 1; s += v }
    guard n > 0 else { return (.nan, .nan, 0) }
    let m = s / Double(n)
    var ss = 0.0
    for v in x where !v.isNaN { ss += (v - m) * (v - m) }
    return (m, n > 1 ? (ss / Double(n - 1)).squareRoot() : .nan, n)
}

/// Pearson correlation over the rows where both values are present (R's `cor(x, y, use = "pairwise")`).
func pairwiseCorrelation(_ x: [Double], _ y: [Double]) -> Double {
    var n = 0, sx = 0.0, sy = 0.0
    for i in x.indices where !x[i].isNaN && !y[i].isNaN { n += 1; sx += x[i]; sy += y[i] }
    guard n > 1 else { return .nan }
    let mx = sx / Double(n), my = sy / Double(n)
    var sxx = 0.0, syy = 0.0, sxy = 0.0
    for i in x.indices where !x[i].isNaN && !y[i].isNaN {
        let dx = x[i] - mx, dy = y[i] - my
        sxx += dx * dx; syy += dy * dy; sxy += dx * dy
    }
    return sxy / (sxx.squareRoot() * syy.squareRoot())
}

/// A number with three decimals, for messages.
func fmt3(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return "\(r)"
}

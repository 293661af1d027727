import Testing
import Linalg
@testable import Models
import TestSupport

/// Scales on psych's `bfi` data (2,800 respondents, responses 1..6 with missing values), checked against
/// psych 2.2.9 (Scripts/reference/measurement.R → Tests/Fixtures/measurement/bfi_scales.json).
@Suite("Scales: Cronbach's alpha, item statistics, omega and EFA vs psych on bfi")
struct MeasurementScaleTests {
    static let data = try! NumericCSV("measurement/bfi_ac.csv")
    static let reference = try! JSONFixture("measurement/bfi_scales.json")

    static func report(_ list: String, _ key: String, minimumValid: Int = 1,
                       scoring: ScaleScoring = .mean) throws -> (ScaleReport, JSONFixture) {
        let spec = try ScaleSpecification(parsing: list, range: 1...6, minimumValid: minimumValid, scoring: scoring)
        let responses = try ItemResponses(names: spec.itemNames, columns: spec.itemNames.map { data.column($0) })
        return (try ScaleReport(responses: responses, specification: spec), reference[key])
    }

    @Test("alpha, standardized alpha, G6, mean r, S/N, ase, Feldt CI match psych::alpha within 1e-8",
          arguments: [("-A1,A2,A3,A4,A5", "agreeableness"), ("C1,C2,C3,-C4,-C5", "conscientiousness")])
    func alphaTotals(list: String, key: String) throws {
        // R: psych::alpha(bfi[, c('A1','A2','A3','A4','A5')], keys = c('A1'))
        // R: psych::alpha(bfi[, c('C1','C2','C3','C4','C5')], keys = c('C4','C5'))
        let (r, ref) = try Self.report(list, key)
        let a = ref["alpha"]
        #expect(isClose(r.alpha, a.double("raw_alpha"), rel: 1e-8))
        #expect(isClose(r.standardizedAlpha, a.double("std_alpha"), rel: 1e-8))
        #expect(isClose(r.statistics.lambda6, a.double("g6"), rel: 1e-8))
        #expect(isClose(r.statistics.averageCorrelation, a.double("average_r"), rel: 1e-8))
        #expect(isClose(r.statistics.medianCorrelation, a.double("median_r"), rel: 1e-8))
        #expect(isClose(r.statistics.signalToNoise, a.double("s_n"), rel: 1e-8))
        #expect(isClose(r.alphaStandardError, a.double("ase"), rel: 1e-8))
        #expect(isClose(r.scoreMean, a.double("mean"), rel: 1e-8))
        #expect(isClose(r.scoreSD, a.double("sd"), rel: 1e-8))
        // R: psych::alpha.ci(alpha, n.obs = 2800, n.var = 5)  (Feldt; what psych::alpha prints as "Feldt")
        #expect(isClose(r.alphaInterval.lowerBound, a.double("feldt_lower"), rel: 1e-8))
        #expect(isClose(r.alphaInterval.upperBound, a.double("feldt_upper"), rel: 1e-8))
        #expect(r.n == 2800 && r.rowsAllMissing == 0)
    }

    @Test("item statistics and alpha-if-item-deleted match psych within 1e-8",
          arguments: [("-A1,A2,A3,A4,A5", "agreeableness"), ("C1,C2,C3,-C4,-C5", "conscientiousness")])
    func itemStatistics(list: String, key: String) throws {
        let (r, ref) = try Self.report(list, key)
        let s = ref["item_stats"], d = ref["alpha_drop"]
        #expect(r.items.map { Double($0.validCount) } == s.doubles("n"))
        #expect(maxRelativeDifference(r.items.map(\.mean), s.doubles("mean")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.sd), s.doubles("sd")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.itemTotalCorrelation), s.doubles("raw_r")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.standardizedItemTotalCorrelation), s.doubles("std_r")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.correctedItemTotalCorrelation), s.doubles("r_cor")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.itemRestCorrelation), s.doubles("r_drop")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.alphaIfDeleted), d.doubles("raw_alpha")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.standardizedAlphaIfDeleted), d.doubles("std_alpha")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.lambda6IfDeleted), d.doubles("g6")) < 1e-8)
        #expect(maxRelativeDifference(r.items.map(\.averageCorrelationIfDeleted), d.doubles("average_r")) < 1e-8)
        #expect(r.warnings.isEmpty)
    }

    @Test("scores with a minimum-valid-items rule match R's rowMeans/rowSums(na.rm = TRUE) with NA below k")
    func scores() throws {
        // R: score(x, rev, k) in measurement.R: reverse with 1 + 6 - x, rowMeans(na.rm = TRUE), NA when fewer than k valid.
        let ref = Self.reference["agreeableness"]["scores"]
        let (k1, _) = try Self.report("-A1,A2,A3,A4,A5", "agreeableness", minimumValid: 1)
        let (k3, _) = try Self.report("-A1,A2,A3,A4,A5", "agreeableness", minimumValid: 3)
        let (s4, _) = try Self.report("-A1,A2,A3,A4,A5", "agreeableness", minimumValid: 4, scoring: .sum)
        #expect(maxAbsoluteDifference(k1.scores.scores, ref.doubles("mean_k1")) < 1e-12)
        #expect(maxAbsoluteDifference(k3.scores.scores, ref.doubles("mean_k3")) < 1e-12)
        #expect(maxAbsoluteDifference(s4.scores.scores, ref.doubles("sum_k4")) < 1e-12)
        // Counted, not dropped: the respondents without a score are exactly R's NAs.
        #expect(k3.rowsWithoutScore == ref.doubles("mean_k3").filter(\.isNaN).count)
        #expect(s4.rowsWithoutScore == ref.doubles("sum_k4").filter(\.isNaN).count)
        #expect(s4.rowsWithoutScore > 0 && !s4.warnings.isEmpty)
    }

    @Test("sum scores (psych cumulative = TRUE) have psych's mean and sd")
    func sumScores() throws {
        // R: psych::alpha(x, keys = 'A1', cumulative = TRUE)$total[, c('mean', 'sd')]
        let (r, ref) = try Self.report("-A1,A2,A3,A4,A5", "agreeableness", scoring: .sum)
        #expect(isClose(r.scoreMean, ref["alpha"].double("sum_mean"), rel: 1e-8))
        #expect(isClose(r.scoreSD, ref["alpha"].double("sum_sd"), rel: 1e-8))
    }

    @Test("omega total / hierarchical / model-based match psych's definitions on fa(x, 1, fm = 'minres')",
          arguments: [("-A1,A2,A3,A4,A5", "agreeableness"), ("C1,C2,C3,-C4,-C5", "conscientiousness")])
    func omega(list: String, key: String) throws {
        // R: f <- psych::fa(xk, 1, fm = "minres"); R <- cor(xk, use = "pairwise")
        //    omega.tot = (sum(R) - sum(f$uniquenesses)) / sum(R)   (psych:::omegah for nfactors = 1)
        let (r, ref) = try Self.report(list, key)
        let o = try #require(r.omega)
        // Loadings agree to ~1e-7 (psych stops L-BFGS-B early), so omega agrees to ~1e-7 too.
        #expect(Swift.abs(o.total - ref["omega"].double("omega_total")) < 1e-6)
        #expect(Swift.abs(o.hierarchical - ref["omega"].double("omega_h")) < 1e-6)
        #expect(Swift.abs(o.modelBased - ref["omega"].double("omega_model")) < 1e-6)
    }

    @Test("one-factor minres and ML loadings, communalities match psych::fa within 1e-4",
          arguments: [("-A1,A2,A3,A4,A5", "agreeableness"), ("C1,C2,C3,-C4,-C5", "conscientiousness")])
    func oneFactor(list: String, key: String) throws {
        // R: psych::fa(xk, nfactors = 1, fm = "minres") ; psych::fa(xk, nfactors = 1, fm = "ml")
        let (r, ref) = try Self.report(list, key)
        let f = try #require(r.factor)
        #expect(maxDifferenceUpToSign(f.loadings.column(0), ref["fa1_minres"].doubles("loadings")) < 1e-4)
        #expect(maxAbsoluteDifference(f.communalities, ref["fa1_minres"].doubles("h2")) < 1e-4)
        #expect(isClose(f.sumsOfSquares[0], ref["fa1_minres"].double("ss_loadings"), rel: 1e-4))
        #expect(isClose(f.proportionVariance[0], ref["fa1_minres"].double("prop_var"), rel: 1e-4))
        let ml = try FactorAnalysis.fit(r.scores.keyed, factors: 1, method: .ml)
        #expect(maxDifferenceUpToSign(ml.loadings.column(0), ref["fa1_ml"].doubles("loadings")) < 1e-4)
        #expect(maxAbsoluteDifference(ml.uniquenesses, ref["fa1_ml"].doubles("u2")) < 1e-4)
        #expect(isClose(ml.criterion, ref["fa1_ml"].double("objective"), rel: 1e-4))
    }

    @Test("two-factor minres and ML (unrotated) and varimax loadings match psych::fa within 1e-4",
          arguments: [("minres_none", FactorMethod.minres, FactorRotation.none),
                      ("ml_none", .ml, .none), ("minres_varimax", .minres, .varimax)])
    func twoFactors(key: String, method: FactorMethod, rotation: FactorRotation) throws {
        // R: psych::fa(xk10, nfactors = 2, fm = <method>, rotate = <rotation>)  (A1, C4, C5 reversed)
        let spec = try ScaleSpecification(parsing: "-A1,A2,A3,A4,A5,C1,C2,C3,-C4,-C5", range: 1...6)
        let responses = try ItemResponses(names: spec.itemNames, columns: spec.itemNames.map { Self.data.column($0) })
        let keyed = try ScaleScores(responses: responses, specification: spec).keyed
        let f = try FactorAnalysis.fit(keyed, factors: 2, method: method, rotation: rotation)
        let ref = Self.reference["efa2"][key]
        #expect(maxDifferenceUpToSign(f.loadings.column(0), ref["loadings"].doubles("f1")) < 1e-4)
        #expect(maxDifferenceUpToSign(f.loadings.column(1), ref["loadings"].doubles("f2")) < 1e-4)
        #expect(maxAbsoluteDifference(f.communalities, ref.doubles("h2")) < 1e-4)
    }

    @Test("varimax iterated to convergence matches stats::varimax(eps = 1e-14) within 1e-6")
    func varimaxConverged() throws {
        // R: stats::varimax(unclass(psych::fa(xk10, 2, fm = "minres", rotate = "none")$loadings), eps = 1e-14)
        let spec = try ScaleSpecification(parsing: "-A1,A2,A3,A4,A5,C1,C2,C3,-C4,-C5", range: 1...6)
        let responses = try ItemResponses(names: spec.itemNames, columns: spec.itemNames.map { Self.data.column($0) })
        let keyed = try ScaleScores(responses: responses, specification: spec).keyed
        let unrotated = try FactorAnalysis.fit(keyed, factors: 2, method: .minres, rotation: .none)
        let rotated = try FactorAnalysis.varimax(unrotated.loadings, tolerance: 1e-14)
        let ref = Self.reference["efa2"]["minres_varimax_converged"]["loadings"]
        #expect(maxDifferenceUpToSign(rotated.column(0), ref.doubles("f1")) < 1e-6)
        #expect(maxDifferenceUpToSign(rotated.column(1), ref.doubles("f2")) < 1e-6)
    }
}

extension MeasurementScaleTests {
    @Test("the text summary reads like psych's print(alpha(...))")
    func summaryText() throws {
        let (r, _) = try Self.report("-A1,A2,A3,A4,A5", "agreeableness")
        let s = r.summary
        // psych prints: raw_alpha 0.7, std.alpha 0.71, G6 0.68, average_r 0.33, S/N 2.5, ase 0.009, mean 4.7, sd 0.9
        #expect(s.contains(" 0.70      0.71    0.68      0.33 2.48 0.0090 4.65 0.90     0.34"))
        #expect(s.contains("95% confidence interval for alpha (Feldt): 0.69 to 0.72"))
        #expect(s.contains("A1-      0.72      0.73    0.67      0.40"))
        #expect(s.contains("Items: A1-, A2, A3, A4, A5"))
        #expect(s == (try Self.report("-A1,A2,A3,A4,A5", "agreeableness")).0.summary)   // deterministic
    }

    @Test("without a declared range, items are reversed with the observed range (psych's rule)")
    func observedRange() throws {
        let spec = try ScaleSpecification(parsing: "-A1,A2,A3,A4,A5")
        let responses = try ItemResponses(names: spec.itemNames, columns: spec.itemNames.map { Self.data.column($0) })
        let r = try ScaleReport(responses: responses, specification: spec)
        #expect(r.scores.rangeIsObserved && r.scores.reversalRange == 1...6)
        #expect(isClose(r.items[0].mean, Self.reference["agreeableness"]["item_stats"].doubles("mean")[0], rel: 1e-12))
        #expect(r.summary.contains("observed range 1..6"))
    }

    @Test("the factor summary prints loadings, h2, u2 and variance explained as psych does")
    func factorSummary() throws {
        let spec = try ScaleSpecification(parsing: "-A1,A2,A3,A4,A5,C1,C2,C3,-C4,-C5", range: 1...6)
        let responses = try ItemResponses(names: spec.itemNames, columns: spec.itemNames.map { Self.data.column($0) })
        let keyed = try ScaleScores(responses: responses, specification: spec).keyed
        let f = try FactorAnalysis.fit(keyed, factors: 2, method: .minres, rotation: .varimax)
        // R: print(psych::fa(xk10, 2, fm = "minres", rotate = "varimax"))  -> C2 0.63 0.08 (h2 0.40, u2 0.60)
        #expect(f.summary.contains("C2  0.63 0.08 0.40 0.60"))
        #expect(f.summary.contains("Cumulative Var"))
        #expect(f.rotation == .varimax && f.factorCount == 2 && !f.heywood)
        #expect(isClose(f.cumulativeVariance[1], f.communalities.reduce(0, +) / 10, rel: 1e-12))
    }
}

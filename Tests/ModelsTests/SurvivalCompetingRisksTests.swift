import Foundation
import Testing
import Linalg
import Models
import TestSupport

/// Competing exits: Aalen–Johansen cumulative incidence against R survival 3.5-3.
@Suite struct SurvivalCompetingRisksTests {
    static func mgus2() throws -> (SurvivalData, GroupCodes, SurvivalCSV) {
        let csv = try SurvivalCSV("mgus2.csv")
        let data = try SurvivalData(stop: csv.column("etime"), status: csv.column("event").map { Int($0) },
                                    states: ["pcm", "death"])
        return (data, try GroupCodes.from(name: "male", values: csv.column("male")), csv)
    }

    /// R: survfit(Surv(etime, factor(event, 0:2, labels = c("censor", "pcm", "death"))) ~ male, data = mgus2d)
    @Test func mgus2ByMale() throws {
        let (data, male, _) = try Self.mgus2()
        let fit = try AalenJohansen.fit(data, groups: male)
        let fx = try SurvivalFixture("aj_mgus2_male.json")
        let nt = fx.doubles("time").count
        var time: [Double] = [], nRisk: [Double] = [], labels: [String] = []
        var prob = [[Double]](repeating: [], count: 3), se = prob, lo = prob, hi = prob, ev = prob
        for st in fit.strata {
            time += st.time; nRisk += st.nRisk
            labels += Array(repeating: st.stratum, count: st.time.count)
            for s in 0..<3 {
                prob[s] += st.probability[s]; se[s] += st.stdErr[s]
                lo[s] += st.confLow[s]; hi[s] += st.confHigh[s]; ev[s] += st.nEvent[s]
            }
        }
        #expect(labels == fx.strings("stratum"))
        #expect(time == fx.doubles("time"))
        #expect(nRisk == fx.doubles("n_risk"))
        #expect(fit.strata[0].states == fx.strings("states"))
        for s in 0..<3 {
            let part = s * nt..<(s + 1) * nt
            #expect(ev[s] == Array(fx.doubles("n_event")[part]))
            #expect(survivalMaxRelDiff(prob[s], Array(fx.doubles("pstate")[part])) < 1e-10)
            #expect(survivalMaxRelDiff(se[s], Array(fx.doubles("std_err")[part])) < 1e-8)
            #expect(survivalMaxRelDiff(lo[s], Array(fx.doubles("lower")[part])) < 1e-8)
            #expect(survivalMaxRelDiff(hi[s], Array(fx.doubles("upper")[part])) < 1e-8)
        }
    }

    @Test func twoStateEventIsRejected() throws {
        let data = try SurvivalData(stop: [1, 2], status: [1, 0])
        #expect(throws: SurvivalError.self) { try AalenJohansen.fit(data) }
        let multi = try SurvivalData(stop: [1, 2], status: [1, 2], states: ["a", "b"])
        #expect(throws: SurvivalError.self) { try KaplanMeier.fit(multi) }
        #expect(throws: SurvivalError.invalidStateCode(row: 2, value: 3, states: 2)) {
            try SurvivalData(stop: [1, 2], status: [1, 3], states: ["a", "b"])
        }
    }
}

/// Cause-specific Cox and the person-period expansion.
@Suite struct SurvivalCauseSpecificAndPersonPeriodTests {
    /// R: coxph(Surv(etime, event == 1) ~ age + male, data = mgus2d)
    @Test func causeSpecificCox() throws {
        let (data, _, csv) = try SurvivalCompetingRisksTests.mgus2()
        var x = Matrix(rows: data.count, columns: 2)
        x.setColumn(0, csv.column("age"))
        x.setColumn(1, csv.column("male"))
        let fit = try CoxPH.causeSpecific(data: data, state: 1, x: x, names: ["age", "male"])
        let fx = try SurvivalFixture("cox_mgus2_cause_pcm.json")
        #expect(survivalMaxRelDiff([fit.model.loglikNull, fit.model.loglik], fx.doubles("loglik")) < 1e-8)
        #expect(survivalMaxRelDiff(fit.model.estimates, fx.doubles("coef")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.model.stdErrors, fx.doubles("se")) < 1e-6)
        #expect(throws: SurvivalError.self) { try CoxPH.causeSpecific(data: data, state: 3, x: x, names: ["age", "male"]) }
    }

    /// R: survSplit(Surv(time, status) ~ ., data = veteran (+ id), cut = c(30, 60, 90, 180), episode = "period")
    @Test func veteranSplitMatchesSurvSplit() throws {
        let csv = try SurvivalCSV("veteran.csv")
        let pp = try PersonPeriod.expand(time: csv.column("time"), status: csv.column("status").map { Int($0) },
                                         cuts: [30, 60, 90, 180])
        let fx = try SurvivalFixture("personperiod_veteran.json")
        #expect(pp.subject.map { Double($0 + 1) } == fx.doubles("id"))
        #expect(pp.period.map(Double.init) == fx.doubles("period"))
        #expect(pp.start == fx.doubles("tstart"))
        #expect(pp.stop == fx.doubles("time"))
        #expect(pp.event.map(Double.init) == fx.doubles("status"))
    }

    /// Singer & Willett style: whole periods, delayed entry, and a time-varying covariate from a long table.
    @Test func discretePeriodsEntryAndLookup() throws {
        // Subject 0: event in period 3; subject 1: censored after 2; subject 2: enters after period 1, event in 2.
        let pp = try PersonPeriod.expand(periods: [3, 2, 2], status: [1, 0, 1], entryPeriod: [0, 0, 1])
        #expect(pp.subject == [0, 0, 0, 1, 1, 2])
        #expect(pp.period == [1, 2, 3, 1, 2, 2])
        #expect(pp.event == [0, 0, 1, 0, 0, 1])
        let v = try PersonPeriod.lookup(pp, subject: [0, 0, 1, 2], period: [1, 3, 1, 2], value: [10, 30, 5, 7])
        #expect(v[0] == 10 && v[1].isNaN && v[2] == 30 && v[3] == 5 && v[4].isNaN && v[5] == 7)
        let carried = try PersonPeriod.lookup(pp, subject: [0, 0, 1, 2], period: [1, 3, 1, 2], value: [10, 30, 5, 7],
                                              carryForward: true)
        #expect(carried == [10, 10, 30, 5, 5, 7])
        #expect(throws: SurvivalError.stopNotAfterStart(row: 1, start: 2, stop: 2)) {
            try PersonPeriod.expand(periods: [2], status: [1], entryPeriod: [2])
        }
        #expect(throws: SurvivalError.self) { try PersonPeriod.expand(time: [1], status: [1], cuts: [2, 1]) }
    }
}

/// Gray's test, validated against cmprsk's own regression output (tests/test.Rout.save) on its
/// simulated data, regenerated with the 2001 random number generator, and on a hand-checked case.
@Suite struct SurvivalGrayTestTests {
    static func cmprskData(excludeGroupB: Bool = false) throws -> (SurvivalData, GroupCodes, GroupCodes) {
        let csv = try SurvivalCSV("gray_cmprsk_test.csv")
        let all = Array(0..<csv.column("ss").count)
        let rows = excludeGroupB ? all.filter { csv.column("gg")[$0] != 2 } : all
        let data = try SurvivalData(stop: csv.column("ss", rows: rows), status: csv.column("cc", rows: rows).map { Int($0) },
                                    states: ["1", "2"])
        let groups = try GroupCodes.from(name: "gg", values: csv.column("gg", rows: rows))
        let strata = try GroupCodes.from(name: "strt", values: csv.column("strt", rows: rows))
        return (data, groups, strata)
    }

    /// cmprsk: cuminc(ss, cc, gg, strt)  ->  cause 1: 3.393977 (p 0.1832345), cause 2: 1.989511 (p 0.3698139)
    @Test func matchesCmprskStratified() throws {
        let (data, groups, strata) = try Self.cmprskData()
        let fx = try SurvivalFixture("gray_cmprsk_test.json")
        let t1 = try GrayTest.compute(data, cause: 1, groups: groups, strata: strata)
        let t2 = try GrayTest.compute(data, cause: 2, groups: groups, strata: strata)
        #expect(abs(t1.chiSquare - fx.double("stat_cause1")) < 5e-6)
        #expect(abs(t1.pValue - fx.double("p_cause1")) < 5e-7)
        #expect(abs(t2.chiSquare - fx.double("stat_cause2")) < 5e-6)
        #expect(t1.df == 2)
    }

    /// cmprsk: cuminc(ssd, ccd, gg2, strtd, subset = gg != 'b')  ->  3.5151549 and 0.1400145 (1 df)
    @Test func matchesCmprskTwoGroups() throws {
        let (data, groups, strata) = try Self.cmprskData(excludeGroupB: true)
        let fx = try SurvivalFixture("gray_cmprsk_test.json")
        #expect(abs(try GrayTest.compute(data, cause: 1, groups: groups, strata: strata).chiSquare - fx.double("sub_stat_cause1")) < 5e-7)
        #expect(abs(try GrayTest.compute(data, cause: 2, groups: groups, strata: strata).chiSquare - fx.double("sub_stat_cause2")) < 5e-7)
    }

    /// Hand check: without competing failures and censoring, F_k = 1 - S_k, so R_k = n_k and the score
    /// is the log-rank O - E. Failures at 1 (a), 2 (b), 3 (a), 4 (b):
    /// s_a = (1 - 2/4) + (0 - 1/3) + (1 - 1/2) + (0 - 0/1) = 2/3.
    @Test func reducesToLogRankScoreWithoutCompetingEvents() throws {
        let data = try SurvivalData(stop: [1, 2, 3, 4], status: [1, 1, 1, 1], states: ["x", "y"])
        let groups = try GroupCodes(name: "g", codes: [0, 1, 0, 1], levels: ["a", "b"])
        let gray = try GrayTest.compute(data, cause: 1, groups: groups)
        // O - E for group a: (1 - 2/4) + (0 - 1/3) + (1 - 1/2) + (0 - 0/1) = 2/3.
        #expect(abs(gray.scores[0] - 2.0 / 3.0) < 1e-12)
        let logrank = try LogRankTest.compute(try SurvivalData(stop: [1, 2, 3, 4], status: [1, 1, 1, 1]), groups: groups)
        #expect(abs((logrank.observed[0] - logrank.expected[0]) - gray.scores[0]) < 1e-12)
    }
}

/// The O(n log n) right-censored Aalen–Johansen path agrees with the general (start, stop] path.
@Suite struct SurvivalAalenJohansenPathsTests {
    @Test func rightCensoredAndCountingPathsAgree() throws {
        let csv = try SurvivalCSV("gray_cmprsk_test.csv")
        let time = csv.column("ss"), status = csv.column("cc").map { Int($0) }
        let w = (0..<time.count).map { 0.5 + Double($0 % 4) / 3 }
        let groups = try GroupCodes.from(name: "gg", values: csv.column("gg"))
        let right = try SurvivalData(stop: time, status: status, weights: w, states: ["1", "2"])
        let counting = try SurvivalData(start: [Double](repeating: 0, count: time.count), stop: time, status: status,
                                        weights: w, states: ["1", "2"])
        let a = try AalenJohansen.fit(right, groups: groups)
        let b = try AalenJohansen.fit(counting, groups: groups)
        for (x, y) in zip(a.strata, b.strata) {
            #expect(x.time == y.time)
            // Absolute differences: at the end of a curve S can be 0 in one path and 1e-17 in the other.
            for s in 0..<3 {
                #expect(zip(x.probability[s], y.probability[s]).allSatisfy { abs($0 - $1) < 1e-12 })
                #expect(zip(x.stdErr[s], y.stdErr[s]).allSatisfy { abs($0 - $1) < 1e-10 })
            }
        }
    }
}

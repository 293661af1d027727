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

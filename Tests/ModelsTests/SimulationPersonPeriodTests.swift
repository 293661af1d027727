import Frames
import Testing
@testable import Models

/// The integer values of column `name` (missing cells as nil).
func integerColumn(_ table: Table, _ name: String) -> [Int?] {
    guard let c = table[name], case .integer(let v) = c.values else { return [] }
    return v.indices.map { c.missing[$0] ? nil : v[$0] }
}

/// The level names of factor column `name`.
func factorColumn(_ table: Table, _ name: String) -> [String] {
    guard let c = table[name] else { return [] }
    return (0..<c.count).map { c.text(at: $0) }
}

@Suite("Simulation person-period layout")
struct SimulationPersonPeriodTests {
    @Test("person-period rows expand the one-row-per-pupil careers exactly")
    func expansionMatchesCareers() throws {
        let p = smallSimulationParameters(seed: 5)
        let c = try SimulatedCohort(parameters: p)
        let pp = c.personPeriod
        let pid = integerColumn(pp, "pupil_id"), period = integerColumn(pp, "period"), grade = integerColumn(pp, "grade")
        let behind = integerColumn(pp, "years_behind"), failed = integerColumn(pp, "failed")
        let absence = integerColumn(pp, "absence"), absencePrev = integerColumn(pp, "absence_prev")
        let retainedPrev = integerColumn(pp, "retained_prev"), eligible = integerColumn(pp, "eligible")
        let ageStart = integerColumn(pp, "age_start")
        let event = factorColumn(pp, "event"), dropout = integerColumn(pp, "dropout")
        let time = integerColumn(c.careers, "time"), exit = factorColumn(c.careers, "exit")
        let surveyAbsence = integerColumn(c.pupils, "absent_halfdays"), baselineBehind = integerColumn(c.pupils, "years_behind")

        #expect(pp.rowCount == time.compactMap { $0 }.reduce(0, +))
        var row = 0
        for i in 0..<p.pupils {
            guard let t = time[i] else { Issue.record("time missing"); return }
            for k in 1...t {
                #expect(pid[row] == i + 1)
                #expect(period[row] == k)
                #expect(ageStart[row] == p.pupil.startAge + (baselineBehind[i] ?? 0) + k - 1)
                #expect((eligible[row] == 1) == ((ageStart[row] ?? 0) >= p.careers.dropoutMinAge))
                if k == 1 {
                    #expect(absence[row] == surveyAbsence[i])
                    #expect(absencePrev[row] == nil)
                    #expect(behind[row] == baselineBehind[i])
                    #expect(grade[row] == p.careers.startGrade)
                } else {
                    #expect(absencePrev[row] == absence[row - 1])
                    #expect(retainedPrev[row] == failed[row - 1])
                    #expect(behind[row] == (behind[row - 1] ?? 0) + (failed[row - 1] ?? 0))
                    #expect(grade[row] == (grade[row - 1] ?? 0) + 1 - (failed[row - 1] ?? 0))
                }
                if k < t { #expect(event[row] == "none") }
                row += 1
            }
            let last = row - 1
            let expected = exit[i] == "censored" ? "none" : exit[i]
            #expect(event[last] == expected)
            #expect((dropout[last] == 1) == (exit[i] == "dropout"))
            if exit[i] == "censored" { #expect(t == p.careers.periods) }
            if exit[i] == "qualified" { #expect(grade[last] == p.careers.finalGrade && failed[last] == 0) }
            if exit[i] == "dropout" { #expect(eligible[last] == 1) }
        }
        #expect(row == pp.rowCount)
    }
}

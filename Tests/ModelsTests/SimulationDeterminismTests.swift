import Foundation
import Frames
import Testing
@testable import Models

/// A small configuration for fast tests.
func smallSimulationParameters(seed: Int = 11) -> SimulationParameters {
    var p = SimulationParameters.default
    p.seed = seed
    p.schools = 12
    p.pupils = 1_200
    return p
}

@Suite("Simulation determinism")
struct SimulationDeterminismTests {
    @Test("the same parameters and seed give identical tables and CSV text")
    func sameSeedSameData() throws {
        let a = try SimulatedCohort(parameters: smallSimulationParameters())
        let b = try SimulatedCohort(parameters: smallSimulationParameters())
        for (x, y) in zip(a.tables, b.tables) {
            #expect(x.table == y.table)
            #expect(CSVWriter.text(x.table) == CSVWriter.text(y.table))
        }
        #expect(a.truthDocument == b.truthDocument)
        #expect(a.summary == b.summary)
    }

    @Test("a different seed gives different data")
    func differentSeedDifferentData() throws {
        let a = try SimulatedCohort(parameters: smallSimulationParameters(seed: 11))
        let b = try SimulatedCohort(parameters: smallSimulationParameters(seed: 12))
        #expect(a.pupils != b.pupils)
        #expect(a.personPeriod != b.personPeriod)
    }

    @Test("each stage has its own stream: changing the truancy model leaves items and absence untouched")
    func independentStreams() throws {
        var p = smallSimulationParameters()
        let a = try SimulatedCohort(parameters: p)
        p.truancy.interceptVariance = 0.9
        p.truancy.fixed["male"] = 1.0
        let b = try SimulatedCohort(parameters: p)
        for name in ["tsup1", "bond6", "bonding_cwc", "track", "age"] {
            #expect(a.pupils[name] == b.pupils[name], "column \(name) changed")
        }
        #expect(a.pupils["truant"] != b.pupils["truant"])
        #expect(a.schoolEffects.absence == b.schoolEffects.absence)
    }

    @Test("tables have the documented sizes and identifiers")
    func shapes() throws {
        let p = smallSimulationParameters()
        let c = try SimulatedCohort(parameters: p)
        #expect(c.pupils.rowCount == p.pupils)
        #expect(c.schools.rowCount == p.schools)
        #expect(c.careers.rowCount == p.pupils)
        guard case .integer(let sizes)? = c.schools["n_pupils"]?.values else { Issue.record("n_pupils"); return }
        #expect(sizes.reduce(0, +) == p.pupils)
        #expect(sizes.allSatisfy { $0 >= p.school.minPupils })
        guard case .integer(let ids)? = c.pupils["pupil_id"]?.values else { Issue.record("pupil_id"); return }
        #expect(ids == Array(1...p.pupils))
        #expect(c.schoolEffects.truancyIntercept.count == p.schools)
    }
}

import Foundation
import Frames
import Testing
import TestSupport
@testable import Models

/// The bundled cohort, read through Frames.
private func bundled(_ file: String) throws -> Table {
    try Table.read(path: Fixtures.root.appendingPathComponent("Datasets/flemish-cohort/" + file).path)
}

@Suite("Bundled Flemish cohort: marginal rates within the domain notes' ranges")
struct SimulationDatasetTests {
    @Test("self-reported truancy ≈ 19%, retention ≈ 23%, problematic absence 1-3% (ASO ≈ 0.5%, BSO 4-11%), ~80% zero counts")
    func pupilRates() throws {
        let pupils = try bundled("pupils.csv")
        #expect(pupils.rowCount == 20_000)
        let truant = integerColumn(pupils, "truant").compactMap { $0 }
        let retained = integerColumn(pupils, "retained").compactMap { $0 }
        let absence = integerColumn(pupils, "absent_halfdays").compactMap { $0 }
        let problematic = integerColumn(pupils, "problematic").compactMap { $0 }
        let track = pupils["track"].map { c in (0..<c.count).map { c.text(at: $0) } } ?? []
        let n = Double(pupils.rowCount)
        let truancy = Double(truant.reduce(0, +)) / n
        #expect(truancy > 0.17 && truancy < 0.21, "truancy \(truancy)")
        let behind = Double(retained.reduce(0, +)) / n
        #expect(behind > 0.20 && behind < 0.26, "retention \(behind)")
        let overall = Double(problematic.reduce(0, +)) / n
        #expect(overall >= 0.01 && overall <= 0.03, "problematic \(overall)")
        #expect(zip(absence, problematic).allSatisfy { ($0 >= 30) == ($1 == 1) })
        func rate(_ t: String) -> Double {
            let rows = track.indices.filter { track[$0] == t }
            return Double(rows.filter { problematic[$0] == 1 }.count) / Double(rows.count)
        }
        #expect(rate("ASO") > 0.002 && rate("ASO") < 0.01, "ASO \(rate("ASO"))")
        #expect(rate("BSO") >= 0.04 && rate("BSO") <= 0.11, "BSO \(rate("BSO"))")
        let zeros = Double(absence.filter { $0 == 0 }.count) / n
        #expect(zeros > 0.72 && zeros < 0.85, "zero share \(zeros)")
        #expect(absence.max() ?? 0 >= 60, "long tail")
    }

    @Test("climate scales: alpha .85-.92, small between-school share, ~2.5% missing answers")
    func climateScales() throws {
        let pupils = try bundled("pupils.csv")
        let p = SimulationParameters.default
        for items in [p.climate.supportItems, p.climate.bondingItems] {
            let k = items.count
            var answers = [Int8](repeating: 0, count: pupils.rowCount * k)
            var missing = 0
            for (j, item) in items.enumerated() {
                for (i, v) in integerColumn(pupils, item.name).enumerated() {
                    guard let v else { missing += 1; continue }
                    answers[i * k + j] = Int8(item.reversed ? 5 - v : v)
                }
            }
            let alpha = cronbachAlpha(answers, items: k)
            #expect(alpha >= 0.85 && alpha <= 0.92, "alpha \(alpha)")
            let share = Double(missing) / Double(answers.count)
            #expect(share > 0.015 && share < 0.035, "missing \(share)")
        }
        let school = integerColumn(pupils, "school_id").map { ($0 ?? 1) - 1 }
        for name in ["support", "bonding"] {
            let icc = anovaICC1(pupils[name]?.doubles ?? [], groups: school, groupCount: 120)
            #expect(icc > 0.03 && icc < 0.12, "ICC(1) \(name) \(icc)")
        }
    }

    @Test("early school leaving by track near the §1.1 table: ASO 2.8%, TSO 8.5%, KSO 12%, BSO 19%")
    func earlyLeaving() throws {
        let careers = try bundled("careers.csv")
        let track = factorColumn(careers, "track"), exit = factorColumn(careers, "exit")
        func esl(_ t: String) -> Double {
            let rows = track.indices.filter { track[$0] == t }
            let d = rows.filter { exit[$0] == "dropout" }.count, q = rows.filter { exit[$0] == "qualified" }.count
            return Double(d) / Double(d + q)
        }
        #expect(esl("ASO") > 0.015 && esl("ASO") < 0.045, "ASO \(esl("ASO"))")
        #expect(esl("TSO") > 0.06 && esl("TSO") < 0.11, "TSO \(esl("TSO"))")
        #expect(esl("BSO") > 0.15 && esl("BSO") < 0.24, "BSO \(esl("BSO"))")
        #expect(esl("KSO") > 0.06 && esl("KSO") < 0.20, "KSO \(esl("KSO"))")
        let d = exit.filter { $0 == "dropout" }.count, q = exit.filter { $0 == "qualified" }.count
        let overall = Double(d) / Double(d + q)
        #expect(overall > 0.07 && overall < 0.12, "overall \(overall)")
    }

    @Test("the truth beside the data states a school variance in the assumed 0.2-0.6 range")
    func truthFile() throws {
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Datasets/flemish-cohort/truth.json"))
        let truth = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let random = (truth?["truancy"] as? [String: Any])?["random"] as? [String: Any]
        let variance = random?["intercept_variance"] as? Double ?? 0
        #expect(variance >= 0.2 && variance <= 0.6)
        #expect((truth?["school_effects"] as? [Any])?.count == 120)
    }
}

import Foundation
import Frames

/// Column builders for the simulated tables (binary variables are 0/1 integers, so R term names are
/// the plain column names).
private func ints(_ name: String, _ v: [Int], missing: [Bool]? = nil) -> Column { Column(name: name, values: .integer(v), missing: missing) }
private func flags(_ name: String, _ v: [Bool]) -> Column { Column(name: name, values: .integer(v.map { $0 ? 1 : 0 })) }
private func doubles(_ name: String, _ v: [Double]) -> Column {
    Column(name: name, values: .double(v.map { $0.isNaN ? 0 : $0 }), missing: v.map(\.isNaN))
}
private func factor(_ name: String, _ codes: [Int], _ levels: [String]) -> Column {
    Column(name: name, values: .factor(Factor(codes: codes.map { Int32($0) }, levels: levels)))
}

extension CohortState {
    /// pupils.csv: one row per pupil with background, items, scale scores and outcomes.
    func pupilTable() throws -> Table {
        let n = pupilCount
        var columns: [Column] = [
            ints("pupil_id", Array(1...n)), ints("school_id", school.map { $0 + 1 }), ints("class_id", classID),
            flags("male", male), doubles("age", age), doubles("age_c", (0..<n).map(ageC)),
            flags("foreign_language", foreignLanguage),
            factor("mother_edu", motherEducation, ["low", "middle", "high"]),
            flags("mother_low", motherEducation.map { $0 == 0 }), flags("allowance", allowance),
            factor("track", track, simulationTracks), ints("years_behind", yearsBehind),
            flags("retained", yearsBehind.map { $0 > 0 }),
        ]
        for (items, answers) in [(parameters.climate.supportItems, supportAnswers), (parameters.climate.bondingItems, bondingAnswers)] {
            let k = items.count
            for (j, item) in items.enumerated() {
                let v = (0..<n).map { Int(answers[$0 * k + j]) }
                columns.append(ints(item.name, v, missing: v.map { $0 == 0 }))
            }
        }
        columns += [
            doubles("support", support), doubles("bonding", bonding), doubles("bonding_cwc", bondingCWC),
            doubles("climate_c", (0..<n).map(climateC)), flags("truant", truant), ints("absent_halfdays", absence),
            flags("problematic", absence.map { $0 >= parameters.absence.problematicThreshold }),
        ]
        return try Table(columns: columns, source: "truant simulate")
    }

    /// schools.csv: one row per school with size, composition and observed climate.
    func schoolTable() throws -> Table {
        let J = schoolCount
        var count = [Double](repeating: 0, count: J * 4)
        var allowanceShare = [Double](repeating: 0, count: J), foreignShare = allowanceShare, motherShare = allowanceShare
        for i in 0..<pupilCount {
            let j = school[i]
            count[j * 4 + track[i]] += 1
            if allowance[i] { allowanceShare[j] += 1 }
            if foreignLanguage[i] { foreignShare[j] += 1 }
            if motherEducation[i] == 0 { motherShare[j] += 1 }
        }
        func share(_ v: [Double]) -> [Double] { (0..<J).map { rounded(v[$0] / Double(schoolSize[$0]), 4) } }
        var columns: [Column] = [
            ints("school_id", Array(1...J)), ints("n_pupils", schoolSize), ints("n_classes", classCount), flags("urban", urban),
        ]
        for (t, name) in simulationTracks.enumerated() {
            columns.append(doubles("share_" + name.lowercased(), (0..<J).map { rounded(count[$0 * 4 + t] / Double(schoolSize[$0]), 4) }))
        }
        columns += [
            doubles("share_allowance", share(allowanceShare)), doubles("share_foreign_language", share(foreignShare)),
            doubles("share_mother_low", share(motherShare)),
            doubles("climate", schoolClimate), doubles("climate_c", schoolClimateC), doubles("bonding_mean", schoolBondingMean),
        ]
        return try Table(columns: columns, source: "truant simulate")
    }

    /// careers.csv: one row per pupil for survival analysis: time (school years observed) and exit.
    func careerTable() throws -> Table {
        let n = pupilCount
        return try Table(columns: [
            ints("pupil_id", Array(1...n)), ints("school_id", school.map { $0 + 1 }), factor("track", track, simulationTracks),
            flags("male", male), flags("foreign_language", foreignLanguage), flags("mother_low", motherEducation.map { $0 == 0 }),
            flags("allowance", allowance), flags("retained", yearsBehind.map { $0 > 0 }), doubles("climate_c", (0..<n).map(climateC)),
            flags("truant", truant), ints("absent_halfdays", absence),
            ints("time", careerTime), factor("exit", careerExit, careerExitNames), ints("status", careerExit),
            flags("dropout", careerExit.map { $0 == 1 }), flags("qualified", careerExit.map { $0 == 3 }),
            ints("years_behind_end", careerYearsBehind),
        ], source: "truant simulate")
    }

    /// person_period.csv: one row per pupil and school year at risk (event only in the exit year).
    func personPeriodTable() throws -> Table {
        let r = periods
        let i = r.pupil
        return try Table(columns: [
            ints("pupil_id", i.map { $0 + 1 }), ints("school_id", i.map { school[$0] + 1 }), ints("period", r.period),
            ints("grade", r.grade), ints("age_start", r.ageStart), factor("track", i.map { track[$0] }, simulationTracks),
            flags("male", i.map { male[$0] }), flags("allowance", i.map { allowance[$0] }),
            flags("mother_low", i.map { motherEducation[$0] == 0 }), doubles("climate_c", i.map(climateC)),
            ints("years_behind", r.yearsBehind), flags("retained_prev", r.retainedPrevious),
            ints("absence_prev", r.absencePrevious.map { Swift.max($0, 0) }, missing: r.absencePrevious.map { $0 < 0 }),
            doubles("log_absence_prev", r.absencePrevious.map { $0 < 0 ? .nan : rounded(log1p(Double($0)), 4) }),
            ints("absence", r.absence), flags("eligible", r.eligible), flags("failed", r.failed),
            factor("event", r.event, ["none", "dropout", "transfer", "qualified"]),
            flags("dropout", r.event.map { $0 == 1 }), flags("transfer", r.event.map { $0 == 2 }),
            flags("qualified", r.event.map { $0 == 3 }),
        ], source: "truant simulate")
    }
}

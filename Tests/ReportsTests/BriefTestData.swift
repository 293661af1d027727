import Foundation
import Frames
import Formula
import Models
@testable import Reports

/// A synthetic Flemish cohort for brief tests, built deterministically (SplitMix64): 30 schools of 40–80
/// pupils plus one school of 6, tracks general/technical/vocational, teacher support high/low, a binary
/// "problematic absence" outcome from a logistic model with a school effect (domain.md §6 rates), and
/// years until leaving school without a qualification (censored at year 6).
struct BriefCohort {
    struct Pupil { var school: String; var track: String; var support: String; var absent: Int; var years: Double; var left: Int }
    var pupils: [Pupil] = []

    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func normal() -> Double { (-2 * Foundation.log(Swift.max(uniform(), 1e-300))).squareRoot() * Foundation.cos(2 * Double.pi * uniform()) }
    }

    init(seed: UInt64 = 20261130) {
        var rng = SplitMix(state: seed)
        let sizes = (0..<30).map { _ in 40 + Int(rng.uniform() * 41) } + [6]
        for (s, size) in sizes.enumerated() {
            let school = String(format: "S%02d", s + 1)
            let u = 0.6 * rng.normal()
            let lowSupport = rng.uniform() < 0.5
            for _ in 0..<size {
                let r = rng.uniform()
                let track = r < 0.45 ? "general" : r < 0.75 ? "technical" : "vocational"
                let support = (rng.uniform() < 0.8) == lowSupport ? "low" : "high"
                let eta = -4.0 + (track == "technical" ? 0.9 : track == "vocational" ? 1.9 : 0) + (support == "low" ? 0.6 : 0) + u
                let absent = rng.uniform() < 1 / (1 + Foundation.exp(-eta)) ? 1 : 0
                // Yearly hazard of leaving; censoring by moving away.
                let h = (track == "vocational" ? 0.05 : track == "technical" ? 0.025 : 0.008) * (absent == 1 ? 2.5 : 1)
                var years = 6.0, left = 0
                for y in 1...6 {
                    if rng.uniform() < h { years = Double(y); left = 1; break }
                    if rng.uniform() < 0.03 { years = Double(y); break }
                }
                pupils.append(Pupil(school: school, track: track, support: support, absent: absent, years: years, left: left))
            }
        }
    }

    var csv: String {
        "school,track,support,absent,years,left\n" + pupils.map { "\($0.school),\($0.track),\($0.support),\($0.absent),\($0.years),\($0.left)" }.joined(separator: "\n") + "\n"
    }

    var table: Table { get throws { try CSVReader.read(text: csv, name: "cohort.csv") } }

    /// The GLM `absent ~ track + support`.
    func glm() throws -> GLMFit {
        let frame = try ModelFrame.build(formula: "absent ~ track + support", data: try table)
        return try GLM(family: .binomial).fit(frame, formula: "absent ~ track + support")
    }

    /// Kaplan–Meier curves of years to leaving by track.
    func kaplanMeier() throws -> KaplanMeierFit {
        let levels = ["general", "technical", "vocational"]
        let data = try SurvivalData(stop: pupils.map(\.years), status: pupils.map(\.left))
        let groups = try GroupCodes(name: "track", codes: pupils.map { levels.firstIndex(of: $0.track)! }, levels: levels)
        return try KaplanMeier.fit(data, groups: groups)
    }

    /// Pupils and events per school.
    var schoolCounts: [SchoolCount] {
        var by: [String: (Int, Int)] = [:]
        for p in pupils { by[p.school, default: (0, 0)].0 += 1; by[p.school, default: (0, 0)].1 += p.absent }
        return by.keys.sorted().map { SchoolCount(id: $0, pupils: by[$0]!.0, events: by[$0]!.1) }
    }

    /// Track x support count table, over the schools whose id sorts at or below `lastSchool` (all by default).
    func trackBySupport(lastSchool: String = "S99") throws -> CountTable {
        let tracks = ["general", "technical", "vocational"], supports = ["high", "low"]
        let cells = tracks.map { t in supports.map { s in
            let ps = pupils.filter { $0.track == t && $0.support == s && $0.school <= lastSchool }
            return CountCell(pupils: ps.count, events: ps.reduce(0) { $0 + $1.absent })
        } }
        return try CountTable(rows: tracks, columns: supports, cells: cells)
    }
}

import Foundation

extension CohortState {
    /// Pupil background: latent SES ~ N(school mean, 1); sex; track (school mix tilted by SES);
    /// home language, mother's education (ordered logit), school allowance; years behind; age.
    /// Pupils are then ordered by track within school and cut into track-homogeneous classes.
    mutating func drawPupils() {
        let p = parameters, pp = p.pupil
        var g = streams[.pupils]
        var nextClass = 1
        for j in 0..<schoolCount {
            var rows: [(track: Int, male: Bool, ses: Double, foreign: Bool, mother: Int, allowance: Bool, behind: Int, month: Int)] = []
            rows.reserveCapacity(schoolSize[j])
            for _ in 0..<schoolSize[j] {
                let ses = schoolSES[j] + g.nextStandardNormal()
                let isMale = g.nextBernoulli(pp.maleShare)
                var w = [Double](repeating: 0, count: 4)
                for k in 0..<4 { w[k] = trackMix[j * 4 + k] * exp(pp.trackSES[k] * ses) }
                let total = w.reduce(0, +)
                let u = g.nextOpenUnit() * total
                var t = 0, running = w[0]
                while t < 3 && (u >= running || w[t] == 0) { t += 1; running += w[t] }
                while t > 0 && w[t] == 0 { t -= 1 }     // rounding at the top end: the last track with weight
                let fl = pp.foreignLanguage
                let foreign = g.nextBernoulli(inverseLogit(fl["(Intercept)"] + fl["urban"] * (urban[j] ? 1 : 0) + fl["ses"] * ses))
                let um = g.nextOpenUnit()
                let mother = um < inverseLogit(pp.motherCutLow - pp.motherSES * ses) ? 0
                    : um < inverseLogit(pp.motherCutMiddle - pp.motherSES * ses) ? 1 : 2
                let al = pp.allowance
                let getsAllowance = g.nextBernoulli(inverseLogit(al["(Intercept)"] + al["ses"] * ses
                    + al["foreign_language"] * (foreign ? 1 : 0) + al["mother_low"] * (mother == 0 ? 1 : 0)))
                let r = pp.retention
                let pBehind = inverseLogit(r["(Intercept)"] + (t > 0 ? r["track" + simulationTracks[t]] : 0)
                    + r["ses"] * ses + r["male"] * (isMale ? 1 : 0))
                let ub = g.nextOpenUnit()
                let behind = ub < pBehind * pp.twoYearsBehindShare ? 2 : ub < pBehind ? 1 : 0
                let month = Swift.min(11, Int(g.nextOpenUnit() * 12))
                rows.append((t, isMale, ses, foreign, mother, getsAllowance, behind, month))
            }
            // Stable order by track, then track-homogeneous classes of about `class_size`.
            let order = rows.indices.sorted { rows[$0].track != rows[$1].track ? rows[$0].track < rows[$1].track : $0 < $1 }
            var classes = 0
            var start = 0
            while start < order.count {
                let t = rows[order[start]].track
                var end = start
                while end < order.count && rows[order[end]].track == t { end += 1 }
                let m = end - start
                let c = Swift.max(1, Int((Double(m) / Double(p.school.classSize)).rounded()))
                for r in 0..<m {
                    let row = rows[order[start + r]]
                    school.append(j)
                    classID.append(nextClass + r * c / m)
                    male.append(row.male); ses.append(row.ses); track.append(row.track)
                    foreignLanguage.append(row.foreign); motherEducation.append(row.mother)
                    allowance.append(row.allowance); yearsBehind.append(row.behind)
                    // Survey in spring of the start year: on-time pupils are 14.5-15.5 years old.
                    age.append(rounded(Double(pp.startAge) + 0.5 + (Double(row.month) + 0.5) / 12 + Double(row.behind), 2))
                }
                nextClass += c
                classes += c
                start = end
            }
            classCount.append(classes)
        }
        streams[.pupils] = g
    }
}

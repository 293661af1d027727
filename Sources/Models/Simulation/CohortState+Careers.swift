import Foundation

extension CohortState {
    /// School careers over `periods` school years from the survey year. In each year a pupil at risk
    /// leaves school (dropout; only from `dropout_min_age`), transfers to another school, or stays
    /// (multinomial logit with staying as reference; dropout adds a school effect v_j). A pupil who stays
    /// fails the year (logit `failure`) or passes; passing the final grade is a qualification.
    /// Absence in year t ≥ 2 is NB2 with the survey-year model plus `persistence · log1p(previous year)`
    /// and `year_trend · (t − 1)`, at the pupil's age and retention status of that year.
    mutating func drawCareers() {
        let k = parameters.careers, a = parameters.absence
        var g = streams[.careers]
        let sv = k.dropoutSchoolVariance.squareRoot()
        for _ in 0..<schoolCount { dropoutEffect.append(sv * g.nextStandardNormal()) }
        let dropout = LinearPredictor(k.dropout), transfer = LinearPredictor(k.transfer)
        let failure = LinearPredictor(k.failure), absenceModel = LinearPredictor(a.fixed)
        for i in 0..<pupilCount {
            let j = school[i]
            var grade = k.startGrade, behind = yearsBehind[i], retainedPrevious = false, absencePrevious = -1
            var exit = 0, time = k.periods
            for t in 1...k.periods {
                let ageStart = parameters.pupil.startAge + yearsBehind[i] + t - 1
                var values = PeriodValues(ageOffset: Double(t - 1), yearsBehind: behind,
                                          absencePrevious: Swift.max(absencePrevious, 0), absence: 0,
                                          retainedPrevious: retainedPrevious)
                if t == 1 {
                    values.absence = absence[i]
                } else {
                    let eta = absenceModel.value(self, i, values) + absenceEffect[j]
                        + a.persistence * log1p(Double(absencePrevious)) + a.yearTrend * Double(t - 1)
                    values.absence = negativeBinomialDraw(size: a.size, mu: exp(Swift.min(eta, 12)), cap: a.maxHalfdays, using: &g)
                }
                let eligible = ageStart >= k.dropoutMinAge
                let expDropout = eligible ? exp(Swift.min(dropout.value(self, i, values) + dropoutEffect[j], 30)) : 0
                let expTransfer = exp(Swift.min(transfer.value(self, i, values), 30))
                let u = g.nextOpenUnit(), uFail = g.nextOpenUnit()
                let denominator = 1 + expDropout + expTransfer
                var event = 0, failed = false
                if u < expDropout / denominator {
                    event = 1
                } else if u < (expDropout + expTransfer) / denominator {
                    event = 2
                } else {
                    failed = uFail < inverseLogit(failure.value(self, i, values))
                    if !failed && grade >= k.finalGrade { event = 3 }
                }
                periods.pupil.append(i); periods.period.append(t); periods.grade.append(grade)
                periods.ageStart.append(ageStart); periods.yearsBehind.append(behind)
                periods.retainedPrevious.append(retainedPrevious); periods.absencePrevious.append(absencePrevious)
                periods.absence.append(values.absence); periods.eligible.append(eligible)
                periods.failed.append(failed); periods.event.append(event)
                if event != 0 { exit = event; time = t; break }
                if failed { behind += 1 } else { grade += 1 }
                retainedPrevious = failed
                absencePrevious = values.absence
            }
            careerTime.append(time); careerExit.append(exit); careerYearsBehind.append(behind)
        }
        streams[.careers] = g
    }
}

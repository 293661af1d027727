import Foundation

extension SimulatedCohort {
    /// The truth beside the data (truth.json): generating models with their fixed effects and variance
    /// components, realized school effects and realized marginal figures.
    public var truthDocument: ParameterValue {
        let p = parameters
        func num(_ x: Double) -> ParameterValue { .number(x) }
        func r6(_ x: Double) -> ParameterValue { x.isNaN ? .string("NA") : .number(rounded(x, 6)) }
        func coef(_ c: Coefficients) -> ParameterValue {
            .object(zip(c.names, c.values).map { ParameterMember($0, .number($1)) })
        }
        func byTrack(_ xs: [Double]) -> ParameterValue {
            .object(zip(simulationTracks, xs).map { ParameterMember($0, r6($1)) })
        }
        func formula(_ response: String, _ c: Coefficients, random: String) -> String {
            response + " ~ " + c.names.filter { $0 != "(Intercept)" }.joined(separator: " + ") + random
        }
        let t = p.truancy
        let latentICC = t.interceptVariance / (t.interceptVariance + Double.pi * Double.pi / 3)
        let mor = exp((2 * t.interceptVariance).squareRoot() * 0.6744897501960817)
        let s = summary, e = schoolEffects
        let effects: [ParameterValue] = e.truancyIntercept.indices.map { j in
            .object([ParameterMember("school_id", .integer(j + 1)),
                     ParameterMember("truancy_intercept", r6(e.truancyIntercept[j])),
                     ParameterMember("truancy_slope", r6(e.truancySlope[j])),
                     ParameterMember("absence", r6(e.absence[j])), ParameterMember("dropout", r6(e.dropout[j])),
                     ParameterMember("latent_support", r6(e.latentSupport[j])),
                     ParameterMember("latent_bonding", r6(e.latentBonding[j]))])
        }
        return .object([
            ParameterMember("description", .string("The generating models of this synthetic cohort (truant simulate) and their realized values; see codebook.md.")),
            ParameterMember("seed", .integer(p.seed)),
            ParameterMember("n_schools", .integer(p.schools)),
            ParameterMember("n_pupils", .integer(p.pupils)),
            ParameterMember("truancy", .object([
                ParameterMember("data", .string("pupils.csv")),
                ParameterMember("formula", .string(formula("truant", t.fixed, random: " + (1 + bonding_cwc | school_id)"))),
                ParameterMember("family", .string("binomial")), ParameterMember("link", .string("logit")),
                ParameterMember("fixed", coef(t.fixed)),
                ParameterMember("random", .object([
                    ParameterMember("group", .string("school_id")),
                    ParameterMember("intercept_variance", num(t.interceptVariance)),
                    ParameterMember("slope_variance", num(t.slopeVariance)),
                    ParameterMember("correlation", num(t.correlation)),
                    ParameterMember("latent_icc", r6(latentICC)),
                    ParameterMember("median_odds_ratio", r6(mor)),
                ])),
            ])),
            ParameterMember("absence", .object([
                ParameterMember("data", .string("pupils.csv")),
                ParameterMember("formula", .string(formula("absent_halfdays", p.absence.fixed, random: " + (1 | school_id)"))),
                ParameterMember("family", .string("negative binomial (NB2: variance mu + mu^2/size)")),
                ParameterMember("link", .string("log")),
                ParameterMember("fixed", coef(p.absence.fixed)),
                ParameterMember("size", num(p.absence.size)),
                ParameterMember("school_variance", num(p.absence.schoolVariance)),
                ParameterMember("problematic_threshold", .integer(p.absence.problematicThreshold)),
                ParameterMember("max_halfdays", .integer(p.absence.maxHalfdays)),
            ])),
            ParameterMember("careers", .object([
                ParameterMember("data", .string("person_period.csv")),
                ParameterMember("model", .string("multinomial logit per school year at risk: dropout (only when eligible = 1) and transfer versus staying; stayers fail the year with logit 'failure'; passing the final grade is a qualification")),
                ParameterMember("dropout_formula", .string(formula("dropout", p.careers.dropout, random: " + (1 | school_id)") + "  [rows with eligible = 1]")),
                ParameterMember("dropout", coef(p.careers.dropout)),
                ParameterMember("dropout_school_variance", num(p.careers.dropoutSchoolVariance)),
                ParameterMember("transfer", coef(p.careers.transfer)),
                ParameterMember("failure", coef(p.careers.failure)),
            ])),
            ParameterMember("climate", .object([
                ParameterMember("support_latent_icc", r6(p.climate.supportBetweenSD * p.climate.supportBetweenSD)),
                ParameterMember("bonding_latent_icc", r6(p.climate.bondingBetweenSD * p.climate.bondingBetweenSD)),
            ])),
            ParameterMember("realized", .object([
                ParameterMember("truancy_rate", r6(s.truancyRate)),
                ParameterMember("problematic_absence_rate", r6(s.problematicRate)),
                ParameterMember("problematic_absence_by_track", byTrack(s.problematicByTrack)),
                ParameterMember("zero_absence_share", r6(s.zeroAbsenceShare)),
                ParameterMember("mean_absent_halfdays", r6(s.meanAbsence)),
                ParameterMember("retained_share", r6(s.retainedShare)),
                ParameterMember("early_leaving_rate", r6(s.earlyLeavingRate)),
                ParameterMember("early_leaving_by_track", byTrack(s.earlyLeavingByTrack)),
                ParameterMember("exits", .object(zip(careerExitNames, s.exits).map { ParameterMember($0, .integer($1)) })),
                ParameterMember("track_shares", byTrack(s.trackShares)),
                ParameterMember("alpha_support", r6(s.alphaSupport)),
                ParameterMember("alpha_bonding", r6(s.alphaBonding)),
                ParameterMember("icc1_support", r6(s.iccSupport)),
                ParameterMember("icc1_bonding", r6(s.iccBonding)),
                ParameterMember("item_missing_share", r6(s.itemMissingShare)),
            ])),
            ParameterMember("school_effects", .array(effects)),
        ])
    }
}

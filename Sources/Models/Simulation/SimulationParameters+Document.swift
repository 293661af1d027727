extension SimulationParameters {
    /// The parameters as an ordered document: the exact content of `parameters.json`.
    public var document: ParameterValue {
        func num(_ x: Double) -> ParameterValue { .number(x) }
        func nums(_ xs: [Double]) -> ParameterValue { .array(xs.map { .number($0) }) }
        func coef(_ c: Coefficients) -> ParameterValue {
            .object(zip(c.names, c.values).map { ParameterMember($0, .number($1)) })
        }
        func tracks(_ xs: [Double]) -> ParameterValue {
            .object(zip(simulationTracks, xs).map { ParameterMember($0, .number($1)) })
        }
        func items(_ items: [ItemParameters]) -> ParameterValue {
            .array(items.map { item in
                .object([ParameterMember("name", .string(item.name)), ParameterMember("loading", num(item.loading)),
                         ParameterMember("reversed", .bool(item.reversed)), ParameterMember("thresholds", nums(item.thresholds))])
            })
        }
        return .object([
            ParameterMember("description", .string("Synthetic Flemish secondary-school cohort (truant simulate). Every key is documented in Datasets/flemish-cohort/codebook.md.")),
            ParameterMember("seed", .integer(seed)),
            ParameterMember("schools", .integer(schools)),
            ParameterMember("pupils", .integer(pupils)),
            ParameterMember("school", .object([
                ParameterMember("size_log_sd", num(school.sizeLogSD)),
                ParameterMember("min_pupils", .integer(school.minPupils)),
                ParameterMember("class_size", .integer(school.classSize)),
                ParameterMember("urban_share", num(school.urbanShare)),
                ParameterMember("ses_sd", num(school.sesSD)),
                ParameterMember("urban_ses", num(school.urbanSES)),
                ParameterMember("track_shares", tracks(school.trackShares)),
                ParameterMember("track_concentration", num(school.trackConcentration)),
            ])),
            ParameterMember("pupil", .object([
                ParameterMember("male_share", num(pupil.maleShare)),
                ParameterMember("track_ses", tracks(pupil.trackSES)),
                ParameterMember("foreign_language", coef(pupil.foreignLanguage)),
                ParameterMember("mother_cut_low", num(pupil.motherCutLow)),
                ParameterMember("mother_cut_middle", num(pupil.motherCutMiddle)),
                ParameterMember("mother_ses", num(pupil.motherSES)),
                ParameterMember("allowance", coef(pupil.allowance)),
                ParameterMember("retention", coef(pupil.retention)),
                ParameterMember("two_years_behind_share", num(pupil.twoYearsBehindShare)),
                ParameterMember("start_age", .integer(pupil.startAge)),
            ])),
            ParameterMember("climate", .object([
                ParameterMember("support_between_sd", num(climate.supportBetweenSD)),
                ParameterMember("bonding_between_sd", num(climate.bondingBetweenSD)),
                ParameterMember("between_correlation", num(climate.betweenCorrelation)),
                ParameterMember("within_correlation", num(climate.withinCorrelation)),
                ParameterMember("support_items", items(climate.supportItems)),
                ParameterMember("bonding_items", items(climate.bondingItems)),
                ParameterMember("missing_rate", num(climate.missingRate)),
                ParameterMember("min_valid_share", num(climate.minValidShare)),
            ])),
            ParameterMember("truancy", .object([
                ParameterMember("fixed", coef(truancy.fixed)),
                ParameterMember("intercept_variance", num(truancy.interceptVariance)),
                ParameterMember("slope_variance", num(truancy.slopeVariance)),
                ParameterMember("correlation", num(truancy.correlation)),
            ])),
            ParameterMember("absence", .object([
                ParameterMember("fixed", coef(absence.fixed)),
                ParameterMember("school_variance", num(absence.schoolVariance)),
                ParameterMember("size", num(absence.size)),
                ParameterMember("problematic_threshold", .integer(absence.problematicThreshold)),
                ParameterMember("max_halfdays", .integer(absence.maxHalfdays)),
                ParameterMember("persistence", num(absence.persistence)),
                ParameterMember("year_trend", num(absence.yearTrend)),
            ])),
            ParameterMember("careers", .object([
                ParameterMember("periods", .integer(careers.periods)),
                ParameterMember("start_grade", .integer(careers.startGrade)),
                ParameterMember("final_grade", .integer(careers.finalGrade)),
                ParameterMember("dropout_min_age", .integer(careers.dropoutMinAge)),
                ParameterMember("dropout", coef(careers.dropout)),
                ParameterMember("dropout_school_variance", num(careers.dropoutSchoolVariance)),
                ParameterMember("transfer", coef(careers.transfer)),
                ParameterMember("failure", coef(careers.failure)),
            ])),
        ])
    }
}

extension SimulationParameters {
    /// The defaults: identical to the bundled `Datasets/flemish-cohort/parameters.json` (a test checks this).
    /// Calibration targets and sources: Datasets/flemish-cohort/codebook.md and shared/reference/domain.md.
    public static let `default` = SimulationParameters(
        seed: 20_261_130,
        schools: 120,
        pupils: 20_000,
        school: SchoolSettings(
            sizeLogSD: 0.45, minPupils: 40, classSize: 22, urbanShare: 0.3, sesSD: 0.5, urbanSES: -0.3,
            trackShares: [0.49, 0.32, 0.17, 0.02], trackConcentration: 4),
        pupil: PupilSettings(
            maleShare: 0.51,
            trackSES: [0.8, 0, -0.8, 0.3],
            foreignLanguage: Coefficients(["(Intercept)": -2.2, "urban": 1.0, "ses": -0.6]),
            motherCutLow: -1.6, motherCutMiddle: 0.5, motherSES: 1.0,
            allowance: Coefficients(["(Intercept)": -1.5, "ses": -0.9, "foreign_language": 0.7, "mother_low": 0.5]),
            retention: Coefficients(["(Intercept)": -2.65, "trackTSO": 1.3, "trackBSO": 2.2, "trackKSO": 1.3,
                                     "ses": -0.3, "male": 0.3]),
            twoYearsBehindShare: 0.15, startAge: 14),
        climate: ClimateSettings(
            supportBetweenSD: 0.28, bondingBetweenSD: 0.25, betweenCorrelation: 0.6, withinCorrelation: 0.45,
            supportItems: [
                ItemParameters(name: "tsup1", loading: 0.85, reversed: false, thresholds: [-1.5, -0.5, 0.8]),
                ItemParameters(name: "tsup2", loading: 0.83, reversed: false, thresholds: [-1.4, -0.4, 0.9]),
                ItemParameters(name: "tsup3", loading: 0.81, reversed: true, thresholds: [-0.8, 0.5, 1.5]),
                ItemParameters(name: "tsup4", loading: 0.83, reversed: false, thresholds: [-1.6, -0.6, 0.7]),
                ItemParameters(name: "tsup5", loading: 0.79, reversed: false, thresholds: [-1.3, -0.3, 1.0]),
            ],
            bondingItems: [
                ItemParameters(name: "bond1", loading: 0.81, reversed: false, thresholds: [-1.5, -0.6, 0.7]),
                ItemParameters(name: "bond2", loading: 0.78, reversed: true, thresholds: [-0.7, 0.6, 1.5]),
                ItemParameters(name: "bond3", loading: 0.79, reversed: false, thresholds: [-1.4, -0.4, 0.9]),
                ItemParameters(name: "bond4", loading: 0.77, reversed: false, thresholds: [-1.6, -0.5, 0.8]),
                ItemParameters(name: "bond5", loading: 0.75, reversed: true, thresholds: [-0.9, 0.4, 1.4]),
                ItemParameters(name: "bond6", loading: 0.80, reversed: false, thresholds: [-1.3, -0.3, 1.0]),
            ],
            missingRate: 0.025, minValidShare: 0.5),
        truancy: TruancySettings(
            fixed: Coefficients(["(Intercept)": -2.5, "male": 0.25, "foreign_language": 0.2, "mother_low": 0.25,
                                 "allowance": 0.3, "trackTSO": 0.45, "trackBSO": 0.85, "trackKSO": 0.55,
                                 "age_c": 0.2, "retained": 0.35, "bonding_cwc": -0.75, "climate_c": -1.5,
                                 "bonding_cwc:climate_c": -1.0]),
            interceptVariance: 0.35, slopeVariance: 0.06, correlation: -0.3),
        absence: AbsenceSettings(
            fixed: Coefficients(["(Intercept)": -0.6, "male": 0.1, "foreign_language": 0.3, "mother_low": 0.15,
                                 "allowance": 0.3, "trackTSO": 0.5, "trackBSO": 1.2, "trackKSO": 0.6,
                                 "age_c": 0.25, "retained": 0.3, "truant": 0.8]),
            schoolVariance: 0.4, size: 0.09, problematicThreshold: 30, maxHalfdays: 320, persistence: 0.3, yearTrend: 0),
        careers: CareerSettings(
            periods: 6, startGrade: 9, finalGrade: 12, dropoutMinAge: 17,
            dropout: Coefficients(["(Intercept)": -4.65, "trackTSO": 0.4, "trackBSO": 0.55, "trackKSO": 0.7,
                                   "years_behind": 0.7, "log_absence_prev": 0.35, "male": 0.35, "allowance": 0.3,
                                   "mother_low": 0.3, "climate_c": -0.5]),
            dropoutSchoolVariance: 0.2,
            transfer: Coefficients(["(Intercept)": -3.6, "retained_prev": 0.9, "trackTSO": 0.2, "trackBSO": 0.4,
                                    "trackKSO": 0.3]),
            failure: Coefficients(["(Intercept)": -3.7, "trackTSO": 0.65, "trackBSO": 1.05, "trackKSO": 0.7,
                                   "log_absence": 0.35, "male": 0.2, "allowance": 0.2]))
    )
}

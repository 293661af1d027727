/// Every setting of the synthetic Flemish cohort (`truant simulate`). The defaults are the bundled
/// `Datasets/flemish-cohort/parameters.json`; `SimulationParameters.documentation` explains each key and
/// Datasets/flemish-cohort/codebook.md lists them with their sources.
public struct SimulationParameters: Sendable, Equatable {
    /// The seed of the xoshiro256** generator (same parameters + seed give byte-identical files).
    public var seed: Int
    /// Number of schools.
    public var schools: Int
    /// Number of pupils (all schools together).
    public var pupils: Int
    /// School sizes, composition, track mix.
    public var school: SchoolSettings
    /// Pupil background variables.
    public var pupil: PupilSettings
    /// Climate scales and their items.
    public var climate: ClimateSettings
    /// Self-reported truancy (multilevel logistic with a random bonding slope).
    public var truancy: TruancySettings
    /// Registered unauthorised absent half-days (negative binomial with a school effect).
    public var absence: AbsenceSettings
    /// School careers: dropout, transfer and qualification as competing exits.
    public var careers: CareerSettings

    /// Creates parameters from their parts.
    public init(seed: Int, schools: Int, pupils: Int, school: SchoolSettings, pupil: PupilSettings,
                climate: ClimateSettings, truancy: TruancySettings, absence: AbsenceSettings, careers: CareerSettings) {
        self.seed = seed
        self.schools = schools
        self.pupils = pupils
        self.school = school
        self.pupil = pupil
        self.climate = climate
        self.truancy = truancy
        self.absence = absence
        self.careers = careers
    }
}

/// The four tracks of Flemish secondary education (grades 2–3), in the order used everywhere
/// (ASO is the reference level).
public let simulationTracks = ["ASO", "TSO", "BSO", "KSO"]

/// School-level settings.
public struct SchoolSettings: Sendable, Equatable {
    /// SD of log school size (sizes are lognormal, then scaled to the pupil total).
    public var sizeLogSD: Double
    /// Smallest number of pupils per school.
    public var minPupils: Int
    /// Target class size (classes are track-homogeneous).
    public var classSize: Int
    /// Share of urban schools.
    public var urbanShare: Double
    /// SD of the school mean of latent pupil SES (social segregation between schools).
    public var sesSD: Double
    /// Shift of the school mean SES in urban schools.
    public var urbanSES: Double
    /// Base track shares of the school mixes (before the SES tilt), in `simulationTracks` order.
    public var trackShares: [Double]
    /// Dirichlet concentration of school track mixes (smaller = more specialised schools).
    public var trackConcentration: Double

    /// Creates school settings.
    public init(sizeLogSD: Double, minPupils: Int, classSize: Int, urbanShare: Double, sesSD: Double,
                urbanSES: Double, trackShares: [Double], trackConcentration: Double) {
        self.sizeLogSD = sizeLogSD; self.minPupils = minPupils; self.classSize = classSize
        self.urbanShare = urbanShare; self.sesSD = sesSD; self.urbanSES = urbanSES
        self.trackShares = trackShares; self.trackConcentration = trackConcentration
    }
}

/// Pupil background settings (logistic models on a latent pupil SES ~ N(school mean, 1)).
public struct PupilSettings: Sendable, Equatable {
    /// Share of boys.
    public var maleShare: Double
    /// Log-weight of each track per unit of pupil SES (track choice), `simulationTracks` order.
    public var trackSES: [Double]
    /// Logit of a non-Dutch home language: `(Intercept)`, `urban`, `ses`.
    public var foreignLanguage: Coefficients
    /// Ordered logit of mother's education (low < middle < high): cut points and SES slope.
    public var motherCutLow: Double
    /// Second cut point (middle vs high).
    public var motherCutMiddle: Double
    /// SES slope of mother's education.
    public var motherSES: Double
    /// Logit of a school allowance: `(Intercept)`, `ses`, `foreign_language`, `mother_low`.
    public var allowance: Coefficients
    /// Logit of being behind (grade retention before the survey year): `(Intercept)`, `trackTSO`,
    /// `trackBSO`, `trackKSO`, `ses`, `male`.
    public var retention: Coefficients
    /// Share of retained pupils who are two years behind.
    public var twoYearsBehindShare: Double
    /// Age (years) of an on-time pupil at the start of the survey school year (grade 9).
    public var startAge: Int

    /// Creates pupil settings.
    public init(maleShare: Double, trackSES: [Double], foreignLanguage: Coefficients, motherCutLow: Double,
                motherCutMiddle: Double, motherSES: Double, allowance: Coefficients, retention: Coefficients,
                twoYearsBehindShare: Double, startAge: Int) {
        self.maleShare = maleShare; self.trackSES = trackSES; self.foreignLanguage = foreignLanguage
        self.motherCutLow = motherCutLow; self.motherCutMiddle = motherCutMiddle; self.motherSES = motherSES
        self.allowance = allowance; self.retention = retention
        self.twoYearsBehindShare = twoYearsBehindShare; self.startAge = startAge
    }
}

/// Climate scales: latent pupil scores (school mean + pupil deviation) and their Likert items.
public struct ClimateSettings: Sendable, Equatable {
    /// SD of the school mean of latent teacher support (total variance 1, so its square is the ICC).
    public var supportBetweenSD: Double
    /// SD of the school mean of latent school bonding.
    public var bondingBetweenSD: Double
    /// Correlation of the school means of support and bonding.
    public var betweenCorrelation: Double
    /// Correlation of the pupil deviations of support and bonding.
    public var withinCorrelation: Double
    /// Teacher-support items.
    public var supportItems: [ItemParameters]
    /// School-bonding items.
    public var bondingItems: [ItemParameters]
    /// Probability that an item answer is missing (MCAR).
    public var missingRate: Double
    /// Smallest share of valid answers for a scale score (otherwise the score is missing).
    public var minValidShare: Double

    /// Creates climate settings.
    public init(supportBetweenSD: Double, bondingBetweenSD: Double, betweenCorrelation: Double,
                withinCorrelation: Double, supportItems: [ItemParameters], bondingItems: [ItemParameters],
                missingRate: Double, minValidShare: Double) {
        self.supportBetweenSD = supportBetweenSD; self.bondingBetweenSD = bondingBetweenSD
        self.betweenCorrelation = betweenCorrelation; self.withinCorrelation = withinCorrelation
        self.supportItems = supportItems; self.bondingItems = bondingItems
        self.missingRate = missingRate; self.minValidShare = minValidShare
    }
}

/// Self-reported truancy: `logit P(truant) = Xβ + u0_school + u1_school · bonding_cwc`.
public struct TruancySettings: Sendable, Equatable {
    /// Fixed effects by R term name.
    public var fixed: Coefficients
    /// Variance of the school random intercept (logit scale).
    public var interceptVariance: Double
    /// Variance of the school random slope of `bonding_cwc`.
    public var slopeVariance: Double
    /// Correlation of the random intercept and slope.
    public var correlation: Double

    /// Creates truancy settings.
    public init(fixed: Coefficients, interceptVariance: Double, slopeVariance: Double, correlation: Double) {
        self.fixed = fixed; self.interceptVariance = interceptVariance
        self.slopeVariance = slopeVariance; self.correlation = correlation
    }
}

/// Registered unauthorised absent half-days: NB2 with `log μ = Xβ + w_school`, dispersion `size`.
public struct AbsenceSettings: Sendable, Equatable {
    /// Fixed effects by R term name (log scale).
    public var fixed: Coefficients
    /// Variance of the school random intercept (log scale).
    public var schoolVariance: Double
    /// NB2 size θ (variance μ + μ²/θ).
    public var size: Double
    /// Half-days from which absence is "problematic" (30 in Flanders).
    public var problematicThreshold: Int
    /// Largest count: the half-days of a school year (draws above it are set to it).
    public var maxHalfdays: Int
    /// Follow-up years: coefficient of `log1p(previous year's half-days)` in `log μ`.
    public var persistence: Double
    /// Follow-up years: change of `log μ` per year after the survey year.
    public var yearTrend: Double

    /// Creates absence settings.
    public init(fixed: Coefficients, schoolVariance: Double, size: Double, problematicThreshold: Int,
                maxHalfdays: Int, persistence: Double, yearTrend: Double) {
        self.fixed = fixed; self.schoolVariance = schoolVariance; self.size = size
        self.problematicThreshold = problematicThreshold; self.maxHalfdays = maxHalfdays
        self.persistence = persistence; self.yearTrend = yearTrend
    }
}

/// School careers over `periods` school years from grade 9 (the survey year).
public struct CareerSettings: Sendable, Equatable {
    /// Number of school years followed.
    public var periods: Int
    /// Grade of the survey year (9 = third year of secondary school).
    public var startGrade: Int
    /// Grade whose successful completion is a qualification (12).
    public var finalGrade: Int
    /// Age at the start of a school year from which leaving school (dropout) is possible.
    public var dropoutMinAge: Int
    /// Multinomial-logit coefficients of dropout versus staying.
    public var dropout: Coefficients
    /// Variance of the school random intercept of dropout.
    public var dropoutSchoolVariance: Double
    /// Multinomial-logit coefficients of transfer to another school versus staying.
    public var transfer: Coefficients
    /// Logit of failing the school year (retention) for pupils who stay.
    public var failure: Coefficients

    /// Creates career settings.
    public init(periods: Int, startGrade: Int, finalGrade: Int, dropoutMinAge: Int, dropout: Coefficients,
                dropoutSchoolVariance: Double, transfer: Coefficients, failure: Coefficients) {
        self.periods = periods; self.startGrade = startGrade; self.finalGrade = finalGrade
        self.dropoutMinAge = dropoutMinAge; self.dropout = dropout; self.dropoutSchoolVariance = dropoutSchoolVariance
        self.transfer = transfer; self.failure = failure
    }
}

extension SimulationParameters {
    /// The meaning of every parameter key (dotted paths; coefficient tables and item lists are documented
    /// as one key). A test checks that every key of `document` is covered.
    public static let documentation: [(key: String, meaning: String)] = [
        ("description", "Free text; ignored by the simulator."),
        ("seed", "Seed of the xoshiro256** generator; each stage (schools, pupils, climate, truancy, absence, careers) uses its own stream (the seed's generator jumped k·2^128 steps)."),
        ("schools", "Number of schools."),
        ("pupils", "Number of pupils over all schools (one cohort: the third year of secondary school, grade 9)."),
        ("school.size_log_sd", "SD of log school size; sizes are lognormal weights scaled to `pupils` after giving each school `min_pupils` (largest-remainder rounding)."),
        ("school.min_pupils", "Smallest cohort size of a school."),
        ("school.class_size", "Target class size; classes are track-homogeneous, each track of a school is cut into round(n/class_size) (at least 1) classes."),
        ("school.urban_share", "Probability that a school is urban."),
        ("school.ses_sd", "SD of the school mean of latent pupil SES (between-school segregation); pupil SES ~ N(school mean, 1)."),
        ("school.urban_ses", "Shift of the school mean SES for urban schools."),
        ("school.track_shares", "Base track shares (ASO, TSO, BSO, KSO) of the school mixes, before the SES tilt of `pupil.track_ses`; the defaults make the realized shares ≈ full-time grades 2-3, 2020-21: 42.9/30.4/24.4/2.4% (domain notes §6)."),
        ("school.track_concentration", "Dirichlet concentration of a school's track mix around `track_shares` (small = specialised schools)."),
        ("pupil.male_share", "Probability that a pupil is a boy."),
        ("pupil.track_ses", "Per track, the log-weight per unit of SES: P(track k) ∝ school mix_k · exp(track_ses_k · SES)."),
        ("pupil.foreign_language", "Logit of a non-Dutch home language: (Intercept), urban (school), ses."),
        ("pupil.mother_cut_low", "Ordered logit of mother's education: P(low) = logistic(mother_cut_low − mother_ses · SES); low = no secondary diploma."),
        ("pupil.mother_cut_middle", "P(low or middle) = logistic(mother_cut_middle − mother_ses · SES); the rest is high (higher education)."),
        ("pupil.mother_ses", "SES slope of mother's education."),
        ("pupil.allowance", "Logit of a school allowance (schooltoelage): (Intercept), ses, foreign_language, mother_low."),
        ("pupil.retention", "Logit of being at least one year behind at the survey: (Intercept), trackTSO, trackBSO, trackKSO, ses, male (target ≈ 23% behind, domain notes §6)."),
        ("pupil.two_years_behind_share", "Share of pupils behind who are two years behind."),
        ("pupil.start_age", "Age at the start of the survey year of an on-time pupil; age at the survey (spring) = start_age + 0.5 + (birth month + 0.5)/12 + years behind."),
        ("climate.support_between_sd", "SD of the school mean of latent teacher support (pupil total variance 1, so its square is the latent ICC)."),
        ("climate.bonding_between_sd", "SD of the school mean of latent school bonding."),
        ("climate.between_correlation", "Correlation of the school means of support and bonding."),
        ("climate.within_correlation", "Correlation of the pupil deviations of support and bonding."),
        ("climate.support_items", "Teacher-support items: name, loading λ, reversed, thresholds τ; answer = 1 + #{τ < ±λθ + sqrt(1−λ²)ε} (minus sign for reversed items)."),
        ("climate.bonding_items", "School-bonding items, as support_items."),
        ("climate.missing_rate", "Probability that an item answer is missing (MCAR)."),
        ("climate.min_valid_share", "A scale score (mean of the valid answers after reversing: 5 − answer on a 4-point item) needs at least ceil(min_valid_share · items) answers, else it is missing."),
        ("truancy.fixed", "Fixed effects (logit) of self-reported truancy, by R term: (Intercept), male, foreign_language, mother_low, allowance, trackTSO, trackBSO, trackKSO, age_c (= age − 15), retained, bonding_cwc, climate_c, bonding_cwc:climate_c. A pupil without a bonding score counts as bonding_cwc = 0."),
        ("truancy.intercept_variance", "Variance of the school random intercept u0 (logit scale; domain notes assume 0.2-0.6)."),
        ("truancy.slope_variance", "Variance of the school random slope u1 of bonding_cwc."),
        ("truancy.correlation", "Correlation of u0 and u1."),
        ("absence.fixed", "Fixed effects (log scale) of unauthorised absent half-days in the survey year, by R term: (Intercept), male, foreign_language, mother_low, allowance, trackTSO, trackBSO, trackKSO, age_c, retained, truant (cf. Keppens, Spruyt & Dockx 2019, Table 4)."),
        ("absence.school_variance", "Variance of the school random intercept w (log scale)."),
        ("absence.size", "NB2 size θ: variance μ + μ²/θ (small θ: many zeros and a long tail)."),
        ("absence.problematic_threshold", "Half-days from which absence counts as problematic (30 in Flanders)."),
        ("absence.max_halfdays", "Largest count, the half-days of a school year (about 36 weeks × 9 half-days); larger draws are set to it."),
        ("absence.persistence", "Follow-up years t ≥ 2: log μ adds persistence · log1p(half-days of year t − 1)."),
        ("absence.year_trend", "Follow-up years: log μ adds year_trend · (t − 1); age_c and retained follow the pupil."),
        ("careers.periods", "School years followed from the survey year (period 1)."),
        ("careers.start_grade", "Grade of period 1 (9 = third year of secondary school)."),
        ("careers.final_grade", "Passing this grade is a qualification."),
        ("careers.dropout_min_age", "Dropout is possible (eligible = 1) in years that start at this age or later (compulsory education)."),
        ("careers.dropout", "Multinomial logit of dropout versus staying, by term: (Intercept), trackTSO, trackBSO, trackKSO, years_behind (in that year), log_absence_prev (log1p of last year's half-days; 0 in period 1), male, allowance, mother_low, climate_c; plus a school effect v."),
        ("careers.dropout_school_variance", "Variance of the dropout school effect v."),
        ("careers.transfer", "Multinomial logit of a transfer to another school versus staying: (Intercept), retained_prev, trackTSO, trackBSO, trackKSO."),
        ("careers.failure", "Logit of failing the year (retention, a C-certificate) for pupils who stay: (Intercept), trackTSO, trackBSO, trackKSO, log_absence (log1p of this year's half-days), male, allowance."),
    ]

    /// The documentation as a Markdown table with the defaults (`truant simulate --list-parameters`).
    public static func documentationMarkdown() -> String {
        var out = "| key | default | meaning |\n|---|---|---|\n"
        for (key, meaning) in documentation {
            let value = key.split(separator: ".").reduce(Optional(SimulationParameters.default.document)) { $0?[String($1)] }
            out += "| `\(key)` | \(value.map(compactText) ?? "") | \(meaning) |\n"
        }
        return out
    }
}

/// A one-line rendering of a parameter value for the documentation table.
func compactText(_ v: ParameterValue) -> String {
    switch v {
    case .number(let x): return x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    case .integer(let i): return String(i)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s.count > 40 ? "(text)" : s
    case .array(let items):
        if items.allSatisfy({ if case .object = $0 { return false }; return true }) {
            return "[" + items.map(compactText).joined(separator: ", ") + "]"
        }
        return "\(items.count) items: " + items.map { item -> String in
            guard case .string(let name)? = item["name"] else { return "?" }
            let reversed: Bool = { if case .bool(true)? = item["reversed"] { return true }; return false }()
            return name + (reversed ? " (reversed)" : "")
        }.joined(separator: ", ")
    case .object(let members):
        return members.map { "\($0.key): \(compactText($0.value))" }.joined(separator: ", ")
    }
}

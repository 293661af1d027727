import Foundation

/// A term of an outcome model, resolved once from its R name so that per-pupil evaluation is a switch.
enum PredictorTerm {
    case intercept, male, foreignLanguage, motherLow, allowance, track(Int), ageC, retained
    case bondingCWC, climateC, bondingByClimate, truant
    case yearsBehind, logAbsencePrevious, logAbsence, retainedPrevious

    init?(name: String) {
        switch name {
        case "(Intercept)": self = .intercept
        case "male": self = .male
        case "foreign_language": self = .foreignLanguage
        case "mother_low": self = .motherLow
        case "allowance": self = .allowance
        case "trackTSO": self = .track(1)
        case "trackBSO": self = .track(2)
        case "trackKSO": self = .track(3)
        case "age_c": self = .ageC
        case "retained": self = .retained
        case "bonding_cwc": self = .bondingCWC
        case "climate_c": self = .climateC
        case "bonding_cwc:climate_c": self = .bondingByClimate
        case "truant": self = .truant
        case "years_behind": self = .yearsBehind
        case "log_absence_prev": self = .logAbsencePrevious
        case "log_absence": self = .logAbsence
        case "retained_prev": self = .retainedPrevious
        default: return nil
        }
    }
}

/// Time-varying values of one school year in a career (zero outside careers).
struct PeriodValues {
    var ageOffset = 0.0
    var yearsBehind: Int? = nil        // total years behind in that year; nil = the survey year
    var absencePrevious = 0
    var absence = 0
    var retainedPrevious = false
}

/// A compiled linear predictor `Σ β_term · x_term`.
struct LinearPredictor {
    let terms: [(PredictorTerm, Double)]

    /// Compiles `coefficients`; names that are no model term are skipped (the parameter reader only
    /// accepts the names of the defaults, which are all terms).
    init(_ coefficients: Coefficients) {
        terms = zip(coefficients.names, coefficients.values).compactMap { name, beta in
            PredictorTerm(name: name).map { ($0, beta) }
        }
    }

    /// The predictor for pupil `i` of `state` in a school year described by `period`.
    func value(_ state: CohortState, _ i: Int, _ period: PeriodValues = PeriodValues()) -> Double {
        var eta = 0.0
        for (term, beta) in terms {
            let x: Double
            switch term {
            case .intercept: x = 1
            case .male: x = state.male[i] ? 1 : 0
            case .foreignLanguage: x = state.foreignLanguage[i] ? 1 : 0
            case .motherLow: x = state.motherEducation[i] == 0 ? 1 : 0
            case .allowance: x = state.allowance[i] ? 1 : 0
            case .track(let t): x = state.track[i] == t ? 1 : 0
            case .ageC: x = state.ageC(i) + period.ageOffset
            case .retained: x = (period.yearsBehind ?? state.yearsBehind[i]) > 0 ? 1 : 0
            case .bondingCWC: x = state.bondingCWC[i].isNaN ? 0 : state.bondingCWC[i]
            case .climateC: x = state.climateC(i)
            case .bondingByClimate: x = (state.bondingCWC[i].isNaN ? 0 : state.bondingCWC[i]) * state.climateC(i)
            case .truant: x = state.truant.isEmpty ? 0 : (state.truant[i] ? 1 : 0)
            case .yearsBehind: x = Double(period.yearsBehind ?? state.yearsBehind[i])
            case .logAbsencePrevious: x = log1p(Double(period.absencePrevious))
            case .logAbsence: x = log1p(Double(period.absence))
            case .retainedPrevious: x = period.retainedPrevious ? 1 : 0
            }
            eta += beta * x
        }
        return eta
    }
}

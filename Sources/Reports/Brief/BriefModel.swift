import Foundation
import Linalg
import Models
import Distributions

/// The between-school variation of a multilevel logistic model, in the words of domain.md §3.
///
/// This is the hook for mixed models: a GLMM result fills it with the school random-intercept variance
/// (and, when available, an interval for the standard deviation); the brief turns it into the median
/// odds ratio and the latent-scale ICC.
public struct SchoolVariation: Sendable, Equatable, Codable {
    /// Random-intercept variance on the logit scale, sigma²_u.
    public var variance: Double
    /// Number of schools in the fit.
    public var schools: Int
    /// Interval for the standard deviation sigma_u (profile or bootstrap), when the fitter provides one.
    public var sdInterval: ClosedRange<Double>?

    /// Creates the value.
    public init(variance: Double, schools: Int, sdInterval: ClosedRange<Double>? = nil) {
        self.variance = variance
        self.schools = schools
        self.sdInterval = sdInterval
    }

    /// Phi^-1(0.75), the constant of the median odds ratio.
    static let q75 = 0.6744897501960817

    /// Median odds ratio, `exp(sqrt(2 sigma²) Phi^-1(0.75))` (Larsen & Merlo 2005).
    public var medianOddsRatio: Double { Foundation.exp((2 * Swift.max(variance, 0)).squareRoot() * Self.q75) }

    /// Interval of the median odds ratio from `sdInterval` (MOR is increasing in sigma_u).
    public var medianOddsRatioInterval: ClosedRange<Double>? {
        sdInterval.map { Foundation.exp(2.0.squareRoot() * Self.q75 * $0.lowerBound)...Foundation.exp(2.0.squareRoot() * Self.q75 * $0.upperBound) }
    }

    /// Latent-scale ICC, `sigma² / (sigma² + pi²/3)`.
    public var latentICC: Double { variance / (variance + Double.pi * Double.pi / 3) }
}

/// What a brief needs from a fitted model, whatever fitted it: the fixed effects with their covariance
/// and link (for predicted probabilities), the counts for the methods box, and the school variation
/// when the model has one. `init(_ fit: GLMFit)` fills it from a GLM; mixed models fill the same fields
/// (fixed effects at u = 0 give predictions "in a typical school") and set `schoolVariation`.
public struct BriefModel: Sendable {
    /// Kind for the methods box (`glm`, `glmm`, `coxph`, …; DESIGN.md's JSON `model` values).
    public var kind: String
    /// The formula as written.
    public var formula: String
    /// Family name (`binomial`).
    public var family: String
    /// Link of the fixed effects.
    public var link: Link
    /// Fixed-effect coefficients (with Wald intervals).
    public var coefficients: [Coefficient]
    /// Covariance of the fixed effects (p x p, in `coefficients` order).
    public var covariance: Matrix
    /// Level of the intervals.
    public var confidenceLevel: Double
    /// Pupils (rows) used.
    public var nObs: Int
    /// Rows dropped for missing values.
    public var nDropped: Int
    /// Group counts by grouping factor (`["school": 54]`).
    public var groups: [String: Int]
    /// Between-school variation (mixed models only).
    public var schoolVariation: SchoolVariation?
    /// Estimation method in words for the methods box ("maximum likelihood (IRLS)").
    public var method: String
    /// Warnings from the fit, repeated in the methods box.
    public var warnings: [String]

    /// Creates a summary from its parts (for mixed and survival models).
    public init(kind: String, formula: String, family: String, link: Link, coefficients: [Coefficient], covariance: Matrix,
                confidenceLevel: Double = 0.95, nObs: Int, nDropped: Int = 0, groups: [String: Int] = [:],
                schoolVariation: SchoolVariation? = nil, method: String, warnings: [String] = []) {
        self.kind = kind
        self.formula = formula
        self.family = family
        self.link = link
        self.coefficients = coefficients
        self.covariance = covariance
        self.confidenceLevel = confidenceLevel
        self.nObs = nObs
        self.nDropped = nDropped
        self.groups = groups
        self.schoolVariation = schoolVariation
        self.method = method
        self.warnings = warnings
    }

    /// The summary of a GLM fit.
    public init(_ fit: GLMFit) {
        self.init(kind: "glm", formula: fit.formula ?? fit.responseName, family: fit.family.rawValue, link: fit.link,
                  coefficients: fit.coefficients, covariance: fit.covariance, confidenceLevel: fit.confidenceLevel,
                  nObs: fit.nObs, nDropped: fit.nDropped, method: "maximum likelihood (IRLS)", warnings: fit.warnings)
    }

    /// The normal quantile of the interval level (1.96 for 95%).
    var z: Double { Self.zQuantile(confidenceLevel) }

    /// The two-sided normal quantile of `level`.
    static func zQuantile(_ level: Double) -> Double { Normal.standard.quantile(1 - (1 - level) / 2, lowerTail: true, logP: false) }
}

/// A pupil profile: values of the model-matrix columns (others 0; the intercept is added for you).
public struct Profile: Sendable, Equatable {
    /// How the brief names the profile ("pupils in vocational tracks").
    public var label: String
    /// Column values by term name (`["trackBSO": 1, "supportlow": 1]`).
    public var values: [String: Double]

    /// Creates a profile.
    public init(label: String, values: [String: Double]) {
        self.label = label
        self.values = values
    }
}

/// A predicted probability (or mean) with its interval.
public struct Prediction: Sendable, Equatable {
    /// The profile's label.
    public var label: String
    /// Estimate on the response scale.
    public var estimate: Double
    /// Lower end of the interval.
    public var low: Double
    /// Upper end of the interval.
    public var high: Double
}

/// Errors the brief raises on inputs that do not fit the model.
public enum BriefError: Error, Equatable, CustomStringConvertible {
    /// A profile names a term the model does not have.
    case unknownTerm(String, available: [String])
    /// A needed input is missing or malformed.
    case invalid(String)

    /// A message that says what to do.
    public var description: String {
        switch self {
        case .unknownTerm(let t, let available):
            return "brief: the profile uses the term '\(t)', which is not in the model; terms are: \(available.joined(separator: ", "))"
        case .invalid(let s): return "brief: \(s)"
        }
    }
}

extension BriefModel {
    /// The model-matrix row of a profile.
    func row(_ profile: Profile) throws -> [Double] {
        let terms = coefficients.map(\.term)
        for key in profile.values.keys.sorted() where !terms.contains(key) {
            throw BriefError.unknownTerm(key, available: terms)
        }
        return terms.map { $0 == "(Intercept)" ? 1 : (profile.values[$0] ?? 0) }
    }

    /// Estimates with aliased (NaN) coefficients read as 0, as R's `predict` drops them.
    var beta: [Double] { coefficients.map { $0.estimate.isFinite ? $0.estimate : 0 } }

    /// `x' V y` over the estimable coefficients.
    func quadratic(_ x: [Double], _ y: [Double]) -> Double {
        var s = 0.0
        let p = coefficients.count
        for i in 0..<p where x[i] != 0 {
            for j in 0..<p where y[j] != 0 {
                let v = covariance[i, j]
                if v.isFinite { s += x[i] * v * y[j] }
            }
        }
        return s
    }

    /// Predicted probability (mean) for a profile, interval on the link scale transformed back
    /// (as `predict(fit, newdata, type = "link", se.fit = TRUE)` then `linkinv(eta ± z se)`).
    public func predict(_ profile: Profile) throws -> Prediction {
        let x = try row(profile)
        let eta = zip(x, beta).reduce(0) { $0 + $1.0 * $1.1 }
        let se = Swift.max(0, quadratic(x, x)).squareRoot()
        let a = link.inverse(eta - z * se), b = link.inverse(eta + z * se)
        return Prediction(label: profile.label, estimate: link.inverse(eta), low: Swift.min(a, b), high: Swift.max(a, b))
    }

    /// Difference of two predicted probabilities `p(a) - p(b)` with a delta-method interval.
    public func difference(_ a: Profile, _ b: Profile) throws -> (estimate: Double, low: Double, high: Double) {
        let xa = try row(a), xb = try row(b)
        let ea = zip(xa, beta).reduce(0) { $0 + $1.0 * $1.1 }, eb = zip(xb, beta).reduce(0) { $0 + $1.0 * $1.1 }
        let ga = link.muEta(ea), gb = link.muEta(eb)
        let g = zip(xa, xb).map { ga * $0.0 - gb * $0.1 }
        let d = link.inverse(ea) - link.inverse(eb)
        let se = Swift.max(0, quadratic(g, g)).squareRoot()
        return (d, d - z * se, d + z * se)
    }
}

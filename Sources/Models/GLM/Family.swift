#if canImport(Glibc)
import Glibc
#endif

/// An exponential-family distribution for GLMs and GLMMs, with R's conventions for variance,
/// deviance residuals and AIC (`binomial()`, `poisson()`, `gaussian()` in R's `stats`).
public enum Family: String, Sendable, Equatable, Codable, CaseIterable {
    case gaussian, binomial, poisson

    /// The canonical (default) link.
    public var canonicalLink: Link {
        switch self {
        case .gaussian: return .identity
        case .binomial: return .logit
        case .poisson: return .log
        }
    }

    /// The links Truant supports for this family.
    public var allowedLinks: [Link] {
        switch self {
        case .gaussian: return [.identity, .log]
        case .binomial: return [.logit, .probit, .cloglog, .log]
        case .poisson: return [.log, .identity]
        }
    }

    /// Variance function `V(mu)`.
    @inline(__always)
    public func variance(_ mu: Double) -> Double {
        switch self {
        case .gaussian: return 1
        case .binomial: return mu * (1 - mu)
        case .poisson: return mu
        }
    }

    /// Unit deviance `d(y, mu)` times the prior weight `w` (R's `dev.resids`).
    /// For the binomial family `y` is a proportion and `w` the number of trials times the case weight.
    @inline(__always)
    public func unitDeviance(y: Double, mu: Double, weight w: Double) -> Double {
        switch self {
        case .gaussian:
            let r = y - mu
            return w * r * r
        case .binomial:
            return 2 * w * (ylogy(y, mu) + ylogy(1 - y, 1 - mu))
        case .poisson:
            let r = y > 0 ? y * Glibc.log(y / mu) : 0
            return 2 * w * (r - (y - mu))
        }
    }

    /// `true` when the family has a dispersion parameter estimated from the data (Gaussian).
    public var estimatesDispersion: Bool { self == .gaussian }

    /// `true` when `mu` is a valid mean for this family.
    public func isValidMean(_ mu: Double) -> Bool {
        switch self {
        case .gaussian: return mu.isFinite
        case .binomial: return mu.isFinite && mu > 0 && mu < 1
        case .poisson: return mu.isFinite && mu > 0
        }
    }
}

/// `y * log(y / mu)` with the convention `0 * log(0) = 0` (R's `y_log_y`).
@inline(__always) func ylogy(_ y: Double, _ mu: Double) -> Double {
    y != 0 ? y * Glibc.log(y / mu) : 0
}

#if canImport(Glibc)
import Glibc
#endif
import Distributions

/// A GLM link function `eta = g(mu)`, with its inverse and derivative `d mu / d eta`.
/// Numerically guarded as R's `make.link` is (e.g. the logit inverse is clamped away from 0 and 1).
public enum Link: String, Sendable, Equatable, Codable, CaseIterable {
    case identity, logit, probit, cloglog, log

    /// `g(mu)`.
    public func link(_ mu: Double) -> Double {
        switch self {
        case .identity: return mu
        case .logit: return Glibc.log(mu / (1 - mu))
        case .probit: return normalQuantile(mu)
        case .cloglog: return Glibc.log(-Glibc.log(1 - mu))
        case .log: return Glibc.log(mu)
        }
    }

    /// `g^-1(eta)`.
    public func inverse(_ eta: Double) -> Double {
        switch self {
        case .identity: return eta
        case .logit:
            // R's C_logit_linkinv: exp(eta) replaced by eps below -30 and 1/eps above 30, then x / (1 + x).
            let t = eta < -30 ? Double.ulpOfOne : (eta > 30 ? 1 / Double.ulpOfOne : Glibc.exp(eta))
            return t / (1 + t)
        case .probit:
            let thresh = -normalQuantile(Double.ulpOfOne)
            let t = Swift.min(Swift.max(eta, -thresh), thresh)
            return normalCDF(t)
        case .cloglog:
            return Swift.max(Swift.min(-Glibc.expm1(-Glibc.exp(eta)), 1 - Double.ulpOfOne), Double.ulpOfOne)
        case .log:
            return Swift.max(Glibc.exp(eta), Double.ulpOfOne)
        }
    }

    /// `d mu / d eta` at `eta`.
    public func muEta(_ eta: Double) -> Double {
        switch self {
        case .identity: return 1
        case .logit:
            let opexp = 1 + Glibc.exp(eta)
            return (eta > 30 || eta < -30) ? Double.ulpOfOne : Glibc.exp(eta) / (opexp * opexp)
        case .probit:
            return Swift.max(normalDensity(eta), Double.ulpOfOne)
        case .cloglog:
            let e = Swift.min(eta, 700)
            return Swift.max(Glibc.exp(e) * Glibc.exp(-Glibc.exp(e)), Double.ulpOfOne)
        case .log:
            return Swift.max(Glibc.exp(eta), Double.ulpOfOne)
        }
    }
}

/// Standard normal density.
@inline(__always) func normalDensity(_ x: Double) -> Double { Glibc.exp(-0.5 * x * x) / 2.5066282746310002 }

#if canImport(Glibc)
import Glibc
#endif

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
/// Standard normal CDF (erfc-based, accurate in the tails).
@inline(__always) func normalCDF(_ x: Double) -> Double { 0.5 * Glibc.erfc(-x / 1.4142135623730951) }
/// Standard normal quantile: Wichura's AS 241 (PPND16), accurate to about 1e-16 — the algorithm R's
/// `qnorm` uses. (The `Distributions` module offers Rmath's `qnorm`; this copy keeps links free of it.)
func normalQuantile(_ p: Double) -> Double {
    if p <= 0 { return -.infinity }
    if p >= 1 { return .infinity }
    let q = p - 0.5
    if Swift.abs(q) <= 0.425 {
        let r = 0.180625 - q * q
        return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
            / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1)
    }
    var r = q < 0 ? p : 1 - p
    r = Glibc.sqrt(-Glibc.log(r))
    var val: Double
    if r <= 5 {
        r -= 1.6
        val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
            / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1)
    } else {
        r -= 5
        val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
            / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1)
    }
    return q < 0 ? -val : val
}

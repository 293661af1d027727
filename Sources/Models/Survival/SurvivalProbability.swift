import Foundation

/// Normal and chi-square tail probabilities used by the survival tests and intervals.
///
/// STOPGAP: the `Distributions` module (Rmath-backed) is being written concurrently; these
/// implementations (erfc for the normal tail, Wichura's AS 241 for the normal quantile, and the
/// series / continued fraction for the regularized incomplete gamma function) are accurate to
/// about 1e-14 relative in the ranges used here and are to be replaced by `Distributions` calls.
enum SurvivalProbability {
    /// Upper tail of the standard normal, `P(Z > z)`.
    static func normalUpper(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// Two-sided normal p-value for a z statistic.
    static func normalTwoSided(_ z: Double) -> Double {
        guard z.isFinite else { return z.isNaN ? .nan : 0 }
        return 2 * normalUpper(abs(z))
    }

    /// Standard normal quantile (Wichura 1988, AS 241, PPND16).
    static func normalQuantile(_ p: Double) -> Double {
        guard p > 0 && p < 1 else { return p == 0 ? -.infinity : (p == 1 ? .infinity : .nan) }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1.0)
        } else {
            r -= 5
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1.0)
        }
        return q < 0 ? -value : value
    }

    /// Upper tail of the chi-square distribution with `df` degrees of freedom, `P(X > x)`.
    static func chiSquareUpper(_ x: Double, df: Double) -> Double {
        guard x.isFinite else { return x.isNaN ? .nan : 0 }
        if x <= 0 { return 1 }
        return regularizedGammaQ(df / 2, x / 2)
    }

    /// `Q(a, x) = Γ(a, x) / Γ(a)`.
    static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        if x < a + 1 { return 1 - gammaSeriesP(a, x) }
        return gammaContinuedFractionQ(a, x)
    }

    private static func logPrefactor(_ a: Double, _ x: Double) -> Double { a * log(x) - x - lgamma(a) }

    private static func gammaSeriesP(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var ap = a
        for _ in 0..<10_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(logPrefactor(a, x))
    }

    /// Modified Lentz evaluation of the continued fraction for `Q(a, x)`.
    private static func gammaContinuedFractionQ(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 10_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            i += 1
        }
        return exp(logPrefactor(a, x)) * h
    }
}

import Formula
#if canImport(Glibc)
import Glibc
#endif

/// The response of a GLMM on the rows used, with everything the deviance needs:
/// `y` (a proportion for binomial data), prior weights (binomial trials times case weights),
/// and per-row constants turning the sum of deviance residuals into -2 log-likelihood.
struct GLMMResponse: Sendable {
    let y: [Double]
    let priorWeights: [Double]
    /// `-2 log p(y | saturated mean)` per row, so that `-2 log p(y | mu) = unitDeviance + saturated`.
    let saturated: [Double]
    let family: Family

    init(_ response: Response, weights: [Double]?, n: Int, family: Family) throws {
        self.family = family
        var y: [Double], pw: [Double]
        switch response {
        case let .vector(name, values):
            guard values.count == n else { throw MixedModelError.badDesign("response \(name) has \(values.count) rows, expected \(n)") }
            y = values
            pw = weights ?? [Double](repeating: 1, count: n)
            if family == .binomial, let bad = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                throw MixedModelError.badResponse("binomial response \(name) must be 0/1 or a proportion; row \(bad + 1) has \(y[bad])")
            }
        case let .binomial(name, s, f):
            guard family == .binomial else {
                throw MixedModelError.badResponse("cbind(successes, failures) needs family = binomial")
            }
            guard s.count == n, f.count == n else { throw MixedModelError.badDesign("cbind() response has the wrong length") }
            y = [Double](repeating: 0, count: n)
            pw = [Double](repeating: 0, count: n)
            for i in 0..<n {
                guard s[i] >= 0, f[i] >= 0, s[i].isFinite, f[i].isFinite else {
                    throw MixedModelError.badResponse("\(name): row \(i + 1) has a negative or non-finite count")
                }
                let m = s[i] + f[i]
                pw[i] = m * (weights?[i] ?? 1)
                y[i] = m > 0 ? s[i] / m : 0
            }
        case .survival:
            throw MixedModelError.badResponse("Surv() responses need a survival model, not a GLMM")
        }
        guard pw.count == n, pw.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw MixedModelError.badDesign("weights must be finite and non-negative, one per row")
        }
        if family == .poisson, let bad = y.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw MixedModelError.badResponse("Poisson response must be a non-negative count; row \(bad + 1) has \(y[bad])")
        }
        var sat = [Double](repeating: 0, count: n)
        for i in 0..<n {
            switch family {
            case .binomial:
                let m = pw[i].rounded()
                if m <= 0 { continue }
                let s = (m * y[i]).rounded()
                let lchoose = lgamma(m + 1) - lgamma(s + 1) - lgamma(m - s + 1)
                let a = s > 0 ? s * log(s / m) : 0
                let b = m - s > 0 ? (m - s) * log((m - s) / m) : 0
                sat[i] = -2 * (lchoose + a + b) * (pw[i] / m)
            case .poisson:
                let yi = y[i]
                sat[i] = -2 * pw[i] * ((yi > 0 ? yi * log(yi) : 0) - yi - lgamma(yi + 1))
            case .gaussian:
                sat[i] = 0
            }
        }
        self.y = y
        priorWeights = pw
        saturated = sat
    }
}

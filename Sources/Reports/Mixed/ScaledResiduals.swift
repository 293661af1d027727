import Formula
import Models

extension MixedModelFit {
    /// lme4's scaled residuals (`residuals(fit, "pearson", scaled = TRUE)`), printed as a five-number summary:
    /// `sqrt(w) (y - fitted) / sigma` for a linear mixed model, `sqrt(m) (y - mu) / sqrt(V(mu))` for a GLMM
    /// (`m` the prior weight times the number of trials, `y` the observed proportion for `cbind`); `nil` when the
    /// response does not match the fit.
    public func scaledResiduals(response: Response, weights: [Double]?) -> [Double]? {
        let y: [Double], trials: [Double]
        switch response {
        case let .vector(_, values):
            y = values
            trials = Array(repeating: 1, count: values.count)
        case let .binomial(_, s, f):
            trials = zip(s, f).map { $0 + $1 }
            y = zip(s, trials).map { $1 > 0 ? $0 / $1 : 0 }
        case .survival:
            return nil
        }
        guard y.count == fitted.count else { return nil }
        let w = weights ?? Array(repeating: 1, count: y.count)
        guard w.count == y.count else { return nil }
        var r = [Double](repeating: 0, count: y.count)
        for i in y.indices {
            let mu = fitted[i], m = w[i] * trials[i]
            switch family {
            case .gaussian: r[i] = (m.squareRoot() * (y[i] - mu)) / (residualSD ?? 1)
            case .binomial: r[i] = (y[i] - mu) * m.squareRoot() / (mu * (1 - mu)).squareRoot()
            case .poisson: r[i] = (y[i] - mu) * m.squareRoot() / mu.squareRoot()
            }
        }
        return r
    }
}

/// R's `quantile(x)` (type 7) at 0, 0.25, 0.5, 0.75, 1.
func fiveNumbers(_ x: [Double]) -> [Double] {
    let s = x.filter(\.isFinite).sorted()
    guard !s.isEmpty else { return [.nan, .nan, .nan, .nan, .nan] }
    return [0, 0.25, 0.5, 0.75, 1].map { p in
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}

/// The response after a family's `initialize` step (R's `family$initialize`): the response on the
/// fitting scale, the prior weights IRLS uses, the binomial trial counts, and the starting means.
struct GLMPreparedResponse {
    /// Response on the fitting scale (proportions for binomial).
    var y: [Double]
    /// Prior weights used by IRLS (case weights times trials for binomial counts).
    var weights: [Double]
    /// Binomial trials per row (R's `n`; ones for a 0/1 or proportion response).
    var trials: [Double]
    /// R's `mustart`.
    var mustart: [Double]
    /// Non-fatal remarks (e.g. non-integer Poisson counts).
    var warnings: [String]

    /// Validates `response` for `family` and prepares it; `caseWeights` are the user's prior weights.
    init(response: GLMResponse, caseWeights: [Double], family: Family, link: Link, name: String) throws {
        let n = caseWeights.count
        var warnings: [String] = []
        switch (family, response) {
        case (.binomial, .values(let v)):
            var y = v
            for i in 0..<n {
                let yi = v[i]
                if !yi.isFinite || yi < 0 || yi > 1 {
                    throw GLMError.invalidResponse(family: .binomial, row: i + 1, value: yi,
                        reason: "a binomial response must be 0/1, TRUE/FALSE, a two-level factor, a proportion in [0, 1] with the number of trials as --weights, or cbind(successes, failures)")
                }
                if caseWeights[i] == 0 { y[i] = 0 }
                let m = caseWeights[i] * y[i]
                if Swift.abs(m - m.rounded()) > 0.001 {
                    throw GLMError.invalidResponse(family: .binomial, row: i + 1, value: yi,
                        reason: "weight x response = \(formatPlain(m)) is not a whole number of successes; for proportions give the number of trials as --weights")
                }
            }
            self.y = y
            self.weights = caseWeights
            self.trials = [Double](repeating: 1, count: n)
            self.mustart = (0..<n).map { (caseWeights[$0] * y[$0] + 0.5) / (caseWeights[$0] + 1) }
        case (.binomial, .counts(let s, let f)):
            var y = [Double](repeating: 0, count: n)
            var w = caseWeights
            var trials = [Double](repeating: 0, count: n)
            var mustart = [Double](repeating: 0, count: n)
            for i in 0..<n {
                for (value, what) in [(s[i], "successes"), (f[i], "failures")] {
                    if !value.isFinite || value < 0 || Swift.abs(value - value.rounded()) > 0.001 {
                        throw GLMError.invalidResponse(family: .binomial, row: i + 1, value: value,
                            reason: "the number of \(what) in cbind(successes, failures) must be a non-negative whole number")
                    }
                }
                let t = s[i] + f[i]
                trials[i] = t
                y[i] = t == 0 ? 0 : s[i] / t
                w[i] = caseWeights[i] * t
                mustart[i] = (t * y[i] + 0.5) / (t + 1)
            }
            self.y = y
            self.weights = w
            self.trials = trials
            self.mustart = mustart
        case (.binomial, _):
            fatalError("unreachable")
        case (.poisson, .values(let v)):
            var nonInteger = 0
            for i in 0..<n {
                if !v[i].isFinite || v[i] < 0 {
                    throw GLMError.invalidResponse(family: .poisson, row: i + 1, value: v[i],
                        reason: "Poisson counts must be finite and non-negative")
                }
                if v[i] != v[i].rounded() { nonInteger += 1 }
            }
            if nonInteger > 0 {
                warnings.append("\(nonInteger) Poisson response value(s) are not whole numbers: the log-likelihood, AIC and BIC are not defined (R's dpois gives -Inf)")
            }
            self.y = v
            self.weights = caseWeights
            self.trials = [Double](repeating: 1, count: n)
            self.mustart = v.map { $0 + 0.1 }
        case (.gaussian, .values(let v)):
            for i in 0..<n where !v[i].isFinite {
                throw GLMError.invalidResponse(family: .gaussian, row: i + 1, value: v[i], reason: "the response must be a finite number")
            }
            if link == .log, let bad = v.firstIndex(where: { $0 <= 0 }) {
                throw GLMError.noValidStartingValues("the log link needs a positive response, row \(bad + 1) is \(formatPlain(v[bad]))")
            }
            self.y = v
            self.weights = caseWeights
            self.trials = [Double](repeating: 1, count: n)
            self.mustart = v
        case (_, .counts):
            throw GLMError.invalidResponse(family: family, row: 1, value: .nan,
                reason: "cbind(successes, failures) is a binomial response; use --family binomial")
        }
        // One value only (among rows with positive weight)?
        var first: Double? = nil
        var varies = false
        for i in 0..<n where self.weights[i] > 0 {
            if let f = first { if self.y[i] != f { varies = true; break } } else { first = self.y[i] }
        }
        if !varies {
            throw GLMError.constantResponse(name: name, value: first ?? .nan)
        }
        self.warnings = warnings
    }
}

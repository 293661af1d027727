// Random draws on top of any `RandomNumberGenerator` (use `Xoshiro256StarStar(seed:)` for reproducible
// streams). Every draw is a documented, deterministic function of the generator's 64-bit outputs:
//
// * uniform: one 64-bit output `x` gives `((x >> 11) + 0.5) · 2⁻⁵³`, i.e. the midpoints of the 2⁵³ equal
//   cells of [0, 1]: never 0 or 1, smallest 2⁻⁵⁴, largest 1 − 2⁻⁵⁴;
// * every `UnivariateDistribution` (normal, t, gamma, binomial, Poisson, ...): inversion, `quantile(u)` of
//   one uniform `u`, using Rmath's quantile functions. Inversion uses exactly one generator output per draw
//   and is exact up to the accuracy of the quantile function (1e-15 relative for qnorm). Because it evaluates
//   `log`/`sqrt`/`exp` from the C library, a draw could differ in the last bit between C libraries that round
//   those functions differently; the integer stream itself is identical everywhere. The normal tails reach
//   |z| ≈ 8.3 (u = 2⁻⁵⁴). Rmath's own generators are not used.

extension RandomNumberGenerator {
    /// A uniform draw on the open interval (0, 1) with 53 random bits: `((next() >> 11) + 0.5) · 2⁻⁵³`.
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard-normal draw by inversion: `Φ⁻¹(u)` for one `nextOpenUnit()` draw (Rmath's `qnorm`).
    public mutating func nextStandardNormal() -> Double {
        normalQuantile(nextOpenUnit())
    }

    /// A Bernoulli draw: `true` with probability `p` (`u < p` for one `nextOpenUnit()` draw). Consumes one
    /// output whatever `p` is; `p <= 0` (or `NaN`) never gives `true`, `p >= 1` always does.
    public mutating func nextBernoulli(_ p: Double) -> Bool {
        nextOpenUnit() < p
    }
}

extension UnivariateDistribution {
    /// One draw by inversion: `quantile(u)` for `u = generator.nextOpenUnit()`.
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        quantile(generator.nextOpenUnit(), lowerTail: true, logP: false)
    }

    /// `count` independent draws by inversion (see `sample(using:)`); an empty array for `count <= 0`.
    public func samples<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> [Double] {
        guard count > 0 else { return [] }
        var out = [Double]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(sample(using: &generator)) }
        return out
    }
}

extension DiscreteDistribution {
    /// One integer draw by inversion (the smallest `k` with `P(X <= k) >= u`).
    public func sampleInteger<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let k = sample(using: &generator)
        // u < 1 keeps binomial and Poisson quantiles finite; saturate rather than trap on anything else.
        if k.isNaN { return 0 }
        if k >= 9.2e18 { return Int.max }
        return Int(k)
    }
}

/// A categorical distribution on the indices `0..<weights.count`, with probabilities proportional to
/// non-negative weights.
public struct Categorical: Sendable, Equatable, Hashable {
    /// The probabilities (weights divided by their sum).
    public let probabilities: [Double]
    private let cumulative: [Double]
    private let lastPositive: Int

    /// Creates the distribution from weights (not necessarily summing to 1). Throws
    /// `DistributionError.invalidParameter` if there are no weights, a weight is negative or not finite,
    /// or all weights are 0.
    public init(weights: [Double]) throws(DistributionError) {
        try require(!weights.isEmpty, "Categorical", "weights.count", 0, ">= 1")
        var total = 0.0
        var last = 0
        for (i, w) in weights.enumerated() {
            try require(w.isFinite && w >= 0, "Categorical", "weights[\(i)]", w, "finite and >= 0")
            total += w
            if w > 0 { last = i }
        }
        try require(total > 0 && total.isFinite, "Categorical", "sum of weights", total, "finite and > 0")
        var running = 0.0
        var cumulative = [Double]()
        cumulative.reserveCapacity(weights.count)
        for w in weights { running += w / total; cumulative.append(running) }
        self.probabilities = weights.map { $0 / total }
        self.cumulative = cumulative
        self.lastPositive = last
    }

    /// One draw by inversion: the smallest index `i` whose cumulative probability exceeds `u`, for one
    /// `nextOpenUnit()` draw. Categories of weight 0 are never drawn.
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let u = generator.nextOpenUnit()
        var lo = 0, hi = cumulative.count          // first index with cumulative > u, by bisection
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return Swift.min(lo, lastPositive)         // rounding can leave the total just below u
    }
}

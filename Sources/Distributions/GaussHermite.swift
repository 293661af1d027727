import Linalg

/// A Gauss–Hermite quadrature rule of order 1...100.
///
/// For the standard-normal weight (the default, `.standardNormal`; lme4's `GHrule`):
/// `∫ f(z) φ(z) dz ≈ Σ wᵢ f(zᵢ)` with Σ wᵢ = 1, exact for polynomials of degree `2 order − 1`.
/// For the physicists' weight (`.physicists`): `∫ f(x) exp(−x²) dx ≈ Σ wᵢ f(xᵢ)` with Σ wᵢ = √π;
/// its nodes are `zᵢ / √2` and its weights `√π wᵢ`.
///
/// **Algorithm (Golub & Welsch, 1969).** The nodes are the eigenvalues of the symmetric tridiagonal Jacobi
/// matrix of the probabilists' Hermite recurrence `He₍ⱼ₊₁₎(z) = z Heⱼ(z) − j He₍ⱼ₋₁₎(z)` (zero diagonal,
/// off-diagonal √1, √2, ..., √(k−1)), computed by LAPACK `dstev` (`SymmetricTridiagonal.eigenvalues()`).
/// Each node is then polished by Newton steps on the orthonormal polynomial `p_k`, and the weights are the
/// Christoffel numbers `wᵢ = 1 / Σⱼ₌₀^{k−1} pⱼ(zᵢ)²` (all terms positive, so relatively accurate even for
/// weights near 1e-80, which the squared first eigenvector components only give to an absolute 1e-16).
/// Finally the rule is made exactly symmetric: `z_i = −z_{k+1−i}` and `w_i = w_{k+1−i}` (the middle node of
/// an odd rule is exactly 0).
public struct GaussHermite: Sendable, Equatable {
    /// The weight function a rule integrates against.
    public enum WeightFunction: Sendable, Equatable, Hashable {
        /// The standard-normal density φ(z) = exp(−z²/2)/√(2π); weights sum to 1 (lme4's `GHrule`).
        case standardNormal
        /// The physicists' weight exp(−x²); weights sum to √π.
        case physicists
    }

    /// The largest supported order.
    public static let maximumOrder = 100

    /// The number of nodes k.
    public let order: Int
    /// The weight function of this rule.
    public let weightFunction: WeightFunction
    /// The nodes in ascending order, exactly symmetric about 0.
    public let nodes: [Double]
    /// The weights, `weights[i]` belonging to `nodes[i]`, exactly symmetric.
    public let weights: [Double]

    /// Computes the rule of order `order` (1...100) for `weightFunction`.
    ///
    /// Throws `DistributionError.invalidParameter` for an order outside 1...100.
    public init(order: Int, weightFunction: WeightFunction = .standardNormal) throws(DistributionError) {
        try require(order >= 1 && order <= GaussHermite.maximumOrder, "GaussHermite", "order", Double(order),
                    "an integer in 1...\(GaussHermite.maximumOrder)")
        let k = order
        let jacobi: SymmetricTridiagonal
        let eigenvalues: [Double]
        do {
            jacobi = try SymmetricTridiagonal(diagonal: [Double](repeating: 0, count: k),
                                              offDiagonal: (1..<k).map { Double($0).squareRoot() })
            eigenvalues = try jacobi.eigenvalues()
        } catch {
            throw DistributionError.numericalFailure("Gauss–Hermite order \(k): \(error)")
        }
        var z = eigenvalues.sorted()
        var w = [Double](repeating: 0, count: k)
        for i in 0..<k {
            var x = z[i]
            for _ in 0..<4 {   // Newton on p_k, p_k' = √k p_{k−1}; converges in one or two steps
                let (pk, pkm1, _) = GaussHermite.orthonormal(k, at: x)
                let step = pk / ((Double(k)).squareRoot() * pkm1)
                guard step.isFinite else { break }
                x -= step
                if Swift.abs(step) <= 1e-17 * Swift.max(1, Swift.abs(x)) { break }
            }
            z[i] = x
            w[i] = 1 / GaussHermite.orthonormal(k, at: x).sumOfSquares
        }
        for i in 0..<(k / 2) {                         // exact symmetry
            let j = k - 1 - i
            let node = (z[j] - z[i]) / 2
            let weight = (w[i] + w[j]) / 2
            z[i] = -node; z[j] = node
            w[i] = weight; w[j] = weight
        }
        if k % 2 == 1 { z[k / 2] = 0 }
        if weightFunction == .physicists {
            let rootPi = Double.pi.squareRoot()
            let invRoot2 = 0.5.squareRoot()
            for i in 0..<k { z[i] *= invRoot2; w[i] *= rootPi }
        }
        self.order = k
        self.weightFunction = weightFunction
        self.nodes = z
        self.weights = w
    }

    /// `Σ wᵢ f(xᵢ)`: the rule applied to `f` (≈ E[f(Z)] for the standard-normal weight).
    public func integrate(_ f: (Double) -> Double) -> Double {
        var s = 0.0
        for i in 0..<order { s += weights[i] * f(nodes[i]) }
        return s
    }

    /// `p_k(x)`, `p_{k−1}(x)` and `Σ_{j<k} p_j(x)²` for the orthonormal probabilists' Hermite polynomials
    /// `p_j = He_j / √(j!)`, by `p₍ⱼ₊₁₎ = (x pⱼ − √j p₍ⱼ₋₁₎) / √(j+1)`.
    static func orthonormal(_ k: Int, at x: Double) -> (pk: Double, pkm1: Double, sumOfSquares: Double) {
        var previous = 0.0, current = 1.0, sum = 0.0
        for j in 0..<k {
            sum += current * current
            let next = (x * current - Double(j).squareRoot() * previous) / Double(j + 1).squareRoot()
            previous = current
            current = next
        }
        return (current, previous, sum)
    }
}

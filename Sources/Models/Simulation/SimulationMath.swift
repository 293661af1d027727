import Foundation
import Distributions

/// The inverse logit, computed without overflow for large |x|.
@inline(__always)
func inverseLogit(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}

/// `x` rounded to `digits` decimals (half away from zero): every stored double is rounded so that the
/// CSV text is short and the outcome models use exactly the values an analyst reads back.
@inline(__always)
func rounded(_ x: Double, _ digits: Int) -> Double {
    let scale = digits == 2 ? 100.0 : digits == 4 ? 10_000.0 : pow(10, Double(digits))
    return (x * scale).rounded() / scale
}

/// Independent random streams, one per stage of the simulation: stream `k` is the seed's xoshiro256**
/// generator advanced by `k` jumps of 2¹²⁸ steps, so changing one stage's parameters never shifts the
/// draws of another stage.
struct SimulationStreams {
    enum Stage: Int, CaseIterable { case schools, pupils, climate, truancy, absence, careers }
    private var generators: [Xoshiro256StarStar]

    init(seed: Int) {
        var g = Xoshiro256StarStar(seed: UInt64(bitPattern: Int64(seed)))
        var out: [Xoshiro256StarStar] = []
        for _ in Stage.allCases { out.append(g); g.jump() }
        generators = out
    }

    /// The generator of `stage` (use it through `inout`).
    subscript(stage: Stage) -> Xoshiro256StarStar {
        get { generators[stage.rawValue] }
        set { generators[stage.rawValue] = newValue }
    }
}

/// A gamma(shape, 1) draw by inversion (Rmath `qgamma` of one uniform); 0 for a shape of 0.
func gammaDraw<G: RandomNumberGenerator>(shape: Double, using g: inout G) -> Double {
    let u = g.nextOpenUnit()
    guard shape > 0, let dist = try? Gamma(shape: shape) else { return 0 }
    let x = dist.quantile(u)
    return x.isFinite ? x : 0
}

/// A negative binomial (NB2) count by inversion (Rmath `qnbinom_mu` of one uniform).
/// Draws above `cap` are set to `cap`.
func negativeBinomialDraw<G: RandomNumberGenerator>(size: Double, mu: Double, cap: Int, using g: inout G) -> Int {
    let u = g.nextOpenUnit()
    let m = Swift.min(Swift.max(mu, 0), 1e6)
    guard let dist = try? NegativeBinomial(size: size, mu: m) else { return 0 }
    let k = dist.quantile(u)
    return k.isFinite && k < Double(cap) ? Int(k) : cap
}

/// Cronbach's alpha of the complete cases of `k` items stored row-major (`0` marks a missing answer).
func cronbachAlpha(_ answers: [Int8], items k: Int) -> Double {
    guard k >= 2 else { return .nan }
    let n = answers.count / k
    var sums = [Double](repeating: 0, count: k), squares = [Double](repeating: 0, count: k)
    var totalSum = 0.0, totalSquares = 0.0, m = 0
    for i in 0..<n {
        var complete = true
        for j in 0..<k where answers[i * k + j] == 0 { complete = false; break }
        guard complete else { continue }
        m += 1
        var total = 0.0
        for j in 0..<k {
            let x = Double(answers[i * k + j])
            sums[j] += x; squares[j] += x * x; total += x
        }
        totalSum += total; totalSquares += total * total
    }
    guard m > 1 else { return .nan }
    let mm = Double(m)
    func variance(_ s: Double, _ q: Double) -> Double { (q - s * s / mm) / (mm - 1) }
    var itemVariance = 0.0
    for j in 0..<k { itemVariance += variance(sums[j], squares[j]) }
    let kk = Double(k)
    return kk / (kk - 1) * (1 - itemVariance / variance(totalSum, totalSquares))
}

/// ICC(1) from a one-way ANOVA of `values` (NaN skipped) grouped by `groups` (codes `0..<groupCount`).
func anovaICC1(_ values: [Double], groups: [Int], groupCount: Int) -> Double {
    var n = [Double](repeating: 0, count: groupCount), s = [Double](repeating: 0, count: groupCount)
    var ss = 0.0, total = 0.0, count = 0.0
    for (i, x) in values.enumerated() where !x.isNaN {
        n[groups[i]] += 1; s[groups[i]] += x; ss += x * x; total += x; count += 1
    }
    let used = n.filter { $0 > 0 }.count
    guard used > 1, count > Double(used) else { return .nan }
    var between = 0.0, sumSquaredSizes = 0.0
    for g in 0..<groupCount where n[g] > 0 { between += s[g] * s[g] / n[g]; sumSquaredSizes += n[g] * n[g] }
    let ssBetween = between - total * total / count
    let ssWithin = ss - between
    let msb = ssBetween / Double(used - 1), msw = ssWithin / (count - Double(used))
    let n0 = (count - sumSquaredSizes / count) / Double(used - 1)
    return (msb - msw) / (msb + (n0 - 1) * msw)
}

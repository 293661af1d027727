import Linalg

/// Internal-consistency statistics of a set of items from their covariance matrix `C` and its
/// correlation matrix `R = cov2cor(C)`, with psych's definitions (`psych::alpha`):
///
/// - raw alpha `= k/(k-1) * (1 - tr C / ΣC)` (Cronbach 1951);
/// - standardized alpha `= k/(k-1) * (1 - k / ΣR)`;
/// - Guttman's lambda 6 `= 1 - Σ(1 - smc_i) / ΣR` with squared multiple correlations `smc`;
/// - average and median inter-item correlation, signal-to-noise `k r̄ / (1 - r̄)`;
/// - `Q`, the asymptotic variance of alpha times n (Duhachek & Iacobucci 2004; psych's `ase = sqrt(Q/n)`).
public struct AlphaStatistics: Sendable, Equatable, Codable {
    /// Number of items.
    public let itemCount: Int
    /// Cronbach's alpha from covariances.
    public let alpha: Double
    /// Standardized alpha (from correlations).
    public let standardizedAlpha: Double
    /// Guttman's lambda 6 (psych's `G6(smc)`).
    public let lambda6: Double
    /// Mean inter-item correlation.
    public let averageCorrelation: Double
    /// Median inter-item correlation.
    public let medianCorrelation: Double
    /// Signal-to-noise ratio `k r̄ / (1 - r̄)`.
    public let signalToNoise: Double
    /// n times the asymptotic variance of alpha (psych's `Q`); `sqrt(Q / n)` is its standard error.
    public let asymptoticVarianceTimesN: Double

    /// Computes the statistics; `covariance` must be at least 2 x 2 with positive diagonal.
    public init(covariance c: Matrix, correlation r: Matrix) throws {
        let k = c.rows
        guard k >= 2, c.isSquare, r.rows == k else { throw MeasurementError.tooFewItems(count: k, minimum: 2) }
        let kd = Double(k)
        var sumC = 0.0, trC = 0.0, sumR = 0.0
        for j in 0..<k { for i in 0..<k { sumC += c[i, j]; sumR += r[i, j] } ; trC += c[j, j] }
        alpha = (1 - trC / sumC) * kd / (kd - 1)
        standardizedAlpha = (1 - kd / sumR) * kd / (kd - 1)
        let smc = try squaredMultipleCorrelations(r)
        lambda6 = 1 - (kd - smc.reduce(0, +)) / sumR
        let avr = (sumR - kd) / (kd * (kd - 1))
        averageCorrelation = avr
        var lower: [Double] = []
        for j in 0..<k { for i in (j + 1)..<Swift.max(j + 1, k) { lower.append(r[i, j]) } }
        medianCorrelation = median(lower)
        signalToNoise = kd * avr / (1 - avr)
        // Q = 2k² / ((k-1)² (ΣC)³) * (ΣC (tr C² + (tr C)²) - 2 tr C Σ(C²)), with C² the matrix product.
        let c2 = c * c
        var trC2 = 0.0, sumC2 = 0.0
        for j in 0..<k { for i in 0..<k { sumC2 += c2[i, j] }; trC2 += c2[j, j] }
        asymptoticVarianceTimesN = (2 * kd * kd / ((kd - 1) * (kd - 1) * sumC * sumC * sumC))
            * (sumC * (trC2 + trC * trC) - 2 * trC * sumC2)
        itemCount = k
    }
}

/// Median of a non-empty array (mean of the two middle values for an even count); `NaN` when empty.
func median(_ v: [Double]) -> Double {
    let s = v.filter { !$0.isNaN }.sorted()
    if s.isEmpty { return .nan }
    let m = s.count / 2
    return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/// The submatrix without row and column `drop`.
func dropping(_ a: Matrix, _ drop: Int) -> Matrix {
    let n = a.rows
    var out = Matrix(rows: n - 1, columns: n - 1)
    var jj = 0
    for j in 0..<n where j != drop {
        var ii = 0
        for i in 0..<n where i != drop { out[ii, jj] = a[i, j]; ii += 1 }
        jj += 1
    }
    return out
}

import Distributions

/// Feldt's (1965) confidence interval for Cronbach's alpha, as psych's `alpha.ci`:
/// with `p = 1 - level`, `df1 = n - 1` and `df2 = (n - 1)(k - 1)`,
/// lower `= 1 - (1 - α) F⁻¹(1 - p/2; df1, df2)` and upper `= 1 - (1 - α) F⁻¹(p/2; df1, df2)`.
///
/// - Parameters:
///   - alpha: the sample alpha.
///   - n: number of respondents.
///   - items: number of items `k`.
///   - level: confidence level in (0, 1).
public func feldtInterval(alpha: Double, n: Int, items: Int, level: Double = 0.95) throws -> ClosedRange<Double> {
    guard n >= 2 else { throw MeasurementError.invalid("an interval for alpha needs at least two respondents, got \(n)") }
    guard items >= 2 else { throw MeasurementError.tooFewItems(count: items, minimum: 2) }
    let df1 = Double(n - 1), df2 = Double(n - 1) * Double(items - 1)
    let f = try FDistribution(df1: df1, df2: df2)
    let p = 1 - level
    let lower = 1 - (1 - alpha) * f.quantile(1 - p / 2)
    let upper = 1 - (1 - alpha) * f.quantile(p / 2)
    return lower...upper
}

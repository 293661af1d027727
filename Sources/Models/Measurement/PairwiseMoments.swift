import Linalg

/// Covariances and correlations from pairwise-complete observations, as R's
/// `cov(x, use = "pairwise")` and `cor(x, use = "pairwise")`.
///
/// For each pair of items the rows where both are present give the pair's means, covariance
/// (divisor `m - 1`) and correlation (with the standard deviations of the same rows). The
/// diagonal of `covariance` is each item's variance over all its valid rows. psych's `alpha`
/// uses `covariance` (and `cov2cor` of it), psych's `fa` and `omega` use `correlation`.
public struct PairwiseMoments: Sendable, Equatable {
    /// Item names.
    public let names: [String]
    /// Pairwise-complete covariance matrix (p x p).
    public let covariance: Matrix
    /// Pairwise-complete correlation matrix (p x p), unit diagonal.
    public let correlation: Matrix
    /// Number of rows used for each pair (diagonal: valid responses per item).
    public let pairCounts: [Int]

    /// Computes the moments; throws `noVariance` for an item with fewer than two valid or all-equal
    /// responses and `noPairwiseOverlap` for two items never answered together (fewer than two shared rows).
    public init(_ data: ItemResponses) throws {
        let n = data.rowCount, p = data.itemCount
        var cov = Matrix(rows: p, columns: p)
        var cor = Matrix(rows: p, columns: p)
        var counts = [Int](repeating: 0, count: p * p)
        try data.values.storage.withUnsafeBufferPointer { x in
            // Items without variance first, so the message names the item rather than a pair.
            for a in 0..<p {
                var m = 0, first = Double.nan, varies = false
                for i in 0..<n where !x[a * n + i].isNaN {
                    m += 1
                    if first.isNaN { first = x[a * n + i] } else if x[a * n + i] != first { varies = true }
                }
                if m < 2 || !varies { throw MeasurementError.noVariance(item: data.names[a], validCount: m) }
            }
            for a in 0..<p {
                for b in a..<p {
                    let xa = a * n, xb = b * n
                    var m = 0, sa = 0.0, sb = 0.0
                    for i in 0..<n {
                        let u = x[xa + i], v = x[xb + i]
                        if u.isNaN || v.isNaN { continue }
                        m += 1; sa += u; sb += v
                    }
                    counts[a + b * p] = m; counts[b + a * p] = m
                    if m < 2 {
                        if a == b { throw MeasurementError.noVariance(item: data.names[a], validCount: m) }
                        throw MeasurementError.noPairwiseOverlap(item1: data.names[a], item2: data.names[b])
                    }
                    let ma = sa / Double(m), mb = sb / Double(m)
                    var saa = 0.0, sbb = 0.0, sab = 0.0
                    for i in 0..<n {
                        let u = x[xa + i], v = x[xb + i]
                        if u.isNaN || v.isNaN { continue }
                        let du = u - ma, dv = v - mb
                        saa += du * du; sbb += dv * dv; sab += du * dv
                    }
                    if a == b && saa == 0 { throw MeasurementError.noVariance(item: data.names[a], validCount: m) }
                    let c = sab / Double(m - 1)
                    cov[a, b] = c; cov[b, a] = c
                    let r = a == b ? 1 : (saa > 0 && sbb > 0 ? sab / (saa.squareRoot() * sbb.squareRoot()) : .nan)
                    cor[a, b] = r; cor[b, a] = r
                }
            }
        }
        self.names = data.names
        self.covariance = cov
        self.correlation = cor
        self.pairCounts = counts
    }
}

/// `D^-1/2 C D^-1/2`: the correlation matrix of a covariance matrix (R's `cov2cor`).
public func covarianceToCorrelation(_ c: Matrix) -> Matrix {
    let p = c.rows
    var r = c
    let d = (0..<p).map { 1 / c[$0, $0].squareRoot() }
    for j in 0..<p { for i in 0..<p { r[i, j] = c[i, j] * d[i] * d[j] } }
    for i in 0..<p { r[i, i] = 1 }
    return r
}

/// Squared multiple correlations `1 - 1 / diag(R^-1)` of each variable on the others (psych's `smc`).
/// Throws `notPositiveDefinite` when `R` cannot be inverted by Cholesky.
public func squaredMultipleCorrelations(_ r: Matrix) throws -> [Double] {
    let inv: Matrix
    do { inv = try Cholesky(r).inverse() } catch {
        throw MeasurementError.notPositiveDefinite("the correlation matrix")
    }
    return (0..<r.rows).map { 1 - 1 / inv[$0, $0] }
}

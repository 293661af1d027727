import Formula
import Linalg

/// One random-effects term as the fitter stores it: grouping codes, the per-row covariates `z`
/// (n x k, column-major) and where its parameters sit in theta.
struct ReTerm: Sendable {
    /// Grouping factor name (`school`, `class:school`).
    let group: String
    /// Names of the k random-effect columns (`(Intercept)`, `ses`).
    let columnNames: [String]
    /// Level names of the grouping factor.
    let levels: [String]
    /// Level per row (0-based).
    let codes: [Int32]
    /// Per-row covariates, `n` x `k`, column-major.
    let z: [Double]
    /// Number of random effects per level.
    let k: Int
    /// `false` for `(x || g)`: the relative covariance factor is diagonal.
    let correlated: Bool
    /// Index of this term's first entry in theta.
    let thetaOffset: Int
    /// Position of the term in the formula (the model frame's order).
    let formulaIndex: Int

    /// Number of levels.
    var m: Int { levels.count }
    /// Number of random effects of this term (`k * m`).
    var q: Int { k * levels.count }
    /// Number of covariance parameters: the lower triangle (correlated) or the diagonal.
    var thetaCount: Int { correlated ? k * (k + 1) / 2 : k }

    /// The (row, column) positions in the k x k lower-triangular factor that theta fills, in lme4's
    /// order (lower triangle by columns).
    var thetaPositions: [(Int, Int)] {
        var out: [(Int, Int)] = []
        for j in 0..<k {
            if correlated { for i in j..<k { out.append((i, j)) } } else { out.append((j, j)) }
        }
        return out
    }

    /// The k x k lower-triangular relative covariance factor (column-major) for `theta`.
    func lambda(_ theta: [Double]) -> [Double] {
        var l = [Double](repeating: 0, count: k * k)
        for (n, (i, j)) in thetaPositions.enumerated() { l[i + j * k] = theta[thetaOffset + n] }
        return l
    }
}

/// The random-effects structure of a model: terms ordered as lme4 orders them (decreasing number of
/// levels, stable), theta layout, bounds and the start value.
struct RandomEffectsStructure: Sendable {
    /// Terms in fitting order: the first has the most levels and gets the block-diagonal block of L.
    let terms: [ReTerm]
    /// Total number of covariance parameters.
    let thetaCount: Int

    /// Builds the structure from the model frame's terms, checking the designs.
    init(_ designs: [RandomTermDesign], nObs: Int) throws {
        guard !designs.isEmpty else { throw MixedModelError.noRandomEffects }
        let order = designs.indices.sorted { a, b in
            let la = designs[a].grouping.count, lb = designs[b].grouping.count
            return la != lb ? la > lb : a < b
        }
        var out: [ReTerm] = []
        var offset = 0
        for idx in order {
            let d = designs[idx]
            let g = d.grouping
            guard g.codes.count == nObs, d.z.rows == nObs else {
                throw MixedModelError.badDesign("random-effects term for \(g.name) has \(g.codes.count) rows, expected \(nObs)")
            }
            guard d.z.columns >= 1, d.columnNames.count == d.z.columns else {
                throw MixedModelError.badDesign("random-effects term for \(g.name) has no columns or mismatched names")
            }
            guard g.count >= 1 else { throw MixedModelError.badDesign("grouping factor \(g.name) has no levels") }
            for c in g.codes where c < 0 || Int(c) >= g.count {
                throw MixedModelError.badDesign("grouping factor \(g.name) has a code \(c) outside 0..<\(g.count)")
            }
            for v in d.z.storage where !v.isFinite {
                throw MixedModelError.badDesign("random-effects covariates for \(g.name) contain a non-finite value")
            }
            let t = ReTerm(group: g.name, columnNames: d.columnNames, levels: g.levels, codes: g.codes,
                           z: d.z.storage, k: d.z.columns, correlated: d.correlated || d.z.columns == 1,
                           thetaOffset: offset, formulaIndex: idx)
            offset += t.thetaCount
            out.append(t)
        }
        terms = out
        thetaCount = offset
    }

    /// lme4's start: 1 on diagonals, 0 off-diagonal.
    var start: [Double] {
        var s = [Double](repeating: 0, count: thetaCount)
        for t in terms { for (n, (i, j)) in t.thetaPositions.enumerated() where i == j { s[t.thetaOffset + n] = 1 } }
        return s
    }

    /// Lower bounds: 0 for diagonal elements, `-infinity` off the diagonal.
    var lowerBounds: [Double] {
        var s = [Double](repeating: -.infinity, count: thetaCount)
        for t in terms { for (n, (i, j)) in t.thetaPositions.enumerated() where i == j { s[t.thetaOffset + n] = 0 } }
        return s
    }

    /// Total number of random effects.
    var q: Int { terms.reduce(0) { $0 + $1.q } }
}

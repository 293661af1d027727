/// How a factor is coded in a model matrix.
public enum ContrastKind: String, Sendable, Equatable, CaseIterable {
    /// R's `contr.treatment`: one indicator per level except the reference (first) level;
    /// columns are named by the level (`trackTSO`).
    case treatment
    /// R's `contr.sum`: `k - 1` columns named `1`, `2`, ... (`track1`); the last level is -1 in all.
    case sum
    /// R's `contr.poly` (the default for ordered factors): orthonormal polynomials in the level
    /// index, columns `.L`, `.Q`, `.C`, `^4`, ...
    case polynomial
}

/// A coding matrix for one factor in one term: `levels x columns`, row-major, with column suffixes.
struct Coding {
    var columns: Int
    var names: [String]
    /// `values[level * columns + column]`.
    var values: [Double]

    /// Contrasts of `kind` for `levels` (at least two).
    static func contrasts(_ kind: ContrastKind, levels: [String]) -> Coding {
        let k = levels.count
        var v = [Double](repeating: 0, count: k * (k - 1))
        switch kind {
        case .treatment:
            for lev in 1..<k { v[lev * (k - 1) + (lev - 1)] = 1 }
            return Coding(columns: k - 1, names: Array(levels.dropFirst()), values: v)
        case .sum:
            for lev in 0..<k {
                for c in 0..<(k - 1) { v[lev * (k - 1) + c] = lev == k - 1 ? -1 : (lev == c ? 1 : 0) }
            }
            return Coding(columns: k - 1, names: (1..<k).map(String.init), values: v)
        case .polynomial:
            return polynomial(levels: k)
        }
    }

    /// Full indicator coding: one column per level, named by the level.
    static func indicators(levels: [String]) -> Coding {
        let k = levels.count
        var v = [Double](repeating: 0, count: k * k)
        for lev in 0..<k { v[lev * k + lev] = 1 }
        return Coding(columns: k, names: levels, values: v)
    }
}

extension Coding {
    /// `contr.poly(k)`: Gram–Schmidt on the powers 0..k-1 of the centred scores 1..k, each column
    /// scaled to unit length, the constant column dropped (the same columns as R's QR construction).
    static func polynomial(levels k: Int) -> Coding {
        let mean = Double(k + 1) / 2
        let scores = (1...k).map { Double($0) - mean }
        var basis: [[Double]] = []
        for p in 0..<k {
            var v = scores.map { rPower($0, Double(p)) }
            for q in basis {
                let dot = zip(v, q).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<k { v[i] -= dot * q[i] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            basis.append(v.map { $0 / norm })
        }
        var values = [Double](repeating: 0, count: k * (k - 1))
        for c in 1..<k { for lev in 0..<k { values[lev * (k - 1) + (c - 1)] = basis[c][lev] } }
        let named = [".L", ".Q", ".C"]
        let names = (1..<k).map { $0 <= 3 ? named[$0 - 1] : "^\($0)" }
        return Coding(columns: k - 1, names: names, values: values)
    }
}

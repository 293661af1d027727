/// How a factor is coded in a model matrix.
public enum ContrastKind: String, Sendable, Equatable, CaseIterable {
    /// R's `contr.treatment`: one indicator per level except the reference (first) level;
    /// columns are named by the level (`trackTSO`).
    case treatment
    /// R's `contr.sum`: `k - 1` columns named `1`, `2`, ... (`track1`); the last level is -1 in all.
    case sum
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

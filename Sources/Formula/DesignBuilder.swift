import Frames
import Linalg

/// A variable ready for the model matrix, on the rows used.
enum DesignVariable {
    /// A numeric column.
    case numeric([Double])
    /// An integer column, read as doubles when the matrix is filled.
    case integers([Int])
    /// A factor (no missing codes) and its contrast kind.
    case factor(codes: [Int32], levels: [String], contrast: ContrastKind)
}

/// Builds R's model matrix from expanded terms, with R's rules for when a factor gets contrasts
/// and when it gets full indicator coding (R's `TermCode` in `model.matrix`).
struct DesignBuilder {
    let terms: ModelTerms
    /// One per `terms.variables` that the terms use (`nil` for unused variables).
    let variables: [DesignVariable?]
    let rows: Int
    let formula: String
    /// Whether an intercept gets its column of ones (`ModelFrameOptions.interceptColumn`); without it the
    /// factors are coded the same.
    var interceptColumn = true
    /// Whether a design made only of numeric variables keeps them as its columns instead of filling a matrix
    /// (`ModelFrameOptions.deferNumericDesign`).
    var deferNumeric = false

    /// For each term and each of its variables: `true` for contrasts, `false` for indicators.
    func codingPattern() -> [[Bool]] {
        var pattern: [[Bool]] = []
        for (k, term) in terms.terms.enumerated() {
            var row: [Bool] = []
            for v in term {
                let rest = term.filter { $0 != v }
                if rest.isEmpty { row.append(true); continue }
                let restSet = Set(rest)
                let found = terms.terms[..<k].contains { restSet.isSubset(of: Set($0)) }
                row.append(found)
            }
            pattern.append(row)
        }
        if !terms.intercept {
            outer: for (k, term) in terms.terms.enumerated() {
                for v in terms.variables.indices {
                    guard let pos = term.firstIndex(of: v) else { continue }
                    if case .factor = variables[v] {
                        pattern[k][pos] = false
                        break outer
                    }
                }
            }
        }
        return pattern
    }

    func build() throws -> DesignMatrix {
        let pattern = codingPattern()
        let labels = terms.labels
        let varLabels = terms.variableLabels
        // Per-term column pieces.
        struct Piece { var variable: Int; var coding: Coding? }
        var names: [String] = []
        var assign: [Int] = []
        var plan: [[Piece]] = []
        var columnPlan: [(term: Int, indices: [Int])] = []
        let withIntercept = terms.intercept && interceptColumn
        if withIntercept { names.append("(Intercept)"); assign.append(0) }
        for (k, term) in terms.terms.enumerated() {
            var pieces: [Piece] = []
            for (p, v) in term.enumerated() {
                switch variables[v] {
                case .numeric?, .integers?, nil:
                    pieces.append(Piece(variable: v, coding: nil))
                case .factor(_, let levels, let contrast)?:
                    if pattern[k][p] && levels.count < 2 {
                        throw FormulaError(kind: .invalid, position: terms.variables[v].position,
                                           message: "'\(varLabels[v])' has only one level (\(levels.first ?? "none")) in the rows used; contrasts need at least two levels — remove it from the formula",
                                           formula: formula)
                    }
                    let coding = pattern[k][p] ? Coding.contrasts(contrast, levels: levels) : Coding.indicators(levels: levels)
                    pieces.append(Piece(variable: v, coding: coding))
                }
            }
            plan.append(pieces)
            // Columns: first variable varies fastest.
            let counts = pieces.map { $0.coding?.columns ?? 1 }
            let total = counts.reduce(1, *)
            for c in 0..<total {
                var rem = c
                var idx: [Int] = []
                var parts: [String] = []
                for (p, piece) in pieces.enumerated() {
                    let j = rem % counts[p]
                    rem /= counts[p]
                    idx.append(j)
                    parts.append(varLabels[piece.variable] + (piece.coding.map { $0.names[j] } ?? ""))
                }
                names.append(parts.joined(separator: ":"))
                assign.append(k + 1)
                columnPlan.append((k, idx))
            }
        }
        let n = rows
        let intercept = withIntercept ? 1 : 0
        // Every variable holds exactly the rows used (the frame subset them); the fill below may run on two
        // cores at once, reading only these constants.
        for v in variables {
            switch v {
            case .numeric(let x)?: precondition(x.count == n, "design variable with \(x.count) values for \(n) rows")
            case .integers(let x)?: precondition(x.count == n, "design variable with \(x.count) values for \(n) rows")
            case .factor(let codes, _, _)?: precondition(codes.count == n, "design factor with \(codes.count) codes for \(n) rows")
            case nil: break
            }
        }
        let termPieces = plan, columnPieces = columnPlan
        if deferNumeric && !withIntercept {
            // Every column one numeric variable: the columns are the variables' arrays; only their sums are
            // computed (the same sums, bit for bit, as the fill below makes while copying or converting).
            let columns: [DesignColumnValues] = columnPieces.compactMap { (k, _) in
                guard termPieces[k].count == 1 else { return nil }
                switch variables[termPieces[k][0].variable] {
                case .numeric(let v)?: return .doubles(v)
                case .integers(let v)?: return .integers(v)
                default: return nil
                }
            }
            if columns.count == names.count {
                var sums = [DesignColumnSums](repeating: DesignColumnSums(sum: 0, spread: 0), count: columns.count)
                sums.withUnsafeMutableBufferPointer { out in
                    let out = out   // each column writes its own entry
                    ColumnParallel.forEach(columns: columns.count, rows: n) { c in
                        out[c] = columns[c].sums
                    }
                }
                var design = DesignMatrix(deferredColumns: columns, rows: n, columnNames: names, assign: assign,
                                          termLabels: labels, hasIntercept: withIntercept)
                design.columnSums = sums
                return design
            }
        }
        func fill(_ c: Int, _ out: UnsafeMutableBufferPointer<Double>, sums: UnsafeMutableBufferPointer<DesignColumnSums>) {
            if c < intercept {
                out.initialize(repeating: 1)
                sums[c] = DesignColumnSums(sum: Double(n), spread: 0)
                return
            }
            let (k, idx) = columnPieces[c - intercept]
            if termPieces[k].count == 1, case .numeric(let v)? = variables[termPieces[k][0].variable] {
                // A numeric column enters as is: copied and summed in one pass.
                sums[c] = v.withUnsafeBufferPointer { DesignColumnSums.copying($0, into: out) }
                return
            }
            if termPieces[k].count == 1, case .integers(let v)? = variables[termPieces[k][0].variable] {
                sums[c] = v.withUnsafeBufferPointer { DesignColumnSums.converting($0, into: out) }
                return
            }
            defer { sums[c] = DesignColumnSums.of(UnsafeBufferPointer(out)) }
            for (p, piece) in termPieces[k].enumerated() {
                let first = p == 0
                switch variables[piece.variable] {
                case .numeric(let v)?:
                    v.withUnsafeBufferPointer { src in
                        if first {
                            if let o = out.baseAddress, let s = src.baseAddress { o.initialize(from: s, count: n) }
                        } else {
                            for i in 0..<n { out[i] *= src[i] }
                        }
                    }
                case .integers(let v)?:
                    v.withUnsafeBufferPointer { src in
                        if first { for i in 0..<n { out[i] = Double(src[i]) } }
                        else { for i in 0..<n { out[i] *= Double(src[i]) } }
                    }
                case .factor(let codes, _, _)?:
                    let m = piece.coding?.columns ?? 1, j = idx[p]
                    let lookup = piece.coding?.values ?? [1]
                    codes.withUnsafeBufferPointer { cs in
                        lookup.withUnsafeBufferPointer { lk in
                            if first { for i in 0..<n { out[i] = lk[Int(cs[i]) * m + j] } }
                            else { for i in 0..<n { out[i] *= lk[Int(cs[i]) * m + j] } }
                        }
                    }
                case nil:
                    if first { out.initialize(repeating: 1) }
                }
            }
        }
        // Each column's sums, found as it is filled: by the copy itself for a single numeric variable, by one
        // more pass over the column (still in cache for the most part) otherwise.
        var sums = [DesignColumnSums](repeating: DesignColumnSums(sum: 0, spread: 0), count: names.count)
        let storage = sums.withUnsafeMutableBufferPointer { sums in
            LargeBuffer.columns(names.count, rows: n) { c, out in
                fill(c, out, sums: sums)
            }
        }
        let x = Matrix(rows: rows, columns: names.count, columnMajor: storage)
        var design = DesignMatrix(matrix: x, columnNames: names, assign: assign, termLabels: labels, hasIntercept: withIntercept)
        design.columnSums = sums
        return design
    }
}

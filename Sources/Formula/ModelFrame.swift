import Frames
import Linalg

/// A formula applied to a table: everything a fitter needs, with R's column names.
///
/// Produced by the model-frame step (formula + `Table`): rows with a missing value in any
/// variable the formula uses are dropped and counted (`nDropped`), factors are expanded by
/// their contrasts, and the random-effects and survival specials are turned into grouping
/// factors. Fitters read only this value, never the table.
public struct ModelFrame: Sendable {
    /// The response (left-hand side).
    public var response: Response
    /// The fixed-effects model matrix `X` with R's column names.
    public var fixed: DesignMatrix
    /// One design per random-effects term `( ... | g)`, in formula order
    /// (`(1 | school/class)` gives two: `class:school` first, then `school`, as lme4 orders them).
    public var randomTerms: [RandomTermDesign]
    /// Offsets (from `offset(x)` terms and/or `--offset`), already summed; `nil` when none.
    public var offset: [Double]?
    /// Prior (case) weights; `nil` when none.
    public var weights: [Double]?
    /// `strata(x)` in a Cox formula (several strata terms are crossed into one factor).
    public var strata: GroupingFactor?
    /// `cluster(g)` in a Cox formula: robust (sandwich) variance clustered by `g`.
    public var cluster: GroupingFactor?
    /// `frailty(g)` in a Cox formula: a shared gamma (or Gaussian) frailty by `g`.
    public var frailty: FrailtySpec?
    /// Number of rows used.
    public var nObs: Int
    /// Number of rows dropped for missing values in the variables used.
    public var nDropped: Int
    /// Indices (0-based, into the original table) of the rows used, in order. When no row was dropped they
    /// are `0..<nObs`, spelled out only when asked for (a million-row frame would otherwise carry 8 MB of them)
    /// and then on every access: read them once into a local before a loop.
    public var rowsUsed: [Int] {
        get { storedRowsUsed ?? Array(0..<nObs) }
        set { storedRowsUsed = newValue }
    }
    /// The rows used when some were dropped (or when set); `nil`: all rows, `0..<nObs`.
    private var storedRowsUsed: [Int]?

    /// Creates a model frame (normally done by `ModelFrame.build`); `rowsUsed: nil` means all rows, `0..<nObs`.
    public init(response: Response, fixed: DesignMatrix, randomTerms: [RandomTermDesign] = [], offset: [Double]? = nil,
                weights: [Double]? = nil, strata: GroupingFactor? = nil, cluster: GroupingFactor? = nil,
                frailty: FrailtySpec? = nil, nObs: Int, nDropped: Int, rowsUsed: [Int]?) {
        self.response = response
        self.fixed = fixed
        self.randomTerms = randomTerms
        self.offset = offset
        self.weights = weights
        self.strata = strata
        self.cluster = cluster
        self.frailty = frailty
        self.nObs = nObs
        self.nDropped = nDropped
        storedRowsUsed = rowsUsed
    }
}

/// The left-hand side of a model formula, evaluated on the rows used.
public enum Response: Sendable {
    /// A numeric response (0/1 for a binary outcome; a two-level factor becomes 0/1 with the second
    /// level as 1; `TRUE`/`FALSE` becomes 1/0). `name` is the response as written (`truant`).
    case vector(name: String, values: [Double])
    /// `cbind(successes, failures)`: a binomial response.
    case binomial(name: String, successes: [Double], failures: [Double])
    /// `Surv(time, event)` or `Surv(start, stop, event)`.
    case survival(SurvivalResponse)
}

/// The evaluated `Surv(...)` response.
public struct SurvivalResponse: Sendable, Equatable {
    /// Start times for counting-process data `Surv(start, stop, event)`; `nil` for right-censored data.
    public var start: [Double]?
    /// Event or censoring times (stop times).
    public var stop: [Double]
    /// Status per row: 0 censored, 1 event (0/1, 1/2 with 2 = event, or TRUE/FALSE are mapped here).
    /// For a multi-state event factor (competing exits) the value is the 1-based index into `states`.
    public var status: [Int]
    /// For a multi-state event factor: the state names other than the first (censoring) level; `nil` otherwise.
    public var states: [String]?
    /// The response as written, e.g. `Surv(time, status)`.
    public var text: String

    /// Creates a survival response.
    public init(start: [Double]?, stop: [Double], status: [Int], states: [String]? = nil, text: String) {
        self.start = start
        self.stop = stop
        self.status = status
        self.states = states
        self.text = text
    }
}

/// The fixed-effects design: a column-major `X` and what each column means.
public struct DesignMatrix: Sendable, Equatable {
    /// The model matrix, `nObs` x `columnNames.count`. A design built with
    /// `ModelFrameOptions.deferNumericDesign` makes it from its columns when first read (thread-safe); setting
    /// it replaces the design's values.
    public var matrix: Matrix {
        get {
            switch content {
            case .filled(let m): return m
            case .deferred(let d): return d.matrix
            }
        }
        set {
            content = .filled(newValue)
            columnSums = nil
        }
        _modify {
            // Changed in place (an element set through `matrix[i, j] = v` copies nothing): the matrix is taken
            // out so that it is the only reference while it is changed.
            var m: Matrix
            switch content {
            case .filled(let x): m = x
            case .deferred(let d): m = d.matrix
            }
            content = .filled(Matrix(rows: 0, columns: 0))
            columnSums = nil
            defer { content = .filled(m) }
            yield &m
        }
    }
    /// Where the values are: a filled matrix, or the numeric variables the columns are (`variableColumns`).
    private var content: Content
    /// Column names as R's `model.matrix` writes them (`(Intercept)`, `trackTSO`, `female:ses`).
    public var columnNames: [String]
    /// For each column, the index of the term (in `termLabels`) it belongs to; `0` for the intercept
    /// when there is one (R's `assign` attribute, with the intercept as term 0).
    public var assign: [Int]
    /// Term labels as R's `terms` object gives them (`track`, `female:ses`), intercept excluded.
    public var termLabels: [String]
    /// `true` when the model has an intercept column.
    public var hasIntercept: Bool
    /// Per column, its sum and spread as found while `ModelFrame.build` filled it (`nil` for a design made
    /// otherwise, and again once `matrix` is changed), for fits that check the columns before they start.
    public internal(set) var columnSums: [DesignColumnSums]? = nil

    /// Creates a design.
    public init(matrix: Matrix, columnNames: [String], assign: [Int], termLabels: [String], hasIntercept: Bool) {
        content = .filled(matrix)
        self.columnNames = columnNames
        self.assign = assign
        self.termLabels = termLabels
        self.hasIntercept = hasIntercept
    }

    /// A design whose column `j` is `columns[j]` (`rows` values each), its matrix made only when read.
    init(deferredColumns columns: [DesignColumnValues], rows: Int, columnNames: [String], assign: [Int], termLabels: [String],
         hasIntercept: Bool) {
        content = .deferred(DeferredDesignColumns(columns: columns, rows: rows))
        self.columnNames = columnNames
        self.assign = assign
        self.termLabels = termLabels
        self.hasIntercept = hasIntercept
    }

    /// The columns as the frame's own numeric variables (one array of `nObs` values per column, doubles or
    /// integers, shared with the frame, not copied; never an intercept column), when the design was built deferred
    /// (`ModelFrameOptions.deferNumericDesign`) and its matrix not replaced since; `nil` otherwise. A fit that
    /// reads these never makes the matrix.
    package var variableColumns: [DesignColumnValues]? {
        if case .deferred(let d) = content { return d.columns }
        return nil
    }

    /// Whether the matrix exists (always, unless the design was built deferred and it was not read yet).
    package var matrixIsMade: Bool {
        switch content {
        case .filled: return true
        case .deferred(let d): return d.isMade
        }
    }

    /// The two ways a design holds its values.
    private enum Content: Sendable {
        case filled(Matrix)
        case deferred(DeferredDesignColumns)
    }

    /// Designs are equal when their matrices, names and terms are (the cached `columnSums` do not count; a
    /// deferred design's matrix is made to compare).
    public static func == (a: DesignMatrix, b: DesignMatrix) -> Bool {
        a.matrix == b.matrix && a.columnNames == b.columnNames && a.assign == b.assign && a.termLabels == b.termLabels
            && a.hasIntercept == b.hasIntercept
    }
}

/// The sum `Σ x_i` and the spread `Σ |x_i - x_0|` of one design column (0 exactly when the column is constant:
/// a difference of distinct doubles is never 0; a non-finite value makes either non-finite). Each is four
/// interleaved partial sums in row order — rows `i` with `i mod 4 = 0, 1, 2, 3`, the last `n mod 4` rows in the
/// first — added as `(s0 + s1) + (s2 + s3)`: the order `CoxPH.columnSummaries` sums in, so the means agree to the bit.
public struct DesignColumnSums: Sendable, Equatable {
    /// `Σ x_i`.
    public let sum: Double
    /// `Σ |x_i - x_0|`.
    public let spread: Double

    /// Sums given directly.
    public init(sum: Double, spread: Double) {
        self.sum = sum
        self.spread = spread
    }

    /// Copies `source` into `out` (same count) and sums it.
    static func copying(_ source: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) -> DesignColumnSums {
        summing(count: Swift.min(source.count, out.count)) { i in
            let v = source[i]
            out[i] = v
            return v
        }
    }

    /// Converts the integers `source` into `out` (same count) and sums them.
    static func converting(_ source: UnsafeBufferPointer<Int>, into out: UnsafeMutableBufferPointer<Double>) -> DesignColumnSums {
        summing(count: Swift.min(source.count, out.count)) { i in
            let v = Double(source[i])
            out[i] = v
            return v
        }
    }

    /// The sums of the integers `source` read as doubles (the sums `converting` makes).
    package static func of(integers source: UnsafeBufferPointer<Int>) -> DesignColumnSums {
        summing(count: source.count) { Double(source[$0]) }
    }

    /// The sums of `values`.
    package static func of(_ values: UnsafeBufferPointer<Double>) -> DesignColumnSums {
        summing(count: values.count) { values[$0] }
    }

    /// The four-lane sums of `value(0) ..< value(n - 1)`, asked for in row order (`value(0)` twice).
    @inline(__always)
    private static func summing(count n: Int, _ value: (Int) -> Double) -> DesignColumnSums {
        guard n > 0 else { return DesignColumnSums(sum: 0, spread: 0) }
        let v0 = value(0)
        var s = (0.0, 0.0, 0.0, 0.0), d = (0.0, 0.0, 0.0, 0.0)
        let n4 = n & ~3
        var i = 0
        while i < n4 {
            let a = value(i), b = value(i &+ 1), c = value(i &+ 2), e = value(i &+ 3)
            s.0 += a; s.1 += b; s.2 += c; s.3 += e
            d.0 += Swift.abs(a - v0); d.1 += Swift.abs(b - v0); d.2 += Swift.abs(c - v0); d.3 += Swift.abs(e - v0)
            i &+= 4
        }
        while i < n { let a = value(i); s.0 += a; d.0 += Swift.abs(a - v0); i &+= 1 }
        return DesignColumnSums(sum: (s.0 + s.1) + (s.2 + s.3), spread: (d.0 + d.1) + (d.2 + d.3))
    }
}

/// A grouping factor on the rows used: `codes[i]` indexes `levels` (0-based, no missing values).
public struct GroupingFactor: Sendable, Equatable {
    /// Name as written (`school`, or `class:school` for a nested/interaction factor).
    public var name: String
    /// Level per row (0-based).
    public var codes: [Int32]
    /// Level names, in order of first appearance sorted as R sorts factor levels.
    public var levels: [String]

    /// Creates a grouping factor.
    public init(name: String, codes: [Int32], levels: [String]) {
        self.name = name
        self.codes = codes
        self.levels = levels
    }

    /// Number of levels.
    public var count: Int { levels.count }
}

/// One random-effects term `(z1 + z2 + ... | g)` evaluated on the rows used.
public struct RandomTermDesign: Sendable, Equatable {
    /// The grouping factor `g`.
    public var grouping: GroupingFactor
    /// The per-row random-effects covariates, `nObs` x `k` (a column of ones for `(1 | g)`).
    public var z: Matrix
    /// Names of the `k` columns (`(Intercept)`, `ses`).
    public var columnNames: [String]
    /// `false` for `(x || g)`: the covariance of this term's effects is diagonal.
    public var correlated: Bool

    /// Creates a random-effects term design.
    public init(grouping: GroupingFactor, z: Matrix, columnNames: [String], correlated: Bool) {
        self.grouping = grouping
        self.z = z
        self.columnNames = columnNames
        self.correlated = correlated
    }
}

/// A `frailty(g)` (gamma by default) or `(1 | g)` frailty term in a Cox formula.
public struct FrailtySpec: Sendable, Equatable {
    /// The distribution of the shared frailty.
    public enum Distribution: String, Sendable, Equatable { case gamma, gaussian }
    /// The grouping factor.
    public var grouping: GroupingFactor
    /// Gamma (`frailty(g)`) or Gaussian (`frailty(g, dist = "gauss")` or `(1 | g)`).
    public var distribution: Distribution

    /// Creates a frailty specification.
    public init(grouping: GroupingFactor, distribution: Distribution) {
        self.grouping = grouping
        self.distribution = distribution
    }
}

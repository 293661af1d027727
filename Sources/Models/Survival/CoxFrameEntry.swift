import Formula
import Linalg

extension CoxPH {
    /// The Cox design of a model frame: the survival data and `X` without the intercept column. With
    /// `shared`, a leading intercept is skipped by `firstColumn` instead of copying the other columns: the
    /// covariates are then columns `firstColumn...` of `x` (the frame's own matrix).
    /// `sums`: the model frame's sums of the columns read (`x` from `firstColumn`), when `x` is the frame's own matrix.
    static func design(_ frame: ModelFrame, shared: Bool = false) throws
        -> (data: SurvivalData, x: Matrix, firstColumn: Int, names: [String], sums: [DesignColumnSums]?) {
        let data = try survivalData(frame)
        var keep: [Int] = []
        for (j, name) in frame.fixed.columnNames.enumerated() where !(frame.fixed.hasIntercept && name == "(Intercept)") {
            keep.append(j)
        }
        let n = frame.fixed.matrix.rows
        guard n == data.count else {
            throw SurvivalError.lengthMismatch(what: "design matrix", expected: data.count, found: n)
        }
        let names = keep.map { frame.fixed.columnNames[$0] }
        let total = frame.fixed.matrix.columns
        let sums = frame.fixed.columnSums.flatMap { $0.count == total ? $0 : nil }
        if keep.count == total { return (data, frame.fixed.matrix, 0, names, sums) }
        if shared, let first = keep.first, first + keep.count == total, keep.last == total - 1 {
            // All columns after a leading intercept: read in place from `first`.
            return (data, frame.fixed.matrix, first, names, sums.map { Array($0[first...]) })
        }
        return (data, frame.fixed.matrix.selectingColumns(keep), 0, names, nil)
    }

    /// The frame's `Surv(...)` response as validated survival data, with the frame's case weights.
    private static func survivalData(_ frame: ModelFrame) throws -> SurvivalData {
        guard case let .survival(response) = frame.response else {
            throw SurvivalError.invalidOption("a Cox model needs a Surv(time, event) or Surv(start, stop, event) response")
        }
        return try SurvivalData(response, weights: frame.weights)
    }

    /// `design(frame, shared: true)` as `CoxRawCovariates`: a design built deferred
    /// (`ModelFrameOptions.deferNumericDesign`) gives its variables' own arrays, so its matrix is never made.
    static func covariates(_ frame: ModelFrame) throws
        -> (data: SurvivalData, x: CoxRawCovariates, names: [String], sums: [DesignColumnSums]?) {
        if let columns = frame.fixed.variableColumns {   // a deferred design has no intercept column
            let data = try survivalData(frame)
            guard frame.nObs == data.count, columns.allSatisfy({ $0.count == data.count }) else {
                throw SurvivalError.lengthMismatch(what: "design matrix", expected: data.count, found: columns.first?.count ?? frame.nObs)
            }
            let sums = frame.fixed.columnSums.flatMap { $0.count == columns.count ? $0 : nil }
            return (data, CoxRawCovariates(columns: columns, rows: data.count), frame.fixed.columnNames, sums)
        }
        let d = try design(frame, shared: true)
        return (d.data, CoxRawCovariates(d.x, firstColumn: d.firstColumn), d.names, d.sums)
    }

    /// Fits whatever Cox model the frame describes and returns the result value: a shared-frailty
    /// model when the formula has `frailty(g)` (or `(1 | g)`), otherwise an ordinary Cox model.
    public static func model(_ frame: ModelFrame, options: Options = Options()) throws -> CoxModel {
        if frame.frailty != nil {
            return try CoxFrailty.fit(frame, options: .init(cox: options)).model
        }
        return try fit(frame, options: options).model
    }
}

extension CoxFrailty {
    /// Fits the frailty model of a model frame (`frailty(g)` gamma, or Gaussian for
    /// `frailty(g, distribution = "gaussian")` / `(1 | g)`); strata, offset and weights from the frame.
    /// A `cluster(g)` term cannot be combined with a frailty (as in R, it would be ignored): it is rejected.
    public static func fit(_ frame: ModelFrame, options: Options = Options()) throws -> Fit {
        guard let spec = frame.frailty else {
            throw SurvivalError.invalidOption("the formula has no frailty(g) term; use CoxPH.fit")
        }
        if frame.cluster != nil {
            throw SurvivalError.invalidOption("cluster() and frailty() cannot be combined in one Cox model; drop one of them")
        }
        let d = try CoxPH.design(frame)
        return try fit(data: d.data, x: d.x, names: d.names, group: try GroupCodes(spec.grouping),
                       distribution: spec.distribution == .gamma ? .gamma : .gaussian,
                       strata: try frame.strata.map(GroupCodes.init), offset: frame.offset,
                       nDropped: frame.nDropped, options: options)
    }
}

import Formula
import Linalg

extension CoxPH {
    /// The Cox design of a model frame: the survival data and `X` without the intercept column.
    static func design(_ frame: ModelFrame) throws -> (data: SurvivalData, x: Matrix, names: [String]) {
        guard case let .survival(response) = frame.response else {
            throw SurvivalError.invalidOption("a Cox model needs a Surv(time, event) or Surv(start, stop, event) response")
        }
        let data = try SurvivalData(response, weights: frame.weights)
        var keep: [Int] = []
        for (j, name) in frame.fixed.columnNames.enumerated() where !(frame.fixed.hasIntercept && name == "(Intercept)") {
            keep.append(j)
        }
        let n = frame.fixed.matrix.rows
        guard n == data.count else {
            throw SurvivalError.lengthMismatch(what: "design matrix", expected: data.count, found: n)
        }
        let x: Matrix
        if let first = keep.first, keep.last == first + keep.count - 1 {
            // Adjacent columns (all but a leading intercept) are one range of the column-major
            // storage: share it when every column is kept, else copy it in one piece.
            x = frame.fixed.columns(first..<(first + keep.count))
        } else {
            var copy = Matrix(rows: n, columns: keep.count)
            for (c, j) in keep.enumerated() {
                for i in 0..<n { copy[i, c] = frame.fixed.matrix[i, j] }
            }
            x = copy
        }
        return (data, x, keep.map { frame.fixed.columnNames[$0] })
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

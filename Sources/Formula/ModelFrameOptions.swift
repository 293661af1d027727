/// Choices for building a model frame beyond the formula itself.
public struct ModelFrameOptions: Sendable, Equatable {
    /// Name of a column of prior (case) weights, or `nil`.
    public var weights: String?
    /// Name of a column added to the offset (besides `offset(...)` terms), or `nil`.
    public var offset: String?
    /// Reference (first) level per factor, by variable label: `["track": "ASO"]` (R's `relevel`).
    public var reference: [String: String]
    /// Contrast kind per factor, by variable label: `["track": .sum]`; otherwise treatment, or
    /// polynomial for an ordered factor column (as R's default `contrasts` option).
    public var contrasts: [String: ContrastKind]
    /// Whether the fixed design matrix holds the intercept's column of ones (when the formula has an
    /// intercept). `false` is for models whose baseline absorbs the intercept (a Cox model, as R's `coxph`):
    /// factors are still coded as with an intercept (contrasts, not indicators), but the matrix leaves the
    /// column out and its `hasIntercept` is `false` — n values the model would drop unread. Package-internal:
    /// a GLM or mixed model given such a frame would fit a model without intercept (they read `hasIntercept`).
    package var interceptColumn = true
    /// Whether a fixed design made only of numeric variables (no intercept column, no factor, no interaction)
    /// keeps the variables' arrays as its columns (`DesignMatrix.variableColumns`) and makes its matrix only when
    /// something reads it: for a fit that reads the columns itself (the Cox fit's sorted copy), the n x p copy
    /// into a matrix is then never made. The column sums are made either way. Package-internal: a fit that
    /// reads `matrix` gains nothing and pays the copy later.
    package var deferNumericDesign = false

    /// Creates options; the defaults give R's `lm`/`glm` behaviour.
    public init(weights: String? = nil, offset: String? = nil, reference: [String: String] = [:],
                contrasts: [String: ContrastKind] = [:]) {
        self.weights = weights
        self.offset = offset
        self.reference = reference
        self.contrasts = contrasts
    }

    /// Options with `interceptColumn` and `deferNumericDesign` set (package-internal, as the properties).
    package init(weights: String? = nil, offset: String? = nil, interceptColumn: Bool, deferNumericDesign: Bool = false) {
        self.init(weights: weights, offset: offset)
        self.interceptColumn = interceptColumn
        self.deferNumericDesign = deferNumericDesign
    }
}

/// A generalized linear model *specification*: family, link and the IRLS controls of R's `glm.control`.
///
/// A spec is cheap and printable; `fit(_:)` returns an immutable `GLMFit`.
///
/// ```swift
/// let model = try GLM(family: .binomial, link: .probit)
/// let fit = try model.fit(GLMData(x: x, columnNames: names, response: .values(y)))
/// print(fit.coefficients)
/// ```
public struct GLM: Sendable, Equatable, Codable {
    /// The error distribution.
    public var family: Family
    /// The link function (one of `family.allowedLinks`).
    public var link: Link
    /// Convergence tolerance on the relative deviance change (R's `epsilon`, default 1e-8).
    public var epsilon: Double
    /// Maximum number of IRLS iterations (R's `maxit`, default 25).
    public var maxIterations: Int
    /// Tolerance of the rank decision (R's `min(1e-7, epsilon / 1000)`, 1e-11 by default).
    public var rankTolerance: Double {
        Swift.min(1e-7, epsilon / 1000)
    }

    /// Creates a specification; `link` defaults to the family's canonical link.
    /// Throws `GLMError.unsupportedLink` when the link does not suit the family.
    public init(family: Family = .gaussian, link: Link? = nil, epsilon: Double = 1e-8, maxIterations: Int = 25) throws {
        let l = link ?? family.canonicalLink
        guard family.allowedLinks.contains(l) else {
            throw GLMError.unsupportedLink(family: family, link: l)
        }
        guard epsilon > 0, epsilon.isFinite else { throw GLMError.invalidControl("epsilon must be a positive number, got \(epsilon)") }
        guard maxIterations >= 1 else { throw GLMError.invalidControl("maxIterations must be at least 1, got \(maxIterations)") }
        self.family = family
        self.link = l
        self.epsilon = epsilon
        self.maxIterations = maxIterations
    }

    /// `binomial(link = "logit")`-style description.
    public var description: String { "\(family.rawValue)(link = \"\(link.rawValue)\")" }
}

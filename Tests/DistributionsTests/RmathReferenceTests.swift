import Testing
import TestSupport
@testable import Distributions

// Every value in Tests/Fixtures/distributions/rmath.json was computed by R 4.2.2 with
// Scripts/reference/distributions.R, e.g. for a normal case
//   dnorm(x, mean, sd, log = FALSE/TRUE)
//   pnorm(x, mean, sd, lower.tail = TRUE/FALSE, log.p = FALSE/TRUE)
//   qnorm(p, mean, sd, lower.tail = TRUE/FALSE)             # p includes 1e-300, 1 - 1e-16, 0 and 1
//   qnorm(logp, mean, sd, lower.tail = TRUE/FALSE, log.p = TRUE)   # logp includes -1000 and -1e5
// and likewise dt/pt/qt, dchisq/pchisq/qchisq, df/pf/qf, dbinom/pbinom/qbinom, dpois/ppois/qpois,
// dgamma/pgamma/qgamma (shape, scale), dbeta/pbeta/qbeta, dexp, dweibull, dlogis and dnbinom(size, mu = ), at ordinary points and in the extreme tails.

/// One reference case from the fixture, parsed.
struct RmathCase: CustomStringConvertible {
    let family: String
    let params: [String: Double]
    let columns: [String: [Double]]

    var description: String { family + "(" + params.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")" }

    func column(_ name: String) -> [Double] { columns[name] ?? [] }

    /// The Truant distribution with these parameters.
    func distribution() throws -> any UnivariateDistribution {
        let v = { (name: String) in params[name] ?? .nan }
        switch family {
        case "normal": return try Normal(mean: v("mean"), sd: v("sd"))
        case "t": return try StudentT(df: v("df"))
        case "chisq": return try ChiSquared(df: v("df"))
        case "f": return try FDistribution(df1: v("df1"), df2: v("df2"))
        case "binomial": return try Binomial(size: Int(v("size")), probability: v("prob"))
        case "poisson": return try Poisson(lambda: v("lambda"))
        case "gamma": return try Gamma(shape: v("shape"), scale: v("scale"))
        case "beta": return try Beta(alpha: v("shape1"), beta: v("shape2"))
        case "exponential": return try Exponential(rate: v("rate"))
        case "weibull": return try Weibull(shape: v("shape"), scale: v("scale"))
        case "logistic": return try Logistic(location: v("location"), scale: v("scale"))
        case "negbin": return try NegativeBinomial(size: v("size"), mu: v("mu"))
        default: throw FixtureError("unknown family \(family)")
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Parses R's "%.17g" strings ("Inf", "-Inf", "NaN", "NA" for the non-finite values).
func parseR(_ any: Any) throws -> Double {
    guard let s = any as? String else { throw FixtureError("expected a string, got \(any)") }
    switch s {
    case "Inf": return .infinity
    case "-Inf": return -.infinity
    case "NaN", "NA": return .nan
    default:
        guard let d = Double(s) else { throw FixtureError("not a number: \(s)") }
        return d
    }
}

func parseRArray(_ any: Any?) throws -> [Double] {
    if let one = any as? String { return [try parseR(one)] }          // auto_unbox turns length-1 vectors into scalars
    guard let a = any as? [Any] else { throw FixtureError("expected an array") }
    return try a.map(parseR)
}

func loadRmathCases() throws -> [RmathCase] {
    guard let root = try Fixtures.json("distributions/rmath.json") as? [String: Any],
          let cases = root["cases"] as? [[String: Any]] else { throw FixtureError("bad rmath.json") }
    return try cases.map { c in
        guard let family = c["family"] as? String, let p = c["params"] as? [String: Any] else {
            throw FixtureError("bad case")
        }
        var params = [String: Double]()
        for (k, v) in p { params[k] = try parseR(v) }
        var columns = [String: [Double]]()
        for (k, v) in c where k != "family" && k != "params" { columns[k] = try parseRArray(v) }
        return RmathCase(family: family, params: params, columns: columns)
    }
}

/// The task's tolerance: 1e-12 relative with a 1e-300 absolute floor; equal infinities and NaNs match.
func matchesR(_ a: Double, _ b: Double) -> Bool { isClose(a, b, rel: 1e-12, abs: 1e-300) }

/// Compares `got` with R's `want` element by element; returns the largest relative difference.
@discardableResult
func expectMatchesR(_ got: [Double], _ want: [Double], _ what: String, at inputs: [Double]) -> Double {
    #expect(got.count == want.count, "\(what): length")
    for i in 0..<Swift.min(got.count, want.count) where !matchesR(got[i], want[i]) {
        Issue.record("\(what) at \(inputs[i]): Truant \(got[i]), R \(want[i])")
    }
    return maxRelativeDifference(got, want)
}

@Suite("Densities, CDFs and quantiles agree with R to 1e-12")
struct RmathReferenceTests {
    static let cases: [RmathCase] = (try? loadRmathCases()) ?? []

    @Test("the fixture holds every family")
    func fixtureIsComplete() {
        let families = Set(Self.cases.map(\.family))
        #expect(families == ["normal", "t", "chisq", "f", "binomial", "poisson", "gamma", "beta",
                             "exponential", "weibull", "logistic", "negbin"])
        #expect(Self.cases.count >= 35)
    }

    @Test("density, CDF (both tails, log scale) and quantiles (plain and log p, both tails)",
          arguments: RmathReferenceTests.cases)
    func agreesWithR(_ c: RmathCase) throws {
        let d = try c.distribution()
        let x = c.column("x"), p = c.column("p"), lp = c.column("log_p")
        #expect(x.count >= 4 && p.contains(1e-300) && p.contains(1 - 1e-16) && lp.contains(-1000))
        var worst = 0.0
        worst = max(worst, expectMatchesR(x.map { d.density($0) }, c.column("density"), "\(c) density", at: x))
        worst = max(worst, expectMatchesR(x.map { d.logDensity($0) }, c.column("log_density"), "\(c) logDensity", at: x))
        worst = max(worst, expectMatchesR(x.map { d.cdf($0) }, c.column("cdf"), "\(c) cdf", at: x))
        worst = max(worst, expectMatchesR(x.map { d.survival($0) }, c.column("survival"), "\(c) survival", at: x))
        worst = max(worst, expectMatchesR(x.map { d.logCDF($0) }, c.column("log_cdf"), "\(c) logCDF", at: x))
        worst = max(worst, expectMatchesR(x.map { d.logSurvival($0) }, c.column("log_survival"), "\(c) logSurvival", at: x))
        worst = max(worst, expectMatchesR(p.map { d.quantile($0) }, c.column("quantile_lower"), "\(c) quantile", at: p))
        worst = max(worst, expectMatchesR(p.map { d.quantile(ofUpperTail: $0) }, c.column("quantile_upper"),
                                          "\(c) quantile(ofUpperTail:)", at: p))
        worst = max(worst, expectMatchesR(lp.map { d.quantile(ofLogP: $0) }, c.column("quantile_log_lower"),
                                          "\(c) quantile(ofLogP:)", at: lp))
        worst = max(worst, expectMatchesR(lp.map { d.quantile(ofLogP: $0, lowerTail: false) },
                                          c.column("quantile_log_upper"), "\(c) quantile(ofLogP:lowerTail: false)", at: lp))
        print("max relative difference vs R, \(c): \(worst)")
        #expect(worst <= 1e-12)
    }

    @Test("discrete families: probability(k) at integer points and 0 between them")
    func discreteMassAtIntegers() throws {
        for c in Self.cases where ["binomial", "poisson", "negbin"].contains(c.family) {
            guard let d = try c.distribution() as? any DiscreteDistribution else {
                Issue.record("\(c) is not discrete"); continue
            }
            let x = c.column("x")
            expectMatchesR(x.map { d.probability(Int($0)) }, c.column("density"), "\(c) probability", at: x)
            expectMatchesR(x.map { d.logProbability(Int($0)) }, c.column("log_density"), "\(c) logProbability", at: x)
            #expect(d.density(2.5) == 0)
            #expect(d.logDensity(2.5) == -.infinity)
        }
    }
}

import Foundation
import Testing
@testable import Distributions

@Suite("Bad parameters throw a DistributionError naming the parameter; bad arguments give NaN")
struct ParameterValidationTests {
    /// Expects `make` to throw `.invalidParameter` for `parameter` of `distribution`.
    func expectInvalid(_ distribution: String, _ parameter: String, _ make: () throws -> Any) {
        do {
            _ = try make()
            Issue.record("\(distribution): \(parameter) was accepted")
        } catch let error as DistributionError {
            guard case let .invalidParameter(d, p, _, _) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(d == distribution)
            #expect(p == parameter)
            #expect(error.description.contains(parameter))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("negative, zero, NaN and infinite scale parameters are rejected")
    func scaleParameters() {
        expectInvalid("Normal", "sd") { try Normal(mean: 0, sd: -1) }
        expectInvalid("Normal", "sd") { try Normal(mean: 0, sd: 0) }
        expectInvalid("Normal", "sd") { try Normal(mean: 0, sd: .nan) }
        expectInvalid("Normal", "mean") { try Normal(mean: .infinity, sd: 1) }
        expectInvalid("Gamma", "shape") { try Gamma(shape: 0, scale: 1) }
        expectInvalid("Gamma", "scale") { try Gamma(shape: 2, scale: -3) }
        expectInvalid("Gamma", "rate") { try Gamma(shape: 2, rate: 0) }
        expectInvalid("Beta", "alpha") { try Beta(alpha: -0.5, beta: 1) }
        expectInvalid("Beta", "beta") { try Beta(alpha: 1, beta: .infinity) }
        expectInvalid("Poisson", "lambda") { try Poisson(lambda: -1) }
        expectInvalid("Poisson", "lambda") { try Poisson(lambda: .nan) }
        expectInvalid("Exponential", "rate") { try Exponential(rate: 0) }
        expectInvalid("Weibull", "shape") { try Weibull(shape: -1, scale: 1) }
        expectInvalid("Weibull", "scale") { try Weibull(shape: 1, scale: 0) }
        expectInvalid("Logistic", "scale") { try Logistic(location: 0, scale: -1) }
        expectInvalid("NegativeBinomial", "size") { try NegativeBinomial(size: 0, mu: 1) }
        expectInvalid("NegativeBinomial", "mu") { try NegativeBinomial(size: 1, mu: -1) }
        expectInvalid("NegativeBinomial", "probability") { try NegativeBinomial(size: 1, probability: 0) }
    }

    @Test("degrees of freedom must be positive")
    func degreesOfFreedom() {
        expectInvalid("StudentT", "df") { try StudentT(df: 0) }
        expectInvalid("StudentT", "df") { try StudentT(df: -2) }
        expectInvalid("StudentT", "df") { try StudentT(df: .nan) }
        expectInvalid("ChiSquared", "df") { try ChiSquared(df: 0) }
        expectInvalid("ChiSquared", "df") { try ChiSquared(df: .infinity) }
        expectInvalid("FDistribution", "df1") { try FDistribution(df1: 0, df2: 3) }
        expectInvalid("FDistribution", "df2") { try FDistribution(df1: 3, df2: -1) }
    }

    @Test("a probability parameter outside [0, 1] and a negative size are rejected")
    func binomialParameters() {
        expectInvalid("Binomial", "probability") { try Binomial(size: 10, probability: 1.5) }
        expectInvalid("Binomial", "probability") { try Binomial(size: 10, probability: -0.1) }
        expectInvalid("Binomial", "probability") { try Binomial(size: 10, probability: .nan) }
        expectInvalid("Binomial", "size") { try Binomial(size: -1, probability: 0.5) }
    }

    @Test("the error message says what is required")
    func errorMessage() {
        let e = DistributionError.invalidParameter(distribution: "Normal", parameter: "sd", value: -1,
                                                   requirement: "finite and > 0")
        #expect(e.description == "Normal: invalid sd = -1.0; sd must be finite and > 0")
    }

    @Test("a probability outside [0, 1] given to a quantile function gives NaN, as in R")
    func quantileDomain() throws {
        // R: qnorm(1.5) is NaN (with a warning); qnorm(0) = -Inf; qnorm(1) = Inf; qnorm(0.1, log.p = TRUE) is NaN
        let n = Normal.standard
        #expect(n.quantile(1.5).isNaN)
        #expect(n.quantile(-0.1).isNaN)
        #expect(n.quantile(.nan).isNaN)
        #expect(n.quantile(0) == -.infinity)
        #expect(n.quantile(1) == .infinity)
        #expect(n.quantile(ofLogP: 0.1).isNaN)
        #expect(try StudentT(df: 3).quantile(2).isNaN)
        #expect(try Binomial(size: 5, probability: 0.5).quantile(-1).isNaN)
        #expect(try Poisson(lambda: 2).quantile(ofUpperTail: 7).isNaN)
        #expect(try Gamma(shape: 2, rate: 1).quantile(1.0000001).isNaN)
    }

    @Test("the free p-value helpers return NaN for bad degrees of freedom")
    func freeFunctionsDomain() {
        #expect(twoSidedPValue(t: 2, df: 0).isNaN)
        #expect(twoSidedPValue(t: 2, df: -3).isNaN)
        #expect(chiSquaredPValue(3, df: 0).isNaN)
        #expect(fPValue(3, df1: 0, df2: 1).isNaN)
        #expect(tQuantile(0.975, df: -1).isNaN)
        #expect(normalQuantile(2).isNaN)
        #expect(twoSidedPValue(z: .nan).isNaN)
    }
}

@Suite("Convenience functions for fitters")
struct FitterHelperTests {
    @Test("p-values and quantiles match R")
    func helpersMatchR() {
        // R 4.2.2: 2 * pnorm(-1.96) = 0.049995790296440, qnorm(0.975) = 1.959963984540054
        #expect(abs(twoSidedPValue(z: 1.96) - 0.049995790296440856) < 1e-16)
        #expect(twoSidedPValue(z: -1.96) == twoSidedPValue(z: 1.96))
        #expect(abs(normalQuantile(0.975) - 1.959963984540054) < 1e-15)
        // R: 2 * pt(-2.5, 7) = 0.040992218585752874 (pt(-2.5, 7) = 0.020496109292876437)
        #expect(abs(twoSidedPValue(t: 2.5, df: 7) - 0.040992218585752874) < 1e-16)
        // R: pchisq(3.84, 1, lower.tail = FALSE) = 0.050043521248705224
        #expect(abs(chiSquaredPValue(3.84, df: 1) - 0.050043521248705224) < 1e-16)
        // R: 2 * pnorm(-38) = 0 (pnorm underflows there); use Normal.standard.logSurvival for such statistics
        #expect(twoSidedPValue(z: 38) == 0)
        #expect(abs(normalCDF(-1) - 0.15865525393145705) < 1e-16)   // R: pnorm(-1)
        #expect(abs(tQuantile(0.975, df: 10) - 2.2281388519862739) < 1e-14)   // R: qt(0.975, 10)
        #expect(abs(fPValue(4, df1: 2, df2: 20) - 0.034571613033607791) < 1e-16)   // R: pf(4, 2, 20, lower.tail = FALSE)
    }

    @Test("log p-values stay finite where p-values underflow")
    func logPValues() {
        // R: log(2) + pnorm(-45, log.p = TRUE) = -1016.5329470613925
        #expect(abs(logTwoSidedPValue(z: 45) - -1016.5329470613925) <= 1e-13 * 1016.5)
        #expect(logTwoSidedPValue(z: -45) == logTwoSidedPValue(z: 45))
        // R: log(2) + pt(-1e3, 3.5, log.p = TRUE) = -22.907521187873119
        #expect(abs(logTwoSidedPValue(t: 1e3, df: 3.5) - -22.907521187873119) <= 1e-13 * 22.9)
        #expect(logTwoSidedPValue(t: 1, df: 0).isNaN)
        #expect(abs(logTwoSidedPValue(z: 1.96) - log(twoSidedPValue(z: 1.96))) <= 1e-15)
    }

    @Test("moments of each family")
    func moments() throws {
        #expect(try Normal(mean: 2, sd: 3).variance == 9)
        #expect(try StudentT(df: 5).variance == 5.0 / 3.0)
        #expect(try StudentT(df: 1).mean.isNaN)
        #expect(try StudentT(df: 1.5).variance == .infinity)
        #expect(try ChiSquared(df: 4).variance == 8)
        #expect(try FDistribution(df1: 3, df2: 10).mean == 10.0 / 8.0)
        #expect(try Binomial(size: 10, probability: 0.3).variance == 10 * 0.3 * 0.7)
        #expect(try Poisson(lambda: 4).standardDeviation == 2)
        #expect(try Gamma(shape: 2, rate: 4).mean == 0.5)
        #expect(try Gamma(shape: 2, rate: 4).rate == 4)
        #expect(try Beta(alpha: 2, beta: 2).variance == 4.0 / (16 * 5))
        #expect(abs(try Weibull(shape: 1.5, scale: 2.5).mean - 2.2568632323773343) < 1e-15)   // R: 2.5 * gamma(1 + 1/1.5)
        #expect(try Exponential(rate: 4).variance == 1.0 / 16)
        #expect(try NegativeBinomial(size: 2, mu: 3).variance == 3 + 9.0 / 2)
    }

    @Test("negative binomial in the (size, probability) form equals R's dnbinom(x, size, prob)")
    func negativeBinomialProbabilityForm() throws {
        let nb = try NegativeBinomial(size: 2.5, probability: 0.4)
        // R: dnbinom(3, size = 2.5, prob = 0.4) = 0.1434409146652377
        #expect(abs(nb.probability(3) - 0.1434409146652377) <= 1e-14 * 0.1434409146652377)
        #expect(abs(nb.probability - 0.4) < 1e-15)
    }

    @Test("log-scale functions reach where the plain scale underflows")
    func logScale() {
        let n = Normal.standard
        // R: pnorm(-40, log.p = TRUE) = -804.6084420137538; qnorm(-1000, log.p = TRUE) = -44.615747731966628
        #expect(n.cdf(-40) == 0)
        #expect(abs(n.logCDF(-40) - -804.6084420137538) < 1e-12 * 804.6)
        #expect(abs(n.logSurvival(40) - -804.6084420137538) < 1e-12 * 804.6)
        #expect(abs(n.quantile(ofLogP: -1000) - -44.615747731966628) < 1e-12 * 44.6)
        #expect(n.quantile(ofUpperTail: 1e-300) == -n.quantile(1e-300))
        // The standard logistic quantile is the logit: R qlogis(1e-300) = -690.77552789821368
        #expect(abs(Logistic.standard.quantile(1e-300) - -690.77552789821368) < 1e-12 * 690.8)
    }
}

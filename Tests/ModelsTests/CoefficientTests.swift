import Testing
@testable import Models

@Test("a coefficient row keeps its fields")
func coefficientRow() {
    let c = Coefficient(term: "(Intercept)", estimate: 1, stdError: 0.5, statistic: 2, pValue: 0.0455, confLow: 0.02, confHigh: 1.98)
    #expect(c.statistic == c.estimate / c.stdError)
}

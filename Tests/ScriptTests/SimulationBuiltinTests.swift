import Testing
@testable import Script

@Suite("simulate_cohort")
struct SimulationBuiltinTests {
    @Test("the same seed gives the same cohort; another seed another; sizes as asked; the seed is recorded")
    func seeded() throws {
        let a = try run("set_seed(3); c <- simulate_cohort(schools = 4, pupils = 200); dim(c$pupils); nrow(c$schools); sum(c$pupils$male)")
        #expect(a.hasPrefix("[1] 200  31\n[1] 4\n"))
        #expect(try run("c <- simulate_cohort(seed = 3, schools = 4, pupils = 200); dim(c$pupils); nrow(c$schools); sum(c$pupils$male)") == a)
        #expect(try run("c <- simulate_cohort(seed = 4, schools = 4, pupils = 200); sum(c$pupils$age)") !=
                (try run("c <- simulate_cohort(seed = 3, schools = 4, pupils = 200); sum(c$pupils$age)")))
        let session = Interpreter(output: { _ in }, messages: { _ in })
        _ = try session.evaluate("c <- simulate_cohort(seed = 9, schools = 4, pupils = 400)")
        #expect(session.seed == 9)
        expectRunError("simulate_cohort(schools = 0)", "need at least one school, at least 40 pupils per school (the simulation's minimum school size), and at most 5,000,000 pupils", line: 1, column: 1)
        expectRunError("simulate_cohort(schools = 4, pupils = 40)", "need at least one school, at least 40 pupils per school (the simulation's minimum school size), and at most 5,000,000 pupils",
                       line: 1, column: 1, hint: "at least 160 pupils")
    }
}

import Testing
@testable import Formula

@Test("a formula prints in R's canonical form", arguments: [
    ("y~a*b", "y ~ a * b"),
    ("y ~ (a+b+c)^2", "y ~ (a + b + c)^2"),
    ("y ~ I(age>15) + log( x )", "y ~ I(age > 15) + log(x)"),
    ("y ~ a %in% b - 1", "y ~ a %in% b - 1"),
    ("y ~ 0 + a", "y ~ 0 + a"),
    ("y ~ `my var` + ph.ecog", "y ~ `my var` + ph.ecog"),
    ("~ x", "~x"),
    ("y ~ I(x > 100000)", "y ~ I(x > 1e+05)"),
    ("y ~ I(x^-1) + a/b", "y ~ I(x^-1) + a/b"),
    ("Surv(time,status)~age+strata(sex)+frailty(inst,dist='gauss')",
     "Surv(time, status) ~ age + strata(sex) + frailty(inst, dist = \"gauss\")"),
    ("y ~ x + (1+x|school/class)", "y ~ x + (1 + x | school/class)"),
])
func canonicalText(_ input: String, _ expected: String) throws {
    #expect(try Formula(input).description == expected)
}

@Test("terms expand as R's terms() does, ordered by degree")
func termLabels() throws {
    func labels(_ f: String, columns: [String] = []) throws -> [String] {
        let formula = try Formula(f)
        return try ModelTerms.expand(formula.fixedPart, columns: columns, excluded: ["y"], formula: f).labels
    }
    #expect(try labels("y ~ (a+b+c)^2") == ["a", "b", "c", "a:b", "a:c", "b:c"])
    #expect(try labels("y ~ a*b*c - a:b:c") == ["a", "b", "c", "a:b", "a:c", "b:c"])
    #expect(try labels("y ~ b:a + a") == ["a", "b:a"])
    #expect(try labels("y ~ (a+b)/x") == ["a", "b", "a:b:x"])
    #expect(try labels("y ~ a %in% b") == ["a:b"])
    #expect(try labels("y ~ .", columns: ["y", "u", "v"]) == ["u", "v"])
    #expect(try labels("y ~ . - u + I(v^2)", columns: ["y", "u", "v"]) == ["v", "I(v^2)"])
    #expect(try labels("y ~ x + offset(log(n)) + strata(s)") == ["x"])
    #expect(try Formula("cbind(s, f) ~ .").fixedTerms(columns: ["s", "f", "x"]).labels == ["x"])
    let noIntercept = try Formula("y ~ -1 + a")
    #expect(try ModelTerms.expand(noIntercept.fixedPart, columns: [], excluded: [], formula: noIntercept.text).intercept == false)
    let plusZero = try Formula("y ~ a + 0")
    #expect(try ModelTerms.expand(plusZero.fixedPart, columns: [], excluded: [], formula: plusZero.text).intercept == false)
}

@Test("random-effects terms are expanded as lme4 does")
func randomTermParsing() throws {
    let f = try Formula("y ~ x + (1 | g) + (1 + x | h) + (0 + x | g) + (x || k) + (1 | s/c) + (1 | a:b)")
    #expect(f.fixedPart.deparse() == "x")
    let r = f.randomTerms
    #expect(r.map(\.description) == ["1 | g", "1 + x | h", "0 + x | g", "1 | k", "0 + x | k", "1 | c:s", "1 | s", "1 | a:b"])
    #expect(r.map(\.correlated) == [true, true, true, false, false, true, true, true])
    #expect(r[5].grouping.map { $0.deparse() } == ["c", "s"])
    #expect(r[7].grouping.map { $0.deparse() } == ["a", "b"])
    let three = try Formula("y ~ (1 | a/b/c)").randomTerms.map(\.groupName)
    #expect(three == ["c:(b:a)", "b:a", "a"])   // lme4: findbars(y ~ (1|a/b/c))
    #expect(try Formula("y ~ (1 | g)").fixedPart.deparse() == "1")
}

@Test("survival specials and responses are recognised")
func survivalParsing() throws {
    let f = try Formula("Surv(start, stop, event) ~ age + strata(sex) + strata(grade, region) + cluster(school) + frailty(class, dist = \"gauss\")")
    guard case .survival(let start, let stop, let event, _)? = f.response else { Issue.record("not Surv"); return }
    #expect(start?.deparse() == "start" && stop.deparse() == "stop" && event.deparse() == "event")
    #expect(f.strata.map { $0.deparse() } == ["sex", "grade", "region"])
    #expect(f.cluster?.deparse() == "school")
    #expect(f.frailty?.grouping.deparse() == "class")
    #expect(f.frailty?.distribution == .gaussian)
    #expect(try Formula("Surv(t, d) ~ x + frailty(g)").frailty?.distribution == .gamma)
    guard case .survival(nil, _, _, _)? = try Formula("Surv(t, d) ~ x").response else { Issue.record("two-argument Surv"); return }
    guard case .binomial(let s, let fl, _)? = try Formula("cbind(succ, fail) ~ x").response else { Issue.record("cbind"); return }
    #expect(s.deparse() == "succ" && fl.deparse() == "fail")
    #expect(try Formula("y ~ x + offset(log(n))").offsets.map { $0.deparse() } == ["log(n)"])
}

@Test("numbers print as R's as.character prints them")
func rNumbers() {
    #expect(formatRNumber(1) == "1")
    #expect(formatRNumber(0.5) == "0.5")
    #expect(formatRNumber(100000) == "1e+05")
    #expect(formatRNumber(123456) == "123456")
    #expect(formatRNumber(0.0001) == "1e-04")
    #expect(formatRNumber(1.0 / 3) == "0.333333333333333")
    #expect(formatRNumber(0.1 + 0.2) == "0.3")
    #expect(formatRNumber(-2.5) == "-2.5")
}

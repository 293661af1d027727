import Testing
import Frames
@testable import Formula

/// A small table: numeric `age`, `y`; text `track`; logical `female`.
func smallTable() throws -> Table {
    try Table(columns: [
        Column(name: "y", values: .double([1, 0, 1, 0, 1, 1])),
        Column(name: "age", values: .double([12, 14, 15, 16, 17, 13])),
        Column(name: "track", values: .string(["TSO", "ASO", "BSO", "ASO", "TSO", "BSO"])),
        Column(name: "female", values: .boolean([true, false, true, true, false, false])),
    ])
}

func formulaError(_ body: () throws -> Void) -> FormulaError? {
    do { try body() } catch let e as FormulaError { return e } catch { return nil }
    return nil
}

@Test("a syntax error gives the position, a caret line and what was expected")
func syntaxErrorCaret() throws {
    let e = try #require(formulaError { _ = try Formula("y ~ a + * b") })
    #expect(e.kind == .syntax)
    #expect(e.position == 8)
    #expect(e.message.contains("expected a variable"))
    #expect(e.description == """
        formula error at position 9: unexpected '*'; expected a variable, number or '('
          y ~ a + * b
                  ^
        """)
    let unclosed = try #require(formulaError { _ = try Formula("y ~ (a + b") })
    #expect(unclosed.position == 10 && unclosed.message.contains("expected ')'"))
    let noTilde = try #require(formulaError { _ = try Formula("y a") })
    #expect(noTilde.position == 2 && noTilde.message.contains("expected '~'"))
    let badChar = try #require(formulaError { _ = try Formula("y ~ a $ b") })
    #expect(badChar.position == 6)
    let empty = try #require(formulaError { _ = try Formula("y ~ ") })
    #expect(empty.kind == .syntax)
    let power = try #require(formulaError { _ = try ModelTerms.expand(Formula("y ~ (a+b)^x").fixedPart, columns: [], excluded: [], formula: "y ~ (a+b)^x") })
    #expect(power.position == 10 && power.message.contains("whole number"))
    let bareComparison = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ age > 15", data: smallTable()) })
    #expect(bareComparison.message.contains("I("))
}

@Test("an unknown column names the closest columns and points at the name")
func unknownColumn() throws {
    let e = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ agee + track", data: smallTable()) })
    #expect(e.kind == .unknownColumn)
    #expect(e.position == 4)
    #expect(e.suggestions == ["age"])
    #expect(e.description.contains("unknown column 'agee'; did you mean 'age'?"))
    #expect(e.description.hasSuffix("\n  y ~ agee + track\n      ^"))
    let inI = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ I(agge^2)", data: smallTable()) })
    #expect(inI.position == 6 && inI.suggestions == ["age"])
    let weights = try #require(formulaError {
        _ = try ModelFrame.build(formula: "y ~ age", data: smallTable(), options: ModelFrameOptions(weights: "wieght"))
    })
    #expect(weights.kind == .unknownColumn && weights.message.contains("weights column 'wieght'"))
}

@Test("an unknown function is reported at its position, with a suggestion")
func unknownFunction() throws {
    let e = try #require(formulaError { _ = try Formula("y ~ age + lgo(x)") })
    #expect(e.kind == .unknownFunction)
    #expect(e.position == 10)
    #expect(e.message.contains("unknown function 'lgo'") && e.message.contains("did you mean 'log'?"))
    let surv = try #require(formulaError { _ = try Formula("y ~ Surv(t, d)") })
    #expect(surv.message.contains("left of '~'"))
    let nestedSpecial = try #require(formulaError { _ = try Formula("y ~ x:strata(s)") })
    #expect(nestedSpecial.message.contains("term of its own"))
    let bar = try #require(formulaError { _ = try Formula("y ~ x * (1 | g) + z | h") })
    #expect(bar.message.contains("random-effects term"))
}

@Test("a response that is not numeric where needed is an error naming it")
func nonNumericResponse() throws {
    let t = try smallTable()
    let e = try #require(formulaError { _ = try ModelFrame.build(formula: "track ~ age", data: t) })
    #expect(e.kind == .type && e.position == 0 && e.message.contains("3 levels"))
    let cb = try #require(formulaError { _ = try ModelFrame.build(formula: "cbind(y, track) ~ age", data: t) })
    #expect(cb.kind == .type && cb.position == 9)
    let surv = try #require(formulaError { _ = try ModelFrame.build(formula: "Surv(track, y) ~ age", data: t) })
    #expect(surv.kind == .type && surv.position == 5 && surv.message.contains("Surv()"))
    let badEvent = try #require(formulaError { _ = try ModelFrame.build(formula: "Surv(age, age) ~ y", data: t) })
    #expect(badEvent.message.contains("0/1, 1/2"))
    let textVsNumber = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ I(age == \"12\")", data: t) })
    #expect(textVsNumber.kind == .type && textVsNumber.message.contains("not categorical"))
    let arith = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ I(track * 2)", data: t) })
    #expect(arith.kind == .type && arith.position == 6)
    // A logical always has the levels FALSE and TRUE (R: model.matrix(~ I(age > 100)) gives an all-zero column).
    let allFalse = try ModelFrame.build(formula: "y ~ I(age > 100)", data: t)
    #expect(allFalse.fixed.columnNames == ["(Intercept)", "I(age > 100)TRUE"])
    #expect(allFalse.fixed.matrix.column(1) == [0, 0, 0, 0, 0, 0])
    // A factor with one level left cannot get contrasts (R: "contrasts can be applied only to factors with 2 or more levels").
    let oneLevel = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ factor(I(age > 0))", data: t) })
    #expect(oneLevel.kind == .invalid && oneLevel.message.contains("only one level"))
}

@Test("a reference level that does not exist is an error listing the levels")
func badReference() throws {
    let e = try #require(formulaError {
        _ = try ModelFrame.build(formula: "y ~ track", data: smallTable(), options: ModelFrameOptions(reference: ["track": "VSO"]))
    })
    #expect(e.message.contains("ASO, BSO, TSO"))
}

@Test("no rows left after dropping missing values is an error, not an empty fit")
func noRowsLeft() throws {
    let t = try Table(columns: [
        Column(name: "y", values: .double([1, 2])),
        Column(name: "x", values: .double([.nan, .nan]), missing: [true, true]),
    ])
    let e = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ x", data: t) })
    #expect(e.kind == .invalid && e.message.contains("no rows left"))
}

@Test("an unknown grouping factor in a random-effects term points into the bar")
func unknownGroupingColumn() throws {
    let e = try #require(formulaError { _ = try ModelFrame.build(formula: "y ~ age + (1 | trak)", data: smallTable()) })
    #expect(e.kind == .unknownColumn && e.position == 15 && e.suggestions == ["track"])
    let inSurv = try #require(formulaError { _ = try ModelFrame.build(formula: "Surv(agee, y) ~ track", data: smallTable()) })
    #expect(inSurv.position == 5 && inSurv.suggestions == ["age"])
    let bad = try #require(formulaError { _ = try Formula("y ~ (1 | g + h)") })
    #expect(bad.kind == .syntax && bad.message.contains("grouping factor"))
}

import Testing
@testable import Script

/// Checks a run-time error's message, place and hint.
func expectRunError(_ code: String, _ message: String, line: Int, column: Int, hint: String? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    guard let e = scriptError(code, sourceLocation: sourceLocation) else { return }
    #expect(e.message == message, sourceLocation: sourceLocation)
    #expect(e.line == line && e.column == column, "at \(e.line):\(e.column)", sourceLocation: sourceLocation)
    if let hint { #expect(e.hint.contains(hint), "hint: \(e.hint)", sourceLocation: sourceLocation) }
}

@Suite("Evaluation errors: place, caret and hint")
struct EvaluationErrorTests {
    @Test("an unknown name suggests the closest known names")
    func unknownName() {
        expectRunError("pupils <- 1\nmean(pupil)", "unknown name 'pupil'", line: 2, column: 6, hint: "did you mean 'pupils'?")
        expectRunError("zzzzqq", "unknown name 'zzzzqq'", line: 1, column: 1, hint: "define it first")
    }

    @Test("an unknown function suggests built-ins, or says what to use instead of R's")
    func unknownFunction() {
        expectRunError("meen(1)", "unknown function 'meen'", line: 1, column: 1, hint: "'mean'")
        expectRunError("library(lme4)", "unknown function 'library'", line: 1, column: 1, hint: "every function is built in")
        expectRunError("x <- read.csv(\"a.csv\")", "unknown function 'read.csv'", line: 1, column: 6, hint: "read_csv(path)")
    }

    @Test("argument mistakes: unknown name, given twice, too many, missing without default")
    func arguments() {
        expectRunError("mean(1, narm = TRUE)", "mean() has no argument called 'narm'", line: 1, column: 9, hint: "did you mean 'na.rm'?")
        expectRunError("f <- function(x) x\nf(x = 1, x = 2)", "argument 'x' is given twice in f()", line: 2, column: 10)
        expectRunError("f <- function(x) x\nf(1, 2)", "too many arguments to f()", line: 2, column: 6, hint: "f() takes x")
        expectRunError("f <- function(x, y) x + y\nf(1)", "argument 'y' is missing, with no default", line: 1, column: 25, hint: "pass a value for 'y'")
        expectRunError("sqrt()", "sqrt() needs the argument 'x'", line: 1, column: 1, hint: "help(sqrt)")
    }

    @Test("type mistakes")
    func types() {
        expectRunError("\"a\" + 1", "'+' needs numbers, but one side is character", line: 1, column: 5, hint: "as.numeric()")
        expectRunError("x <- 1\nx(2)", "unknown function 'x'", line: 2, column: 1)
        expectRunError("(1)(2)", "'this expression' is a numeric, not a function", line: 1, column: 2)
        expectRunError("if (NA) 1", "the condition of 'if' is NA (missing)", line: 1, column: 5, hint: "is.na()")
        expectRunError("if (c(TRUE, FALSE)) 1", "the condition of 'if' has 2 values, not one", line: 1, column: 5, hint: "any(...)")
        expectRunError("if (logical(0)) 1", "unknown function 'logical'", line: 1, column: 5)
        expectRunError("while (\"yes\") 1", "the condition of 'while' is NA (missing)", line: 1, column: 8)
        expectRunError("c(1, 2) && TRUE", "'&&' needs a single TRUE or FALSE on each side, got a numeric of length 2", line: 1, column: 1, hint: "& or |")
        expectRunError("f <- factor(c(\"a\", \"b\"))\nf < \"b\"", "'<' is not meaningful for factors (categories have no order)", line: 2, column: 3)
        expectRunError("x <- c(1, 2)\nx[c(-1, 2)]", "cannot mix positive and negative positions in one index", line: 2, column: 2)
        expectRunError("l <- list(1)\nl[[3]]", "subscript out of bounds (the list has 1 elements)", line: 2, column: 2)
        expectRunError("for (i in sum) 1", "cannot loop over a function", line: 1, column: 11)
    }

    @Test("tables: unknown columns suggest the closest; wrong lengths are named")
    func tables() {
        let setup = "d <- data_frame(age = c(11, 12), school = c(\"a\", \"b\"))\n"
        expectRunError(setup + "d$agee", "the table has no column 'agee'", line: 2, column: 3, hint: "did you mean 'age'?")
        expectRunError(setup + "d$x <- 1:3", "the new column has 3 values, but the table has 2 rows", line: 2, column: 3)
        expectRunError(setup + "subset(d, agee > 1)", "unknown name 'agee'", line: 2, column: 11, hint: "did you mean 'age'?")
        expectRunError(setup + "d[[\"shool\"]]", "the table has no column 'shool'", line: 2, column: 2, hint: "'school'")
    }

    @Test("break outside a loop, runaway recursion, stop()")
    func control() {
        expectRunError("break", "'break' outside a loop", line: 1, column: 1)
        expectRunError("f <- function(n) f(n + 1)\nf(1)", "too many nested function calls (more than 200); is there an infinite recursion?",
                       line: 1, column: 18, hint: "stopping case")
        expectRunError("x <- 1\nstop(\"x must be \", \"positive\")", "x must be positive", line: 2, column: 1)
    }

    @Test("errors inside a function point at the place in the function's body")
    func insideFunction() {
        expectRunError("f <- function(d) {\n  d$nope\n}\nf(data_frame(a = 1))", "the table has no column 'nope'", line: 2, column: 5)
    }
}

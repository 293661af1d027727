import Testing
@testable import Script

/// Checks a syntax error: its message, place (1-based line and column), hint, and whether more input could complete it.
func expectSyntaxError(_ code: String, _ message: String, line: Int, column: Int, hint: String? = nil, incomplete: Bool = false,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    guard let e = parseError(code, sourceLocation: sourceLocation) else { return }
    #expect(e.kind == .syntax, sourceLocation: sourceLocation)
    #expect(e.message == message, sourceLocation: sourceLocation)
    #expect(e.line == line && e.column == column, "at \(e.line):\(e.column)", sourceLocation: sourceLocation)
    if let hint { #expect(e.hint.contains(hint), "hint: \(e.hint)", sourceLocation: sourceLocation) }
    #expect(e.incomplete == incomplete, sourceLocation: sourceLocation)
}

@Suite("Parsing: every syntax error names the place, shows a caret and gives a hint")
struct ParseErrorTests {
    @Test("the description shows script:line:column, the line, a caret under the place, and the hint")
    func descriptionLayout() {
        guard let e = parseError("x <- 1\ny <- (2 + ) * 3") else { return }
        #expect(e.description == """
        Error in test.truant:2:11: unexpected ')'; expected a value (a number, string, name, call or '(')
          2 | y <- (2 + ) * 3
            |           ^
        hint: there is a closing ')' without a matching opening one
        """)
    }

    @Test("lexical errors")
    func lexical() {
        expectSyntaxError("x <- 1 § 2", "unexpected character '§'", line: 1, column: 8, hint: "remove it")
        expectSyntaxError("x <- “a”", "unexpected character '“'", line: 1, column: 6, hint: "straight quotes")
        expectSyntaxError("`abc", "a back-quoted name is not closed", line: 1, column: 1, hint: "`", incomplete: true)
        expectSyntaxError("`ab\nc`", "a back-quoted name runs to the end of the line", line: 1, column: 1)
        expectSyntaxError("`` <- 1", "empty back-quoted name", line: 1, column: 1)
        expectSyntaxError("a %in b", "an operator starting with % is not closed", line: 1, column: 3, hint: "%in%", incomplete: true)
        expectSyntaxError("a %in\nb", "an operator starting with % is not closed", line: 1, column: 3)
        expectSyntaxError("0x", "a hexadecimal number needs digits after 0x", line: 1, column: 1)
        expectSyntaxError("1e+", "a number's exponent needs digits (e.g. 1e-3)", line: 1, column: 1)
        expectSyntaxError("x <- 2abc", "a number runs into a name ('2a...')", line: 1, column: 6, hint: "operator")
        expectSyntaxError("s <- \"abc", "a string is not closed", line: 1, column: 6, hint: "\"", incomplete: true)
        expectSyntaxError(#"p <- "C:\data""#, "'\\d' is not a known escape in a string", line: 1, column: 9, hint: "/")
        expectSyntaxError(#""\uZZ""#, "'\\u' must be followed by hexadecimal digits of a character", line: 1, column: 2)
    }

    @Test("unexpected tokens and unfinished input")
    func unexpected() {
        expectSyntaxError("x y", "unexpected name 'y'; expected a new line or ';' before the next statement", line: 1, column: 3,
                          hint: "put an operator or a comma")
        expectSyntaxError(")", "unexpected ')'; expected a value (a number, string, name, call or '(')", line: 1, column: 1, hint: "closing")
        expectSyntaxError("x +", "the input ended early; expected a value", line: 1, column: 4, incomplete: true)
        expectSyntaxError("x <- -\n1", "unexpected end of line; expected a value", line: 1, column: 7, hint: "next line")
        expectSyntaxError("(1 + 2", "'(' at line 1, column 1 is not closed", line: 1, column: 1, hint: "')'", incomplete: true)
        expectSyntaxError("{ x <- 1", "'{' is not closed", line: 1, column: 1, hint: "'}'", incomplete: true)
        expectSyntaxError("f(1, 2", "'(' is not closed", line: 1, column: 2, hint: "')'", incomplete: true)
        expectSyntaxError("f(1 2)", "unexpected number 2; expected ',' or ')'", line: 1, column: 5, hint: "commas")
        expectSyntaxError("f(1,,2)", "empty argument", line: 1, column: 5, hint: "comma")
        expectSyntaxError("f(1,)", "a trailing comma before ')'", line: 1, column: 4, hint: "remove")
        expectSyntaxError("f(a = )", "argument 'a' has no value after '='", line: 1, column: 7, hint: "a = ...")
        expectSyntaxError("x[[1]", "'[[' is not closed", line: 1, column: 2, hint: "]]", incomplete: true)
        expectSyntaxError("x[[1] + 2", "unexpected '+'; expected ']]' to close '[['", line: 1, column: 7)
        expectSyntaxError("d$1", "unexpected number 1; expected a name after '$'", line: 1, column: 3, hint: "d$age")
        expectSyntaxError("a::1", "unexpected number 1; expected a name after '::'", line: 1, column: 4)
        expectSyntaxError("a < b < c", "comparisons cannot be chained ('<' then '<')", line: 1, column: 7, hint: "&")
        expectSyntaxError("1 <- x", "cannot assign to this expression", line: 1, column: 1, hint: "left side of <-")
        expectSyntaxError("f(x) + 1 <- 2", "cannot assign to this expression", line: 1, column: 1)
    }

    @Test("if/else, loops and functions")
    func controlFlow() {
        expectSyntaxError("if (x) 1\nelse 2", "unexpected 'else'", line: 2, column: 1, hint: "same line as the '}'")
        expectSyntaxError("if (x) 1 else", "the input ended early; expected a value", line: 1, column: 14, incomplete: true)
        expectSyntaxError("{ 1 else 2 }", "unexpected 'else'", line: 1, column: 5, hint: "must follow the branch")
        expectSyntaxError("(else)", "unexpected 'else'", line: 1, column: 2, hint: "if (condition)")
        expectSyntaxError("if x > 1 y", "unexpected name 'x'; expected '(' and a condition after 'if'", line: 1, column: 4)
        expectSyntaxError("for (1 in x) y", "unexpected number 1; expected a loop variable name", line: 1, column: 6, hint: "for (i in 1:10)")
        expectSyntaxError("for (i of x) y", "unexpected name 'of'; expected 'in'", line: 1, column: 8, hint: "for (i in values)")
        expectSyntaxError("function(x, x) 1", "parameter 'x' is given twice", line: 1, column: 13)
        expectSyntaxError("function(1) 1", "unexpected number 1; expected a parameter name", line: 1, column: 10, hint: "function(x, y = 2)")
        expectSyntaxError("function(x y) 1", "unexpected name 'y'; expected ',' or ')' in the parameter list", line: 1, column: 12)
        expectSyntaxError("function x", "unexpected name 'x'; expected '(' and the parameters after 'function'", line: 1, column: 10)
    }

    @Test("the pipe needs a call on its right")
    func pipe() {
        expectSyntaxError("x |> f", "the right side of |> must be a function call", line: 1, column: 6, hint: "x |> f()")
        expectSyntaxError("x |> (function(a) a)(1)", "the right side of |> cannot be an anonymous function call", line: 1, column: 6, hint: "name")
    }

    @Test("formula errors point into the formula text")
    func formulas() {
        expectSyntaxError("m <- y ~", "the formula has nothing after '~'", line: 1, column: 8, hint: "y ~ x", incomplete: true)
        expectSyntaxError("glm(y ~ , data = d)", "the formula has nothing after '~'", line: 1, column: 7)
        expectSyntaxError("f <- y ~ x + (1 | g", "'(' in the formula is not closed", line: 1, column: 14, incomplete: true)
        expectSyntaxError("f <- y ~ x + \"abc", "a string in the formula is not closed", line: 1, column: 14, incomplete: true)
        expectSyntaxError("f <- y ~ x + poly(x, 2)", "in the formula: unknown function 'poly'; known: I, abs, as.factor, as.numeric, exp, factor, log, log10, log1p, log2, sqrt", line: 1, column: 14)
        expectSyntaxError("f <- y ~ x + * z", "in the formula: unexpected '*'; expected a variable, number or '('", line: 1, column: 14)
    }
}

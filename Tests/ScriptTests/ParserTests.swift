import Testing
@testable import Script

/// The shape of a parsed expression, as a compact prefix string, for precedence checks.
func shape(_ code: String) throws -> String {
    let program = try Parser.parse(Source(name: "t", text: code))
    return program.map(render).joined(separator: "; ")
}

func render(_ e: Expr) -> String {
    switch e.node {
    case .null: return "NULL"
    case .logical(let b): return b.map { $0 ? "TRUE" : "FALSE" } ?? "NA"
    case .number(let x): return x.map { numberText($0) } ?? "NA_real_"
    case .integer(let i): return i.map { "\($0)L" } ?? "NA_integer_"
    case .string(let s): return s.map { "\"\($0)\"" } ?? "NA_character_"
    case .name(let n): return n
    case .call(let f, let args):
        return render(f) + "(" + args.map { a in (a.name.map { $0 + "=" } ?? "") + (a.value.map(render) ?? "") }.joined(separator: ", ") + ")"
    case .index(let x, let args, let double):
        let inner = args.map { a in (a.name.map { $0 + "=" } ?? "") + (a.value.map(render) ?? "") }.joined(separator: ", ")
        return render(x) + (double ? "[[" + inner + "]]" : "[" + inner + "]")
    case .dollar(let x, let n): return render(x) + "$" + n
    case .unary(let op, let x): return "(\(op) \(render(x)))"
    case .binary(let op, let l, let r): return "(\(op) \(render(l)) \(render(r)))"
    case .assign(let t, let v, let sup): return "(\(sup ? "<<-" : "<-") \(render(t)) \(render(v)))"
    case .formula(let text, _): return "{~ \(text)}"
    case .function(let ps, let body): return "function(" + ps.map { p in p.name + (p.defaultValue.map { "=" + render($0) } ?? "") }.joined(separator: ", ") + ") " + render(body)
    case .block(let b): return "{" + b.map(render).joined(separator: "; ") + "}"
    case .ifElse(let c, let a, let b): return "if(\(render(c)), \(render(a))" + (b.map { ", " + render($0) } ?? "") + ")"
    case .forLoop(let n, let s, let b): return "for(\(n), \(render(s)), \(render(b)))"
    case .whileLoop(let c, let b): return "while(\(render(c)), \(render(b)))"
    case .repeatLoop(let b): return "repeat(\(render(b)))"
    case .breakLoop: return "break"
    case .nextIteration: return "next"
    }
}

@Suite("Parsing: R's grammar")
struct ParserTests {
    @Test("literals: numbers, integers, strings with escapes, logicals, NA kinds, Inf, NaN, hex")
    func literals() throws {
        #expect(try shape("1; 2.5; 1e-3; .5; 3L; 0x10; 0x10L") == "1; 2.5; 0.001; 0.5; 3L; 16; 16L")
        #expect(try shape(#""a\tb\n"; 'it\'s'"#) == "\"a\tb\n\"; \"it's\"")
        #expect(try shape("TRUE; FALSE; NA; NULL; NA_integer_; NA_real_; NA_character_; Inf") ==
                "TRUE; FALSE; NA; NULL; NA_integer_; NA_real_; NA_character_; Inf")
        #expect(try shape(#""\u00e9""#) == "\"é\"")
    }

    @Test("arithmetic precedence follows R: ^ over unary minus over : over * over +")
    func arithmeticPrecedence() throws {
        #expect(try shape("1 + 2 * 3") == "(+ 1 (* 2 3))")
        #expect(try shape("-2^2") == "(- (^ 2 2))")
        #expect(try shape("2^3^2") == "(^ 2 (^ 3 2))")
        #expect(try shape("2^-1") == "(^ 2 (- 1))")
        #expect(try shape("-1:3") == "(: (- 1) 3)")
        #expect(try shape("1:n - 1") == "(- (: 1 n) 1)")
        #expect(try shape("a %in% b * 2") == "(* (%in% a b) 2)")
        #expect(try shape("x %% 2 == 0") == "(== (%% x 2) 0)")
    }

    @Test("logical operators: ! below comparison, & over |")
    func logicalPrecedence() throws {
        #expect(try shape("!x == y") == "(! (== x y))")
        #expect(try shape("a | b & c") == "(| a (& b c))")
        #expect(try shape("a && b || c") == "(|| (&& a b) c)")
        #expect(try shape("x > 1 & y < 2") == "(& (> x 1) (< y 2))")
    }

    @Test("assignment: <-, =, <<-, ->, right-associative, into $, [ ], [[ ]] and names()")
    func assignment() throws {
        #expect(try shape("x <- y <- 2") == "(<- x (<- y 2))")
        #expect(try shape("x = 1") == "(<- x 1)")
        #expect(try shape("x <<- 1") == "(<<- x 1)")
        #expect(try shape("1 -> x") == "(<- x 1)")
        #expect(try shape("d$z <- 1") == "(<- d$z 1)")
        #expect(try shape("x[2] <- 1") == "(<- x[2] 1)")
        #expect(try shape("l[[\"a\"]] <- 1") == "(<- l[[\"a\"]] 1)")
        #expect(try shape("names(x) <- c(\"a\")") == "(<- names(x) c(\"a\"))")
    }

    @Test("calls with positional, named, string-named and empty index arguments")
    func calls() throws {
        #expect(try shape("f(1, b = 2, \"c d\" = 3)") == "f(1, b=2, c d=3)")
        #expect(try shape("f()") == "f()")
        #expect(try shape("d[, 1]") == "d[, 1]")
        #expect(try shape("d[1, ]") == "d[1, ]")
        #expect(try shape("x[[1]]") == "x[[1]]")
        #expect(try shape("x[y[1]]") == "x[y[1]]")
        #expect(try shape("l$a$b") == "l$a$b")
        #expect(try shape("stats::median(x)") == "median(x)")
        #expect(try shape("f(x)(y)") == "f(x)(y)")
    }

    @Test("the pipe inserts its left side as the first argument")
    func pipe() throws {
        #expect(try shape("d |> subset(age > 12) |> head(3)") == "head(subset(d, (> age 12)), 3)")
        #expect(try shape("x |> f()") == "f(x)")
        #expect(try shape("x + 1 |> f()") == "(+ x f(1))")   // as in R: |> binds tighter than +
    }

    @Test("formulas are captured verbatim to the end of the expression, brackets respected")
    func formulas() throws {
        #expect(try shape("y ~ x + (1 | g)") == "{~ y ~ x + (1 | g)}")
        #expect(try shape("glm(y ~ x * f, data = d)") == "glm({~ y ~ x * f}, data=d)")
        #expect(try shape("f <- cbind(a, b) ~ x + I(x^2)") == "(<- f {~ cbind(a, b) ~ x + I(x^2)})")
        #expect(try shape("~ x + z") == "{~ ~ x + z}")
        #expect(try shape("Surv(time, status) ~ age + strata(sex)") == "{~ Surv(time, status) ~ age + strata(sex)}")
        #expect(try shape("m <- y ~ x # a comment") == "(<- m {~ y ~ x})")
        #expect(try shape("y ~ x +\n  z") == "{~ y ~ x +\n  z}")
        #expect(try shape("y ~ x\nz") == "{~ y ~ x}; z")
        #expect(try shape("glm(y ~ x\n + z, data = d)") == "glm({~ y ~ x\n + z}, data=d)")
        #expect(try shape("y ~ x |> f()") == "f({~ y ~ x})")
        #expect(try shape("lmer(y ~ x + (1 + x | school/class), data = d)") == "lmer({~ y ~ x + (1 + x | school/class)}, data=d)")
    }

    @Test("functions, blocks, if/else (else on a later line inside braces), loops")
    func controlFlow() throws {
        #expect(try shape("function(x, y = 2) x + y") == "function(x, y=2) (+ x y)")
        #expect(try shape("\\(x) x") == "function(x) x")
        #expect(try shape("f <- function(...) g(...)") == "(<- f function(...) g(...))")
        #expect(try shape("{ a <- 1; b }") == "{(<- a 1); b}")
        #expect(try shape("if (a) b else c") == "if(a, b, c)")
        #expect(try shape("{\n if (a) {\n b\n }\n else {\n c\n }\n}") == "{if(a, {b}, {c})}")
        #expect(try shape("if (a) b\nc") == "if(a, b); c")
        #expect(try shape("for (i in 1:3) print(i)") == "for(i, (: 1 3), print(i))")
        #expect(try shape("while (i < 3) i <- i + 1") == "while((< i 3), (<- i (+ i 1)))")
        #expect(try shape("repeat { break }") == "repeat({break})")
        #expect(try shape("for (i in x) { if (i) next }") == "for(i, x, {if(i, next)})")
    }

    @Test("line ends: statements end at the top level and in braces, not inside brackets or after an operator")
    func lineEnds() throws {
        #expect(try shape("x <- 1\ny <- 2") == "(<- x 1); (<- y 2)")
        #expect(try shape("f(1,\n  2)") == "f(1, 2)")
        #expect(try shape("x <- 1 +\n  2") == "(<- x (+ 1 2))")
        #expect(try shape("x <-\n  2") == "(<- x 2)")
        #expect(try shape("a; b;; c") == "a; b; c")
        #expect(try shape("# only a comment\n\n") == "")
        #expect(try shape("`my var` <- 1") == "(<- my var 1)")
    }

    @Test("positions: line and column of an expression")
    func positions() throws {
        let source = Source(name: "t", text: "x <- 1\n  y + zz")
        let program = try Parser.parse(source)
        let (line, column) = source.location(program[1].start)
        #expect(line == 2 && column == 3)
    }
}

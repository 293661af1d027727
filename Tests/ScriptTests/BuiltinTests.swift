import Testing
@testable import Script

/// (code, what R prints) pairs; each R line was checked in R 4.2.2.
let builtinCases: [(String, String)] = [
    // vectors
    ("c(1, \"a\", TRUE)", "[1] \"1\"    \"a\"    \"TRUE\"\n"),
    ("c(a = 1, 2)", "a   \n1 2 \n"),
    ("c(1L, 2.5)", "[1] 1.0 2.5\n"),
    ("length(list(1, 2, 3))", "[1] 3\n"),
    ("seq(1, 10, by = 3)", "[1]  1  4  7 10\n"),
    ("seq(0, 1, length.out = 5)", "[1] 0.00 0.25 0.50 0.75 1.00\n"),
    ("seq(5)", "[1] 1 2 3 4 5\n"),
    ("rep(c(\"a\", \"b\"), times = 2)", "[1] \"a\" \"b\" \"a\" \"b\"\n"),
    ("rep(1:2, each = 2)", "[1] 1 1 2 2\n"),
    ("rev(1:3)", "[1] 3 2 1\n"),
    ("is.na(c(1, NA, NaN))", "[1] FALSE  TRUE  TRUE\n"),
    ("is.null(NULL)", "[1] TRUE\n"),
    ("class(data_frame(a = 1))", "[1] \"data.frame\"\n"),
    ("ifelse(c(1, 5, NA) > 2, \"high\", \"low\")", "[1] \"low\"  \"high\" NA    \n"),
    ("which(c(FALSE, TRUE, TRUE))", "[1] 2 3\n"),
    ("any(c(FALSE, NA, TRUE)); all(c(TRUE, NA))", "[1] TRUE\n[1] NA\n"),
    ("unique(c(3, 1, 3, 2))", "[1] 3 1 2\n"),
    ("order(c(3, 1, NA, 2))", "[1] 2 4 1 3\n"),
    ("sort(c(3, 1, NA, 2), decreasing = TRUE)", "[1] 3 2 1\n"),
    ("names(c(a = 1, b = 2))", "[1] \"a\" \"b\"\n"),
    ("x <- 1:2; names(x) <- c(\"p\", \"q\"); x", "p q \n1 2 \n"),
    // math and statistics
    ("sqrt(c(4, 9)); exp(0); log10(1000); log2(8); log1p(0); abs(-2)", "[1] 2 3\n[1] 1\n[1] 3\n[1] 3\n[1] 0\n[1] 2\n"),
    ("log(100, base = 10); log(exp(2))", "[1] 2\n[1] 2\n"),
    ("floor(2.7); ceiling(2.1); round(2.567, 2); round(2.5)", "[1] 2\n[1] 3\n[1] 2.57\n[1] 2\n"),
    ("plogis(0); qlogis(0.5)", "[1] 0.5\n[1] 0\n"),
    ("sqrt(-1)", "[1] NaN\nWarning message:\nIn sqrt(): NaNs produced\n"),
    ("sum(1:10); sum(c(1, NA)); sum(c(1, NA), na.rm = TRUE)", "[1] 55\n[1] NA\n[1] 1\n"),
    ("mean(c(1, 2, 3, 10)); median(c(1, 2, 3, 10))", "[1] 4\n[1] 2.5\n"),
    ("var(c(1, 2, 3, 4)); sd(c(2, 4, 4, 4, 5, 5, 7, 9))", "[1] 1.666667\n[1] 2.13809\n"),
    ("min(3, 1:2); max(c(2, NA), na.rm = TRUE); range(c(5, 1, 3))", "[1] 1\n[1] 2\n[1] 1 5\n"),
    ("quantile(1:9)", "  0%  25%  50%  75% 100% \n   1    3    5    7    9 \n"),
    ("cumsum(1:4)", "[1]  1  3  6 10\n"),
    ("cor(c(1, 2, 3), c(2, 4, 7))", "[1] 0.9933993\n"),
    // text and conversion
    ("paste(\"a\", 1:2, sep = \"_\"); paste0(\"x\", 1:3, collapse = \"+\")", "[1] \"a_1\" \"a_2\"\n[1] \"x1+x2+x3\"\n"),
    ("nchar(\"truant\"); toupper(\"a\"); tolower(\"B\")", "[1] 6\n[1] \"A\"\n[1] \"b\"\n"),
    ("as.numeric(\"3.5\"); as.integer(2.9); as.character(1/3); as.logical(\"TRUE\")",
     "[1] 3.5\n[1] 2\n[1] \"0.333333333333333\"\n[1] TRUE\n"),
    ("as.numeric(\"x\")", "[1] NA\nWarning message:\nIn as.numeric(): NAs introduced by coercion\n"),
    ("f <- factor(c(\"lo\", \"hi\", \"lo\"), levels = c(\"lo\", \"hi\")); f; levels(f); as.integer(f)",
     "[1] lo hi lo\nLevels: lo hi\n[1] \"lo\" \"hi\"\n[1] 1 2 1\n"),
    ("levels(relevel(factor(c(\"a\", \"b\", \"c\")), ref = \"c\"))", "[1] \"c\" \"a\" \"b\"\n"),
    // session
    ("cat(\"n =\", 3, \"\\n\")", "n = 3 \n"),
    ("x <- 1; exists(\"x\"); exists(\"nope\")", "[1] TRUE\n[1] FALSE\n"),
    ("a <- 1; b <- 2; ls()", "[1] \"a\" \"b\"\n"),
    ("warning(\"careful\")", "Warning message:\nIn warning(): careful\n"),
    ("message(\"note\")", "note\n"),
]

@Suite("Built-ins print what R prints")
struct BuiltinTests {
    @Test("vectors, math, statistics, text, conversion, session", arguments: builtinCases.indices)
    func builtin(_ k: Int) throws {
        let (code, expected) = builtinCases[k]
        #expect(try run(code) == expected, "\(code)")
    }

    @Test("set_seed makes random draws reproducible; draws stay in range")
    func random() throws {
        let code = "set_seed(42); x <- runif(5); y <- rnorm(3, 10, 2); s <- sample(10); set_seed(42); identical <- all(x == runif(5)); identical; all(x > 0 & x < 1); sort(s)"
        #expect(try run(code) == "[1] TRUE\n[1] TRUE\n [1]  1  2  3  4  5  6  7  8  9 10\n")
        #expect(try run("set_seed(1); rnorm(2)") == (try run("set_seed(1); rnorm(2)")))
        #expect(try run("set_seed(1); rnorm(2)") != (try run("set_seed(2); rnorm(2)")))
        #expect(try run("set_seed(3); x <- rbinom(1000, 1, 0.3); mean(x) > 0.25 & mean(x) < 0.35") == "[1] TRUE\n")
    }

    @Test("help(name) shows the usage and documentation of every built-in; help() lists them")
    func help() throws {
        let session = Interpreter(output: { _ in }, messages: { _ in })
        for name in session.builtinNames {
            let doc = try #require(session.documentation(name))
            #expect(doc.hasPrefix(name == "transform" ? "transform(" : "\(name)("), "usage of \(name)")
            #expect(doc.count > name.count + 20, "documentation of \(name)")
        }
        #expect(try run("help(glm)").contains("glm(formula, family = gaussian, data"))
        #expect(try run("help(\"subset\")").contains("subset(x, subset, select = NULL)"))
        #expect(try run("help()").contains("models:"))
        expectRunError("help(glmm)", "no help for 'glmm'", line: 1, column: 6, hint: "'glm'")
    }
}

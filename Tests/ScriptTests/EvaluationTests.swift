import Testing
@testable import Script

@Suite("Evaluation: values, operators, scope, control flow")
struct EvaluationTests {
    @Test("arithmetic recycles the shorter vector and keeps integer type where R does")
    func arithmetic() throws {
        #expect(try run("c(1, 2, 3, 4) + c(10, 20)") == "[1] 11 22 13 24\n")
        #expect(try run("class(1:3 + 1L)") == "[1] \"integer\"\n")
        #expect(try run("class(1:3 / 1L)") == "[1] \"numeric\"\n")
        #expect(try run("c(-7, 7) %% 3") == "[1] 2 1\n")
        #expect(try run("-7 %/% 2") == "[1] -4\n")
        #expect(try run("5L %/% 2L") == "[1] 2\n")
        #expect(try run("2^10") == "[1] 1024\n")
        #expect(try run("1/0; -1/0; 0/0") == "[1] Inf\n[1] -Inf\n[1] NaN\n")
        #expect(try run("c(1, NA) * 2") == "[1]  2 NA\n")
    }

    @Test("recycling a length that does not divide gives R's warning")
    func recyclingWarning() throws {
        #expect(try run("1:3 + 1:2") == "[1] 2 4 4\nWarning message:\nlonger object length is not a multiple of shorter object length\n")
    }

    @Test("integer overflow gives NA with a warning")
    func overflow() throws {
        #expect(try run(".Machine <- 2147483647L\n.Machine + 1L") == "[1] NA\nWarning message:\nNAs produced by integer overflow\n")
    }

    @Test("comparisons and three-valued logic")
    func logic() throws {
        #expect(try run("c(1, 5, NA) > 2") == "[1] FALSE  TRUE    NA\n")
        #expect(try run("NA & FALSE; NA | TRUE; NA & TRUE") == "[1] FALSE\n[1] TRUE\n[1] NA\n")
        #expect(try run("\"b\" > \"a\"") == "[1] TRUE\n")
        #expect(try run("c(\"a\", \"x\") %in% c(\"x\", \"y\")") == "[1] FALSE  TRUE\n")
        #expect(try run("FALSE && stop(\"not evaluated\")") == "[1] FALSE\n")
        #expect(try run("TRUE || stop(\"not evaluated\")") == "[1] TRUE\n")
        #expect(try run("!c(TRUE, FALSE)") == "[1] FALSE  TRUE\n")
        #expect(try run("f <- factor(c(\"a\", \"b\")); f == \"b\"") == "[1] FALSE  TRUE\n")
    }

    @Test("indexing vectors: positions, negative positions, logical masks, names, [[ ]]")
    func vectorIndexing() throws {
        #expect(try run("x <- c(10, 20, 30, 40); x[2]; x[-1]; x[x > 15]; x[c(1, 5)]") ==
                "[1] 20\n[1] 20 30 40\n[1] 20 30 40\n[1] 10 NA\n")
        #expect(try run("x <- c(a = 1, b = 2); x[\"b\"]; x[[\"b\"]]") == "b \n2 \n[1] 2\n")
        #expect(try run("x <- 1:3; x[5] <- 9L; x") == "[1]  1  2  3 NA  9\n")
        #expect(try run("x <- c(1, 2); x[2] <- \"b\"; x") == "[1] \"1\" \"b\"\n")
        #expect(try run("x <- c(a = 1); x[\"b\"] <- 2; x") == "a b \n1 2 \n")
        #expect(try run("x <- 1:6; x[x > 3] <- 0L; x") == "[1] 1 2 3 0 0 0\n")
    }

    @Test("lists: $, [[ ]], assignment adds and NULL removes")
    func lists() throws {
        #expect(try run("l <- list(a = 1, b = \"x\"); l$b; l[[\"a\"]]; l$zz") == "[1] \"x\"\n[1] 1\nNULL\n")
        #expect(try run("l <- list(); l$a <- 1; l$b <- 2; l$a <- NULL; names(l)") == "[1] \"b\"\n")
        #expect(try run("l <- list(1, 2); l[[3]] <- \"c\"; length(l)") == "[1] 3\n")
        #expect(try run("l <- list(a = list(b = 5)); l$a$b") == "[1] 5\n")
        #expect(try run("l <- list(a = list(b = 5)); l$a$b <- 6; l$a$b") == "[1] 6\n")
    }

    @Test("tables: $ gives a column, $<- adds one, [rows, cols] selects, [[ ]] takes a column")
    func tables() throws {
        let setup = "d <- data_frame(id = 1:4, age = c(11, 12, 13, 14), g = c(\"a\", \"b\", \"a\", \"b\"))\n"
        #expect(try run(setup + "d$age") == "[1] 11 12 13 14\n")
        #expect(try run(setup + "d$older <- d$age > 12; d") ==
                "  id age g older\n1  1  11 a FALSE\n2  2  12 b FALSE\n3  3  13 a  TRUE\n4  4  14 b  TRUE\n")
        #expect(try run(setup + "d[d$g == \"a\", c(\"id\", \"age\")]") == "  id age\n1  1  11\n2  3  13\n")
        #expect(try run(setup + "d[2, \"age\"]") == "[1] 12\n")
        #expect(try run(setup + "d[[\"g\"]]") == "[1] \"a\" \"b\" \"a\" \"b\"\n")
        #expect(try run(setup + "d$age <- NULL; names(d)") == "[1] \"id\" \"g\" \n")
        #expect(try run(setup + "d[order(-d$age), ]$id") == "[1] 4 3 2 1\n")
    }

    @Test("functions: defaults, named and positional arguments, partial names, ..., return, recursion")
    func functions() throws {
        #expect(try run("f <- function(x, y = 2) x * y; f(3); f(3, 4); f(y = 5, 2)") == "[1] 6\n[1] 12\n[1] 10\n")
        #expect(try run("f <- function(value, extra = 1) value + extra; f(1, ext = 10)") == "[1] 11\n")
        #expect(try run("f <- function(x) { if (x > 0) return(\"positive\"); \"not positive\" }; f(1); f(-1)") ==
                "[1] \"positive\"\n[1] \"not positive\"\n")
        #expect(try run("fact <- function(n) if (n <= 1) 1 else n * fact(n - 1); fact(10)") == "[1] 3628800\n")
        #expect(try run("g <- function(...) sum(...); g(1, 2, 3)") == "[1] 6\n")
        #expect(try run("h <- function(x, ...) paste(x, ...); h(\"a\", \"b\", sep = \"-\")") == "[1] \"a-b\"\n")
        #expect(try run("f <- function(n, k = n * 2) k; f(4)") == "[1] 8\n")
        #expect(try run("sq <- \\(x) x^2; sq(3)") == "[1] 9\n")
    }

    @Test("lexical scope: closures keep their environment; <<- updates the enclosing one")
    func scope() throws {
        let counter = """
        make_counter <- function() {
          i <- 0
          function() {
            i <<- i + 1
            i
          }
        }
        count <- make_counter()
        count(); count()
        x <- 1
        f <- function() { x <- 2; x }
        f(); x
        """
        #expect(try run(counter) == "[1] 1\n[1] 2\n[1] 2\n[1] 1\n")
    }

    @Test("control flow: if/else values, for over vectors and lists, while, repeat, break, next")
    func controlFlow() throws {
        #expect(try run("x <- if (TRUE) \"a\" else \"b\"; x") == "[1] \"a\"\n")
        #expect(try run("s <- 0; for (i in 1:10) { if (i %% 2 == 0) next; s <- s + i }; s") == "[1] 25\n")
        #expect(try run("i <- 0; while (TRUE) { i <- i + 1; if (i >= 3) break }; i") == "[1] 3\n")
        #expect(try run("i <- 0; repeat { i <- i + 2; if (i > 5) break }; i") == "[1] 6\n")
        #expect(try run("for (v in list(1, \"a\")) print(v)") == "[1] 1\n[1] \"a\"\n")
        #expect(try run("if (FALSE) 1") == "")
    }

    @Test("visibility: assignments, loops, invisible() and print() do not print their value")
    func visibility() throws {
        #expect(try run("x <- 5") == "")
        #expect(try run("(x <- 5)") == "[1] 5\n")
        #expect(try run("invisible(3)") == "")
        #expect(try run("f <- function() invisible(7); f(); y <- f(); y") == "[1] 7\n")
        #expect(try run("print(1)") == "[1] 1\n")
    }

    @Test("formulas are values: printed verbatim, class formula, usable after assignment")
    func formulaValues() throws {
        #expect(try run("f <- truant ~ age + (1 | school); f; class(f)") == "truant ~ age + (1 | school)\n[1] \"formula\"\n")
    }

    @Test("pipes chain calls")
    func pipes() throws {
        #expect(try run("c(3, 1, 2) |> sort() |> rev()") == "[1] 3 2 1\n")
        #expect(try run("d <- data_frame(a = 1:5); d |> subset(a > 3) |> nrow()") == "[1] 2\n")
    }
}

import Foundation
import Testing
import TestSupport
@testable import Script

let contraceptionCSV = Fixtures.path("glm/contraception_logit.csv")

@Suite("Data built-ins: reading, inspecting, transforming (checked against R)")
struct DataBuiltinTests {
    @Test("read_csv and head print as R's head(d) does")
    func readAndHead() throws {
        let expected = try String(contentsOfFile: Fixtures.path("script/head_print.txt"), encoding: .utf8)
        // R: print(head(d[, c("woman", "use", "age", "urban")]))
        let out = try run("d <- read_csv(\"\(contraceptionCSV)\")\nhead(d[, c(\"woman\", \"use\", \"age\", \"urban\")])")
        #expect(out == expected)
        #expect(try run("d <- read_csv(\"\(contraceptionCSV)\"); nrow(d); ncol(d); dim(d)") == "[1] 1934\n[1] 6\n[1] 1934    6\n")
    }

    @Test("summary of a numeric column prints as R's summaryDefault")
    func summaryNumeric() throws {
        let expected = try String(contentsOfFile: Fixtures.path("script/summary_age.txt"), encoding: .utf8)
        // R: print(summary(d$age))
        #expect(try run("d <- read_csv(\"\(contraceptionCSV)\"); summary(d$age)") == expected)
    }

    @Test("table of two variables prints as R's table(urban = d$urban, use = d$use)")
    func crossTable() throws {
        let expected = try String(contentsOfFile: Fixtures.path("script/table_print.txt"), encoding: .utf8)
        #expect(try run("d <- read_csv(\"\(contraceptionCSV)\"); table(urban = d$urban, use = d$use)") == expected)
    }

    @Test("group_summary gives aggregate(age ~ urban, d, mean)")
    func groupSummary() throws {
        // R: aggregate(age ~ urban, data = d, FUN = mean)
        let ref = try #require(try Fixtures.json("script/contraception_groups.json") as? [String: Any])
        let means = try #require(ref["mean_age"] as? [Double])
        let session = Interpreter(output: { _ in }, messages: { _ in })
        let v = try session.evaluate("d <- read_csv(\"\(contraceptionCSV)\"); g <- group_summary(d, by = \"urban\", n = length(age), mean_age = mean(age)); g$mean_age")
        let got = try #require(v.vector?.doubles?.compactMap { $0 })
        #expect(maxRelativeDifference(got, means) < 1e-12)
        #expect(try run("d <- read_csv(\"\(contraceptionCSV)\"); group_summary(d, by = \"urban\", n = length(age))") == "  urban    n\n1     N 1372\n2     Y  562\n")
    }

    @Test("subset keeps rows where the condition holds (NA dropped) and selects columns")
    func subsetRows() throws {
        let code = """
        d <- data_frame(id = 1:5, age = c(11, NA, 13, 14, 15), g = c("a", "b", "a", "b", "a"))
        subset(d, age > 12 & g == "a", select = c("id", "age"))
        """
        #expect(try run(code) == "  id age\n1  3  13\n2  5  15\n")
    }

    @Test("transform adds columns computed from columns, each seeing the earlier ones")
    func transformColumns() throws {
        let code = """
        d <- data_frame(x = c(1, 2, 3))
        transform(d, x2 = x * 2, x3 = x2 + 1, big = x > 1)
        """
        #expect(try run(code) == "  x x2 x3   big\n1 1  2  3 FALSE\n2 2  4  5  TRUE\n3 3  6  7  TRUE\n")
    }

    @Test("merge joins school data onto pupils: inner by default, left with all.x = TRUE, and says what did not match")
    func merging() throws {
        let setup = """
        pupils <- data_frame(id = 1:4, school = c("s1", "s2", "s1", "s9"))
        schools <- data_frame(school = c("s1", "s2"), size = c(300, 450))

        """
        #expect(try run(setup + "merge(pupils, schools, by = \"school\")") ==
                "note: 1 row of x found no match in y (keys s9) and were dropped\n  id school size\n1  1     s1  300\n2  2     s2  450\n3  3     s1  300\n")
        #expect(try run(setup + "left_join(pupils, schools, by = \"school\")$size") ==
                "note: 1 row of x found no match in y (keys s9); their new columns are NA\n[1] 300 450 300  NA\n")
    }

    @Test("describe lists each column's type, counts and moments")
    func describeColumns() throws {
        let out = try run("describe(data_frame(x = c(1, 2, NA), s = c(\"a\", \"b\", \"b\")))")
        #expect(out == "  variable   type n missing mean        sd min max levels\n1        x double 2       1  1.5 0.7071068   1   2     NA\n2        s string 3       0   NA        NA  NA  NA      2\n")
    }

    @Test("write_csv writes a file read_csv reads back; it will not overwrite without overwrite = TRUE")
    func writeAndRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("truant-script-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try run("d <- data_frame(a = c(1.5, NA), b = c(\"x\", \"y\")); write_csv(d, \"\(path)\"); read_csv(\"\(path)\")") ==
                "    a b\n1 1.5 x\n2  NA y\n")
        let e = scriptError("write_csv(data_frame(a = 1), \"\(path)\")")
        #expect(e?.message.contains("the file exists") == true)
    }

    @Test("read_csv of a missing file names it")
    func missingFile() {
        let e = scriptError("d <- read_csv(\"no/such/file.csv\")")
        #expect(e?.message.contains("no/such/file.csv") == true)
        #expect(e?.line == 1 && e?.column == 6)
    }
}

@Suite("Data built-ins: SPSS, Stata and SQLite")
struct ForeignDataBuiltinTests {
    @Test("read_data reads SPSS and Stata files by extension (value labels as factors); SQLite round trip")
    func foreign() throws {
        let sav = Fixtures.path("dataio/pupils.sav"), dta = Fixtures.path("dataio/pupils.dta")
        #expect(try run("p <- read_data(\"\(sav)\"); dim(p); levels(p$sex); class(p$track)") ==
                "[1] 12  7\n[1] \"boy\"  \"girl\"\n[1] \"factor\"\n")
        #expect(try run("s <- read_data(\"\(dta)\"); nrow(s)") == "[1] 12\n")
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("truant-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let code = """
        p <- read_data("\(sav)")
        write_data(p, "\(db)", table = "pupils")
        q <- read_sqlite("\(db)", table = "pupils")
        all(q$score == p$score, na.rm = TRUE)
        read_data("sqlite:\(db)?query=SELECT COUNT(*) AS n FROM pupils")$n
        """
        #expect(try run(code) == "[1] TRUE\n[1] 12\n")
    }
}

@Suite("summary of a table")
struct TableSummaryTests {
    @Test("summary(d) prints R's summary.data.frame byte for byte")
    func summaryDataFrame() throws {
        // R: summary(data.frame(x = c(1.5, NA, 3, 10), s = c("a", NA, "ccc", "a"), f = factor(c("u", "v", NA, "u")),
        //                       b = c(TRUE, FALSE, NA, TRUE), i = c(1L, 2L, 3L, 4L)))
        let expected = try String(contentsOfFile: Fixtures.path("script/summary_data_frame.txt"), encoding: .utf8)
        let code = "d <- data_frame(x = c(1.5, NA, 3, 10), s = c(\"a\", NA, \"ccc\", \"a\"), f = factor(c(\"u\", \"v\", NA, \"u\")), b = c(TRUE, FALSE, NA, TRUE), i = c(1L, 2L, 3L, 4L))\nsummary(d)"
        #expect(try run(code) == expected)
    }
}

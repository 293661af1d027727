import Foundation
import Frames

extension Interpreter {
    /// `path` resolved against `directory`.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix("sqlite:") { return path }
        guard let d = directory, !d.isEmpty else { return path }
        return d.hasSuffix("/") ? d + path : d + "/" + path
    }

    /// Records a data file read by the script, under the path the script wrote (`written`), with the
    /// SHA-256 of the file at `path`.
    func recordInput(_ path: String, as written: String) {
        let p = path.hasPrefix("sqlite:") ? String(path.dropFirst(7).split(separator: "?").first ?? "") : path
        guard let data = FileManager.default.contents(atPath: p) else { return }
        if inputFiles.contains(where: { $0.path == written }) { return }
        inputFiles.append((written, SHA256.hex(data)))
    }

    func registerDataBuiltins() {
        define("read_csv", ["file", "sep", "na", "dec"], topic: "data", usage: "read_csv(file, sep = auto, na = c(\"\", \"NA\", \".\"), dec = auto)",
               "Reads a CSV/TSV file into a table (R's read.csv; the delimiter and decimal mark are detected unless given). Text columns stay text; use factor() or let model formulas treat them as factors.") { ctx in
            let file = try ctx.string("file")
            var options = CSVOptions()
            if ctx.has("sep") {
                let s = try ctx.string("sep")
                guard let u = s.unicodeScalars.first, s.unicodeScalars.count == 1, u.isASCII else {
                    throw ctx.fail("'sep' must be one character such as \",\" or \";\"", argument: "sep")
                }
                options.delimiter = .character(UInt8(u.value))
            }
            if ctx.has("na") { options.naTokens = try ctx.strings("na") }
            if ctx.has("dec") {
                let d = try ctx.string("dec")
                guard d == "." || d == "," else { throw ctx.fail("'dec' must be \".\" or \",\"", argument: "dec") }
                options.decimal = d == "." ? .point : .comma
            }
            let path = ctx.interpreter.resolve(file)
            let t = try CSVReader.read(path: path, options: options)
            ctx.interpreter.recordInput(path, as: file)
            return .table(t)
        }
        define("read_data", ["file"], topic: "data", usage: "read_data(file)",
               "Reads a data file by its extension and first bytes: .csv/.tsv/.txt as read_csv, SPSS (.sav, .zsav, .por; value labels become factors, user-missing codes NA), Stata (.dta), SAS (.sas7bdat, .xpt), and SQLite as \"sqlite:PATH?table=NAME\" or \"sqlite:PATH?query=SELECT ...\".") { ctx in
            let file = try ctx.string("file")
            let path = ctx.interpreter.resolve(file)
            let t: Table
            let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if path.hasPrefix("sqlite:") {
                t = try Table.readSQLite(source: path)
            } else if ["csv", "tsv", "txt"].contains(ext) {
                t = try CSVReader.read(path: path)
            } else {
                t = try Table.readStatisticalFile(path: path)
            }
            ctx.interpreter.recordInput(path, as: file)
            return .table(t)
        }
        define("read_sqlite", ["file", "table", "query"], topic: "data", usage: "read_sqlite(file, table = NULL, query = NULL)",
               "Reads a table of an SQLite database, or the result of an SQL query: read_sqlite(\"school.db\", table = \"pupils\").") { ctx in
            let file = try ctx.string("file")
            let path = ctx.interpreter.resolve(file)
            let t: Table
            if ctx.has("query") {
                t = try Table.readSQLite(path: path, query: try ctx.string("query"))
            } else {
                t = try Table.readSQLite(path: path, table: try ctx.string("table"))
            }
            ctx.interpreter.recordInput(path, as: file)
            return .table(t)
        }
        define("write_data", ["x", "file", "table", "overwrite"], topic: "data", usage: "write_data(x, file, table = NULL, overwrite = FALSE)",
               "Writes a table by the file's extension: .csv, SPSS .sav, Stata .dta, or an SQLite database (.db, .sqlite; give table = \"name\"). Refuses to replace an existing file (or SQLite table) unless overwrite = TRUE.") { ctx in
            let t = try ctx.table("x")
            let file = try ctx.string("file")
            let path = ctx.interpreter.resolve(file)
            let overwrite = try ctx.bool("overwrite", default: false)
            let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
            switch ext {
            case "csv": try CSVWriter.write(t, to: path, overwrite: overwrite)
            case "sav": try t.writeSPSS(to: path, overwrite: overwrite)
            case "dta": try t.writeStata(to: path, overwrite: overwrite)
            case "db", "sqlite", "sqlite3": try t.writeSQLite(path: path, table: try ctx.string("table"), replace: overwrite)
            default:
                throw ctx.fail("cannot tell the format of '\(file)' from its extension", argument: "file", hint: "use .csv, .sav, .dta, .db or .sqlite")
            }
            ctx.interpreter.outputFiles.append(file)
            ctx.interpreter.visible = false
            return .null
        }
        define("write_csv", ["x", "file", "overwrite"], topic: "data", usage: "write_csv(x, file, overwrite = FALSE)",
               "Writes a table as CSV (read back identically by read_csv and R's read.csv). Refuses to replace an existing file unless overwrite = TRUE.") { ctx in
            let t = try ctx.table("x")
            let path = ctx.interpreter.resolve(try ctx.string("file"))
            try CSVWriter.write(t, to: path, overwrite: try ctx.bool("overwrite", default: false))
            ctx.interpreter.outputFiles.append(path)
            ctx.interpreter.visible = false
            return .null
        }
        define("data_frame", ["..."], topic: "data", usage: "data_frame(name = values, ...)",
               "A table from named vectors of equal length (a single value is repeated), as R's data.frame(..., stringsAsFactors = FALSE).") { ctx in
            var columns: [(String, Vector)] = []
            for (k, d) in ctx.dots.enumerated() {
                guard case .vector(let v)? = d.value else {
                    throw ctx.interpreter.fail(.type, "each column must be a vector", offset: d.at)
                }
                columns.append((d.name ?? "V\(k + 1)", v))
            }
            let n = columns.map { $0.1.count }.max() ?? 0
            var cols: [Column] = []
            for (name, v) in columns {
                guard v.count == n || v.count == 1 else {
                    throw ctx.fail("column '\(name)' has \(v.count) values, the others \(n)", hint: "give every column the same length")
                }
                let full = v.count == n ? v : v.taking([Int?](repeating: 0, count: n))
                cols.append(full.withoutNames.column(named: name))
            }
            do { return .table(try Table(columns: cols)) } catch let e as FrameError { throw ctx.fail(e.description) }
        }
        for (name, fromEnd) in [("head", false), ("tail", true)] {
            define(name, ["x", "n"], topic: "inspect", usage: "\(name)(x, n = 6)",
                   "The \(fromEnd ? "last" : "first") n rows of a table (or elements of a vector).") { ctx in
                let n = try ctx.int("n", default: 6)
                switch try ctx.value("x") {
                case .table(let t):
                    let k = n >= 0 ? Swift.min(n, t.rowCount) : Swift.max(0, t.rowCount + n)
                    let rows = fromEnd ? Array((t.rowCount - k)..<t.rowCount) : Array(0..<k)
                    return .table(try t.rows(rows))
                case .vector(let v):
                    let k = n >= 0 ? Swift.min(n, v.count) : Swift.max(0, v.count + n)
                    let rows = fromEnd ? Array((v.count - k)..<v.count) : Array(0..<k)
                    return .vector(v.taking(rows.map { $0 }))
                case .list(let l):
                    let k = Swift.min(Swift.max(n, 0), l.values.count)
                    let idx = fromEnd ? Array((l.values.count - k)..<l.values.count) : Array(0..<k)
                    return .list(ListValue(idx.map { l.values[$0] }, names: l.names.map { ns in idx.map { ns[$0] } }))
                case let other: throw ctx.fail("\(name)() takes a table, vector or list, not a \(other.className)", argument: "x")
                }
            }
        }
        define("nrow", ["x"], topic: "inspect", usage: "nrow(x)", "Number of rows of a table.") { ctx in
            .vector(.integer(try ctx.table("x").rowCount))
        }
        define("ncol", ["x"], topic: "inspect", usage: "ncol(x)", "Number of columns of a table.") { ctx in
            .vector(.integer(try ctx.table("x").columnCount))
        }
        define("dim", ["x"], topic: "inspect", usage: "dim(x)", "Rows and columns of a table.") { ctx in
            let t = try ctx.table("x")
            return .vector(Vector(.integer([t.rowCount, t.columnCount])))
        }
        define("colnames", ["x"], topic: "inspect", usage: "colnames(x)", "The column names of a table.") { ctx in
            .vector(Vector(.character(try ctx.table("x").columnNames)))
        }
        define("describe", ["x"], topic: "inspect", usage: "describe(x)",
               "One row per column: type, n, missing, mean, sd, min, max (numeric columns) or the number of levels (text and factors).") { ctx in
            let t = try ctx.table("x")
            return .table(try describeTable(t))
        }
        define("table", ["...", "useNA"], topic: "inspect", usage: "table(x, y = NULL, useNA = \"no\")",
               "Counts of each value (one variable) or of each combination (two variables), as R's table(). useNA = \"ifany\" adds a count of missing values.") { ctx in
            let useNA = try ctx.string("useNA", default: "no")
            guard ["no", "ifany", "always"].contains(useNA) else { throw ctx.fail("'useNA' must be \"no\", \"ifany\" or \"always\"", argument: "useNA") }
            var vars: [(String, Vector)] = []
            for d in ctx.dots {
                switch d.value {
                case .vector(let v)?:
                    var label = d.name ?? ""
                    if label.isEmpty, let e = d.expr, case .name(let n) = e.node { label = n }
                    vars.append((label, v))
                case .table(let t)?: for c in t.columns { vars.append((c.name, Vector(column: c))) }
                default: throw ctx.interpreter.fail(.type, "table() counts vectors or table columns", offset: d.at)
                }
            }
            guard (1...2).contains(vars.count) else { throw ctx.fail("table() takes one or two variables") }
            guard vars.count == 1 || vars[0].1.count == vars[1].1.count else {
                throw ctx.fail("the variables differ in length (\(vars[0].1.count) and \(vars[1].1.count))")
            }
            return .object(FrequencyTable(variables: vars, useNA: useNA))
        }
        define("summary", ["object", "..."], topic: "inspect", usage: "summary(object, ...)",
               "A summary: for a numeric vector the minimum, quartiles, mean and maximum; for a factor the counts; for a table each column; for a fitted model R's summary (coefficients with standard errors and tests).") { ctx in
            let v = try ctx.value("object")
            switch v {
            case .vector(let x):
                if case .factor = x.storage {
                    return .object(FrequencyTable(variables: [("", x)], useNA: "ifany", bare: true))
                }
                if let d = x.doubles {
                    let present = d.compactMap { $0 }.sorted()
                    let nas = d.count - present.count
                    var values: [Double?] = present.isEmpty ? [nil, nil, nil, nil, nil, nil]
                        : [present[0], quantile7(present, 0.25), quantile7(present, 0.5), present.reduce(0, +) / Double(present.count), quantile7(present, 0.75), present[present.count - 1]]
                    var names = ["Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max."]
                    if nas > 0 { values.append(Double(nas)); names.append("NA's") }
                    return .object(SummaryDefault(names: names, values: values))
                }
                let strs = x.strings
                return .object(TextObject(className: "summaryDefault", text: "   Length     Class      Mode \n\(padLeft(String(strs.count), 9)) character character \n"))
            case .table(let t):
                return .object(TableSummary(t))
            case .object(let o):
                if let s = o as? Summarizable { return .object(try s.summaryObject()) }
                return v
            default:
                return v
            }
        }
    }

    /// The text of an argument expression (for labels such as table()'s dimension names).
    func endOfArgument(_ e: Expr) -> Int {
        Printer(width: width).endOfExpr(e, currentSource)
    }
}

/// describe()'s table.
func describeTable(_ t: Table) throws -> Table {
    let s = t.describe()
    return try Table(columns: [
        Column(name: "variable", values: .string(s.map(\.name))),
        Column(name: "type", values: .string(s.map(\.type.rawValue))),
        Column(name: "n", values: .integer(s.map(\.n))),
        Column(name: "missing", values: .integer(s.map(\.missing))),
        Column(name: "mean", values: .double(s.map { $0.mean ?? .nan }), missing: s.map { $0.mean == nil }),
        Column(name: "sd", values: .double(s.map { $0.sd ?? .nan }), missing: s.map { $0.sd == nil }),
        Column(name: "min", values: .double(s.map { $0.min ?? .nan }), missing: s.map { $0.min == nil }),
        Column(name: "max", values: .double(s.map { $0.max ?? .nan }), missing: s.map { $0.max == nil }),
        Column(name: "levels", values: .integer(s.map { $0.levels?.count ?? 0 }), missing: s.map { $0.levels == nil }),
    ])
}

/// A value that has a `summary()`.
protocol Summarizable {
    func summaryObject() throws -> any ScriptObject
}

/// Text printed as is (summaries).
struct TextObject: ScriptObject {
    var className: String
    var text: String
    func printed(width: Int) -> String { text }
    func field(_ name: String) -> Value? { name == "text" ? .vector(.string(text)) : nil }
    var fieldNames: [String] { ["text"] }
}

/// R's summaryDefault: named values printed jointly with 4 significant digits (NA's as a count).
struct SummaryDefault: ScriptObject {
    var names: [String]
    var values: [Double?]
    var className: String { "summaryDefault" }
    func printed(width: Int) -> String {
        let hasNA = names.last == "NA's"
        let stats = hasNA ? Array(values.dropLast()) : values
        var items = Printer(width: width).formatDoubles(stats, digits: 4)
        if hasNA, let last = values.last ?? nil { items.append(String(Int(last))) }
        let w = Swift.max(items.map(\.count).max() ?? 0, names.map(\.count).max() ?? 0)
        return names.map { padLeft($0, w) + " " }.joined() + "\n" + items.map { padLeft($0, w) + " " }.joined() + "\n"
    }
    func field(_ name: String) -> Value? {
        names.firstIndex(of: name).map { .vector(Vector(.double([values[$0]]))) }
    }
    var fieldNames: [String] { names }
}

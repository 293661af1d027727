import Formula
import Frames
import Reports

extension Interpreter {
    /// The text R would print for `v` at the prompt (ends in a line end).
    public func format(_ v: Value) -> String {
        Printer(width: width).format(v)
    }
}

/// Formats values the way R prints them.
struct Printer {
    var width: Int

    func format(_ v: Value, prefix: String = "") -> String {
        switch v {
        case .null: return "NULL\n"
        case .vector(let x): return vector(x)
        case .list(let l): return list(l, prefix: prefix)
        case .table(let t): return table(t)
        case .formula(let f): return f.formula.text + "\n"
        case .closure(let c): return closure(c)
        case .builtin(let b): return "function (\(b.parameters.joined(separator: ", ")))\n<built-in: \(b.name); see help(\(b.name))>\n"
        case .object(let o):
            let s = o.printed(width: width)
            return s.hasSuffix("\n") ? s : s + "\n"
        }
    }

    func closure(_ c: Closure) -> String {
        let text = c.source.slice(c.body.start, c.source.scalars.count)
        _ = text
        let params = c.parameters.map { p in p.defaultValue.map { d in "\(p.name) = \(c.source.slice(d.start, endOfExpr(d, c.source)))" } ?? p.name }
        return "function(\(params.joined(separator: ", "))) \(c.source.slice(c.body.start, endOfExpr(c.body, c.source)))\n"
    }

    /// Approximate end of an expression's text (up to the end of its line or its closing brace).
    func endOfExpr(_ e: Expr, _ s: Source) -> Int {
        let chars = s.scalars
        var depth = 0
        var i = e.start
        while i < chars.count {
            let c = chars[i]
            if c == "{" || c == "(" || c == "[" { depth += 1 }
            if c == "}" || c == ")" || c == "]" {
                if depth == 0 { return i }
                depth -= 1
                if depth == 0 && c == "}" { return i + 1 }
            }
            if (c == "\n" || c == "," || c == ";") && depth == 0 { return i }
            i += 1
        }
        return i
    }

    /// Element texts of a vector, formatted jointly (7 significant digits for doubles), and whether
    /// they are right-aligned.
    func elements(_ x: Vector, quote: Bool, digits: Int = 7) -> ([String], Bool) {
        switch x.storage {
        case .logical(let v): return (v.map { $0.map { $0 ? "TRUE" : "FALSE" } ?? "NA" }, true)
        case .integer(let v): return (v.map { $0.map { String($0) } ?? "NA" }, true)
        case .double(let v): return (formatDoubles(v, digits: digits), true)
        case .character(let v): return (v.map { $0.map { quote ? "\"" + escape($0) + "\"" : $0 } ?? (quote ? "NA" : "<NA>") }, false)
        case .factor(let c, let l): return (c.map { $0.flatMap { $0 < l.count ? l[$0] : nil } ?? "<NA>" }, false)
        }
    }

    func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out
    }

    func vector(_ x: Vector, digits: Int = 7) -> String {
        if x.count == 0 {
            switch x.storage {
            case .logical: return "logical(0)\n"
            case .integer: return "integer(0)\n"
            case .double: return "numeric(0)\n"
            case .character: return "character(0)\n"
            case .factor(_, let l): return "factor(0)\nLevels: \(l.joined(separator: " "))\n"
            }
        }
        var (items, right) = elements(x, quote: true, digits: digits)
        var out = ""
        if let names = x.names {
            let w = Swift.max(items.map(\.count).max() ?? 0, names.map(\.count).max() ?? 0)
            let perLine = Swift.max(1, width / (w + 1))
            var i = 0
            while i < items.count {
                let j = Swift.min(items.count, i + perLine)
                out += names[i..<j].map { padLeft($0, w) + " " }.joined() + "\n"
                out += items[i..<j].map { (right ? padLeft($0, w) : padRight($0, w)) + " " }.joined() + "\n"
                i = j
            }
        } else {
            if case .factor = x.storage { right = false }
            let w = items.map(\.count).max() ?? 0
            let labelWidth = "[\(items.count)]".count
            let perLine = Swift.max(1, (width - labelWidth) / (w + 1))
            var i = 0
            while i < items.count {
                let j = Swift.min(items.count, i + perLine)
                var line = padLeft("[\(i + 1)]", labelWidth)
                for k in i..<j { line += " " + (right ? padLeft(items[k], w) : padRight(items[k], w)) }
                out += line + "\n"
                i = j
            }
        }
        if case .factor(_, let levels) = x.storage {
            out += levelsLine(levels)
        }
        return out
    }

    func levelsLine(_ levels: [String]) -> String {
        var line = "Levels:"
        var out = ""
        for l in levels {
            if line.count + 1 + l.count > width && line != "Levels:" {
                out += line + "\n"
                line = ""
                line += l
            } else {
                line += " " + l
            }
        }
        return out + line + "\n"
    }

    func list(_ l: ListValue, prefix: String) -> String {
        if prefix.count > 400 { return "<list nested too deeply to print>\n" }
        if l.values.isEmpty { return l.names == nil ? "list()\n" : "named list()\n" }
        var out = ""
        for (k, v) in l.values.enumerated() {
            let name = l.names?[k] ?? ""
            let tag = prefix + (name.isEmpty ? "[[\(k + 1)]]" : "$" + (isSyntacticName(name) ? name : "`\(name)`"))
            out += tag + "\n"
            if case .list(let inner) = v {
                out += list(inner, prefix: tag) + "\n"
            } else {
                out += format(v, prefix: tag) + "\n"
            }
        }
        return out
    }

    /// Formats a double column jointly as R's print does (`NA` for missing, `NaN`, `Inf`).
    func formatDoubles(_ v: [Double?], digits: Int) -> [String] {
        let finite = v.compactMap { $0 }.filter { $0.isFinite }
        let f = finite.isEmpty ? [] : RFormat.column(finite, digits: digits)
        var k = 0
        return v.map { x in
            guard let x else { return "NA" }
            if x.isNaN { return "NaN" }
            if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
            defer { k += 1 }
            return f[k]
        }
    }

    /// A column's cells as R's print.data.frame shows them (right-aligned).
    func cells(_ c: Column) -> [String] {
        switch c.values {
        case .double(let v): return formatDoubles(v.indices.map { c.missing[$0] ? nil : v[$0] }, digits: 7)
        case .string, .factor: return (0..<c.count).map { c.missing[$0] ? "<NA>" : c.text(at: $0) }
        default: return (0..<c.count).map { c.text(at: $0) }
        }
    }

    /// A table as R's print.data.frame: row numbers, right-aligned columns, wrapped to the width;
    /// more than 20 rows print the first 10 and say how many are left.
    func table(_ t: Table) -> String {
        if t.columnCount == 0 { return "data frame with 0 columns and \(t.rowCount) rows\n" }
        if t.rowCount == 0 {
            return "[1] " + t.columnNames.map { padRight($0, 0) }.joined(separator: " ") + "\n<0 rows> (or 0-length row.names)\n"
        }
        let shown = t.rowCount > 20 ? 10 : t.rowCount
        let sub = (try? t.rows(Array(0..<shown))) ?? t
        let rowNames = (1...shown).map(String.init)
        let rw = rowNames.map(\.count).max() ?? 1
        var blocks: [[Int]] = [[]]
        var used = rw
        var columns: [(name: String, cells: [String], width: Int)] = []
        for c in sub.columns {
            let cs = cells(c)
            let w = Swift.max(c.name.count, cs.map(\.count).max() ?? 0)
            columns.append((c.name, cs, w))
        }
        for (j, c) in columns.enumerated() {
            if used + 1 + c.width > width && !(blocks.last?.isEmpty ?? true) {
                blocks.append([])
                used = rw
            }
            blocks[blocks.count - 1].append(j)
            used += 1 + c.width
        }
        var out = ""
        for block in blocks {
            out += String(repeating: " ", count: rw) + block.map { " " + padLeft(columns[$0].name, columns[$0].width) }.joined() + "\n"
            for i in 0..<shown {
                out += padRight(rowNames[i], rw) + block.map { " " + padLeft(columns[$0].cells[i], columns[$0].width) }.joined() + "\n"
            }
        }
        if shown < t.rowCount {
            out += " [ showing \(shown) of \(t.rowCount) rows; head(d, n) shows more ]\n"
        }
        return out
    }
}

/// `true` for a name that needs no back quotes.
func isSyntacticName(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, Lexer.isIdentStart(first) else { return false }
    return s.unicodeScalars.allSatisfy(Lexer.isIdentPart) && !reservedWords.contains(s)
}

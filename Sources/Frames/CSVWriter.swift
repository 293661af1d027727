import Foundation

/// Writes a `Table` as RFC 4180 CSV that R's `read.csv` and `CSVReader` read back identically.
///
/// Column names, strings and factor levels are always quoted (a quote inside is doubled); missing
/// cells are an unquoted `NA`; booleans are `TRUE`/`FALSE`; doubles use the shortest text that
/// round-trips (`0.1`, `1e-05`, `3.0`: an integral double keeps `.0` so it reads back as a double),
/// with `Inf`, `-Inf` and `NaN` spelled as R does. Records end in `\n`.
public enum CSVWriter {
    /// The CSV text of `table`, with `delimiter` between fields (`,` by default; use `;` only with
    /// care, since doubles always use a decimal point).
    public static func text(_ table: Table, delimiter: Character = ",") -> String {
        var out = ""
        let sep = String(delimiter)
        out += table.columns.map { quote($0.name) }.joined(separator: sep)
        out += "\n"
        for i in 0..<table.rowCount {
            for (k, c) in table.columns.enumerated() {
                if k > 0 { out += sep }
                out += cell(c, i)
            }
            out += "\n"
        }
        return out
    }

    /// Writes `table` to `path` atomically (via a temporary file); refuses to replace an existing
    /// file unless `overwrite` is `true`.
    public static func write(_ table: Table, to path: String, delimiter: Character = ",", overwrite: Bool = false) throws {
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw FrameError.invalid("\(path): the file exists; pass overwrite (--force) to replace it")
        }
        do {
            try Data(text(table, delimiter: delimiter).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FrameError.unreadable(file: path, reason: "it could not be written: \(error.localizedDescription)")
        }
    }

    /// The text of cell `i` of `column`.
    static func cell(_ column: Column, _ i: Int) -> String {
        if column.missing[i] { return "NA" }
        switch column.values {
        case .double(let v): return shortestText(v[i])
        case .integer(let v): return String(v[i])
        case .boolean(let v): return v[i] ? "TRUE" : "FALSE"
        case .string(let v): return quote(v[i])
        case .factor(let f):
            let c = Int(f.codes[i])
            return c >= 0 && c < f.levels.count ? quote(f.levels[c]) : "NA"
        }
    }

    /// Shortest round-trip text of a double in R's spelling for the specials.
    public static func shortestText(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return x.description
    }

    /// `s` in double quotes with inner quotes doubled.
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Frames
import Models

/// Writes a derived table by the extension of `path`: .csv, .tsv, SPSS .sav or Stata .dta (used by
/// `truant center` and `truant scale --save`).
func writeDerivedTable(_ table: Table, to path: String, overwrite: Bool) throws {
    let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
    switch ext {
    case "csv": try CSVWriter.write(table, to: path, overwrite: overwrite)
    case "tsv", "txt": try CSVWriter.write(table, to: path, delimiter: "\t", overwrite: overwrite)
    case "sav": try table.writeSPSS(to: path, overwrite: overwrite)
    case "dta": try table.writeStata(to: path, overwrite: overwrite)
    default:
        throw MeasurementError.invalid("--out '\(path)': cannot tell the format from the extension; use .csv, .tsv, .sav or .dta")
    }
}

/// Reading a table from a path, by the file's extension.
extension Table {
    /// Reads the table at `path`: `.csv`, `.tsv` and `.txt` as delimited text (see `CSVOptions`).
    /// SPSS (`.sav`, `.por`), Stata (`.dta`), SAS and SQLite inputs are recognised and reported as not
    /// supported yet.
    public static func read(path: String, options: CSVOptions = CSVOptions()) throws -> Table {
        if path.hasPrefix("sqlite:") {
            throw FrameError.unsupportedFormat(file: path, format: "SQLite", hint: "export the table to CSV for now (sqlite3 -csv -header DB 'select * from T' > T.csv)")
        }
        let ext = path.split(separator: "/").last.flatMap { name -> String? in
            guard let dot = name.lastIndex(of: ".") else { return nil }
            return String(name[name.index(after: dot)...]).lowercased()
        } ?? ""
        switch ext {
        case "csv", "tsv", "txt":
            return try CSVReader.read(path: path, options: options)
        case "sav", "zsav", "por":
            throw FrameError.unsupportedFormat(file: path, format: "SPSS", hint: "save it as CSV (File > Export > CSV, UTF-8) or in R: write.csv(haven::read_sav(PATH), 'out.csv', row.names = FALSE)")
        case "dta":
            throw FrameError.unsupportedFormat(file: path, format: "Stata", hint: "export it as CSV (Stata: export delimited using out.csv) or in R: write.csv(haven::read_dta(PATH), 'out.csv', row.names = FALSE)")
        case "sas7bdat", "xpt":
            throw FrameError.unsupportedFormat(file: path, format: "SAS", hint: "export it as CSV")
        case "xlsx", "xls":
            throw FrameError.unsupportedFormat(file: path, format: "Excel", hint: "save the sheet as 'CSV UTF-8'")
        default:
            throw FrameError.unsupportedFormat(file: path, format: ext.isEmpty ? "extension-less" : "'.\(ext)'", hint: "give a .csv, .tsv or .txt file")
        }
    }
}

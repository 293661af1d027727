/// Reading a table from a path, by the file's extension (and, for foreign formats, its magic bytes).
extension Table {
    /// Reads the table at `path`:
    /// - `.csv`, `.tsv`, `.txt`: delimited text (see `CSVOptions`);
    /// - `.sav`, `.zsav`, `.por`: SPSS; `.dta`: Stata; `.sas7bdat`, `.xpt`: SAS (through ReadStat,
    ///   value labels as factor levels, user-missing codes as missing; see `ForeignReadOptions`);
    /// - `sqlite:PATH?table=NAME` or `sqlite:PATH?query=SELECT...`: SQLite.
    ///
    /// A file whose content does not match its extension gets an error that says what it looks like.
    public static func read(path: String, options: CSVOptions = CSVOptions(),
                            foreign: ForeignReadOptions = ForeignReadOptions()) throws -> Table {
        if path.hasPrefix("sqlite:") {
            return try readSQLite(source: path)
        }
        let ext = path.split(separator: "/").last.flatMap { name -> String? in
            guard let dot = name.lastIndex(of: ".") else { return nil }
            return String(name[name.index(after: dot)...]).lowercased()
        } ?? ""
        switch ext {
        case "csv", "tsv", "txt":
            return try CSVReader.read(path: path, options: options)
        case "sav", "zsav", "por", "dta", "sas7bdat", "xpt":
            return try readStatisticalFile(path: path, options: foreign)
        case "sqlite", "sqlite3", "db":
            throw FrameError.unsupportedFormat(file: path, format: "SQLite",
                                               hint: "name the table or query: sqlite:\(path)?table=NAME or sqlite:\(path)?query=SELECT ...")
        case "xlsx", "xls":
            throw FrameError.unsupportedFormat(file: path, format: "Excel", hint: "save the sheet as 'CSV UTF-8'")
        default:
            throw FrameError.unsupportedFormat(file: path, format: ext.isEmpty ? "extension-less" : "'.\(ext)'",
                                               hint: "give a .csv, .tsv, .txt, .sav, .por, .dta, .sas7bdat or .xpt file, or sqlite:PATH?table=NAME")
        }
    }
}

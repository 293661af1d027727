import ArgumentParser
import Foundation
import Frames
import Reports

/// `truant describe`: reads a table and prints one line per column.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Read a data file and describe each column: type, n, missing, mean/SD/min/max or level counts.",
        discussion: """
        Types are inferred per column (boolean -> integer -> double -> string); strings stay strings \
        until a model uses them as factors. Missing values are empty cells, NA and '.'.

        Example:
          truant describe --data pupils.csv
          truant describe --data export.csv --na NA,.,-99 --format json
        """
    )

    /// The data file (.csv, .tsv, .txt).
    @Option(help: "The data file (.csv, .tsv or .txt; ';'-separated files with decimal commas are recognised).")
    var data: String

    /// Output format.
    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// Missing-value tokens.
    @Option(help: "Comma-separated cell texts meaning missing (default: empty, NA, .).")
    var na: String?

    /// The output formats of `describe`.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        var options = CSVOptions()
        if let na { options.naTokens = na.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let table: Table
        do {
            table = try Table.read(path: data, options: options)
        } catch let error as FrameError {
            FileHandle.standardError.write(Data("truant describe: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let summaries = table.describe()
        switch format {
        case .json: print(json(table, summaries).serialized(pretty: true))
        case .text: print(text(table, summaries), terminator: "")
        }
    }

    func json(_ table: Table, _ summaries: [ColumnSummary]) -> JSONValue {
        .object([
            ("source", .string(data)),
            ("n_rows", .integer(table.rowCount)),
            ("n_columns", .integer(table.columnCount)),
            ("columns", .array(summaries.map { s in
                var members: [(String, JSONValue)] = [
                    ("name", .string(s.name)), ("type", .string(s.type.rawValue)),
                    ("n", .integer(s.n)), ("missing", .integer(s.missing)),
                ]
                if let levels = s.levels {
                    // At most 100 levels are listed; `n_levels` always gives the full number.
                    members.append(("n_levels", .integer(levels.count)))
                    members.append(("levels", .array(levels.prefix(100).map { .object([("level", .string($0.level)), ("count", .integer($0.count))]) })))
                } else {
                    members += [("mean", .number(s.mean)), ("sd", .number(s.sd)), ("min", .number(s.min)), ("max", .number(s.max))]
                }
                return .object(members)
            })),
        ])
    }

    func text(_ table: Table, _ summaries: [ColumnSummary]) -> String {
        func num(_ x: Double?) -> String {
            guard let x else { return "NA" }
            return String(format: "%.4g", x)
        }
        let width = max(6, summaries.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
        func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
        var out = "\(data): \(table.rowCount) rows, \(table.columnCount) columns\n\n"
        out += pad("column", width) + "  " + pad("type", 8) + lpad("n", 9) + lpad("missing", 9) + "  summary\n"
        for s in summaries {
            var line = pad(s.name, width) + "  " + pad(s.type.rawValue, 8) + lpad(String(s.n), 9) + lpad(String(s.missing), 9) + "  "
            if let levels = s.levels {
                let shown = levels.prefix(6).map { "\($0.level): \($0.count)" }.joined(separator: ", ")
                line += "\(levels.count) levels" + (levels.isEmpty ? "" : " (\(shown)\(levels.count > 6 ? ", ..." : ""))")
            } else {
                line += "mean \(num(s.mean))  sd \(num(s.sd))  min \(num(s.min))  max \(num(s.max))"
            }
            out += line + "\n"
        }
        return out
    }
}

import ArgumentParser
import Foundation
import Frames
import Models
import Reports

/// `truant center`: school means and centered pupil measures, joined back onto the pupils.
struct CenterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "center",
        abstract: "School means, SDs and counts of pupil measures, and the measures centered within school (CWC) and at the grand mean (CGM).",
        discussion: """
        For each --vars column x, adds x_mean (the school mean over pupils with a value), x_sd, x_n, \
        x_cwc = x - x_mean, x_cgm = x - grand mean and x_mean_c = x_mean - the mean of the school means \
        (each school counted once: the usual centring of a school-level predictor) to the data and writes it to --out (.csv, .tsv, .sav \
        or .dta). A pupil without a value keeps the school's mean and count but gets no x_cwc or x_cgm. \
        The printed summary gives the within/between decomposition of each variable: the grand mean, the \
        SD of the school means and the pooled within-school SD. With x_cwc and x_mean in one model, the \
        within and between effects separate; `truant fit ... --contextual x_mean,x_cwc` gives their \
        difference (the contextual effect) with its standard error.

        Example:
          truant center --data pupils.csv --vars support,bonding --group school_id --out pupils_c.csv
          truant center --data pupils.csv --vars support --group school_id --out c.csv --format json

        Exit status: 0 success, 2 bad usage or bad input (unknown or non-numeric column, an existing \
        --out without --force, an unreadable file).
        """
    )

    /// The data file.
    @Option(help: ArgumentHelp("The data file (.csv, .tsv, .sav, .dta, ...).", valueName: "path"))
    var data: String

    /// Variables to center.
    @Option(help: "Comma-separated numeric columns to aggregate and center.")
    var vars: String

    /// Grouping column.
    @Option(help: "The grouping column (e.g. school_id).")
    var group: String

    /// Output data file.
    @Option(help: ArgumentHelp("Write the data with the derived columns to this file (.csv, .tsv, .sav or .dta).", valueName: "path"))
    var out: String

    /// Overwrite.
    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    /// Output format of the summary.
    @Option(help: "Summary format: text or json.")
    var format: SummaryFormat = .text

    func run() throws {
        try runMeasurementCommand("center") {
            let names = try columnNames(vars, option: "--vars")
            var table = try Table.read(path: data)
            var parts: [ClusterDecomposition] = []
            for name in names {
                let d = try ClusterDecomposition(table: table, variable: name, group: group)
                table = try d.joined(to: table)
                parts.append(d)
            }
            try writeDerivedTable(table, to: out, overwrite: force)
            switch format {
            case .text: print(text(parts), terminator: "")
            case .json: print(json(parts).serialized(pretty: true))
            }
        }
    }

    /// Within/between summary of one decomposition.
    struct Split {
        let between: Double, within: Double, groups: Int, n: Int
        init(_ d: ClusterDecomposition) {
            let means = d.groups.filter { $0.n > 0 }.map(\.mean)
            let m = d.meanOfGroupMeans
            between = means.count > 1 ? (means.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(means.count - 1)).squareRoot() : .nan
            let w = d.withinCentered.filter { !$0.isNaN }
            n = w.count
            groups = means.count
            within = n > groups ? (w.map { $0 * $0 }.reduce(0, +) / Double(n - groups)).squareRoot() : .nan
        }
    }

    func json(_ parts: [ClusterDecomposition]) -> JSONValue {
        .object([
            ("group", .string(group)), ("out", .string(out)),
            ("variables", .array(parts.map { d in
                let s = Split(d)
                return .object([
                    ("var", .string(d.variable)), ("grand_mean", .number(d.grandMean)),
                    ("sd_between_means", .number(s.between)), ("sd_within_pooled", .number(s.within)),
                    ("n", .integer(s.n)), ("n_groups", .integer(s.groups)),
                    ("n_missing", .integer(d.missingValues)), ("n_without_group", .integer(d.missingGroups)),
                    ("columns", .array(["mean", "sd", "n", "cwc", "cgm", "mean_c"].map { .string("\(d.variable)_\($0)") })),
                ])
            })),
        ])
    }

    func text(_ parts: [ClusterDecomposition]) -> String {
        func f(_ x: Double) -> String { x.isNaN ? "NA" : String(format: "%.4f", x) }
        var out = "Centering by \(group): wrote \(self.out)\n\n"
        let w = max(8, parts.map(\.variable.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        out += pad("variable", w) + lpad("grand mean", 12) + lpad("SD between", 12) + lpad("SD within", 12)
            + lpad("n", 8) + lpad("groups", 8) + lpad("missing", 9) + "\n"
        for d in parts {
            let s = Split(d)
            out += pad(d.variable, w) + lpad(f(d.grandMean), 12) + lpad(f(s.between), 12) + lpad(f(s.within), 12)
                + lpad(String(s.n), 8) + lpad(String(s.groups), 8) + lpad(String(d.missingValues), 9) + "\n"
        }
        out += "\nAdded per variable x: x_mean, x_sd, x_n (school), x_cwc (x - x_mean), x_cgm (x - grand mean),\n  x_mean_c (x_mean - mean of the school means).\n"
        let missing = parts.filter { $0.missingValues > 0 }
        for d in missing {
            out += "Note: \(d.variable): \(d.missingValues) pupil(s) without a value keep the school mean but have no \(d.variable)_cwc / \(d.variable)_cgm.\n"
        }
        if let d = parts.first(where: { $0.missingGroups > 0 }) {
            out += "Note: \(d.missingGroups) row(s) without a value for \(group) get no school mean.\n"
        }
        return out
    }
}

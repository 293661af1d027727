import ArgumentParser
import Foundation
import Frames
import Models
import Reports

/// `truant agreement`: aggregation diagnostics for pupil ratings of their school.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "ICC(1), ICC(2) and r_wg(j) for aggregating pupil ratings to the school level.",
        discussion: """
        ICC(1) and ICC(2) come from a one-way ANOVA per variable (multilevel's ICC1/ICC2); ICC(1) is also \
        given from a random-intercept model y ~ 1 + (1 | group) fitted by REML (lmer's variance components; \
        JSON icc1_model, between_variance, within_variance). r_wg(j) treats \
        the --vars as one scale against a uniform null for --options response options, \
        sigma2_EU = (A^2 - 1)/12, truncated to [0, 1] (multilevel's rwg.j; r_wg for one variable). \
        Schools with one pupil have no r_wg(j); schools below --min-size are flagged.

        Example:
          truant agreement --data pupils.csv --vars B1,B2,B3 --group school --options 4
          truant agreement --data pupils.csv --vars B1 --group school --format json

        Exit status: 0 success, 2 bad usage or bad input (unknown or non-numeric column, fewer than two \
        groups, an unreadable file).
        """
    )

    /// The data file.
    @Option(help: ArgumentHelp("The data file (.csv, .tsv or .txt).", valueName: "path"))
    var data: String

    /// Rating variables.
    @Option(help: "Comma-separated rating columns (one scale for r_wg(j)).")
    var vars: String

    /// Grouping column.
    @Option(help: "The grouping column (e.g. school).")
    var group: String

    /// Number of response options.
    @Option(help: "Number of response options A of the ratings (uniform null variance (A^2 - 1)/12); default 5.")
    var options: Int = 5

    /// Minimum group size for the flag.
    @Option(name: .customLong("min-size"), help: "Flag groups with fewer members than this (default 10).")
    var minSize: Int = 10

    /// Output format.
    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    func run() throws {
        try runMeasurementCommand("agreement") {
            let names = try columnNames(vars, option: "--vars")
            let table = try Table.read(path: data)
            let report = try AgreementReport(table: table, variables: names, group: group, options: options,
                                             minimumGroupSize: minSize)
            switch format {
            case .text: print(text(report), terminator: "")
            case .json: print(json(report).serialized(pretty: true))
            }
        }
    }

    func json(_ r: AgreementReport) -> JSONValue {
        let a = r.agreement
        return .object([
            ("group", .string(r.groupVariable)),
            ("n_groups", .integer(r.groupCount)),
            ("variables", .array(zip(r.intraclass, r.modelIntraclass).map { i, m in
                .object([("var", .string(i.variable)), ("icc1", .number(i.icc1)), ("icc2", .number(i.icc2)),
                         ("n", .integer(i.n)), ("n_dropped", .integer(i.excludedRows)),
                         ("ms_between", .number(i.meanSquareBetween)), ("ms_within", .number(i.meanSquareWithin)),
                         ("mean_group_size", .number(i.meanGroupSize)),
                         ("icc1_model", m.map { .number($0.icc1) } ?? .null),
                         ("between_variance", m.map { .number($0.betweenVariance) } ?? .null),
                         ("within_variance", m.map { .number($0.withinVariance) } ?? .null)])
            })),
            ("rwg_j", .object([
                ("mean", .number(a.mean)), ("median", .number(a.median)),
                ("options", .integer(options)), ("null_variance", .number(a.nullVariance)),
                ("n_dropped", .integer(a.excludedRows)),
                ("by_group", .array(a.groups.map { g in
                    .object([("group", .string(g.group)), ("n", .integer(g.n)), ("rwg_j", .number(g.value))])
                })),
            ])),
            ("group_sizes", .array(r.groupSizes.map { .object([("group", .string($0.group)), ("n", .integer($0.n))]) })),
            ("min_size", .integer(r.minimumGroupSize)),
            ("small_groups", .array(r.smallGroups.map { .string($0) })),
            ("n_without_group", .integer(r.rowsWithoutGroup)),
            ("warnings", .array(r.warnings.map { .string($0) })),
        ])
    }

    func text(_ r: AgreementReport) -> String {
        func f(_ x: Double?, _ d: Int = 3) -> String { x.map { $0.isNaN ? "NA" : String(format: "%.\(d)f", $0) } ?? "NA" }
        let sizes = r.groupSizes.map(\.n)
        var out = "Aggregation diagnostics: \(r.intraclass.map(\.variable).joined(separator: ", ")) by \(r.groupVariable)\n"
        out += "\(r.groupCount) groups, \(sizes.reduce(0, +)) members (group size \(sizes.min() ?? 0) to \(sizes.max() ?? 0))\n\n"
        let w = max(8, r.intraclass.map(\.variable.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        out += pad("variable", w) + lpad("ICC(1)", 9) + lpad("ICC(2)", 9) + lpad("ICC(1) RI", 11) + lpad("n", 8) + "\n"
        for (i, m) in zip(r.intraclass, r.modelIntraclass) {
            out += pad(i.variable, w) + lpad(f(i.icc1), 9) + lpad(f(i.icc2), 9) + lpad(f(m?.icc1), 11)
                + lpad(String(i.n), 8) + "\n"
        }
        out += "(ICC(1), ICC(2): one-way ANOVA; ICC(1) RI: random-intercept model y ~ 1 + (1 | \(r.groupVariable)), REML)\n"

        let a = r.agreement
        let label = a.variables.count == 1 ? "r_wg" : "r_wg(j) over \(a.variables.count) items"
        out += "\n\(label) (uniform null, \(options) options, sigma2_EU = \(f(a.nullVariance))): "
        out += "mean \(f(a.mean)), median \(f(a.median)), \(a.values.count) of \(a.groups.count) groups with a value\n"
        if !r.smallGroups.isEmpty {
            out += "Groups with fewer than \(r.minimumGroupSize) members: " + r.smallGroups.joined(separator: ", ") + "\n"
        }
        if !r.warnings.isEmpty {
            out += "\nWarnings:\n" + r.warnings.map { "  - " + $0 + "\n" }.joined()
        }
        return out
    }
}

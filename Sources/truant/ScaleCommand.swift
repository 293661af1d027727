import ArgumentParser
import Foundation
import Frames
import Models
import Reports

/// `truant scale`: reliability analysis of a multi-item scale (Cronbach's alpha with Feldt's interval,
/// omega, item statistics, alpha if an item is dropped).
struct ScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Analyse a multi-item scale: alpha with its Feldt interval, omega, item statistics.",
        discussion: """
        Items are comma-separated column names; a leading '-' marks a reverse-keyed item, scored as \
        low + high - x with the declared response range (or the observed one when --range is not given). \
        Covariances use pairwise-complete responses (psych's default); respondents who answered no item \
        are left out and counted. A respondent gets a score with at least --min-valid valid items.

        Example:
          truant scale --data climate.csv --items B1,B2,-B3 --range 1,4 --min-valid 2
          truant scale --data climate.csv --items B1,B2,-B3 --range 1,4 --format json

        The JSON object has n, alpha, alpha_ci, std_alpha, omega_total (psych's omega.tot from a \
        one-factor minres solution) and items [{item, reversed, mean, sd, item_rest_r, alpha_if_deleted, ...}], \
        plus the counts of respondents left out or without a score.

        Exit status: 0 success, 2 bad usage or bad input (a response outside --range, an item without \
        variance, an unknown column, an unreadable file).
        """
    )

    /// The data file.
    @Option(help: ArgumentHelp("The data file (.csv, .tsv or .txt).", valueName: "path"))
    var data: String

    /// The items, '-' marking reverse-keyed ones.
    @Option(parsing: .unconditional, help: "Comma-separated item columns; prefix '-' for a reverse-keyed item (e.g. A1,A2,-A3).")
    var items: String

    /// Minimum number of valid items for a score.
    @Option(name: .customLong("min-valid"), help: "Minimum number of answered items for a respondent to get a score (default 1).")
    var minValid: Int = 1

    /// Declared response range.
    @Option(help: "The lowest and highest possible response, e.g. 1,5 (responses outside it are an error).")
    var range: String?

    /// Scoring rule.
    @Option(help: "Score: mean, sum or prorated_sum of the valid items (default mean).")
    var scoring: String = "mean"

    /// Output format.
    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    /// Name of the score column to save.
    @Option(help: ArgumentHelp("Add the scale score to the data as this column and write it to --out.", valueName: "name"))
    var save: String?

    /// Where the data with the score goes.
    @Option(help: ArgumentHelp("With --save: write the data with the score column to this file (.csv, .tsv, .sav or .dta).", valueName: "path"))
    var out: String?

    /// Overwrite --out.
    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    func run() throws {
        try runMeasurementCommand("scale") {
            guard let rule = ScaleScoring(rawValue: scoring) else {
                throw MeasurementError.invalid("--scoring must be mean, sum or prorated_sum, not '\(scoring)'")
            }
            let spec = try ScaleSpecification(parsing: items, range: try parseResponseRange(range), minimumValid: minValid, scoring: rule)
            let table = try Table.read(path: data)
            let report = try ScaleReport(table: table, specification: spec)
            if let name = save {
                guard let path = out else {
                    throw MeasurementError.invalid("--save \(name) needs --out <file> to write the data with the score to")
                }
                let scores = report.scores.scores
                var scored = table
                try scored.setColumn(Column(name: name, values: .double(scores), missing: scores.map(\.isNaN),
                                            label: "\(report.specification.scoring.rawValue) score of \(items)"))
                try writeDerivedTable(scored, to: path, overwrite: force)
            } else if out != nil {
                throw MeasurementError.invalid("--out needs --save <name>: the name of the score column to add")
            }
            switch format {
            case .text: print(report.summary, terminator: "")
            case .json: print(json(report).serialized(pretty: true))
            }
        }
    }

    func json(_ r: ScaleReport) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("n", .integer(r.n)),
            ("alpha", .number(r.alpha)),
            ("alpha_ci", .array([.number(r.alphaInterval.lowerBound), .number(r.alphaInterval.upperBound)])),
            ("std_alpha", .number(r.standardizedAlpha)),
            ("omega_total", .number(r.omega?.total)),
        ]
        members += [
            ("items", .array(r.items.enumerated().map { (k, s) in
                .object([
                    ("item", .string(s.item)), ("reversed", .bool(s.reversed)),
                    ("mean", .number(s.mean)), ("sd", .number(s.sd)),
                    ("item_rest_r", .number(s.itemRestCorrelation)),
                    ("alpha_if_deleted", .number(s.alphaIfDeleted)),
                    ("n", .integer(s.validCount)), ("missing", .integer(s.missingCount)),
                    ("item_total_r", .number(s.itemTotalCorrelation)),
                    ("std_alpha_if_deleted", .number(s.standardizedAlphaIfDeleted)),
                    ("loading", .number(r.factor.map { $0.loadings[k, 0] })),
                ])
            })),
            ("alpha_se", .number(r.alphaStandardError)),
            ("confidence_level", .number(r.confidenceLevel)),
            ("g6", .number(r.statistics.lambda6)),
            ("average_r", .number(r.statistics.averageCorrelation)),
            ("omega_h", .number(r.omega?.hierarchical)),
            ("omega_model", .number(r.omega?.modelBased)),
            ("score", .object([
                ("scoring", .string(r.specification.scoring.rawValue)),
                ("min_valid", .integer(r.specification.minimumValid)),
                ("mean", .number(r.scoreMean)), ("sd", .number(r.scoreSD)),
            ])),
            ("range", r.specification.range.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
            ("n_rows", .integer(r.rowCount)),
            ("n_all_missing", .integer(r.rowsAllMissing)),
            ("n_without_score", .integer(r.rowsWithoutScore)),
            ("n_partially_scored", .integer(r.rowsPartiallyScored)),
            ("warnings", .array(r.warnings.map { .string($0) })),
        ]
        return .object(members)
    }
}

/// Parses `--range 1,5`.
func parseResponseRange(_ text: String?) throws -> ClosedRange<Double>? {
    guard let text else { return nil }
    let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let lo = parts[0], let hi = parts[1] else {
        throw MeasurementError.invalid("--range '\(text)': give the lowest and highest response as two numbers, e.g. --range 1,5")
    }
    guard lo < hi else { throw MeasurementError.invalidRange(low: lo, high: hi) }
    return lo...hi
}


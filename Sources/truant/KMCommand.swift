import ArgumentParser
import Foundation
import Formula
import Frames
import Models
import Reports

/// `truant km`: Kaplan–Meier curves by group with the log-rank test, or Aalen–Johansen cumulative
/// incidence (with Gray's test) when the event is a factor of competing exits.
struct KMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km",
        abstract: "Kaplan–Meier survival curves by group with the log-rank test (cumulative incidence for competing exits).",
        discussion: """
        The formula is Surv(time, event) ~ groups (or ~ 1 for one curve); Surv(start, stop, event) takes \
        (start, stop] rows. The event is 0/1 (1 = event), 1/2 (2 = event) or TRUE/FALSE. When the event is \
        a factor with more than two levels, its first level means censored and the other levels are \
        competing exits: truant then estimates Aalen–Johansen cumulative incidence of each exit (R's \
        survfit with a factor event) and tests the groups with Gray's test.

        Examples on the bundled synthetic cohort (one row per pupil; time = school years observed, 1-6):
          # time to dropout by track, with the log-rank test
          truant km "Surv(time, dropout) ~ track" --data Datasets/flemish-cohort/careers.csv

          # competing exits (censored, dropout, qualified, transfer) by sex
          truant km "Surv(time, exit) ~ male" --data Datasets/flemish-cohort/careers.csv

          # the curves themselves, every digit, for plotting
          truant km "Surv(time, dropout) ~ track" --data Datasets/flemish-cohort/careers.csv \\
              --conf-type log-log --format csv --out dropout_km.csv

        Exit status: 0 success, 2 bad usage or bad input (the message names the file and line, or the \
        formula position with a caret; data without any event are bad input).
        """
    )

    /// The formula.
    @Argument(help: ArgumentHelp("Surv(time, event) ~ group variables (quote it for the shell).", valueName: "formula"))
    var formula: String

    /// The data file.
    @Option(help: ArgumentHelp("The data file (.csv, .tsv or .txt).", valueName: "path"))
    var data: String

    /// Case weights.
    @Option(help: ArgumentHelp("Column of case weights.", valueName: "column"))
    var weights: String?

    /// Interval scale.
    @Option(name: .customLong("conf-type"), help: "Confidence interval scale: log (R's default), log-log, plain or none.")
    var confType: String = "log"

    /// Interval level.
    @Option(name: .customLong("conf-level"), help: "Confidence level of the intervals (default 0.95).")
    var confLevel: Double = 0.95

    /// --format, --out, --force.
    @OptionGroup var output: OutputOptions

    /// Silence warnings on standard error.
    @Flag(help: "Do not repeat warnings on standard error.")
    var quiet = false

    func run() throws {
        do {
            try estimate()
        } catch let exit as ExitCode {
            throw exit
        } catch let e as FormulaError {
            throw fail(e.description)
        } catch let e as FrameError {
            throw fail(e.description)
        }
    }

    /// Writes `truant km: error: message` to standard error and returns the exit code to throw.
    func fail(_ message: String, code: Int32 = 2) -> ExitCode {
        FileHandle.standardError.write(Data("truant km: error: \(message)\n".utf8))
        return ExitCode(code)
    }

    func estimate() throws {
        let outputFormat = try resolveFormat()
        guard let ct = SurvivalConfidenceType(rawValue: confType.lowercased()) else {
            throw fail("unknown --conf-type '\(confType)'; use log, log-log, plain or none")
        }
        guard confLevel > 0 && confLevel < 1 else { throw fail("--conf-level must be between 0 and 1, got \(confLevel)") }
        if let problem = output.existingOutProblem { throw fail(problem) }
        let parsed = try Formula(formula)
        guard case .survival? = parsed.response else {
            throw fail(FormulaError(kind: .invalid, position: 0,
                                    message: "truant km needs a Surv(time, event) response on the left, e.g. Surv(time, dropout) ~ track",
                                    formula: formula).description)
        }
        if let term = parsed.randomTerms.first {
            throw fail(FormulaError(kind: .invalid, position: term.position,
                                    message: "curves are drawn by plain grouping variables; (\(term)) belongs to a Cox model (truant fit)",
                                    formula: formula).description)
        }
        if parsed.cluster != nil || parsed.frailty != nil || !parsed.offsets.isEmpty {
            throw fail("cluster(), frailty() and offset() belong to Cox models (truant fit); give the grouping variables only")
        }
        let table = try Table.read(path: data)
        let frame = try ModelFrame.build(formula: parsed, data: table, options: ModelFrameOptions(weights: weights))
        guard case let .survival(response) = frame.response else { throw fail("truant km needs a Surv(...) response") }
        let report: SurvivalCurvesReport
        do {
            let survival = try SurvivalData(response, weights: frame.weights)
            let groups = try GroupCodes.strata(of: frame, data: table)
            var warnings: [String] = []
            if response.states != nil {
                let fit = try AalenJohansen.fit(survival, groups: groups, confType: ct, confLevel: confLevel)
                var gray: [GrayTest] = []
                if groups.levels.count > 1, let states = survival.states {
                    if survival.weights != nil {
                        warnings.append("Gray's test is not computed with case weights")
                    } else if survival.isCountingProcess {
                        warnings.append("Gray's test needs right-censored data; not computed for (start, stop] rows")
                    } else {
                        for cause in 1...states.count {
                            do { gray.append(try GrayTest.compute(survival, cause: cause, groups: groups)) } catch {
                                warnings.append("Gray's test for \(states[cause - 1]) could not be computed: \(error)")
                            }
                        }
                    }
                }
                report = SurvivalCurvesReport(.cumulativeIncidence(fit, gray: gray), formula: parsed.text,
                                              nObs: frame.nObs, nDropped: frame.nDropped, warnings: warnings)
            } else {
                let fit = try KaplanMeier.fit(survival, groups: groups, options: .init(confType: ct, confLevel: confLevel))
                warnings += fit.warnings
                var logRank: LogRankTest? = nil
                if groups.levels.count > 1 {
                    if survival.isCountingProcess {
                        warnings.append("the log-rank test needs right-censored data; not computed for (start, stop] rows")
                    } else {
                        logRank = try LogRankTest.compute(survival, groups: groups)
                        if survival.weights != nil {
                            warnings.append("the log-rank test counts case weights as frequencies (R's survdiff takes no weights)")
                        }
                    }
                }
                report = SurvivalCurvesReport(.kaplanMeier(fit, logRank: logRank), formula: parsed.text,
                                              nObs: frame.nObs, nDropped: frame.nDropped, warnings: warnings)
            }
        } catch let e as SurvivalError {
            throw fail(locate(e, frame: frame))
        }
        let text = report.rendered(as: outputFormat, dataName: data)
        if let problem = output.write(text) { throw fail(problem) }
        if !quiet && (outputFormat != .text || output.out != nil) {
            for w in report.warnings { FileHandle.standardError.write(Data("truant km: warning: \(w)\n".utf8)) }
        }
    }

    /// The error's message, with a row among the rows used turned into the data file's line.
    func locate(_ e: SurvivalError, frame: ModelFrame) -> String {
        let row: Int
        switch e {
        case let .nonFiniteTime(_, r), let .negativeTime(_, r, _), let .stopNotAfterStart(r, _, _), let .invalidStatus(r, _),
             let .invalidStateCode(r, _, _), let .invalidWeight(r, _):
            row = r
        default:
            return e.description
        }
        guard row >= 1, row <= frame.rowsUsed.count else { return e.description }
        return "\(data):\(frame.rowsUsed[row - 1] + 2): " + e.description.replacingOccurrences(of: "row \(row): ", with: "")
    }

    /// `--format`, or the `--out` file's extension, or text.
    func resolveFormat() throws -> OutputFormat {
        switch output.resolved() {
        case .success(let f): return f
        case .failure(let e): throw fail(e.message)
        }
    }
}

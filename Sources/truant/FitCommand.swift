import ArgumentParser
import Foundation
import Formula
import Frames
import Linalg
import Models
import Reports

/// `truant fit`: fits the model a formula describes to a data file and prints or writes the result.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a model given by an R-style formula: a GLM or a Cox model; mixed models are inferred from the formula.",
        discussion: """
        The formula decides the model: a plain formula gives a generalized linear model (fitted by IRLS \
        exactly as R's glm), random-effects terms ( ... | group) a mixed model, Surv(time, event) on the \
        left a Cox model. Rows with missing values in the variables used are dropped and counted.

        Example (binomial GLM of contraceptive use, with a quadratic in age):
          truant fit "use ~ age + I(age^2) + urban + livch" \\
              --data contraception.csv --family binomial

        More:
          truant fit "cbind(ncases, ncontrols) ~ agegp + alcgp" \\
              --data esoph.csv --family binomial --link probit
          truant fit "absences ~ track + ses" --data pupils.csv \\
              --family poisson --offset logdays --out fit.json
          truant fit "len ~ supp * dose" --data tooth.csv --format markdown

        Cox models: Surv(time, event) or Surv(start, stop, event) on the left, the event 0/1, 1/2 or \
        TRUE/FALSE; strata(x), cluster(g) (robust errors), frailty(g) (gamma) or (1 | g) (Gaussian \
        frailty) on the right. On the bundled synthetic cohort (time = school years observed, 1-6):
          cd Datasets/flemish-cohort
          truant fit "Surv(time, dropout) ~ track + male + allowance" \\
              --data careers.csv --ties breslow
          truant fit "Surv(time, dropout) ~ track + male + strata(retained)
              + cluster(school_id)" --data careers.csv
          truant fit "Surv(time, dropout) ~ track + male + (1 | school_id)" \\
              --data careers.csv --format json
        Kaplan–Meier curves and cumulative incidence: truant km --help.

        Exit status: 0 success, 1 the fit failed or did not converge (the output is still written, with \
        the warnings), 2 bad usage or bad input (the message names the file and line, or the formula \
        position with a caret).
        """
    )

    /// The model formula.
    @Argument(help: ArgumentHelp("The model formula, R style, e.g. \"y ~ x + f + x:f\" (quote it for the shell).", valueName: "formula"))
    var formula: String

    /// The data file.
    @Option(help: ArgumentHelp("The data file (.csv, .tsv or .txt).", valueName: "path"))
    var data: String

    /// The GLM family.
    @Option(help: "gaussian, binomial or poisson (default: gaussian; binomial for a cbind(...) response).")
    var family: String?

    /// The link function.
    @Option(help: "Link function: identity, logit, probit, cloglog or log (default: the family's canonical link).")
    var link: String?

    /// Prior weights column.
    @Option(help: ArgumentHelp("Column of prior (case) weights; for a binomial proportion, the number of trials.", valueName: "column"))
    var weights: String?

    /// Offset column.
    @Option(help: ArgumentHelp("Column added to the linear predictor with coefficient 1 (e.g. log exposure).", valueName: "column"))
    var offset: String?

    /// Adaptive Gauss-Hermite points (mixed models only).
    @Option(help: "Gauss-Hermite quadrature points for a generalized mixed model (mixed models only).")
    var nagq: Int?

    /// REML (linear mixed models only).
    @Flag(help: "Restricted maximum likelihood (linear mixed models only).")
    var reml = false

    /// ML (mixed models only).
    @Flag(help: "Maximum likelihood (mixed models only).")
    var ml = false

    /// Ties method (Cox models only).
    @Option(help: "Ties method for Cox models: efron or breslow (Cox models only).")
    var ties: String?

    /// --format, --out, --force.
    @OptionGroup var output: OutputOptions

    /// BLAS threads.
    @Option(help: "Number of BLAS threads (default: what OpenBLAS chooses).")
    var threads: Int?

    /// Contextual effects to report.
    @Option(help: ArgumentHelp("Report the contextual effect (between minus within, with its SE) of a school-mean term and a within-centered term, e.g. --contextual bonding_mean,bonding_cwc (GLMs and mixed models; repeatable).", valueName: "between,within"))
    var contextual: [String] = []

    /// Print the time each phase took to standard error.
    @Flag(help: "Print the wall and CPU time of each phase (read, model frame, fit, output) to standard error.")
    var timings = false

    /// Silence warnings and hints on standard error.
    @Flag(help: "Do not repeat warnings and hints on standard error.")
    var quiet = false

    func run() throws {
        do {
            try fit()
        } catch let exit as ExitCode {
            throw exit
        } catch let e as FormulaError {
            throw fail(e.description, code: 2)
        } catch let e as FrameError {
            throw fail(e.description, code: 2)
        } catch let e as GLMError {
            switch e {
            case .numerical, .divergence: throw fail(e.description, code: 1)
            default: throw fail(e.description, code: 2)
            }
        }
    }

    /// Writes `truant fit: error: message` to standard error and returns the exit code to throw.
    func fail(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("truant fit: error: \(message)\n".utf8))
        return ExitCode(code)
    }

    func note(_ message: String) {
        if !quiet { FileHandle.standardError.write(Data("truant fit: \(message)\n".utf8)) }
    }

    func fit() throws {
        if let t = threads {
            guard t >= 1 else { throw fail("--threads must be at least 1, got \(t)", code: 2) }
            BLAS.setThreads(t)
        }
        let outputFormat = try resolveFormat()
        if let problem = output.existingOutProblem { throw fail(problem, code: 2) }

        // The formula decides the model.
        let parsed = try Formula(formula)
        if case .survival? = parsed.response {
            if !contextual.isEmpty {
                throw fail("--contextual applies to GLMs and mixed models, not to Cox models; compare the terms' hazard ratios instead", code: 2)
            }
            return try fitCox(parsed)
        }   // Cox models: FitCox.swift
        if parsed.givesMixedModel { return try fitMixed(parsed, format: outputFormat) }   // mixed models: FitMixed.swift
        if !parsed.strata.isEmpty || parsed.cluster != nil || parsed.frailty != nil {
            throw fail("strata(), cluster() and frailty() belong to Cox models (a Surv(...) response); remove them to fit a GLM", code: 2)
        }
        try validateModelSpecificOptions()

        let (fam, lk) = try familyAndLink(parsed)
        let model = try GLM(family: fam, link: lk)

        // Data -> model frame -> fit.
        var clock = PhaseClock()
        var readOptions = CSVOptions()
        readOptions.selectedColumns = columnsUsed(by: parsed)
        let table = try Table.read(path: data, options: readOptions)
        clock.lap("read \(table.rowCount) x \(table.columnCount)")
        let frame = try ModelFrame.build(formula: parsed, data: table,
                                         options: ModelFrameOptions(weights: weights, offset: offset))
        clock.lap("model frame \(frame.nObs) x \(frame.fixed.matrix.columns)")
        if !quiet, let hint = LinalgInfo.kernelHint, frame.nObs * frame.fixed.matrix.columns > 5_000_000 {
            note(hint)
        }
        let result: GLMFit
        do {
            result = try model.fit(frame, formula: parsed.text)
        } catch let e as GLMError {
            throw fail(locate(e, frame: frame), code: { if case .numerical = e { return 1 }; if case .divergence = e { return 1 }; return 2 }())
        }
        clock.lap("fit (\(result.iterations) iterations)")
        let effects = try contextualEffects(coefficients: result.coefficients, covariance: result.covariance)
        let text = addingContextual(effects, to: result.rendered(as: outputFormat, dataName: data),
                                    format: outputFormat) { result.json }

        try finish(text, format: outputFormat, warnings: result.warnings, converged: result.converged, clock: &clock)
    }

    /// The columns the formula, `--weights` and `--offset` name, so only those are parsed; `nil`
    /// (every column) when the formula uses `.`.
    func columnsUsed(by formula: Formula) -> Set<String>? {
        var names = Set<String>()
        func collect(_ e: FormulaExpr) -> Bool {
            switch e {
            case .name(let n, _): names.insert(n); return true
            case .number, .string: return true
            case .dot: return false
            case .call(_, let args, _): return args.allSatisfy { collect($0.value) }
            case .unary(_, let x, _), .paren(let x, _): return collect(x)
            case .binary(_, let l, let r, _): return collect(l) && collect(r)
            }
        }
        if let lhs = formula.lhs, !collect(lhs) { return nil }
        if !collect(formula.rhs) { return nil }
        if let w = weights { names.insert(w) }
        if let o = offset { names.insert(o) }
        return names
    }

    /// The error's message, with a row among the rows used turned into the data file's line.
    func locate(_ e: GLMError, frame: ModelFrame) -> String {
        let row: Int
        switch e {
        case let .invalidResponse(_, r, _, _), let .invalidWeight(r, _), let .invalidOffset(r, _), let .invalidDesign(r, _, _):
            row = r
        default:
            return e.description
        }
        guard row >= 1, row <= frame.rowsUsed.count else { return e.description }
        let line = frame.rowsUsed[row - 1] + 2   // 0-based data row + header line
        return "\(data):\(line): " + e.description.replacingOccurrences(of: "row \(row): ", with: "")
    }

    /// `--format`, or the `--out` file's extension, or text.
    func resolveFormat() throws -> OutputFormat {
        switch output.resolved() {
        case .success(let f): return f
        case .failure(let e): throw fail(e.message, code: 2)
        }
    }

    /// `--nagq`, `--reml`/`--ml` and `--ties` belong to mixed and Cox models: validate them and refuse
    /// them for a GLM, so that a mistyped formula does not silently fit a different model.
    func validateModelSpecificOptions() throws {
        if reml && ml { throw fail("--reml and --ml exclude each other; give one", code: 2) }
        if let q = nagq, q < 1 || q > 100 {
            throw fail("--nagq must be between 1 and 100 (1 is the Laplace approximation), got \(q)", code: 2)
        }
        if let t = ties, !["efron", "breslow"].contains(t.lowercased()) {
            throw fail("--ties must be efron or breslow, got '\(t)'", code: 2)
        }
        if nagq != nil { throw fail("--nagq applies to generalized mixed models (a formula with ( ... | group) terms); this formula gives a GLM", code: 2) }
        if reml || ml { throw fail("--\(reml ? "reml" : "ml") applies to mixed models (a formula with ( ... | group) terms); a GLM is fitted by maximum likelihood (IRLS)", code: 2) }
        if ties != nil { throw fail("--ties applies to Cox models (a Surv(...) response); this formula gives a GLM", code: 2) }
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// Wall-clock and CPU time per phase, for `--timings`.
struct PhaseClock {
    private var lastWall = PhaseClock.wall()
    private var lastCPU = PhaseClock.cpu()
    private(set) var report = ""

    /// Records the time since the previous lap under `name`.
    mutating func lap(_ name: String) {
        let w = PhaseClock.wall(), c = PhaseClock.cpu()
        report += String(format: "truant fit: %-40@ wall %7.3f s  cpu %7.3f s\n", name as NSString, w - lastWall, c - lastCPU)
        lastWall = w
        lastCPU = c
    }

    static func wall() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    static func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

extension FitCommand {
    /// The family of `--family` (default gaussian, binomial for a `cbind(successes, failures)` response) and
    /// the link of `--link` (`nil`: the family's default).
    func familyAndLink(_ parsed: Formula) throws -> (Models.Family, Link?) {
        var family: Models.Family = .gaussian
        if let f = self.family {
            guard let v = Models.Family(rawValue: f.lowercased()) else {
                throw fail("unknown family '\(f)'; use gaussian, binomial or poisson", code: 2)
            }
            family = v
        } else if case .binomial? = parsed.response {
            family = .binomial
        }
        guard let l = link else { return (family, nil) }
        guard let v = Link(rawValue: l.lowercased()) else {
            throw fail("unknown link '\(l)'; use one of \(family.allowedLinks.map(\.rawValue).joined(separator: ", ")) for the \(family.rawValue) family", code: 2)
        }
        return (family, v)
    }
}

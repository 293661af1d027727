import Frames
import Linalg
import Models

/// A scale analysis (psych's alpha) as a script value.
struct ScaleObject: ScriptObject, Summarizable {
    var report: ScaleReport
    var className: String { "scale_report" }
    func printed(width: Int) -> String { report.summary }
    func summaryObject() throws -> any ScriptObject { self }
    func field(_ name: String) -> Value? {
        switch name {
        case "alpha": return .vector(.double(report.alpha))
        case "std_alpha": return .vector(.double(report.standardizedAlpha))
        case "alpha_ci": return .vector(Vector(.double([report.alphaInterval.lowerBound, report.alphaInterval.upperBound])))
        case "omega_total": return .vector(Vector(.double([report.omega?.total])))
        case "n": return .vector(.integer(report.n))
        case "scores": return .vector(Vector(.double(report.scores.scores.map { $0.isNaN ? nil : $0 })))
        case "items":
            let s = report.items
            let t = try? Table(columns: [
                Column(name: "item", values: .string(s.map(\.item))),
                Column(name: "reversed", values: .boolean(s.map(\.reversed))),
                Column(name: "mean", values: .double(s.map(\.mean))),
                Column(name: "sd", values: .double(s.map(\.sd))),
                Column(name: "item_rest_r", values: .double(s.map(\.itemRestCorrelation))),
                Column(name: "alpha_if_deleted", values: .double(s.map(\.alphaIfDeleted))),
            ])
            return t.map { .table($0) }
        case "warnings": return .vector(Vector(.character(report.warnings.map { $0 })))
        default: return nil
        }
    }
    var fieldNames: [String] { ["alpha", "std_alpha", "alpha_ci", "omega_total", "n", "scores", "items", "warnings"] }
}

/// ICC(1), ICC(2) and r_wg(j) of ratings within groups.
struct AgreementObject: ScriptObject {
    var report: AgreementReport
    var className: String { "agreement" }
    func printed(width: Int) -> String {
        var out = "Agreement within \(report.groupVariable) (\(report.groupSizes.count) groups)\n\n"
        let names = report.intraclass.map(\.variable)
        let w = Swift.max(8, names.map(\.count).max() ?? 0)
        out += padRight("variable", w) + "     ICC1     ICC2\n"
        for icc in report.intraclass {
            out += padRight(icc.variable, w) + " " + padLeft(RFormatted(icc.icc1), 8) + " " + padLeft(RFormatted(icc.icc2), 8) + "\n"
        }
        out += "\nr_wg(j): mean \(RFormatted(report.agreement.mean)), median \(RFormatted(report.agreement.median))\n"
        for w in report.warnings { out += "warning: \(w)\n" }
        return out
    }
    func field(_ name: String) -> Value? {
        switch name {
        case "icc1": return .vector(Vector(.double(report.intraclass.map(\.icc1)), names: report.intraclass.map(\.variable)))
        case "icc2": return .vector(Vector(.double(report.intraclass.map(\.icc2)), names: report.intraclass.map(\.variable)))
        case "rwg_mean": return .vector(.double(report.agreement.mean))
        case "rwg_median": return .vector(.double(report.agreement.median))
        default: return nil
        }
    }
    var fieldNames: [String] { ["icc1", "icc2", "rwg_mean", "rwg_median"] }
}

/// A number to 4 significant digits.
func RFormatted(_ x: Double) -> String {
    x.isNaN ? "NA" : numberText(signif(x, 4))
}

extension Interpreter {
    func registerMeasurementBuiltins() {
        define("alpha", ["x", "items", "range", "min_valid", "scoring", "level"], topic: "measurement",
               usage: "alpha(x, items = all columns, range = NULL, min_valid = 1, scoring = \"mean\", level = 0.95)",
               "Reliability of a multi-item scale, as psych's alpha(): Cronbach's alpha (raw and standardized) with Feldt's interval, omega, item statistics with alpha-if-deleted, and scale scores. items names the columns; a leading '-' marks a reverse-keyed item (c(\"A1\", \"-A2\")); range is the response range (e.g. c(1, 5)) used to reverse items. Fields: $alpha, $std_alpha, $alpha_ci, $omega_total, $scores, $items.") { ctx in
            let t = try ctx.table("x")
            let items = ctx.has("items") ? try ctx.strings("items") : t.columnNames
            var range: ClosedRange<Double>? = nil
            if ctx.has("range") {
                let r = try ctx.doubles("range").compactMap { $0 }
                guard r.count == 2, r[0] < r[1] else { throw ctx.fail("'range' must be two numbers, lowest first, e.g. c(1, 5)", argument: "range") }
                range = r[0]...r[1]
            }
            let scoringText = try ctx.string("scoring", default: "mean")
            guard let scoring = ScaleScoring(rawValue: scoringText) else {
                throw ctx.fail("'scoring' must be \"mean\", \"sum\" or \"prorated_sum\"", argument: "scoring")
            }
            let spec = try ScaleSpecification(parsing: items.joined(separator: ","), range: range,
                                              minimumValid: try ctx.int("min_valid", default: 1), scoring: scoring)
            let report = try ScaleReport(table: t, specification: spec, confidenceLevel: try ctx.double("level", default: 0.95))
            for w in report.warnings { ctx.interpreter.warn(w) }
            return .object(ScaleObject(report: report))
        }
        define("agreement", ["x", "vars", "group", "options"], topic: "measurement",
               usage: "agreement(x, vars, group, options = 5)",
               "Agreement of ratings within groups (e.g. pupils' climate ratings within schools): ICC(1) and ICC(2) per variable (multilevel's ICC1/ICC2) and r_wg(j) over the variables as one scale with a uniform null of `options` response options. Fields: $icc1, $icc2, $rwg_mean, $rwg_median.") { ctx in
            let t = try ctx.table("x")
            let report = try AgreementReport(table: t, variables: try ctx.strings("vars"), group: try ctx.string("group"),
                                             options: try ctx.int("options", default: 5))
            return .object(AgreementObject(report: report))
        }
        define("contextual", ["fit", "between", "within"], topic: "measurement",
               usage: "contextual(fit, between, within)",
               "The contextual effect of a pupil measure in a model with its school mean (between) and its within-school centred version (within): between minus within, with its standard error sqrt(V_bb + V_ww - 2 V_bw) from the covariance of the estimates, z and p. fit is a glm() or glmer() fit; between and within name its terms. Returns a named vector (estimate, std_error, z, p).") { ctx in
            let coefficients: [Coefficient], covariance: Matrix
            switch try ctx.value("fit") {
            case .object(let m as MixedObject): (coefficients, covariance) = (m.fit.coefficients, m.fit.covariance)
            case .object(let g as GLMObject): (coefficients, covariance) = (g.fit.coefficients, g.fit.covariance)
            default: throw ctx.fail("'fit' must be a model fitted by glm() or glmer()", argument: "fit")
            }
            do {
                let e = try ContextualEffect(coefficients: coefficients, covariance: covariance,
                                             between: try ctx.string("between"), within: try ctx.string("within"))
                return .vector(Vector(.double([e.estimate, e.stdError, e.statistic, e.pValue]),
                                      names: ["estimate", "std_error", "z", "p"]))
            } catch let e as MeasurementError {
                throw ctx.fail(e.description, argument: "between", hint: "name the model's school-mean and within-centred terms, e.g. contextual(m, \"x_mean\", \"x_cwc\")")
            }
        }
        define("icc", ["x", "group"], topic: "measurement", usage: "icc(x, group) or icc(fit)",
               "ICC(1) and ICC(2) of a numeric vector x within the groups given by group (one-way ANOVA, as multilevel's ICC1 and ICC2); returns a named vector. For a model fitted by lmer() or glmer(): a table with one row per grouping factor: group, levels, icc (the intercept variance over the intercept variances plus the residual variance: sigma^2 for lmer, pi^2/3 on the latent scale of a logit model, 1 for probit; NA for poisson) and mor, the median odds ratio exp(sqrt(2 var) qnorm(0.75)) (logit models; NA otherwise).") { ctx in
            if case .object(let m as MixedObject)? = ctx.values["x"] {
                let g = m.fit.groups
                return .table(try Table(columns: [
                    Column(name: "group", values: .string(g.map(\.group))),
                    Column(name: "levels", values: .integer(g.map(\.levels))),
                    Column(name: "icc", values: .double(g.map { $0.icc ?? .nan }), missing: g.map { $0.icc == nil }),
                    Column(name: "mor", values: .double(g.map { $0.medianOddsRatio ?? .nan }), missing: g.map { $0.medianOddsRatio == nil }),
                ]))
            }
            let x = try ctx.doubles("x")
            let g = try ctx.vector("group")
            guard g.count == x.count else { throw ctx.fail("'x' and 'group' differ in length (\(x.count) and \(g.count))") }
            let icc = try IntraclassCorrelation(variable: "x", values: x.map { $0 ?? .nan }, grouping: Grouping(labels: g.strings))
            return .vector(Vector(.double([icc.icc1, icc.icc2]), names: ["ICC1", "ICC2"]))
        }
    }
}

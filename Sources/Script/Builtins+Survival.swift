import Formula
import Frames
import Models
import Reports

/// A fitted Cox model (R's coxph object).
struct CoxObject: ScriptObject, Summarizable {
    var model: CoxModel
    var call: String
    var className: String { "coxph" }
    func printed(width: Int) -> String { model.summaryText(call: call) }
    func summaryObject() throws -> any ScriptObject { self }
    func field(_ name: String) -> Value? {
        let names = model.coefficients.map(\.term)
        switch name {
        case "coefficients": return .vector(Vector(.double(model.coefficients.map { $0.estimate }), names: names))
        case "hazard_ratios": return .vector(Vector(.double(model.hazardRatios.map { $0.ratio }), names: names))
        case "se": return .vector(Vector(.double(model.coefficients.map { $0.stdError }), names: names))
        case "loglik": return .vector(Vector(.double([model.loglikNull, model.loglik])))
        case "n": return .vector(.integer(model.nObs))
        case "nevent": return .vector(.integer(model.nEvents))
        case "iter": return .vector(.integer(model.iterations))
        case "warnings": return .vector(Vector(.character(model.warnings.map { $0 })))
        default: return nil
        }
    }
    var fieldNames: [String] { ["coefficients", "hazard_ratios", "se", "loglik", "n", "nevent", "iter", "warnings"] }
}

/// Kaplan–Meier curves (R's survfit object).
struct SurvfitObject: ScriptObject, Summarizable {
    var fit: KaplanMeierFit
    var call: String
    var className: String { "survfit" }
    func printed(width: Int) -> String { fit.summaryText(call: call) }
    func summaryObject() throws -> any ScriptObject { TextObject(className: "summary.survfit", text: fit.eventTableText()) }
    func field(_ name: String) -> Value? {
        switch name {
        case "time": return .vector(Vector(.double(fit.strata.flatMap(\.time).map { $0 })))
        case "surv": return .vector(Vector(.double(fit.strata.flatMap(\.surv).map { $0 })))
        case "n.risk": return .vector(Vector(.double(fit.strata.flatMap(\.nRisk).map { $0 })))
        case "n.event": return .vector(Vector(.double(fit.strata.flatMap(\.nEvent).map { $0 })))
        case "lower": return .vector(Vector(.double(fit.strata.flatMap(\.confLow).map { $0.isNaN ? nil : $0 })))
        case "upper": return .vector(Vector(.double(fit.strata.flatMap(\.confHigh).map { $0.isNaN ? nil : $0 })))
        case "strata": return .vector(Vector(.integer(fit.strata.map { $0.time.count }), names: fit.strata.map(\.stratum)))
        case "median": return .vector(Vector(.double(fit.strata.map(\.median)), names: fit.strata.map(\.stratum)))
        default: return nil
        }
    }
    var fieldNames: [String] { ["time", "surv", "n.risk", "n.event", "lower", "upper", "strata", "median"] }
}

extension Interpreter {
    /// `name(formula = ..., data = d)` as R prints a call.
    func callText(_ name: String, _ ctx: CallContext, formula: String, extra: [String] = []) -> String {
        var args = ["formula = \(formula)"]
        if let e = ctx.written["data"], case .name(let n) = e.node { args.append("data = \(n)") }
        return "\(name)(" + (args + extra).joined(separator: ", ") + ")"
    }

    func registerSurvivalBuiltins() {
        define("coxph", ["formula", "data", "ties", "weights"], quoted: ["weights"], topic: "models",
               usage: "coxph(formula, data, ties = \"efron\", weights = NULL)",
               "Fits a Cox proportional-hazards model as R's survival::coxph: coxph(Surv(time, status) ~ age + sex + strata(track) + cluster(school), data = d). Surv(start, stop, event) gives counting-process data; frailty(g) a shared gamma frailty. ties is \"efron\" or \"breslow\". Print it or use summary(); fields $coefficients, $hazard_ratios, $se, $loglik, $n, $nevent.") { ctx in
            let f = try ctx.formula("formula")
            guard case .survival? = f.formula.response else {
                throw ctx.fail("a Cox model needs a Surv(time, event) response on the left of ~", argument: "formula",
                               hint: "write coxph(Surv(time, status) ~ x, data = d)")
            }
            let data = try ctx.table("data")
            let tiesText = try ctx.string("ties", default: "efron")
            guard let ties = CoxTies(rawValue: tiesText) else {
                throw ctx.fail("ties must be \"efron\" or \"breslow\", not \"\(tiesText)\"", argument: "ties")
            }
            let (table, extras) = try ctx.interpreter.modelExtras(ctx, data, ["weights"])
            let frame = try ModelFrame.build(formula: f.formula, data: table, options: ModelFrameOptions(weights: extras["weights"]))
            let model = try CoxPH.model(frame, options: CoxPH.Options(ties: ties))
            for w in model.warnings { ctx.interpreter.warn(w) }
            return .object(CoxObject(model: model, call: ctx.interpreter.callText("coxph", ctx, formula: f.formula.text)))
        }
        define("survfit", ["formula", "data", "conf.type", "conf.int"], topic: "models",
               usage: "survfit(formula, data, conf.type = \"log\", conf.int = 0.95)",
               "Kaplan–Meier survival curves as R's survival::survfit: survfit(Surv(time, status) ~ sex, data = d) gives one curve per group (~ 1 for one curve), with Greenwood standard errors and log (or \"log-log\", \"plain\") intervals. Print it for n, events and median survival; summary() gives the event table; fields $time, $surv, $n.risk, $n.event, $lower, $upper, $strata, $median. With competing exits — an event that is a factor (text) whose first level is censoring, e.g. Surv(time, exit) with levels censored, dropout, transfer — it gives the Aalen–Johansen cumulative incidence of each exit, as R's survfit with a factor status; field $cuminc is a table with strata, time, n.risk, the probability of still being in the initial state and the cumulative incidence of each exit.") { ctx in
            let f = try ctx.formula("formula")
            guard case .survival? = f.formula.response else {
                throw ctx.fail("survival curves need a Surv(time, event) response on the left of ~", argument: "formula",
                               hint: "write survfit(Surv(time, status) ~ group, data = d)")
            }
            let data = try ctx.table("data")
            let typeText = try ctx.string("conf.type", default: "log")
            guard let confType = SurvivalConfidenceType(rawValue: typeText) else {
                throw ctx.fail("conf.type must be \"log\", \"log-log\" or \"plain\", not \"\(typeText)\"", argument: "conf.type")
            }
            let level = try ctx.double("conf.int", default: 0.95)
            let frame = try ModelFrame.build(formula: f.formula, data: data)
            if case .survival(let response) = frame.response, response.states != nil {
                // A factor event whose first level is censoring: competing exits, Aalen–Johansen (R's survfit with a factor status).
                let fit = try AalenJohansen.fit(try SurvivalData(response, weights: frame.weights), groups: try GroupCodes.strata(of: frame, data: data),
                                                confType: confType, confLevel: level)
                var dataName: String? = nil
                if let e = ctx.written["data"], case .name(let n) = e.node { dataName = n }
                return .object(CumincObject(fit: fit, report: SurvivalCurvesReport(.cumulativeIncidence(fit, gray: []), formula: f.formula.text,
                                                                                   nObs: frame.nObs, nDropped: frame.nDropped), dataName: dataName))
            }
            let fit = try KaplanMeier.fit(frame, data: data, options: KaplanMeier.Options(confType: confType, confLevel: level))
            return .object(SurvfitObject(fit: fit, call: ctx.interpreter.callText("survfit", ctx, formula: f.formula.text)))
        }
    }
}

extension Interpreter {
    func registerSimulationBuiltins() {
        define("simulate_cohort", ["seed", "schools", "pupils", "params"], topic: "random",
               usage: "simulate_cohort(seed = the set_seed seed, schools = 120, pupils = 20000, params = NULL)",
               "A synthetic Flemish secondary-school cohort (as truant simulate): a list of tables $pupils, $schools, $careers and $person_period. The same seed gives the same cohort. params is a JSON parameter file (truant simulate --list-parameters documents the keys); schools and pupils override its sizes. The seed is recorded in the provenance.") { ctx in
            var p = SimulationParameters.default
            if ctx.has("params") {
                let path = ctx.interpreter.resolve(try ctx.string("params"))
                do { p = try SimulationParameters.read(path: path) } catch { throw ctx.fail(String(describing: error), argument: "params") }
                ctx.interpreter.recordInput(path, as: try ctx.string("params"))
            }
            if ctx.has("seed") {
                p.seed = try ctx.int("seed")
            } else if let s = ctx.interpreter.seed {
                p.seed = Int(truncatingIfNeeded: s)
            }
            if ctx.interpreter.seed == nil { ctx.interpreter.seed = UInt64(truncatingIfNeeded: p.seed) }
            if ctx.has("schools") { p.schools = try ctx.int("schools") }
            if ctx.has("pupils") { p.pupils = try ctx.int("pupils") }
            guard p.schools >= 1, p.pupils >= p.schools * Swift.max(1, p.school.minPupils), p.pupils <= 5_000_000 else {
                throw ctx.fail("need at least one school, at least \(Swift.max(1, p.school.minPupils)) pupils per school (the simulation's minimum school size), and at most 5,000,000 pupils",
                               hint: "for \(p.schools) school\(p.schools == 1 ? "" : "s") ask for at least \(p.schools * Swift.max(1, p.school.minPupils)) pupils")
            }
            let cohort = try SimulatedCohort(parameters: p)
            return .list(ListValue([.table(cohort.pupils), .table(cohort.schools), .table(cohort.careers), .table(cohort.personPeriod)],
                                   names: ["pupils", "schools", "careers", "person_period"]))
        }
    }
}

/// Aalen–Johansen cumulative incidence curves (R's survfit with a factor status).
struct CumincObject: ScriptObject {
    var fit: CumulativeIncidenceFit
    var report: SurvivalCurvesReport
    var dataName: String?
    var className: String { "survfitms" }
    func printed(width: Int) -> String { report.rendered(as: .text, dataName: dataName) }
    func field(_ name: String) -> Value? {
        switch name {
        case "cuminc":
            guard let states = fit.strata.first?.states else { return nil }
            var columns = [Column(name: "strata", values: .string(fit.strata.flatMap { s in s.time.map { _ in s.stratum } })),
                           Column(name: "time", values: .double(fit.strata.flatMap(\.time))),
                           Column(name: "n.risk", values: .double(fit.strata.flatMap(\.nRisk)))]
            for (k, state) in states.enumerated() {
                columns.append(Column(name: k == 0 ? "none" : state, values: .double(fit.strata.flatMap { $0.probability[k] })))
            }
            return (try? Table(columns: columns)).map { .table($0) }
        case "states": return fit.strata.first.map { .vector(Vector(.character($0.states.map { $0 }))) }
        default: return nil
        }
    }
    var fieldNames: [String] { ["cuminc", "states"] }
}

import Distributions
import Formula
import Frames
import Models
import Reports

extension Interpreter {
    /// Fits the mixed model of a `lmer`/`glmer` call.
    func fitMixed(_ ctx: CallContext, family: Family, link: Link?, reml: Bool, nAGQ: Int) throws -> Value {
        let f = try ctx.formula("formula")
        let terms = f.formula.randomTerms
        if terms.isEmpty {
            throw ctx.fail("\(ctx.function)() needs a random-effects term such as (1 | school) in the formula", argument: "formula",
                           hint: family == .gaussian && ctx.function == "lmer" ? "use lm() for a model without random effects" : "use glm() for a model without random effects")
        }
        if case .survival? = f.formula.response {
            throw ctx.fail("a Surv(...) response with random effects is a frailty Cox model", argument: "formula", hint: "use coxph(Surv(time, status) ~ x + frailty(school), data = d)")
        }
        let data = try ctx.table("data")
        let (table, extras) = try modelExtras(ctx, data, ["weights", "offset"])
        let frame = try ModelFrame.build(formula: f.formula, data: table,
                                         options: ModelFrameOptions(weights: extras["weights"], offset: extras["offset"]))
        for term in frame.randomTerms where Set(term.grouping.codes).count < 2 {
            throw ctx.fail("the grouping factor '\(term.grouping.name)' has \(Set(term.grouping.codes).count) level in the \(frame.nObs) rows used; a random effect needs at least two groups",
                           argument: "formula", hint: "drop the term and fit glm()")
        }
        let fit: MixedModelFit
        if family == .gaussian {
            fit = try LinearMixedModel(reml: reml).fit(frame)
        } else {
            fit = try GeneralizedLinearMixedModel(family: family, link: link, nAGQ: nAGQ).fit(frame)
        }
        for w in fit.warnings { warn(w) }
        var dataName: String? = nil
        if let e = ctx.written["data"], case .name(let n) = e.node { dataName = n }
        let text = f.formula.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        return .object(MixedObject(fit: fit, formula: text, dataName: dataName, data: data, frame: frame,
                                   usedOptionColumns: extras["offset"] != nil))
    }

    func mixedObject(_ ctx: CallContext, _ name: String = "object") throws -> MixedObject {
        let v = try ctx.value(name)
        guard case .object(let o as MixedObject) = v else {
            throw ctx.fail("\(ctx.function)() needs a mixed model fitted by lmer() or glmer(), not \(describe(v))", argument: name)
        }
        return o
    }

    func registerMixedBuiltins() {
        define("lmer", ["formula", "data", "REML", "weights", "offset"], quoted: ["weights", "offset"], topic: "models",
               usage: "lmer(formula, data, REML = TRUE, weights = NULL, offset = NULL)",
               "Fits a linear mixed model as lme4's lmer: lmer(score ~ ses + (1 + ses | school), data = d). Random-effects terms are (1 | g), (x | g) (correlated intercept and slope), (x || g) (uncorrelated), nested (1 | a/b) and crossed (1 | a) + (1 | b). REML = FALSE fits by maximum likelihood (needed to compare fixed effects with anova()). Printing shows lme4's summary plus the ICC per grouping factor. Use fixef(), ranef(), VarCorr(), icc(), predict(), confint(), anova(), vcov(), AIC(), BIC(), logLik(), nobs().") { ctx in
            try ctx.interpreter.fitMixed(ctx, family: .gaussian, link: nil, reml: try ctx.bool("REML", default: true), nAGQ: 0)
        }
        define("glmer", ["formula", "data", "family", "nAGQ", "weights", "offset"], quoted: ["weights", "offset"], topic: "models",
               usage: "glmer(formula, data, family = binomial, nAGQ = 1, weights = NULL, offset = NULL)",
               "Fits a generalized linear mixed model by maximum likelihood as lme4's glmer: glmer(truant ~ male + (1 | school_id), data = pupils, family = binomial). family is binomial, poisson, a string or binomial(link = \"probit\") (gaussian fits lmer). nAGQ = 1 is the Laplace approximation; nAGQ > 1 (up to 25) uses adaptive Gauss-Hermite quadrature and needs one scalar random effect such as (1 | school). Printing shows lme4's summary plus the latent-scale ICC and the median odds ratio. Use fixef(), ranef(), VarCorr(), icc(), predict(), confint(), anova().") { ctx in
            var (fam, link) = try ctx.interpreter.family(ctx, "family")
            if !ctx.has("family") { fam = .binomial; link = nil }
            let q = try ctx.int("nAGQ", default: 1)
            guard (0...25).contains(q) else { throw ctx.fail("nAGQ must be between 0 and 25 (1 is the Laplace approximation), not \(q)", argument: "nAGQ") }
            return try ctx.interpreter.fitMixed(ctx, family: fam, link: link, reml: true, nAGQ: q)
        }
        define("lm", ["formula", "data", "weights", "offset"], quoted: ["weights", "offset"], topic: "models",
               usage: "lm(formula, data, weights = NULL, offset = NULL)",
               "Fits a linear model by least squares: the gaussian glm (identical estimates and standard errors to R's lm; printed and summarized as a gaussian glm, whose dispersion is lm's residual variance).") { ctx in
            guard let glm = ctx.interpreter.builtins["glm"] else { throw ctx.fail("glm() is not available") }
            if let f = try? ctx.formula("formula"), !f.formula.randomTerms.isEmpty {
                throw ctx.fail("the formula has a random-effects term", argument: "formula", hint: "use lmer() for a linear mixed model")
            }
            var c = ctx
            c.values["family"] = .object(FamilyObject(family: .gaussian, link: .identity))
            return try glm.body(&c)
        }
        define("fixef", ["object"], topic: "post-estimation", usage: "fixef(object)",
               "The fixed effects of a mixed model, named by column (lme4's fixef).") { ctx in
            .vector(try ctx.interpreter.mixedObject(ctx).fixedEffects)
        }
        define("ranef", ["object"], topic: "post-estimation", usage: "ranef(object)",
               "The conditional modes of the random effects (BLUPs for lmer) with their conditional standard deviations, as a table with one row per group level and random-effect column: grpvar, term, grp, condval, condsd (R's as.data.frame(ranef(fit)); for each grouping factor, each term's levels in order).") { ctx in
            let m = try ctx.interpreter.mixedObject(ctx)
            var grpvar: [String] = [], term: [String] = [], grp: [String] = [], val: [Double] = [], sd: [Double] = []
            for cm in m.fit.conditionalModes {
                for (j, name) in cm.columnNames.enumerated() {
                    for (l, level) in cm.levels.enumerated() {
                        grpvar.append(cm.group); term.append(name); grp.append(level)
                        val.append(cm.mode(level: l, column: j)); sd.append(cm.sd(level: l, column: j))
                    }
                }
            }
            return .table(try Table(columns: [
                Column(name: "grpvar", values: .string(grpvar)), Column(name: "term", values: .string(term)),
                Column(name: "grp", values: .string(grp)), Column(name: "condval", values: .double(val)),
                Column(name: "condsd", values: .double(sd)),
            ]))
        }
        define("VarCorr", ["x"], topic: "post-estimation", usage: "VarCorr(x)",
               "The variance components of a mixed model as a table (R's as.data.frame(VarCorr(fit))): grp, var1, var2, vcov, sdcor — a variance and its standard deviation for each random effect, a covariance and correlation for each correlated pair, and the residual for lmer fits.") { ctx in
            let m = try ctx.interpreter.mixedObject(ctx, "x")
            var grp: [String] = [], v1: [String?] = [], v2: [String?] = [], vc: [Double] = [], sc: [Double] = []
            var groupsInOrder: [String] = []
            for r in m.fit.randomEffects where !groupsInOrder.contains(r.group) { groupsInOrder.append(r.group) }
            for g in groupsInOrder {
                let comps = m.fit.randomEffects.filter { $0.group == g }
                for r in comps { grp.append(g); v1.append(r.term.isEmpty || g == "Residual" ? nil : r.term); v2.append(nil); vc.append(r.variance); sc.append(r.sd) }
                for c in m.fit.randomCorrelations where c.group == g {
                    let s1 = comps.first { $0.term == c.term1 }?.sd ?? .nan, s2 = comps.first { $0.term == c.term2 }?.sd ?? .nan
                    grp.append(g); v1.append(c.term1); v2.append(c.term2); vc.append(c.corr * s1 * s2); sc.append(c.corr)
                }
            }
            if let s = m.fit.residualSD, !groupsInOrder.contains("Residual") { grp.append("Residual"); v1.append(nil); v2.append(nil); vc.append(s * s); sc.append(s) }
            return .table(try Table(columns: [
                Column(name: "grp", values: .string(grp)), Column(name: "var1", strings: v1), Column(name: "var2", strings: v2),
                Column(name: "vcov", values: .double(vc)), Column(name: "sdcor", values: .double(sc)),
            ]))
        }
        define("anova", ["object", "..."], topic: "post-estimation", usage: "anova(m0, m1, ...)",
               "Likelihood-ratio tests between nested models, as lme4's anova(m0, m1): models are ordered by their number of parameters and each is compared with the one before (chi-square of twice the log-likelihood difference). Mixed models fitted by REML are refitted by ML first, as lme4 does. Models may be lmer/glmer fits and glm fits (e.g. glm vs glmer tests a random intercept; the p-value is then conservative, as the variance is on its boundary). All must use the same observations. Fields: $npar, $AIC, $BIC, $logLik, $deviance, $Chisq, $Df, $`Pr(>Chisq)`.") { ctx in
            try ctx.interpreter.anova(ctx)
        }
    }

    /// One model in an `anova` comparison: its table row (without the test columns) and what must agree.
    private struct Compared {
        var row: AnovaObject.Row
        var nObs: Int
        var dataName: String?
        var name: String { row.name }
        var npar: Int { row.npar }
        var logLik: Double { row.logLik }
    }

    func anova(_ ctx: CallContext) throws -> Value {
        var inputs: [(String, Value, Int)] = []
        let first = try ctx.value("object")
        let firstName: String = { if let e = ctx.written["object"], case .name(let n) = e.node { return n }; return "MODEL1" }()
        inputs.append((firstName, first, ctx.positions["object"] ?? ctx.call.at))
        for (k, d) in ctx.dots.enumerated() {
            guard let v = d.value else { continue }
            var name = "MODEL\(k + 2)"
            if let e = d.expr, case .name(let n) = e.node { name = n }
            inputs.append((name, v, d.at))
        }
        guard inputs.count >= 2 else {
            throw ctx.fail("anova() compares two or more fitted models, e.g. anova(m0, m1)", hint: "fit the smaller and the larger model and pass both")
        }
        let anyREML = inputs.contains { if case .object(let o as MixedObject) = $0.1 { return o.fit.method == "reml" }; return false }
        var models: [Compared] = []
        for (name, v, at) in inputs {
            switch v {
            case .object(let o as MixedObject):
                var fit = o.fit
                if fit.method == "reml" {
                    fit = try LinearMixedModel(reml: false).fit(o.frame)
                }
                models.append(Compared(row: AnovaObject.Row(name: name, formula: o.formula, npar: fit.df, aic: fit.aic, bic: fit.bic,
                                                            logLik: fit.logLikelihood), nObs: fit.nObs, dataName: o.dataName))
            case .object(let o as GLMObject):
                let f = o.fit
                let text = (f.formula ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
                models.append(Compared(row: AnovaObject.Row(name: name, formula: text, npar: f.logLikelihoodDF, aic: f.aic, bic: f.bic,
                                                            logLik: f.logLikelihood), nObs: f.nObs, dataName: o.dataName))
            default:
                throw fail(.type, "anova() compares models fitted by lmer(), glmer() or glm(), not \(describe(v))", offset: at)
            }
        }
        if let m = models.first(where: { $0.nObs != models[0].nObs }) {
            throw ctx.fail("the models were fitted to different numbers of observations (\(models[0].name): \(models[0].nObs), \(m.name): \(m.nObs))",
                           hint: "fit every model to the same rows, e.g. drop missing values first with subset()")
        }
        let ordered = models.enumerated().sorted { ($0.element.npar, $0.offset) < ($1.element.npar, $1.offset) }.map(\.element)
        var rows: [AnovaObject.Row] = []
        for (i, m) in ordered.enumerated() {
            var row = m.row
            if i > 0 {
                let prev = ordered[i - 1]
                let df = m.npar - prev.npar
                let chisq = Swift.max(0, 2 * (m.logLik - prev.logLik))
                row.chisq = chisq
                row.df = df
                row.p = df > 0 ? (try? ChiSquared(df: Double(df)))?.survival(chisq) : nil
            }
            rows.append(row)
        }
        let dataName = models.first?.dataName
        if anyREML { messages("refitting model(s) with ML (instead of REML)\n") }
        return .object(AnovaObject(dataName: dataName, rows: rows, refitted: false))
    }
}

extension Column {
    /// A text column with missing values.
    init(name: String, strings: [String?]) {
        self.init(name: name, values: .string(strings.map { $0 ?? "" }), missing: strings.map { $0 == nil })
    }
}

import Distributions
import Formula
import Frames
import Models

extension Interpreter {
    /// A family from a string, a family function (`binomial`) or a family object (`binomial(link = "probit")`).
    func family(_ ctx: CallContext, _ name: String) throws -> (Family, Link?) {
        guard let v = ctx.values[name] else { return (.gaussian, nil) }
        switch v {
        case .object(let o as FamilyObject): return (o.family, o.link)
        case .builtin(let b):
            if let f = Family(rawValue: b.name) { return (f, nil) }
        case .vector(let x):
            if x.count == 1, case .character(let s) = x.storage, let text = s[0] {
                if let f = Family(rawValue: text.lowercased()) { return (f, nil) }
                throw ctx.fail("unknown family \"\(text)\"", argument: name,
                               hint: didYouMean(nearestNames(to: text, among: Family.allCases.map(\.rawValue))).isEmpty ? "use gaussian, binomial or poisson" : didYouMean(nearestNames(to: text, among: Family.allCases.map(\.rawValue))))
            }
        default: break
        }
        throw ctx.fail("'\(name)' must be a family such as binomial, \"binomial\" or binomial(link = \"probit\"), not \(describe(v))", argument: name)
    }

    /// The model data plus hidden columns for `weights`/`offset` given as expressions of the columns.
    func modelExtras(_ ctx: CallContext, _ data: Table, _ names: [String]) throws -> (Table, [String: String]) {
        var t = data
        var out: [String: String] = [:]
        for name in names {
            guard let e = ctx.expressions[name] else { continue }
            if case .string(let s?) = e.node {
                guard t.has(s) else { throw ctx.fail("the data have no column '\(s)'", argument: name, hint: didYouMean(nearestNames(to: s, among: t.columnNames))) }
                out[name] = s
                continue
            }
            let v = try evalInTable(e, t, ctx.environment)
            guard case .vector(let x) = v, x.doubles != nil, x.count == t.rowCount else {
                throw fail(.type, "'\(name)' must give one number per row of the data (\(t.rowCount)), got \(describe(v))", at: e)
            }
            let hidden = "(\(name))"
            try t.setColumn(x.withoutNames.column(named: hidden))
            out[name] = hidden
        }
        return (t, out)
    }

    func registerModelBuiltins() {
        for fam in Family.allCases {
            define(fam.rawValue, ["link"], topic: "models", usage: "\(fam.rawValue)(link = \"\(fam.canonicalLink.rawValue)\")",
                   "The \(fam.rawValue) family for glm() (links: \(fam.allowedLinks.map(\.rawValue).joined(separator: ", "))).") { ctx in
                let text = try ctx.string("link", default: fam.canonicalLink.rawValue)
                guard let link = Link(rawValue: text), fam.allowedLinks.contains(link) else {
                    throw ctx.fail("the \(fam.rawValue) family has no link \"\(text)\"", argument: "link",
                                   hint: "use one of \(fam.allowedLinks.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
                }
                return .object(FamilyObject(family: fam, link: link))
            }
        }
        define("glm", ["formula", "family", "data", "weights", "offset"], quoted: ["weights", "offset"], topic: "models",
               usage: "glm(formula, family = gaussian, data, weights = NULL, offset = NULL)",
               "Fits a generalized linear model by IRLS, exactly as R's glm: glm(truant ~ age + track, family = binomial, data = pupils). family is gaussian, binomial, poisson, a string, or binomial(link = \"probit\"); a cbind(successes, failures) response is binomial. weights and offset are columns or expressions of columns (offset = log(days)). Rows with missing values are dropped and counted. Print the result, or use summary(), coef(), confint(), vcov(), fitted(), residuals(), predict(), AIC(), BIC(), logLik().") { ctx in
            let f = try ctx.formula("formula")
            if let term = f.formula.randomTerms.first {
                throw ctx.interpreter.fail(.runtime, "the random-effects term (\(term)) makes this a mixed model", offset: (f.source != nil ? f.offset : 0) + term.position,
                                           hint: "use glmer() for a generalized linear mixed model (lmer() for a linear one), or remove the term")
            }
            let data = try ctx.table("data")
            var (fam, link) = try ctx.interpreter.family(ctx, "family")
            if !ctx.has("family"), case .binomial? = f.formula.response { fam = .binomial; link = nil }
            let model = try GLM(family: fam, link: link)
            let (table, extras) = try ctx.interpreter.modelExtras(ctx, data, ["weights", "offset"])
            let frame = try ModelFrame.build(formula: f.formula, data: table,
                                             options: ModelFrameOptions(weights: extras["weights"], offset: extras["offset"]))
            let fit = try model.fit(frame, formula: f.formula.text)
            var dataName: String? = nil
            if let e = ctx.written["data"], case .name(let n) = e.node { dataName = n }
            for w in fit.warnings { ctx.interpreter.warn(w) }
            return .object(GLMObject(fit: fit, dataName: dataName, data: data, usedOptionColumns: extras["offset"] != nil))
        }
        define("coef", ["object"], topic: "post-estimation", usage: "coef(object)", "The estimated coefficients, named by term (NA for aliased terms). For a mixed model, as lme4: each group's coefficients (fixed effects plus that group's conditional modes) as a table with one row per level, a list of tables with several grouping factors; fixef() gives the fixed effects.") { ctx in
            let v = try ctx.value("object")
            if case .object(let m as MixedObject) = v { return try ctx.interpreter.groupCoefficients(m) }
            guard case .object(let o) = v, let c = o.field("coefficients") else {
                throw ctx.fail("coef() needs a fitted model, not \(describe(v))", argument: "object")
            }
            return c
        }
        define("vcov", ["object"], topic: "post-estimation", usage: "vcov(object)", "The covariance matrix of the (fixed-effect) estimates.") { ctx in
            let (names, cov) = try ctx.interpreter.estimates(ctx).covariance
            return .object(MatrixObject(rowNames: names, columnNames: names,
                                        columns: (0..<names.count).map { j in (0..<names.count).map { i in let x = cov[i, j]; return x.isNaN ? nil : x } }))
        }
        define("confint", ["object", "parm", "level"], topic: "post-estimation", usage: "confint(object, parm = all, level = 0.95)",
               "Wald confidence intervals, estimate ± z(1 - (1 - level)/2) × SE, as R's confint.default (R's confint for a glm profiles the likelihood instead; the two agree closely in large samples). For lmer/glmer fits: Wald intervals of the fixed effects, as lme4's confint(fit, method = \"Wald\") (lme4's default profiles).") { ctx in
            let est = try ctx.interpreter.estimates(ctx)
            let level = try ctx.double("level", default: 0.95)
            guard level > 0 && level < 1 else { throw ctx.fail("'level' must be between 0 and 1", argument: "level") }
            var names = est.names
            if ctx.has("parm") {
                let wanted = try ctx.strings("parm")
                for w in wanted where !names.contains(w) {
                    throw ctx.fail("'\(w)' is not a coefficient", argument: "parm", hint: didYouMean(nearestNames(to: w, among: names)))
                }
                names = wanted
            }
            let z = Normal.standard.quantile(1 - (1 - level) / 2, lowerTail: true, logP: false)
            var lo: [Double?] = [], hi: [Double?] = []
            for n in names {
                guard let k = est.names.firstIndex(of: n) else { continue }
                let b = est.values[k], se = est.se[k]
                if b.isNaN || se.isNaN { lo.append(nil); hi.append(nil) } else { lo.append(b - z * se); hi.append(b + z * se) }
            }
            let a = (1 - level) / 2
            return .object(MatrixObject(rowNames: names, columnNames: [RPercentLabel(a), RPercentLabel(1 - a)], columns: [lo, hi]))
        }
        define("fitted", ["object"], topic: "post-estimation", usage: "fitted(object)", "Fitted means, one per row used (for mixed models conditional on the random effects).") { ctx in
            if case .object(let m as MixedObject)? = ctx.values["object"] { return .vector(Vector(.double(m.fit.fitted.map { $0 }))) }
            return .vector(Vector(.double(try ctx.interpreter.glmObject(ctx).fit.fittedValues.map { $0 })))
        }
        define("residuals", ["object", "type"], topic: "post-estimation", usage: "residuals(object, type = \"deviance\")",
               "Residuals: \"deviance\", \"pearson\", \"working\" or \"response\" (R's residuals.glm). For lmer/glmer fits, as lme4's residuals(): conditional on the random effects, \"response\" (y - fitted; the default for lmer), \"pearson\" ((y - fitted) sqrt(w / V(fitted))) or \"deviance\" (the default for glmer).") { ctx in
            if case .object(let mm as MixedObject)? = ctx.values["object"] {
                let t = try ctx.string("type", default: mm.fit.model == "lmm" ? "response" : "deviance")
                guard ["response", "pearson", "deviance"].contains(t) else {
                    throw ctx.fail("unknown residual type \"\(t)\" for a mixed model", argument: "type", hint: "use \"response\", \"pearson\" or \"deviance\"")
                }
                return .vector(Vector(.double(mm.residuals(t).map { $0 })))
            }
            let m = try ctx.interpreter.glmObject(ctx)
            let t = try ctx.string("type", default: "deviance")
            guard let kind = GLMResidualKind(rawValue: t) else {
                throw ctx.fail("unknown residual type \"\(t)\"", argument: "type", hint: "use \"deviance\", \"pearson\", \"working\" or \"response\"")
            }
            return .vector(Vector(.double(m.fit.residuals(kind).map { $0 })))
        }
        define("predict", ["object", "newdata", "type", "re.form", "allow.new.levels"], topic: "post-estimation", usage: "predict(object, newdata = NULL, type = \"link\", re.form = NULL, allow.new.levels = FALSE)",
               "Predictions: the linear predictor (type = \"link\") or the mean, e.g. a probability (type = \"response\"), for the rows used in the fit, or for the rows of the table newdata (which needs the columns the formula uses; factor levels must be ones the fitted data had; rows with a missing value give NA). For lmer/glmer fits, as lme4: conditional on the groups' random effects (re.form = NULL), or for a typical group (re.form = NA, random effects 0); allow.new.levels = TRUE predicts groups not in the fit at the population mean.") { ctx in
            if case .object(let mm as MixedObject)? = ctx.values["object"] { return try ctx.interpreter.mixedPredict(mm, ctx) }
            let m = try ctx.interpreter.glmObject(ctx)
            let t = try ctx.string("type", default: "link")
            guard t == "link" || t == "response" else { throw ctx.fail("unknown type \"\(t)\"", argument: "type", hint: "use \"link\" or \"response\"") }
            guard ctx.has("newdata") else {
                return .vector(Vector(.double((t == "link" ? m.fit.linearPredictor : m.fit.fittedValues).map { $0 })))
            }
            let newdata = try ctx.table("newdata")
            let eta = try ctx.interpreter.linearPredictor(m, newdata: newdata, ctx: ctx)
            return .vector(Vector(.double(eta.map { e in e.map { t == "link" ? $0 : m.fit.link.inverse($0) } })))
        }
        let scalars: [(String, String, (GLMFit) -> Double, (MixedModelFit) -> Double)] = [
            ("AIC", "Akaike's information criterion.", { $0.aic }, { $0.aic }),
            ("BIC", "The Bayesian information criterion.", { $0.bic }, { $0.bic }),
            ("logLik", "The log-likelihood (for lmer fits by REML the REML log-likelihood, as lme4).", { $0.logLikelihood }, { $0.logLikelihood }),
            ("deviance", "The residual deviance (for mixed models -2 log-likelihood; the REML criterion for REML fits).", { $0.deviance }, { $0.deviance }),
        ]
        for (name, doc, get, getMixed) in scalars {
            define(name, ["object"], topic: "post-estimation", usage: "\(name)(object)", doc) { ctx in
                if case .object(let m as MixedObject)? = ctx.values["object"] { return .vector(.double(getMixed(m.fit))) }
                return .vector(.double(get(try ctx.interpreter.glmObject(ctx).fit)))
            }
        }
        define("nobs", ["object"], topic: "post-estimation", usage: "nobs(object)", "Number of observations used in the fit.") { ctx in
            if case .object(let m as MixedObject)? = ctx.values["object"] { return .vector(.integer(m.fit.nObs)) }
            return .vector(.integer(try ctx.interpreter.glmObject(ctx).fit.nObs))
        }
    }

    func glmObject(_ ctx: CallContext) throws -> GLMObject {
        let v = try ctx.value("object")
        guard case .object(let o as GLMObject) = v else {
            throw ctx.fail("\(ctx.function)() needs a model fitted by glm(), lm(), lmer() or glmer(), not \(describe(v))", argument: "object")
        }
        return o
    }
}

/// "2.5 %" as R labels interval ends.
func RPercentLabel(_ p: Double) -> String {
    numberText(signif(p * 100, 3)) + " %"
}

extension Interpreter {
    /// The linear predictor of a GLM for the rows of `newdata`: the design is built on the fitted data
    /// with the new rows appended, so factor codings are the fit's.
    func linearPredictor(_ m: GLMObject, newdata: Table, ctx: CallContext) throws -> [Double?] {
        guard let data = m.data, let text = m.fit.formula else {
            throw ctx.fail("this model does not keep its data, so it cannot predict for new data", argument: "newdata")
        }
        if m.usedOptionColumns {
            throw ctx.fail("predictions for new data need the offset inside the formula", argument: "newdata",
                           hint: "fit with y ~ x + offset(log(days)) instead of offset = log(days)")
        }
        let rhs = try Formula(text).rhs.deparse()
        var columns: [Column] = []
        for name in data.columnNames where newdata.has(name) {
            let a = Vector(column: try data.column(name)), b = Vector(column: try newdata.column(name))
            columns.append(try combine([a, b], at: ctx.call).column(named: name))
        }
        let combined = try Table(columns: columns)
        let frame = try ModelFrame.build(formula: Formula("~ " + rhs), data: combined)
        guard frame.fixed.columnNames == m.fit.columnNames else {
            let extra = frame.fixed.columnNames.filter { !m.fit.columnNames.contains($0) }
            throw ctx.fail("newdata gives model columns the fit does not have (\(extra.prefix(4).joined(separator: ", ")))", argument: "newdata",
                           hint: "use only factor levels that occur in the fitted data")
        }
        var position: [Int: Int] = [:]
        for (k, r) in frame.rowsUsed.enumerated() { position[r] = k }
        let beta = m.fit.estimates.map { $0.isNaN ? 0 : $0 }
        let design = frame.fixed.matrix   // read once: a computed property
        return (0..<newdata.rowCount).map { i -> Double? in
            guard let k = position[data.rowCount + i] else { return nil }
            var eta = frame.offset?[k] ?? 0
            for j in beta.indices { eta += design[k, j] * beta[j] }
            return eta
        }
    }
}

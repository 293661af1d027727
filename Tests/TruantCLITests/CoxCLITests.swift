import Testing
import Foundation
import TestSupport

/// `truant fit` with a `Surv(...)` response: Cox models through the command line, checked against the R
/// fixtures in Tests/Fixtures/survival (written by Scripts/reference/survival.R) through the JSON output.
@Suite("truant fit: Cox models")
struct CoxCLITests {
    static let lung = "Tests/Fixtures/survival/lung.csv"

    /// Runs truant and parses its standard output as one JSON object.
    static func json(_ arguments: [String]) throws -> (TruantRun, [String: Any]) {
        let run = try TruantRun(arguments)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        return (run, object)
    }

    static func numbers(_ object: [String: Any], _ key: String) -> [Double] {
        ((object["coefficients"] as? [[String: Any]]) ?? []).map { ($0[key] as? NSNumber)?.doubleValue ?? .nan }
    }

    static func fixture(_ name: String) throws -> [String: Any] {
        try #require(try Fixtures.json("survival/" + name) as? [String: Any])
    }

    static func doubles(_ any: Any?) -> [Double] {
        if let a = any as? [NSNumber] { return a.map(\.doubleValue) }
        if let x = any as? NSNumber { return [x.doubleValue] }
        return []
    }

    /// Writes `text` to a fresh temporary CSV file and returns its path.
    static func temporaryCSV(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("truant-cox-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// R: coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung)
    @Test("Efron fit of lung: loglik, coefficients and SEs match R, keys in the contract's order")
    func lungEfron() throws {
        let (run, object) = try Self.json(["fit", "Surv(time, status) ~ age + sex + ph.ecog", "--data", Self.lung, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let ref = try Self.fixture("cox_lung_efron.json")
        #expect(object["model"] as? String == "coxph")
        #expect(object["method"] as? String == "efron")
        #expect(object["n_obs"] as? Int == 227 && object["n_dropped"] as? Int == 1 && object["n_events"] as? Int == 164)
        #expect(isClose((object["loglik"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["loglik"])[1], rel: 1e-9))
        #expect(isClose((object["loglik_null"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["loglik"])[0], rel: 1e-9))
        #expect(maxRelativeDifference(Self.numbers(object, "estimate"), Self.doubles(ref["coef"])) < 1e-6)
        #expect(maxRelativeDifference(Self.numbers(object, "std_error"), Self.doubles(ref["se"])) < 1e-6)
        #expect(maxRelativeDifference(Self.numbers(object, "p_value"), Self.doubles(ref["p"])) < 1e-5)
        let terms = ((object["coefficients"] as? [[String: Any]]) ?? []).compactMap { $0["term"] as? String }
        #expect(terms == ["age", "sex", "ph.ecog"])
        // R: AIC(fit) = 1464.460
        #expect(isClose((object["aic"] as? NSNumber)?.doubleValue ?? .nan, -2 * Self.doubles(ref["loglik"])[1] + 6, rel: 1e-12))
        let lr = object["lr_test"] as? [String: Any]
        #expect(isClose((lr?["statistic"] as? NSNumber)?.doubleValue ?? .nan, (ref["lrt"] as? NSNumber)?.doubleValue ?? 0, rel: 1e-6))
        let order = ["model", "formula", "family", "link", "method", "nagq", "n_obs", "n_dropped", "groups", "converged",
                     "warnings", "loglik", "deviance", "aic", "bic", "df", "coefficients", "random_effects",
                     "random_correlations", "residual_sd", "icc", "median_odds_ratio", "frailty", "n_events"]
        let positions = order.map { run.stdout.range(of: "\n  \"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { ($0 ?? run.stdout.endIndex) < ($1 ?? run.stdout.startIndex) })
        #expect(object["frailty"] is NSNull)
    }

    /// R: coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = "breslow")
    @Test("--ties breslow matches R's Breslow fit and is printed in the call")
    func lungBreslow() throws {
        let args = ["fit", "Surv(time, status) ~ age + sex + ph.ecog", "--data", Self.lung, "--ties", "breslow"]
        let (run, object) = try Self.json(args + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let ref = try Self.fixture("cox_lung_breslow.json")
        #expect(object["method"] as? String == "breslow")
        #expect(isClose((object["loglik"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["loglik"])[1], rel: 1e-9))
        #expect(maxRelativeDifference(Self.numbers(object, "estimate"), Self.doubles(ref["coef"])) < 1e-6)
        let text = try TruantRun(args)
        #expect(text.stdout.contains("ties = \"breslow\")"))
    }

    /// R: coxph(Surv(time, status) ~ age + sex, data = lung, weights = 1 + (seq_len(nrow(lung)) %% 3) / 2)
    /// (column w of lung.csv); non-integer weights give R's robust standard errors.
    @Test("--weights: R's weighted fit with robust and naive standard errors")
    func lungWeighted() throws {
        let (run, object) = try Self.json(["fit", "Surv(time, status) ~ age + sex", "--data", Self.lung, "--weights", "w", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let ref = try Self.fixture("cox_lung_weighted.json")
        #expect(isClose((object["loglik"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["loglik"])[1], rel: 1e-9))
        #expect(maxRelativeDifference(Self.numbers(object, "estimate"), Self.doubles(ref["coef"])) < 1e-6)
        #expect(maxRelativeDifference(Self.numbers(object, "std_error"), Self.doubles(ref["se"])) < 1e-5)
        #expect(maxRelativeDifference(Self.doubles(object["naive_std_error"]), Self.doubles(ref["naive_se"])) < 1e-5)
        #expect(object["robust"] as? Bool == true)
    }

    /// R: coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id), data = cgd)
    @Test("(start, stop] rows with cluster(id): robust SEs and the robust score test in the text")
    func cgdCluster() throws {
        let args = ["fit", "Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id)",
                    "--data", "Tests/Fixtures/survival/cgd.csv"]
        let (run, object) = try Self.json(args + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let ref = try Self.fixture("cox_cgd_cluster.json")
        #expect(isClose((object["loglik"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["loglik"])[1], rel: 1e-9))
        #expect(maxRelativeDifference(Self.numbers(object, "estimate"), Self.doubles(ref["coef"])) < 1e-6)
        #expect(maxRelativeDifference(Self.numbers(object, "std_error"), Self.doubles(ref["se"])) < 1e-5)
        let rs = object["robust_score_test"] as? [String: Any]
        #expect(isClose((rs?["statistic"] as? NSNumber)?.doubleValue ?? .nan, (ref["robust_score"] as? NSNumber)?.doubleValue ?? 0, rel: 1e-6))
        let text = try TruantRun(args)
        #expect(text.stdout.contains("robust se"))
        #expect(text.stdout.contains("Likelihood ratio test= 22.49  on 3 df"))
        #expect(text.stdout.contains("Wald test            = 16.81  on 3 df"))
        #expect(text.stdout.contains("  n= 203, number of events= 76"))
    }

    /// R: coxph(Surv(time, status) ~ rx + frailty(litter), data = rats). The variance reported is the theta
    /// at which the final fit was made (R's last row of `fit$history[[1]]$history`); R's printed
    /// `theta` is the search's next proposal, within its convergence tolerance (4e-4 relative) of it.
    @Test("frailty(g): gamma frailty variance and loglik match R; the contract's frailty object")
    func ratsGammaFrailty() throws {
        let (run, object) = try Self.json(["fit", "Surv(time, status) ~ rx + frailty(litter)", "--data",
                                           "Tests/Fixtures/survival/rats.csv", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let ref = try Self.fixture("frailty_rats_all_gamma.json")
        let frailty = try #require(object["frailty"] as? [String: Any])
        #expect(frailty["group"] as? String == "litter")
        #expect(frailty["distribution"] as? String == "gamma")
        #expect(isClose((frailty["variance"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["history_theta"]).last ?? 0, rel: 1e-4))
        #expect(isClose((object["loglik"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["loglik"])[1], rel: 1e-6))
        #expect(maxRelativeDifference(Self.numbers(object, "estimate"), Self.doubles(ref["coef"])) < 1e-4)
        #expect(maxRelativeDifference(Self.numbers(object, "std_error"), Self.doubles(ref["se"])) < 1e-4)
        #expect((object["groups"] as? [String: Any])?["litter"] as? Int == 100)
        // R's printed theta (the search's next proposal) and whether the search converged.
        #expect(frailty["search_converged"] as? Bool == true)
        let next = (frailty["next_variance"] as? NSNumber)?.doubleValue ?? .nan
        #expect(isClose(next, Self.doubles(ref["theta"]).first ?? 0, rel: 1e-6))   // R's print(fit)$theta
        let keys = ["\"group\"", "\"distribution\"", "\"variance\""].map { run.stdout.range(of: $0)?.lowerBound }
        #expect(keys.allSatisfy { $0 != nil } && keys[0]! < keys[1]! && keys[1]! < keys[2]!)
    }

    /// R: coxph(Surv(time, status) ~ rx + frailty(litter, distribution = "gaussian"), data = rats, subset = (sex == "f"))
    @Test("(1 | g) is a Gaussian frailty, as frailty(g, distribution = \"gaussian\") in R")
    func ratsGaussianFrailty() throws {
        let rows = try String(contentsOfFile: Fixtures.path("survival/rats.csv"), encoding: .utf8).split(separator: "\n")
        let female = [String(rows[0])] + rows.dropFirst().filter { $0.hasSuffix(",1") }.map(String.init)
        let path = try Self.temporaryCSV(female.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ref = try Self.fixture("frailty_rats_gauss.json")
        for formula in ["Surv(time, status) ~ rx + (1 | litter)", "Surv(time, status) ~ rx + frailty(litter, distribution = \"gaussian\")"] {
            let (run, object) = try Self.json(["fit", formula, "--data", path, "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(object["n_obs"] as? Int == 150)
            let frailty = object["frailty"] as? [String: Any]
            #expect(frailty?["distribution"] as? String == "gaussian")
            #expect(isClose((frailty?["variance"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["history_theta"]).last ?? 0, rel: 1e-4))
            #expect(isClose((object["loglik"] as? NSNumber)?.doubleValue ?? .nan, Self.doubles(ref["loglik"])[1], rel: 1e-6))
            #expect(maxRelativeDifference(Self.numbers(object, "estimate"), Self.doubles(ref["coef"])) < 1e-4)
        }
    }

    @Test("text, Markdown, LaTeX, HTML and CSV outputs of a Cox fit")
    func otherFormats() throws {
        let base = ["fit", "Surv(time, status) ~ age + sex + ph.ecog", "--data", Self.lung]
        let text = try TruantRun(base)
        #expect(text.status == 0)
        // R: summary(coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung))
        #expect(text.stdout.contains("  n= 227, number of events= 164"))
        #expect(text.stdout.contains("   (1 observation deleted due to missingness)"))
        #expect(text.stdout.contains("Likelihood ratio test= 30.5  on 3 df,   p=1.08e-06"))
        #expect(text.stdout.contains("Wald test            = 29.93  on 3 df,   p=1.43e-06"))
        #expect(text.stdout.contains("exp(coef)"))
        let md = try TruantRun(base + ["--format", "markdown"])
        #expect(md.stdout.contains("| sex | -0.552612 | 0.167739 | -3.294 | 0.000986 | [-0.881375, -0.223850] |"))
        #expect(md.stdout.contains("events = 164"))
        let tex = try TruantRun(base + ["--format", "latex"])
        #expect(tex.stdout.contains("\\begin{tabular}") && tex.stdout.contains("ph.ecog"))
        let html = try TruantRun(base + ["--format", "html"])
        #expect(html.stdout.contains("<td>sex</td>"))
        let csv = try TruantRun(base + ["--format", "csv"])
        #expect(csv.stdout.hasPrefix("term,estimate,std_error,statistic,p_value,conf_low,conf_high\nage,0.0110667645600"))
    }

    @Test("--out writes the fit and refuses to overwrite without --force")
    func outFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("truant-cox-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ["fit", "Surv(time, status) ~ sex", "--data", Self.lung, "--out", path]
        #expect(try TruantRun(base).status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        #expect(object?["model"] as? String == "coxph")
        let again = try TruantRun(base)
        #expect(again.status == 2 && again.stderr.contains("--force"))
        #expect(try TruantRun(base + ["--force"]).status == 0)
    }

    @Test("bad input exits 2 naming the data line: stop not after start, no events, bad event code")
    func badInput() throws {
        let reversed = try Self.temporaryCSV("start,stop,event,x\n0,5,1,1\n0,7,0,2\n6,4,1,3\n0,9,1,4\n")
        defer { try? FileManager.default.removeItem(atPath: reversed) }
        let r = try TruantRun(["fit", "Surv(start, stop, event) ~ x", "--data", reversed])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(reversed):4: stop time 4.0 is not after start time 6.0"), "\(r.stderr)")

        let censored = try Self.temporaryCSV("time,event,x\n5,0,1\n7,0,2\n9,0,3\n")
        defer { try? FileManager.default.removeItem(atPath: censored) }
        let c = try TruantRun(["fit", "Surv(time, event) ~ x", "--data", censored])
        #expect(c.status == 2)
        #expect(c.stderr.contains("all observations are censored"), "\(c.stderr)")

        let badCode = try Self.temporaryCSV("time,event,x\n5,0,1\n7,1,2\n9,3,3\n")
        defer { try? FileManager.default.removeItem(atPath: badCode) }
        let b = try TruantRun(["fit", "Surv(time, event) ~ x", "--data", badCode])
        #expect(b.status == 2)
        #expect(b.stderr.contains("0/1, 1/2 (2 = event) or TRUE/FALSE"), "\(b.stderr)")
    }

    @Test("GLM options, random slopes and cluster() with frailty() are refused for a Cox model")
    func refusedOptions() throws {
        let base = ["fit", "Surv(time, status) ~ age", "--data", Self.lung]
        let fam = try TruantRun(base + ["--family", "binomial"])
        #expect(fam.status == 2 && fam.stderr.contains("Cox model"))
        let ties = try TruantRun(base + ["--ties", "exact"])
        #expect(ties.status == 2 && ties.stderr.contains("efron or breslow"))
        let slope = try TruantRun(["fit", "Surv(time, status) ~ age + (age | inst)", "--data", Self.lung])
        #expect(slope.status == 2 && slope.stderr.contains("random slope"))
        let both = try TruantRun(["fit", "Surv(time, status) ~ age + cluster(inst) + frailty(inst)", "--data", Self.lung])
        #expect(both.status == 2 && both.stderr.contains("cannot be combined"))
        let exits = try TruantRun(["fit", "Surv(time, exit) ~ male", "--data", "Datasets/flemish-cohort/careers.csv"])
        #expect(exits.status == 2 && exits.stderr.contains("competing exits: dropout, qualified, transfer"), "\(exits.stderr)")
    }

    @Test("1/2 and TRUE/FALSE event codings give the same fit as 0/1")
    func eventCodings() throws {
        let oneTwo = try Self.temporaryCSV("time,status,x\n5,2,1\n7,1,2\n9,2,3\n11,2,1\n12,1,5\n15,2,2\n")
        let zeroOne = try Self.temporaryCSV("time,status,x\n5,1,1\n7,0,2\n9,1,3\n11,1,1\n12,0,5\n15,1,2\n")
        let logical = try Self.temporaryCSV("time,status,x\n5,TRUE,1\n7,FALSE,2\n9,TRUE,3\n11,TRUE,1\n12,FALSE,5\n15,TRUE,2\n")
        defer { for p in [oneTwo, zeroOne, logical] { try? FileManager.default.removeItem(atPath: p) } }
        let fits = try [oneTwo, zeroOne, logical].map { try Self.json(["fit", "Surv(time, status) ~ x", "--data", $0, "--format", "json"]).1 }
        let loglik = fits.map { ($0["loglik"] as? NSNumber)?.doubleValue ?? .nan }
        #expect(loglik[0].isFinite && loglik[0] == loglik[1] && loglik[1] == loglik[2])
        #expect(fits.allSatisfy { $0["n_events"] as? Int == 4 })
    }

    @Test("a monotone likelihood is reported in warnings (JSON and standard error), once in the text; exit 0")
    func monotoneLikelihood() throws {
        let path = try Self.temporaryCSV("time,status,x\n1,1,1\n2,1,1\n3,1,1\n4,1,0\n5,1,0\n6,0,0\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (run, object) = try Self.json(["fit", "Surv(time, status) ~ x", "--data", path, "--format", "json"])
        #expect(run.status == 0)
        #expect((object["warnings"] as? [String])?.first?.contains("may be infinite") == true)
        #expect(run.stderr.contains("warning:") && run.stderr.contains("may be infinite"))
        let text = try TruantRun(["fit", "Surv(time, status) ~ x", "--data", path])
        #expect(text.stdout.components(separatedBy: "may be infinite").count == 2)
    }
}

import Testing
import Foundation
import TestSupport

/// Runs the built `truant` binary (.build/debug/truant) and captures its exit status and output.
struct TruantRun {
    var status: Int32
    var stdout: String
    var stderr: String

    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = Fixtures.root.appendingPathComponent(".build/debug/truant")
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.root
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: o, as: UTF8.self)
        stderr = String(decoding: e, as: UTF8.self)
    }
}

private let contraception = "Tests/Fixtures/glm/contraception_logit.csv"
private let contraceptionFormula = "use ~ age + I(age^2) + urban + livch"

/// A fresh temporary directory for output files.
private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("truant-fit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Test("truant fit prints R's summary.glm for a binomial GLM and exits 0")
func fitText() throws {
    let run = try TruantRun(["fit", contraceptionFormula, "--data", contraception, "--family", "binomial"])
    #expect(run.status == 0, "\(run.stderr)")
    // R: summary(glm(use ~ age + I(age^2) + urban + livch, binomial, mlmRev::Contraception))
    #expect(run.stdout.contains("I(age^2)    -0.0042865  0.0007002  -6.122 9.23e-10 ***"))
    #expect(run.stdout.contains("Residual deviance: 2417.7  on 1927  degrees of freedom"))
    #expect(run.stdout.contains("Number of Fisher Scoring iterations: 4"))
}

@Test("--format json prints one object with the contract's keys and R's numbers")
func fitJSON() throws {
    let run = try TruantRun(["fit", contraceptionFormula, "--data", contraception, "--family", "binomial", "--link", "probit", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    for key in ["model", "formula", "family", "link", "method", "nagq", "n_obs", "n_dropped", "groups", "converged", "warnings",
                "loglik", "deviance", "aic", "bic", "df", "coefficients", "random_effects", "random_correlations",
                "residual_sd", "icc", "median_odds_ratio", "frailty", "null_deviance", "df_residual", "iterations"] {
        #expect(object[key] != nil, "missing key \(key)")
    }
    // Keys appear in the contract's order in the text itself.
    let order = ["\"model\"", "\"formula\"", "\"family\"", "\"link\"", "\"method\"", "\"nagq\"", "\"n_obs\"", "\"n_dropped\"",
                 "\"groups\"", "\"converged\"", "\"warnings\"", "\"loglik\"", "\"deviance\"", "\"aic\"", "\"bic\"", "\"df\"",
                 "\"coefficients\"", "\"random_effects\"", "\"random_correlations\"", "\"residual_sd\"", "\"icc\"",
                 "\"median_odds_ratio\"", "\"frailty\"", "\"null_deviance\""]
    let positions = order.map { run.stdout.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil })
    #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
    let ref = try #require(try Fixtures.json("glm/contraception_probit.json") as? [String: Any])
    #expect(object["link"] as? String == "probit")
    #expect(isClose((object["loglik"] as! NSNumber).doubleValue, (ref["loglik"] as! NSNumber).doubleValue, rel: 1e-8))
    #expect(isClose((object["deviance"] as! NSNumber).doubleValue, (ref["deviance"] as! NSNumber).doubleValue, rel: 1e-8))
}

@Test("Markdown, LaTeX, HTML and CSV outputs")
func fitOtherFormats() throws {
    let base = ["fit", "len ~ supp * dose", "--data", "Tests/Fixtures/glm/toothgrowth_gaussian.csv"]
    let md = try TruantRun(base + ["--format", "markdown"])
    #expect(md.status == 0 && md.stdout.contains("| suppVC:dose |"))
    let tex = try TruantRun(base + ["--format", "latex"])
    #expect(tex.status == 0 && tex.stdout.contains("\\begin{tabular}"))
    let html = try TruantRun(base + ["--format", "html"])
    #expect(html.status == 0 && html.stdout.contains("<td>suppVC:dose</td>"))
    let csv = try TruantRun(base + ["--format", "csv"])
    let lines = csv.stdout.split(separator: "\n")
    #expect(csv.status == 0 && lines.first == "term,estimate,std_error,statistic,p_value,conf_low,conf_high")
    // Every digit is kept: R's coef(glm(len ~ supp * dose, data = ToothGrowth))[1] = 11.55, SE 1.581394272...
    let intercept = lines.count > 1 ? lines[1].split(separator: ",") : []
    #expect(intercept.first == "(Intercept)")
    #expect(intercept.count == 7 && isClose(Double(intercept[1]) ?? 0, 11.55, rel: 1e-12))
    #expect(intercept.count == 7 && intercept[2].count > 12)
}

@Test("weights and offsets come from columns")
func fitWeightsAndOffset() throws {
    let run = try TruantRun(["fit", "DriversKilled ~ law + PetrolPrice", "--data", "Tests/Fixtures/glm/seatbelts_poisson_offset.csv",
                             "--family", "poisson", "--offset", "logkms", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let ref = try #require(try Fixtures.json("glm/seatbelts_poisson_offset.json") as? [String: Any])
    #expect(isClose((object["null_deviance"] as! NSNumber).doubleValue, (ref["null_deviance"] as! NSNumber).doubleValue, rel: 1e-8))
    let weighted = try TruantRun(["fit", "mpg ~ wt + hp", "--data", "Tests/Fixtures/glm/mtcars_gaussian_weights.csv", "--weights", "cyl", "--format", "json"])
    let wobj = try #require(try JSONSerialization.jsonObject(with: Data(weighted.stdout.utf8)) as? [String: Any])
    let wref = try #require(try Fixtures.json("glm/mtcars_gaussian_weights.json") as? [String: Any])
    #expect(isClose((wobj["loglik"] as! NSNumber).doubleValue, (wref["loglik"] as! NSNumber).doubleValue, rel: 1e-8))
}

@Test("--out writes the file atomically and refuses to overwrite without --force")
func fitOut() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("fit.json").path
    let first = try TruantRun(["fit", "use ~ age", "--data", contraception, "--family", "binomial", "--out", path])
    #expect(first.status == 0 && first.stdout.isEmpty)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.hasPrefix("{\n  \"model\": \"glm\""))   // format taken from the .json extension
    let second = try TruantRun(["fit", "use ~ age", "--data", contraception, "--family", "binomial", "--out", path])
    #expect(second.status == 2)
    #expect(second.stderr.contains("exists; use --force"))
    let third = try TruantRun(["fit", "use ~ urban", "--data", contraception, "--family", "binomial", "--out", path, "--force"])
    #expect(third.status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("urbanY"))
}

@Test("an unknown column is a usage error with the formula and a caret")
func fitUnknownColumn() throws {
    let run = try TruantRun(["fit", "use ~ agee + urban", "--data", contraception, "--family", "binomial"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("unknown column 'agee'; did you mean 'age'?"))
    #expect(run.stderr.contains("  use ~ agee + urban\n        ^"))
}

@Test("a random-effects term is sent to the mixed-model path; a Surv response to the Cox path")
func fitMixedAndCoxFormulas() throws {
    let mixed = try TruantRun(["fit", "use ~ age + (1 | district)", "--data", contraception, "--family", "binomial"])
    #expect(mixed.status == 0, "\(mixed.stderr)")
    #expect(mixed.stdout.contains("[glmerMod]"))
    // Contraception's `age` is centred, so as a survival time it is negative: a bad-input error from the Cox path.
    let cox = try TruantRun(["fit", "Surv(age, use) ~ urban", "--data", contraception])
    #expect(cox.status == 2)
    #expect(cox.stderr.contains("negative"))
}

@Test("--nagq, --reml/--ml and --ties are validated and refused for a GLM")
func fitModelSpecificOptions() throws {
    let base = ["fit", "use ~ age", "--data", contraception, "--family", "binomial"]
    let nagq = try TruantRun(base + ["--nagq", "5"])
    #expect(nagq.status == 2 && nagq.stderr.contains("--nagq applies to generalized mixed models"))
    let badNagq = try TruantRun(base + ["--nagq", "0"])
    #expect(badNagq.status == 2 && badNagq.stderr.contains("between 1 and 100"))
    let both = try TruantRun(base + ["--reml", "--ml"])
    #expect(both.status == 2 && both.stderr.contains("exclude each other"))
    let reml = try TruantRun(base + ["--reml"])
    #expect(reml.status == 2 && reml.stderr.contains("--reml applies to mixed models"))
    let ties = try TruantRun(base + ["--ties", "exact"])
    #expect(ties.status == 2 && ties.stderr.contains("efron or breslow"))
    let cox = try TruantRun(base + ["--ties", "efron"])
    #expect(cox.status == 2 && cox.stderr.contains("Cox models"))
}

@Test("an unknown --family or --link is a usage error that lists the choices, for GLMs and mixed models alike")
func fitUnknownFamilyOrLink() throws {
    for formula in ["use ~ age", "use ~ age + (1 | district)"] {
        let family = try TruantRun(["fit", formula, "--data", contraception, "--family", "binomail"])
        #expect(family.status == 2 && family.stderr.contains("unknown family 'binomail'; use gaussian, binomial or poisson"))
        let link = try TruantRun(["fit", formula, "--data", contraception, "--family", "binomial", "--link", "logt"])
        #expect(link.status == 2 && link.stderr.contains("unknown link 'logt'; use one of") && link.stderr.contains("logit"))
    }
}

@Test("bad input names the data file and line")
func fitBadResponse() throws {
    let run = try TruantRun(["fit", "age ~ urban", "--data", contraception, "--family", "poisson"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("contraception_logit.csv:3: response value -5.5599 is not valid for the poisson family"))
    let missing = try TruantRun(["fit", "y ~ x", "--data", "no/such/file.csv"])
    #expect(missing.status == 2 && missing.stderr.contains("no/such/file.csv"))
    let link = try TruantRun(["fit", "use ~ age", "--data", contraception, "--family", "binomial", "--link", "identity"])
    #expect(link.status == 2 && link.stderr.contains("identity link is not available for the binomial family"))
}

@Test("a fit that does not converge is written with its warnings and exits 1")
func fitNonConvergence() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("separated.csv").path
    var csv = "y,x\n"
    for i in 1...10 { csv += "\(i > 5 ? 1 : 0),\(i)\n" }
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let run = try TruantRun(["fit", "y ~ x", "--data", path, "--family", "binomial"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("Warnings:"))
    #expect(run.stdout.contains("separation"))
}

@Test("--help has a worked example")
func fitHelp() throws {
    let run = try TruantRun(["fit", "--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Example"))
    #expect(run.stdout.contains("truant fit \"use ~ age + I(age^2) + urban + livch\" \\\n      --data contraception.csv --family binomial"))
    #expect(run.stdout.contains("--threads"))
}

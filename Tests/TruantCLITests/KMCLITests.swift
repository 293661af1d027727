import Testing
import Foundation
import TestSupport

/// `truant km`: Kaplan–Meier curves with the log-rank test and Aalen–Johansen cumulative incidence through
/// the command line, checked against the R fixtures in Tests/Fixtures/survival through the JSON output.
@Suite("truant km")
struct KMCLITests {
    static let lung = "Tests/Fixtures/survival/lung.csv"

    static func json(_ arguments: [String]) throws -> (TruantRun, [String: Any]) {
        let run = try TruantRun(arguments)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        return (run, object)
    }

    static func doubles(_ any: Any?) -> [Double] {
        ((any as? [Any]) ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    /// The stratum objects' `key` arrays, concatenated in stratum order (R's survfit layout).
    static func concatenated(_ object: [String: Any], _ key: String) -> [Double] {
        ((object["strata"] as? [[String: Any]]) ?? []).flatMap { doubles($0[key]) }
    }

    /// R: survfit(Surv(time, status) ~ sex, data = lung, conf.type = "log") and survdiff(Surv(time, status) ~ sex, data = lung)
    @Test("Kaplan–Meier by sex: curves, medians and the log-rank test match R; keys as the contract lists them")
    func lungBySex() throws {
        let (run, object) = try Self.json(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let ref = try #require(try Fixtures.json("survival/km_lung_sex_log.json") as? [String: Any])
        #expect(object["model"] as? String == "km")
        let strata = try #require(object["strata"] as? [[String: Any]])
        #expect(strata.compactMap { $0["stratum"] as? String } == ["sex=1", "sex=2"])
        #expect(Self.concatenated(object, "time") == Self.doubles(ref["time"]))
        #expect(Self.concatenated(object, "n_risk") == Self.doubles(ref["n_risk"]))
        #expect(Self.concatenated(object, "n_event") == Self.doubles(ref["n_event"]))
        #expect(Self.concatenated(object, "n_censor") == Self.doubles(ref["n_censor"]))
        #expect(maxRelativeDifference(Self.concatenated(object, "surv"), Self.doubles(ref["surv"])) < 1e-10)
        #expect(maxRelativeDifference(Self.concatenated(object, "std_err"), Self.doubles(ref["std_err"])) < 1e-8)
        #expect(maxRelativeDifference(Self.concatenated(object, "conf_low"), Self.doubles(ref["lower"])) < 1e-8)
        #expect(maxRelativeDifference(Self.concatenated(object, "conf_high"), Self.doubles(ref["upper"])) < 1e-8)
        #expect(strata.map { ($0["median"] as? NSNumber)?.doubleValue ?? .nan } == Self.doubles(ref["median"]))
        // Stratum keys in the contract's order.
        let keys = ["stratum", "time", "n_risk", "n_event", "n_censor", "surv", "std_err", "conf_low", "conf_high", "median"]
        let first = run.stdout.range(of: "\"sex=2\"")?.lowerBound ?? run.stdout.endIndex
        let positions = keys.map { run.stdout[..<first].range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { ($0 ?? run.stdout.endIndex) < ($1 ?? run.stdout.startIndex) })
        // The log-rank test after the contract keys.
        let lr = try #require(object["logrank"] as? [String: Any])
        let lrRef = try #require(try Fixtures.json("survival/logrank_lung_sex.json") as? [String: Any])
        #expect(isClose((lr["chisq"] as? NSNumber)?.doubleValue ?? .nan, (lrRef["chisq"] as? NSNumber)?.doubleValue ?? 0, rel: 1e-10))
        #expect(lr["df"] as? Int == 1)
        #expect(isClose((lr["p_value"] as? NSNumber)?.doubleValue ?? .nan, (lrRef["p"] as? NSNumber)?.doubleValue ?? 0, rel: 1e-8))
        #expect((run.stdout.range(of: "\"strata\"")?.lowerBound ?? run.stdout.endIndex) < (run.stdout.range(of: "\"logrank\"")?.lowerBound ?? run.stdout.startIndex))
    }

    /// R: survfit(Surv(time, status) ~ sex, data = lung, weights = 1 + seq_len(nrow(lung)) %% 3) (column wi), and
    /// the same with weights = 1 + (seq_len(nrow(lung)) %% 3) / 2 (column w; non-integer: R's robust errors).
    @Test("--weights: integer and non-integer case weights as R's survfit")
    func weighted() throws {
        for (column, file) in [("wi", "km_lung_weighted.json"), ("w", "km_lung_nonint_weights.json")] {
            let (run, object) = try Self.json(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--weights", column, "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let ref = try #require(try Fixtures.json("survival/" + file) as? [String: Any])
            #expect(Self.concatenated(object, "n_risk") == Self.doubles(ref["n_risk"]))
            #expect(maxRelativeDifference(Self.concatenated(object, "surv"), Self.doubles(ref["surv"])) < 1e-10, "\(column)")
            #expect(maxRelativeDifference(Self.concatenated(object, "std_err"), Self.doubles(ref["std_err"])) < 1e-8, "\(column)")
            #expect(maxRelativeDifference(Self.concatenated(object, "conf_low"), Self.doubles(ref["lower"])) < 1e-8, "\(column)")
            #expect((object["warnings"] as? [String])?.contains { $0.contains("frequencies") } == true)
        }
    }

    /// R: survfit(Surv(time, status) ~ sex, data = lung, conf.type = "log-log")
    @Test("--conf-type log-log gives R's log-log intervals")
    func logLog() throws {
        let (run, object) = try Self.json(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--conf-type", "log-log", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let ref = try #require(try Fixtures.json("survival/km_lung_sex_loglog.json") as? [String: Any])
        #expect(object["conf_type"] as? String == "log-log")
        #expect(maxRelativeDifference(Self.concatenated(object, "conf_low"), Self.doubles(ref["lower"])) < 1e-8)
        #expect(maxRelativeDifference(Self.concatenated(object, "conf_high"), Self.doubles(ref["upper"])) < 1e-8)
    }

    @Test("text output: print(survfit) and survdiff as R prints them")
    func text() throws {
        let run = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung])
        #expect(run.status == 0)
        // R: print(survfit(Surv(time, status) ~ sex, data = lung)); survdiff(Surv(time, status) ~ sex, data = lung)
        #expect(run.stdout.contains("sex=1 138    112    270     212     310"))
        #expect(run.stdout.contains("sex=2  90     53    426     348     550"))
        #expect(run.stdout.contains("sex=1 138      112    91.58      4.55      10.3"))
        #expect(run.stdout.contains(" Chisq= 10.3  on 1 degrees of freedom, p= 0.00131"))
    }

    @Test("CSV has every digit of the curves; Markdown carries the medians and the log-rank line")
    func tables() throws {
        let csv = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "stratum,time,n_risk,n_event,n_censor,surv,std_err,conf_low,conf_high")
        #expect(lines.count == 1 + 206)
        #expect(lines.dropFirst().first?.hasPrefix("sex=1,11,138,3,0,0.97826086956521") == true)
        let md = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--format", "markdown"])
        #expect(md.stdout.contains("| sex=1 | 138 | 112 | 270 | 212 | 310 |"))
        #expect(md.stdout.contains("Log-rank test: chi-square = 10.33 on 1 df, p = 0.00131"))
    }

    /// R: survfit(Surv(etime, factor(event, 0:2, labels = c("censor", "pcm", "death"))) ~ male, data = mgus2d)
    @Test("a factor event with more than two levels gives Aalen–Johansen cumulative incidence keyed by state")
    func competingExits() throws {
        let rows = try String(contentsOfFile: Fixtures.path("survival/mgus2.csv"), encoding: .utf8).split(separator: "\n")
        var out = "male,etime,event\n"
        for row in rows.dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5 else { continue }
            out += "\(f[1]),\(f[3]),\(["0": "censor", "1": "pcm", "2": "death"][f[4]] ?? "NA")\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("truant-aj-\(UUID().uuidString).csv").path
        try Data(out.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (run, object) = try Self.json(["km", "Surv(etime, event) ~ male", "--data", path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(object["method"] as? String == "aalen-johansen")
        let ref = try #require(try Fixtures.json("survival/aj_mgus2_male.json") as? [String: Any])
        let nt = Self.doubles(ref["time"]).count
        #expect(Self.concatenated(object, "time") == Self.doubles(ref["time"]))
        let strata = try #require(object["strata"] as? [[String: Any]])
        for (k, state) in ["pcm", "death"].enumerated() {
            let cuminc = strata.flatMap { Self.doubles(($0["cuminc"] as? [String: Any])?[state]) }
            let part = Array(Self.doubles(ref["pstate"])[(k + 1) * nt..<(k + 2) * nt])
            #expect(maxRelativeDifference(cuminc, part) < 1e-10, "cuminc of \(state)")
            let se = strata.flatMap { Self.doubles(($0["std_err"] as? [String: Any])?[state]) }
            #expect(maxRelativeDifference(se, Array(Self.doubles(ref["std_err"])[(k + 1) * nt..<(k + 2) * nt])) < 1e-8)
        }
        #expect((object["gray_tests"] as? [Any])?.count == 2)
    }

    @Test("the bundled cohort's competing exits, and --help with worked examples on it")
    func cohortAndHelp() throws {
        let run = try TruantRun(["km", "Surv(time, exit) ~ male", "--data", "Datasets/flemish-cohort/careers.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Cumulative incidence (Aalen–Johansen)"))
        #expect(run.stdout.contains("Gray's test"))
        let help = try TruantRun(["km", "--help"])
        #expect(help.stdout.contains("Surv(time, dropout) ~ track") && help.stdout.contains("careers.csv"))
    }

    @Test("bad input: no Surv response, unknown conf type, all censored, reversed intervals → exit 2")
    func badInput() throws {
        let noSurv = try TruantRun(["km", "time ~ sex", "--data", Self.lung])
        #expect(noSurv.status == 2 && noSurv.stderr.contains("Surv(time, event)"))
        let conf = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--conf-type", "logit"])
        #expect(conf.status == 2 && conf.stderr.contains("log-log"))
        let dir = FileManager.default.temporaryDirectory
        let censored = dir.appendingPathComponent("truant-km-\(UUID().uuidString).csv").path
        try Data("time,event,g\n5,0,a\n7,0,b\n".utf8).write(to: URL(fileURLWithPath: censored))
        defer { try? FileManager.default.removeItem(atPath: censored) }
        let c = try TruantRun(["km", "Surv(time, event) ~ g", "--data", censored])
        #expect(c.status == 2 && c.stderr.contains("all observations are censored"), "\(c.stderr)")
        let reversed = dir.appendingPathComponent("truant-km-\(UUID().uuidString).csv").path
        try Data("a,b,event\n0,5,1\n3,2,1\n".utf8).write(to: URL(fileURLWithPath: reversed))
        defer { try? FileManager.default.removeItem(atPath: reversed) }
        let r = try TruantRun(["km", "Surv(a, b, event) ~ 1", "--data", reversed])
        #expect(r.status == 2 && r.stderr.contains("\(reversed):3:"), "\(r.stderr)")
    }

    @Test("--out takes its format from the extension, refuses an existing file without --force; an unknown --format exits 2")
    func outputOptions() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("truant-km-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--out", path])
        #expect(first.status == 0, "\(first.stderr)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect((try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])?["model"] as? String == "km")
        let again = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--out", path])
        #expect(again.status == 2 && again.stderr.contains("exists; use --force"), "\(again.stderr)")
        let forced = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--out", path, "--force"])
        #expect(forced.status == 0)
        let bad = try TruantRun(["km", "Surv(time, status) ~ sex", "--data", Self.lung, "--format", "xml"])
        #expect(bad.status == 2 && bad.stderr.contains("unknown format 'xml'"), "\(bad.stderr)")
    }
}

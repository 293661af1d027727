import Testing
import Foundation
import TestSupport

// `truant scale`, `truant agreement` and `truant simulate` on the bundled cohort: the JSON contract of
// DESIGN.md and the bad-input paths (exit 2 with a message that names the problem).

private let pupils = "Datasets/flemish-cohort/pupils.csv"

@Suite("scale, agreement and simulate on the command line")
struct MeasurementCLITests {
    @Test("scale prints the contract's keys and reverses a '-' item")
    func scaleJSON() throws {
        let run = try TruantRun(["scale", "--data", pupils, "--items", "tsup1,tsup2,-tsup3,tsup4,tsup5",
                                 "--range", "1,4", "--format", "json"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["n", "alpha", "alpha_ci", "std_alpha", "omega_total", "items"] { #expect(json[key] != nil, "missing \(key)") }
        let alpha = try #require(json["alpha"] as? Double)
        #expect(alpha > 0.85 && alpha < 0.92)   // the codebook's teacher-support alpha is .877
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items[2]["reversed"] as? Bool == true)
    }

    @Test("scale refuses an item outside the declared range and an unknown item")
    func scaleBadInput() throws {
        let range = try TruantRun(["scale", "--data", pupils, "--items", "tsup1,tsup2,tsup3", "--range", "1,3"])
        #expect(range.status == 2)
        #expect(range.stderr.contains("tsup"))
        let unknown = try TruantRun(["scale", "--data", pupils, "--items", "tsup1,tsupp2"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("tsupp2"))
    }

    @Test("agreement prints ICC(1), ICC(2) and r_wg(j) per the contract; an unknown group column is refused")
    func agreement() throws {
        let run = try TruantRun(["agreement", "--data", pupils, "--vars", "support,bonding", "--group", "school_id",
                                 "--options", "4", "--format", "json"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["n_groups"] as? Int == 120)
        let vars = try #require(json["variables"] as? [[String: Any]])
        let icc1 = try #require(vars.first?["icc1"] as? Double)
        #expect(icc1 > 0.05 && icc1 < 0.10)   // the codebook's ICC(1) for support is .076
        // The random-intercept (REML) ICC(1) is close to the ANOVA one in these nearly balanced data.
        let model = try #require(vars.first?["icc1_model"] as? Double)
        #expect(Swift.abs(model - icc1) < 0.01)
        let tau2 = try #require(vars.first?["between_variance"] as? Double)
        let sigma2 = try #require(vars.first?["within_variance"] as? Double)
        #expect(Swift.abs(tau2 / (tau2 + sigma2) - model) < 1e-12)
        #expect(json["rwg_j"] != nil)
        let bad = try TruantRun(["agreement", "--data", pupils, "--vars", "support", "--group", "schoolid"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("school_id"))
    }

    @Test("simulate rejects an unknown parameter key with the file and a suggestion")
    func simulateBadParameters() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truant-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let params = dir.appendingPathComponent("p.json")
        try Data(#"{"seed": 3, "schoolz": 10}"#.utf8).write(to: params)
        let run = try TruantRun(["simulate", "--params", params.path, "--out", dir.appendingPathComponent("out").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("p.json"))
        #expect(run.stderr.contains("schoolz"))
    }
}

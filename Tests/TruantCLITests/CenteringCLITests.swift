import Testing
import Foundation
import TestSupport

// The school-climate worked example's steps on the command line (docs/worked-example-climate.md):
// `truant scale --save`, `truant center`, and `truant fit --contextual`.

private let pupils = "Datasets/flemish-cohort/pupils.csv"

/// Reads a CSV written by truant into columns of strings (no quoted commas in these files).
private func readColumns(_ path: String) throws -> [String: [String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let header = lines[0].split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
    var out: [String: [String]] = [:]
    for line in lines.dropFirst() {
        for (k, f) in line.split(separator: ",", omittingEmptySubsequences: false).enumerated() where k < header.count {
            out[header[k], default: []].append(f.replacingOccurrences(of: "\"", with: ""))
        }
    }
    return out
}

@Suite("the climate worked example on the command line: scale --save, center, fit --contextual")
struct CenteringCLITests {
    let dir: URL = FileManager.default.temporaryDirectory.appendingPathComponent("truant-center-\(UUID().uuidString)")

    @Test("scale --save adds the score (equal to the bundled bonding score); center adds x_mean, x_cwc, x_cgm")
    func scaleAndCenter() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let scored = dir.appendingPathComponent("scored.csv").path
        let s = try TruantRun(["scale", "--data", pupils, "--items", "bond1,-bond2,bond3,bond4,-bond5,bond6",
                               "--range", "1,4", "--min-valid", "3", "--save", "bond_scale", "--out", scored])
        #expect(s.status == 0, "\(s.stderr)")
        let a = try readColumns(scored)
        let mine = try #require(a["bond_scale"]), bundled = try #require(a["bonding"])
        #expect(mine.count == 20000)
        var worst = 0.0
        for (x, y) in zip(mine, bundled) {
            if x == "NA" || y == "NA" { #expect(x == y); continue }
            worst = max(worst, abs((Double(x) ?? .nan) - (Double(y) ?? .nan)))
        }
        #expect(worst < 1e-4)   // the bundled file keeps 4 decimals

        let centered = dir.appendingPathComponent("centered.csv").path
        let c = try TruantRun(["center", "--data", scored, "--vars", "bond_scale", "--group", "school_id",
                               "--out", centered, "--format", "json"])
        #expect(c.status == 0, "\(c.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as? [String: Any])
        let v = try #require((json["variables"] as? [[String: Any]])?.first)
        #expect(v["n_groups"] as? Int == 120 && v["n"] as? Int == 20000)
        let b = try readColumns(centered)
        let x = try #require(b["bond_scale"]).map { Double($0) ?? .nan }
        let m = try #require(b["bond_scale_mean"]).map { Double($0) ?? .nan }
        let cwc = try #require(b["bond_scale_cwc"]).map { Double($0) ?? .nan }
        let school = try #require(b["school_id"])
        for i in stride(from: 0, to: x.count, by: 97) { #expect(abs(x[i] - m[i] - cwc[i]) < 1e-9) }
        // The school mean is the mean of the school's pupils.
        let first = school[0]
        let own = x.indices.filter { school[$0] == first }.map { x[$0] }
        #expect(abs(own.reduce(0, +) / Double(own.count) - m[0]) < 1e-9)
        // CWC sums to zero within each school.
        #expect(abs(own.indices.map { cwc[x.indices.filter { school[$0] == first }[$0]] }.reduce(0, +)) < 1e-8)

        let again = try TruantRun(["center", "--data", scored, "--vars", "bond_scale", "--group", "school_id", "--out", centered])
        #expect(again.status == 2 && again.stderr.contains("centered.csv"))
        let badVar = try TruantRun(["center", "--data", scored, "--vars", "track", "--group", "school_id",
                                    "--out", centered, "--force"])
        #expect(badVar.status == 2 && badVar.stderr.contains("track"))
        let noOut = try TruantRun(["scale", "--data", pupils, "--items", "bond1,bond3", "--save", "x"])
        #expect(noOut.status == 2 && noOut.stderr.contains("--out"))
    }

    @Test("fit --contextual gives between minus within with the SE from the covariance (GLM and JSON)")
    func contextual() throws {
        let formula = "truant ~ bonding_cwc + climate_c + male"
        let base = ["fit", formula, "--data", pupils, "--family", "binomial", "--format", "json"]
        // climate_c is a school-level variable: its coefficient plays the 'between' role here.
        let run = try TruantRun(base + ["--contextual", "climate_c,bonding_cwc"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let coefs = try #require(json["coefficients"] as? [[String: Any]])
        func est(_ t: String) -> Double { (coefs.first { $0["term"] as? String == t }?["estimate"] as? Double) ?? .nan }
        func se(_ t: String) -> Double { (coefs.first { $0["term"] as? String == t }?["std_error"] as? Double) ?? .nan }
        let effect = try #require((json["contextual_effects"] as? [[String: Any]])?.first)
        let e = try #require(effect["estimate"] as? Double), s = try #require(effect["std_error"] as? Double)
        #expect(abs(e - (est("climate_c") - est("bonding_cwc"))) < 1e-12)
        // Var(b - w) = Var b + Var w - 2 Cov(b, w): between |se_b - se_w| and se_b + se_w.
        #expect(s >= abs(se("climate_c") - se("bonding_cwc")) - 1e-12 && s <= se("climate_c") + se("bonding_cwc") + 1e-12)
        let text = try TruantRun(Array(base.dropLast(2)) + ["--contextual", "climate_c,bonding_cwc"])
        #expect(text.stdout.contains("Contextual effects") && text.stdout.contains("climate_c - bonding_cwc"))
        let bad = try TruantRun(base + ["--contextual", "climate_c,bonding"])
        #expect(bad.status == 2 && bad.stderr.contains("bonding"))
        let malformed = try TruantRun(base + ["--contextual", "climate_c"])
        #expect(malformed.status == 2 && malformed.stderr.contains("--contextual"))
    }
}

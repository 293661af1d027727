import Foundation
import Testing
import TestSupport

/// `truant brief` with survival curves: the sentence read from the cumulative incidence of dropout on the
/// bundled careers file (figures as R's survfit gives them, Tests/Fixtures/brief/careers_dropout_cuminc.json),
/// both languages, the privacy guard on a group of 6 pupils, and the bad-input exits.
private func briefSpec(language: String, survival: String, model: String = #""formula": "truant ~ track", "family": "binomial""#) -> String {
    """
    {"title": "T", "question": "Q", "population": "P", "outcome_phrase": "\(language == "en" ? "reported truancy" : "spijbelden")",
     "language": "\(language)", "definitions": [], "model": {\(model)}, "comparisons": [], \(survival)}
    """
}

private func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("truant-brief-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func runBrief(_ spec: String, data: String = "Datasets/flemish-cohort/pupils.csv", in dir: URL) throws -> (TruantRun, String) {
    let specPath = dir.appendingPathComponent("spec.json").path, html = dir.appendingPathComponent("brief.html").path
    try spec.write(toFile: specPath, atomically: true, encoding: .utf8)
    let run = try TruantRun(["brief", "--spec", specPath, "--data", data, "--out", html, "--date", "2026-11-30", "--force"])
    return (run, (try? String(contentsOfFile: html, encoding: .utf8)) ?? "")
}

private let dropoutEnglish = #""survival": {"formula": "Surv(time, exit) ~ track", "data": "Datasets/flemish-cohort/careers.csv", "event": "dropout", "time": 6, "time_label": "the end of year 6", "outcome_phrase": "had left school without a qualification", "groups": {"BSO": "pupils in BSO", "ASO": "pupils in ASO"}, "compare": ["BSO", "ASO"]}"#

@Test("truant brief reads the dropout curves of careers.csv at year 6, with R's figures, in English and Dutch")
func briefCurvesSentence() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (run, html) = try runBrief(briefSpec(language: "en", survival: dropoutEnglish), in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    // R: summary(survfit(Surv(time, exit) ~ track, careers), times = 6): dropout BSO 0.1627 (0.1526-0.1735), ASO 0.0274 (0.0242-0.0311).
    #expect(html.contains("By the end of year 6, about 16 in 100 pupils in BSO had left school without a qualification (95% interval 15 to 17), against 3 in 100 pupils in ASO (2 to 3)."))
    #expect(html.contains("Curves: Aalen–Johansen cumulative incidence of &#39;dropout&#39;") || html.contains("Curves: Aalen–Johansen cumulative incidence of 'dropout'"))
    #expect(html.contains("careers.csv") && html.contains("id=\"chart-curves\""))
    let dutch = dropoutEnglish.replacingOccurrences(of: "the end of year 6", with: "het einde van jaar 6")
        .replacingOccurrences(of: "had left school without a qualification", with: "de school zonder kwalificatie verlaten")
        .replacingOccurrences(of: "pupils in", with: "leerlingen in het")
    let (nl, nlHTML) = try runBrief(briefSpec(language: "nl", survival: dutch), in: dir)
    #expect(nl.status == 0, "\(nl.stderr)")
    #expect(nlHTML.contains("Tegen het einde van jaar 6 had ongeveer 16 op 100 leerlingen in het BSO de school zonder kwalificatie verlaten (95%-interval 15 tot 17), tegenover 3 op 100 leerlingen in het ASO (2 tot 3)."))
}

@Test("truant brief leaves a group of 6 pupils out of the curves and says so")
func briefCurvesPrivacy() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    // 60 pupils in A (12 leave), 50 in B (10 leave), 6 in C (2 leave); y for the brief's model.
    var csv = "g,time,left,y\n"
    for (g, n, events) in [("A", 60, 12), ("B", 50, 10), ("C", 6, 2)] {
        for i in 0..<n { csv += "\(g),\(i < events ? 1 + i % 3 : 4),\(i < events ? 1 : 0),\(i % 4 == 0 ? 1 : 0)\n" }
    }
    let data = dir.appendingPathComponent("small.csv").path
    try csv.write(toFile: data, atomically: true, encoding: .utf8)
    let survival = #""survival": {"formula": "Surv(time, left) ~ g", "time": 4, "time_label": "year 4", "outcome_phrase": "had left", "groups": {"A": "pupils in A", "B": "pupils in B", "C": "pupils in C"}}"#
    let (run, html) = try runBrief(briefSpec(language: "en", survival: survival, model: #""formula": "y ~ g", "family": "binomial""#), data: data, in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(html.contains("By year 4, about 20 in 100 pupils in A had left"))      // 12 of 60
    #expect(html.contains("By year 4, about 20 in 100 pupils in B had left"))      // 10 of 50
    #expect(!html.contains("pupils in C"))
    #expect(html.contains("1 group with fewer than 10 pupils or fewer than 5 events is left out of the curves"))
}

@Test("truant brief refuses survival specs that do not fit the data, naming what to change (exit 2)")
func briefCurvesErrors() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cases: [(String, String)] = [
        (dropoutEnglish.replacingOccurrences(of: #""event": "dropout", "#, with: ""), "name the one to read in survival.event"),
        (dropoutEnglish.replacingOccurrences(of: #""event": "dropout""#, with: #""event": "expelled""#), "survival.event 'expelled' is not an exit"),
        (dropoutEnglish.replacingOccurrences(of: #""compare": ["BSO", "ASO"]"#, with: #""compare": ["BSO", "OKAN"]"#), "'OKAN' is not among the curves' groups"),
        (dropoutEnglish.replacingOccurrences(of: "Surv(time, exit) ~ track", with: "time ~ track"), "needs a Surv(time, event) response"),
        (dropoutEnglish.replacingOccurrences(of: #""time": 6"#, with: #""time": 9"#), "after the end of follow-up"),
    ]
    for (survival, message) in cases {
        let (run, _) = try runBrief(briefSpec(language: "en", survival: survival), in: dir)
        #expect(run.status == 2, "\(survival): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}

@Test("truant brief on data built to trip the guard: a school of 6 pupils and a table cell of 3 events, in English and Dutch")
func briefPrivacyEndToEnd() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Schools S1-S4 of 40 pupils and S5 of 6; track x support cells of 40 pupils, except (vocational, low):
    // 40 pupils with only 3 events.
    var csv = "school,track,support,y\n"
    var row = 0
    for (track, support, events) in [("general", "high", 8), ("general", "low", 10), ("vocational", "high", 12), ("vocational", "low", 3)] {
        for i in 0..<40 {
            csv += "S\(row % 4 + 1),\(track),\(support),\(i < events ? 1 : 0)\n"
            row += 1
        }
    }
    for i in 0..<6 { csv += "S5,general,high,\(i < 2 ? 1 : 0)\n" }
    let data = dir.appendingPathComponent("trip.csv").path
    try csv.write(toFile: data, atomically: true, encoding: .utf8)
    for lang in ["en", "nl"] {
        let extra = #""school": "school", "table": {"rows": "track", "columns": "support"}"#
        let (run, html) = try runBrief(briefSpec(language: lang, survival: extra, model: #""formula": "y ~ track + support", "family": "binomial""#),
                                       data: data, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        // The cell of 3 events is hidden, and so is every other cell of the 2x2 table (secondary suppression).
        #expect(!html.contains("<td>3/40</td>"))
        #expect(html.components(separatedBy: "<td>x</td>").count - 1 >= 4)
        #expect(!html.contains(">S5<") && !html.contains("S5"))
        if lang == "en" {
            #expect(html.contains("To protect pupils&#39; privacy, 1 school with fewer than 10 pupils is left out of the results per school; 1 table cell with fewer than 10 pupils or fewer than 5 events is hidden; 3 more are hidden so that it cannot be worked out from the totals.")
                    || html.contains("To protect pupils' privacy, 1 school with fewer than 10 pupils is left out of the results per school; 1 table cell with fewer than 10 pupils or fewer than 5 events is hidden; 3 more are hidden so that it cannot be worked out from the totals."))
        } else {
            #expect(html.contains("Om de privacy van leerlingen te beschermen: 1 school met minder dan 10 leerlingen staat niet in de resultaten per school; 1 cel met minder dan 10 leerlingen of minder dan 5 gebeurtenissen is verborgen; nog 3 cellen zijn verborgen"))
        }
    }
}

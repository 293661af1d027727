import Frames
import Testing
import Foundation
import Models
@testable import Reports

/// Independent logistic prediction from the coefficients (no delta method, no shared code path).
private func logistic(_ fit: GLMFit, _ values: [String: Double]) -> Double {
    var eta = 0.0
    for c in fit.coefficients { eta += c.estimate * (c.term == "(Intercept)" ? 1 : values[c.term] ?? 0) }
    return 1 / (1 + Foundation.exp(-eta))
}

@Test("Every figure in the comparison sentence is computed from the model and printed in the text", arguments: BriefLanguage.allCases)
func comparisonFigures(_ lang: BriefLanguage) throws {
    let demo = try BriefDemo(lang)
    let (sentence, difference) = try demo.comparison()
    let pv = logistic(demo.fit, demo.vocational.values), pg = logistic(demo.fit, demo.general.values)
    let fig = Dictionary(uniqueKeysWithValues: sentence.figures.map { ($0.name, $0) })
    #expect(try #require(fig["a.estimate"]).value == pv || isCloseRel(fig["a.estimate"]!.value, pv, 1e-12))
    #expect(isCloseRel(try #require(fig["b.estimate"]).value, pg, 1e-12))
    for f in sentence.figures {
        #expect(f.text == String(Int((f.value * 100).rounded())))          // per 100, rounded
        #expect(sentence.text.contains(f.text))
    }
    #expect(fig["a.low"]!.value < pv && pv < fig["a.high"]!.value)
    // The Wald interval on the logit scale: half-widths equal there.
    let lo = fig["a.low"]!.value, hi = fig["a.high"]!.value
    let logit = { (p: Double) in Foundation.log(p / (1 - p)) }
    #expect(isCloseRel(logit(pv) - logit(lo), logit(hi) - logit(pv), 1e-9))
    let d = Dictionary(uniqueKeysWithValues: difference.figures.map { ($0.name, $0) })
    #expect(isCloseRel(d["difference"]!.value, pv - pg, 1e-12))
    #expect(difference.text.contains(d["difference"]!.text))
    switch lang {
    case .english:
        #expect(sentence.text.hasPrefix("About \(fig["a.estimate"]!.text) in 100 pupils in vocational tracks had problematic absence (95% interval "))
        #expect(sentence.text.contains(", against \(fig["b.estimate"]!.text) in 100 pupils in general tracks ("))
    case .dutch:
        #expect(sentence.text.hasPrefix("Ongeveer \(fig["a.estimate"]!.text) op 100 leerlingen in het beroepsonderwijs waren problematisch afwezig (95%-interval "))
        #expect(sentence.text.contains(", tegenover \(fig["b.estimate"]!.text) op 100 leerlingen in het algemeen secundair onderwijs ("))
    }
    #expect(sentence.text.split(separator: " ").count <= 40)
}

@Test("Rare outcomes switch to 'in 1,000'; Dutch writes 'op 1.000'")
func naturalFrequencies() {
    let a = Prediction(label: "pupils in A", estimate: 0.012, low: 0.008, high: 0.018)
    let b = Prediction(label: "pupils in B", estimate: 0.004, low: 0.002, high: 0.007)
    let en = BriefSentences(language: .english).comparison(a, b, outcome: "left")
    #expect(en.text == "About 12 in 1,000 pupils in A left (95% interval 8 to 18), against 4 in 1,000 pupils in B (2 to 7).")
    let nl = BriefSentences(language: .dutch).comparison(a, b, outcome: "vertrokken")
    #expect(nl.text == "Ongeveer 12 op 1.000 pupils in A vertrokken (95%-interval 8 tot 18), tegenover 4 op 1.000 pupils in B (2 tot 7).")
}

@Test("School variation: median odds ratio and latent ICC from the variance, explained in words (mixed-model hook)")
func schoolVariation() {
    let v = SchoolVariation(variance: 0.4, schools: 54, sdInterval: 0.45...0.8)
    // MOR = exp(sqrt(2 * 0.4) * qnorm(0.75)) = exp(0.6033) in R: exp(sqrt(2*0.4)*qnorm(0.75)) = 1.827...
    #expect(isCloseRel(v.medianOddsRatio, Foundation.exp((0.8).squareRoot() * 0.6744897501960817), 1e-15))
    #expect(isCloseRel(v.latentICC, 0.4 / (0.4 + Double.pi * Double.pi / 3), 1e-15))
    let en = BriefSentences(language: .english).schoolVariation(v, outcome: "is problematically absent")
    let mor = en.figures.first { $0.name == "mor" }!
    #expect(mor.text == String(format: "%.1f", v.medianOddsRatio))
    #expect(en.text.contains("are typically \(mor.text) times those of the other pupil (95% interval"))
    #expect(en.text.contains("54 schools"))
    let nl = BriefSentences(language: .dutch).schoolVariation(v, outcome: "problematisch afwezig is")
    #expect(nl.text.contains("doorgaans \(mor.text.replacingOccurrences(of: ".", with: ",")) keer"))
    #expect(!en.text.contains("more likely"))
}

@Test("Survival sentence reads the Kaplan–Meier curve at year 3 (1 - S), with its interval", arguments: BriefLanguage.allCases)
func survivalSentence(_ lang: BriefLanguage) throws {
    let demo = try BriefDemo(lang)
    let s = try demo.survivalSentence()
    let voc = try #require(demo.km.strata.first { $0.stratum.hasSuffix("vocational") })
    let i = try #require(voc.time.lastIndex { $0 <= 3 })
    let share = s.figures[0]
    #expect(isCloseRel(share.value, 1 - voc.surv[i], 1e-15))
    #expect(s.figures[1].value == 1 - voc.confHigh[i] && s.figures[2].value == 1 - voc.confLow[i])
    for f in s.figures { #expect(s.text.contains(f.text)) }
    #expect(s.text.hasPrefix(lang == .english ? "By the end of school year 3, about " : "Tegen het einde van schooljaar 3 had ongeveer "))
}

@Test("The brief page: one language per page, every section, charts inline, no script or external resource", arguments: BriefLanguage.allCases)
func briefHTML(_ lang: BriefLanguage) throws {
    let demo = try BriefDemo(lang)
    let doc = try demo.document()
    let html = doc.html
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">"))
    #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
    #expect(!html.contains("<script") && !html.contains("http://") == false || !html.contains("src="))
    #expect(!html.contains("src=") && !html.contains("<link"))
    for f in doc.findings { #expect(html.contains(htmlEscaped(f.text))) }
    #expect(html.contains(doc.provenance.sha256) && doc.provenance.sha256.count == 64)
    #expect(html.contains(lang == .english ? "These are associations, not causes" : "Dit zijn samenhangen, geen oorzaken"))
    #expect(html.contains(lang == .english ? "Problematic absence:" : "Problematische afwezigheid:"))
    #expect(html.contains(lang == .english ? "Model: logistic regression, absent ~ track + support" : "Model: logistische regressie, absent ~ track + support"))
    // The school of 6 pupils is reported as left out.
    #expect(doc.privacyNote?.text.contains(lang == .english ? "1 school with fewer than 10 pupils" : "1 school met minder dan 10 leerlingen") == true)
    #expect(html == (try demo.document()).html)   // deterministic
}

@Test("SHA-256 matches the FIPS 180-4 test vectors")
func sha256Vectors() {
    #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}

@Test("A profile naming a term the model lacks is refused with the list of terms")
func unknownProfileTerm() throws {
    let demo = try BriefDemo(.english)
    #expect(throws: BriefError.self) { try demo.model.predict(Profile(label: "x", values: ["trackOKAN": 1])) }
    do { _ = try demo.model.predict(Profile(label: "x", values: ["trackOKAN": 1])) } catch {
        #expect("\(error)".contains("'trackOKAN'") && "\(error)".contains("trackvocational"))
    }
}

func isCloseRel(_ a: Double, _ b: Double, _ tol: Double) -> Bool { Swift.abs(a - b) <= tol * Swift.max(Swift.abs(b), 1e-300) }

func htmlEscaped(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

/// Writes the demo briefs and every chart to `$TRUANT_GALLERY_DIR` for Scripts/browser_check.sh; does nothing otherwise.
@Test("Gallery for the browser check (writes files only when TRUANT_GALLERY_DIR is set)")
func writeGallery() throws {
    guard let dir = ProcessInfo.processInfo.environment["TRUANT_GALLERY_DIR"], !dir.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for lang in BriefLanguage.allCases {
        let demo = try BriefDemo(lang)
        try demo.document().html.write(toFile: "\(dir)/brief-\(lang.rawValue).html", atomically: true, encoding: .utf8)
    }
    let demo = try BriefDemo(.english)
    // Input for `truant brief` in the browser check: the cohort and a spec.
    try demo.cohort.csv.write(toFile: "\(dir)/cohort.csv", atomically: true, encoding: .utf8)
    try """
    {"title": "Problematic absence by track", "question": "How much more often are pupils in vocational tracks problematically absent?",
     "population": "Synthetic cohort of 31 schools (test data).", "outcome_phrase": "had problematic absence", "language": "en",
     "definitions": [{"term": "Problematic absence", "text": "30 or more unauthorised half-days in a school year (DISCIMUS)."}],
     "model": {"formula": "absent ~ track + support", "family": "binomial"},
     "comparisons": [{"a": {"label": "pupils in vocational tracks", "values": {"trackvocational": 1}},
                      "b": {"label": "pupils in general tracks", "values": {}}}],
     "term_labels": {"tracktechnical": "Technical track", "trackvocational": "Vocational track", "supportlow": "Low teacher support"},
     "school": "school", "table": {"rows": "track", "columns": "support"}}
    """.write(toFile: "\(dir)/brief-spec.json", atomically: true, encoding: .utf8)
    let effects = demo.cohort.schoolCounts.filter { $0.pupils >= 10 }.map { s -> GroupEffect in
        // Observed log-odds of each school against the whole cohort (+0.5 continuity), only to exercise the chart.
        let e = Double(s.events) + 0.5, n = Double(s.pupils - s.events) + 0.5
        let lo = Foundation.log(e / n), se = (1 / e + 1 / n).squareRoot()
        return GroupEffect(label: s.id, estimate: Foundation.exp(lo), low: Foundation.exp(lo - 1.96 * se), high: Foundation.exp(lo + 1.96 * se))
    }
    let total = demo.cohort.pupils.reduce(0) { $0 + $1.absent }
    let overall = Double(total) / Double(demo.cohort.pupils.count - total)
    let cat = CaterpillarPlot(effects: effects.map { GroupEffect(label: $0.label, estimate: $0.estimate / overall, low: $0.low / overall, high: $0.high / overall) },
                              valueLabel: "Odds ratio vs all schools (log scale)", groupLabel: "Schools, from lowest to highest (unnamed)",
                              text: ChartText(title: "Differences between schools", description: "Observed odds of problematic absence per school relative to all schools, with 95% intervals; schools with fewer than 10 pupils left out.",
                                              note: "Test data. Vermillion: interval above 1; blue: below 1; grey: includes 1."))
    let items = ItemStatisticsPlot(items: [ItemRow(item: "TS1 teacher helps", mean: 2.9, sd: 0.72, itemRest: 0.61, alphaIfDeleted: 0.81),
                                           ItemRow(item: "TS2 teacher listens", mean: 2.7, sd: 0.81, itemRest: 0.66, alphaIfDeleted: 0.79),
                                           ItemRow(item: "TS3 teacher cares", mean: 2.5, sd: 0.85, itemRest: 0.58, alphaIfDeleted: 0.82),
                                           ItemRow(item: "TS4 teacher ignores", reversed: true, mean: 2.2, sd: 0.93, itemRest: 0.24, alphaIfDeleted: 0.87)],
                                   responseRange: 1...4, alpha: 0.84,
                                   text: ChartText(title: "Teacher support scale: items", description: "Item means with one SD, item–rest correlations and alpha if deleted for four illustrative items.",
                                                   note: "Illustrative values. Bold alpha: the scale would be more reliable without the item."))
    let hz = HazardPlot(points: (1...6).flatMap { y in [("General", 0.008), ("Vocational", 0.05)].map { name, h in
        IntervalPoint(category: "Year \(y)", series: name, estimate: h * (1 + 0.1 * Double(y)), low: h * (0.7 + 0.1 * Double(y)), high: h * (1.3 + 0.1 * Double(y))) } },
                        valueLabel: "Leavers per 100 still in school", periodLabel: "School year",
                        text: ChartText(title: "Hazard of leaving by school year", description: "Illustrative yearly hazard of leaving without a qualification by track, with 95% intervals."))
    let leaving = BriefCurvesRequest(formula: "Surv(years, left) ~ track", time: 3, timeLabel: "the end of school year 3",
                                     outcomePhrase: "had left school without a qualification", compare: ["vocational", "general"],
                                     legend: ["general": "General", "technical": "Technical", "vocational": "Vocational"])
    let curves = try BriefCurveFindings.make(demo.km.strata.map { BriefCurve($0) }, request: leaving, language: .english,
                                             thresholds: PrivacyThresholds())
    let charts: [(String, String)] = [("forest", demo.forest().svg), ("profiles", try demo.profiles().svg), ("survival", demo.survival().svg),
                                      ("curves", try #require(curves.charts.first).svg),
                                      ("caterpillar", cat.svg), ("items", items.svg), ("hazard", hz.svg)]
    for (name, svg) in charts {
        try svg.write(toFile: "\(dir)/chart-\(name).svg", atomically: true, encoding: .utf8)
        let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(name)</title><style>body{margin:8px;background:#fff}</style></head><body>\n\(svg)</body></html>\n"
        try page.write(toFile: "\(dir)/chart-\(name).html", atomically: true, encoding: .utf8)
    }
}

@Test("Mixed-model hook: school effects become a caterpillar plot without the school of 6 and without names unless allowed")
func schoolEffectsHook() throws {
    let demo = try BriefDemo(.english)
    let counts = demo.cohort.schoolCounts
    #expect(counts.contains { $0.id == "S31" && $0.pupils == 6 })
    let effects = counts.enumerated().map { SchoolEffect(school: $0.element.id, mode: Double($0.offset % 7 - 3) * 0.2, sd: 0.25) }
    let variation = SchoolVariation(variance: 0.36, schools: counts.count)
    var model = demo.model
    model.kind = "glmm"
    model.schoolVariation = variation
    model.groups = ["schools": counts.count]
    let comparison = BriefComparison(a: ProfileSpec(label: "pupils in vocational tracks", values: ["trackvocational": 1]),
                                     b: ProfileSpec(label: "pupils in general tracks", values: [:]))
    let prov = Provenance(dataFile: "cohort.csv", sha256: SHA256.hex(Data(demo.cohort.csv.utf8)), date: "2026-11-30", truantVersion: "0.1.0")
    let doc = try BriefComposer.compose(spec: demo.spec, model: model, comparisons: [comparison], schools: counts,
                                        schoolEffects: effects, provenance: prov)
    let cat = try #require(doc.charts.last)
    let parsed = try ParsedSVG(cat.svg)
    #expect(parsed.elements(class: "estimate").count == counts.count - 1)
    #expect(parsed.elements(class: "group-label").isEmpty)
    #expect(!cat.svg.contains("S01"))
    // The school-variation sentence is there, with the MOR computed from the variance.
    let mor = try #require(doc.findings.flatMap(\.figures).first { $0.name == "mor" })
    #expect(isCloseRel(mor.value, Foundation.exp((2 * 0.36).squareRoot() * 0.6744897501960817), 1e-15))
    #expect(doc.methods.first?.hasPrefix("Model: multilevel logistic regression") == true)
    // The comparison and the difference count per the same denominator.
    let per = doc.findings[0].text.contains("in 1,000") ? "in 1,000" : "in 100"
    #expect(doc.findings[1].text.contains(per))
    // With naming and ranking asked for, the remaining schools carry their ids.
    var spec = demo.spec
    spec.privacy = PrivacyPolicy(nameSchools: true, rankSchools: true)
    let named = try BriefComposer.compose(spec: spec, model: model, comparisons: [], schools: counts, schoolEffects: effects, provenance: prov)
    let labels = try ParsedSVG(try #require(named.charts.last).svg).texts(class: "group-label")
    #expect(labels.count == counts.count - 1 && labels.contains("S01") && !labels.contains("S31"))
    // Naming without ranking: the sorted plot stays unnamed.
    spec.privacy = PrivacyPolicy(nameSchools: true, rankSchools: false)
    let unranked = try BriefComposer.compose(spec: spec, model: model, comparisons: [], schools: counts, schoolEffects: effects, provenance: prov)
    #expect(try ParsedSVG(try #require(unranked.charts.last).svg).elements(class: "group-label").isEmpty)
}

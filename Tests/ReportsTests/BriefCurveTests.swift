import Frames
import Testing
import Foundation
import Models
@testable import Reports

/// Survival curves in a brief: every figure read off the fitted curves (and, independently, off the data
/// by hand), in both languages, with the privacy guard on groups built to trip it.

/// The request of the cohort tests: vocational against general by the end of school year 3.
private func yearThree(_ lang: BriefLanguage) -> BriefCurvesRequest {
    lang == .english
        ? BriefCurvesRequest(formula: "Surv(years, left) ~ track", time: 3, timeLabel: "the end of school year 3",
                             outcomePhrase: "had left school without a qualification",
                             groups: ["vocational": "pupils in vocational tracks", "general": "pupils in general tracks"],
                             compare: ["vocational", "general"])
        : BriefCurvesRequest(formula: "Surv(years, left) ~ track", time: 3, timeLabel: "het einde van schooljaar 3",
                             outcomePhrase: "de school zonder kwalificatie verlaten",
                             groups: ["vocational": "leerlingen in het beroepsonderwijs", "general": "leerlingen in het algemeen onderwijs"],
                             compare: ["vocational", "general"])
}

/// Product-limit estimate of 1 - S(t) for one track, by hand from the pupils (no shared code with KaplanMeier).
private func leftByHand(_ cohort: BriefCohort, track: String, by t: Double) -> Double {
    let ps = cohort.pupils.filter { $0.track == track }
    var s = 1.0
    for year in 1...Int(t) {
        let atRisk = ps.filter { $0.years >= Double(year) }.count
        let left = ps.filter { $0.years == Double(year) && $0.left == 1 }.count
        if atRisk > 0 { s *= 1 - Double(left) / Double(atRisk) }
    }
    return 1 - s
}

@Test("Kaplan–Meier sentence: both groups' shares by year 3 are 1 - S(3) of the fitted curves, and match a hand product-limit",
      arguments: BriefLanguage.allCases)
func curveComparisonFigures(_ lang: BriefLanguage) throws {
    let cohort = BriefCohort()
    let km = try cohort.kaplanMeier()
    let curves = km.strata.map { BriefCurve($0) }
    #expect(curves.map(\.key) == ["general", "technical", "vocational"])
    let s = try BriefCurveFindings.make(curves, request: yearThree(lang), language: lang, thresholds: PrivacyThresholds())
    #expect(s.hiddenGroups.isEmpty)
    let sentence = try #require(s.findings.first)
    let fig = Dictionary(uniqueKeysWithValues: sentence.figures.map { ($0.name, $0) })
    for (name, track) in [("a", "vocational"), ("b", "general")] {
        let stratum = try #require(km.strata.first { $0.stratum.hasSuffix(track) })
        let i = try #require(stratum.time.lastIndex { $0 <= 3 })
        #expect(try #require(fig["\(name).estimate"]).value == 1 - stratum.surv[i])
        #expect(try #require(fig["\(name).low"]).value == 1 - stratum.confHigh[i])
        #expect(try #require(fig["\(name).high"]).value == 1 - stratum.confLow[i])
        #expect(isCloseRel(fig["\(name).estimate"]!.value, leftByHand(cohort, track: track, by: 3), 1e-12))
    }
    // One denominator for the sentence, every figure printed as it rounds.
    let per = NaturalFrequency(for: [fig["a.estimate"]!.value, fig["b.estimate"]!.value, fig["a.low"]!.value, fig["b.low"]!.value]).per
    for f in sentence.figures {
        #expect(f.text == String(Int((f.value * Double(per)).rounded())))
        #expect(sentence.text.contains(f.text))
    }
    let a = fig["a.estimate"]!.text, b = fig["b.estimate"]!.text
    let perText = lang.count(per)
    switch lang {
    case .english:
        #expect(sentence.text.hasPrefix("By the end of school year 3, about \(a) in \(perText) pupils in vocational tracks had left school without a qualification (95% interval "))
        #expect(sentence.text.contains("), against \(b) in \(perText) pupils in general tracks ("))
    case .dutch:
        #expect(sentence.text.hasPrefix("Tegen het einde van schooljaar 3 had ongeveer \(a) op \(perText) leerlingen in het beroepsonderwijs de school zonder kwalificatie verlaten (95%-interval "))
        #expect(sentence.text.contains("), tegenover \(b) op \(perText) leerlingen in het algemeen onderwijs ("))
    }
    #expect(sentence.text.split(separator: " ").count <= 40)
    // The chart: all three tracks, half width, the share with the event (starts at 0 per 100).
    let chart = try #require(s.charts.first)
    #expect(chart.halfWidth)
    #expect(try ParsedSVG(chart.svg).elements(class: "curve").count == 3)
    #expect(s.methods.first?.contains(lang == .english ? "Kaplan–Meier curves" : "Kaplan–Meiercurves") == true)
}

/// Competing exits for a hand-checked Aalen–Johansen estimate: two groups, exits "dropout" and "transfer".
private struct CompetingData {
    var time: [Double] = [], status: [Int] = [], group: [Int] = []

    init() {
        // Group A: 40 pupils; group B: 30 pupils. Years 1-4; status 0 censored, 1 dropout, 2 transfer.
        let a: [(Double, Int, Int)] = [(1, 1, 3), (1, 2, 2), (2, 1, 4), (2, 0, 2), (3, 1, 5), (3, 2, 3), (4, 1, 2), (4, 0, 19)]
        let b: [(Double, Int, Int)] = [(1, 1, 1), (2, 2, 2), (2, 1, 2), (3, 1, 3), (4, 0, 22)]
        for (g, rows) in [(0, a), (1, b)] {
            for (t, s, n) in rows { for _ in 0..<n { time.append(t); status.append(s); group.append(g) } }
        }
    }

    /// Cumulative incidence of dropout by `t` in group `g`, by hand: sum over event times of S(s-) d1(s) / n(s).
    func dropoutByHand(group g: Int, by t: Double) -> Double {
        var s = 1.0, ci = 0.0
        for year in 1...Int(t) {
            let rows = (0..<time.count).filter { group[$0] == g }
            let atRisk = rows.filter { time[$0] >= Double(year) }.count
            let d1 = rows.filter { time[$0] == Double(year) && status[$0] == 1 }.count
            let d = rows.filter { time[$0] == Double(year) && status[$0] > 0 }.count
            guard atRisk > 0 else { continue }
            ci += s * Double(d1) / Double(atRisk)
            s *= 1 - Double(d) / Double(atRisk)
        }
        return ci
    }

    func fit() throws -> CumulativeIncidenceFit {
        let data = try SurvivalData(stop: time, status: status, states: ["dropout", "transfer"])
        return try AalenJohansen.fit(data, groups: try GroupCodes(name: "group", codes: group, levels: ["A", "B"]))
    }
}

@Test("Cumulative-incidence sentence reads the Aalen–Johansen curve of one exit, as a hand computation gives it", arguments: BriefLanguage.allCases)
func cumulativeIncidenceFigures(_ lang: BriefLanguage) throws {
    let data = CompetingData()
    let fit = try data.fit()
    let curves = fit.strata.compactMap { BriefCurve($0, state: "dropout") }
    #expect(curves.map(\.key) == ["A", "B"] && curves.map(\.pupils) == [40, 30])
    #expect(curves.map { $0.events(by: 4) } == [14, 6])
    let request = BriefCurvesRequest(formula: "Surv(time, exit) ~ group", event: "dropout", time: 3, timeLabel: lang == .english ? "year 3" : "jaar 3",
                                     outcomePhrase: lang == .english ? "had dropped out" : "de school verlaten",
                                     groups: ["A": "pupils in A", "B": "pupils in B"], compare: ["A", "B"])
    let s = try BriefCurveFindings.make(curves, request: request, language: lang, thresholds: PrivacyThresholds())
    let sentence = try #require(s.findings.first)
    let fig = Dictionary(uniqueKeysWithValues: sentence.figures.map { ($0.name, $0) })
    #expect(isCloseRel(try #require(fig["a.estimate"]).value, data.dropoutByHand(group: 0, by: 3), 1e-12))
    #expect(isCloseRel(try #require(fig["b.estimate"]).value, data.dropoutByHand(group: 1, by: 3), 1e-12))
    // A: 3/40 + (35/40)(4/35) + (31/40)(5/29) = 0.3086  ->  31 in 100.
    #expect(fig["a.estimate"]!.text == "31")
    let stratumA = try #require(fit.strata.first)
    let k = try #require(stratumA.states.firstIndex(of: "dropout"))
    let i = try #require(stratumA.time.lastIndex { $0 <= 3 })
    #expect(fig["a.low"]!.value == stratumA.confLow[k][i] && fig["a.high"]!.value == stratumA.confHigh[k][i])
    for f in sentence.figures { #expect(sentence.text.contains(f.text)) }
    #expect(s.methods.first?.contains("Aalen–Johansen") == true)
    #expect(sentence.text.hasPrefix(lang == .english ? "By year 3, about 31 in 100 pupils in A had dropped out (95% interval "
                                                     : "Tegen jaar 3 had ongeveer 31 op 100 pupils in A de school verlaten (95%-interval "))
}

/// Curves built to trip the guard: a group of 6 pupils and a group with 3 events by the time read.
private func trippingCurves() throws -> [BriefCurve] {
    var time: [Double] = [], status: [Int] = [], group: [Int] = []
    func add(_ g: Int, _ t: Double, _ s: Int, _ n: Int) { for _ in 0..<n { time.append(t); status.append(s); group.append(g) } }
    add(0, 1, 1, 6); add(0, 2, 1, 8); add(0, 3, 0, 86)            // "big": 100 pupils, 14 events
    add(1, 1, 1, 2); add(1, 3, 0, 4)                               // "tiny": 6 pupils
    add(2, 1, 1, 1); add(2, 2, 1, 2); add(2, 3, 1, 9); add(2, 3, 0, 48)   // "late": 60 pupils, 3 events by year 2
    let km = try KaplanMeier.fit(try SurvivalData(stop: time, status: status),
                                 groups: try GroupCodes(name: "school", codes: group, levels: ["big", "tiny", "late"]))
    return km.strata.map { BriefCurve($0) }
}

@Test("Privacy guard: a group of 6 pupils and a group with 3 events by the time read are left out of the text; the brief says so")
func curvePrivacyGuard() throws {
    let curves = try trippingCurves()
    #expect(curves.map(\.pupils) == [100, 6, 60])
    #expect(curves[2].events(by: 2) == 3 && curves[2].totalEvents == 12)
    let request = BriefCurvesRequest(formula: "Surv(t, e) ~ school", time: 2, timeLabel: "year 2", outcomePhrase: "had left")
    let s = try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds())
    #expect(s.hiddenGroups == ["tiny", "late"])
    #expect(s.findings.count == 1 && s.findings[0].text.hasPrefix("By year 2, about 14 in 100 big had left"))
    // The chart draws the big group and the late one (12 events over the follow-up), never the tiny one.
    let svg = try ParsedSVG(try #require(s.charts.first).svg)
    #expect(svg.elements(class: "curve").count == 2)
    #expect(!(s.charts.first?.svg.contains(">tiny<") ?? true))
    // Numbers at risk below 10 print as "<10".
    #expect(svg.texts(class: "at-risk-count").allSatisfy { $0 == "<10" || (Int($0) ?? 0) >= 10 || $0 == "0" })
    // The privacy sentence counts the groups left out, in both languages, with the thresholds.
    let summary = SuppressionSummary(thresholds: PrivacyThresholds(), schools: nil, tables: [], hiddenGroups: s.hiddenGroups.count)
    #expect(BriefSentences(language: .english).suppression(summary)?.text
            == "To protect pupils' privacy, 2 groups with fewer than 10 pupils or fewer than 5 events are left out of the curves.")
    #expect(BriefSentences(language: .dutch).suppression(summary)?.text
            == "Om de privacy van leerlingen te beschermen: 2 groepen met minder dan 10 leerlingen of minder dan 5 gebeurtenissen staan niet in de curves.")
    // Stricter thresholds hide the big group too (14 events < 20).
    let strict = try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds(minimumPupils: 10, minimumEvents: 20))
    #expect(strict.findings.isEmpty && strict.charts.isEmpty && strict.hiddenGroups.count == 3)
    // A compared pair with one group hidden reports the other alone.
    var pair = request
    pair.compare = ["big", "tiny"]
    let one = try BriefCurveFindings.make(curves, request: pair, language: .english, thresholds: PrivacyThresholds())
    #expect(one.findings.count == 1 && !one.findings[0].text.contains("against"))
}

@Test("Curve requests that do not fit the curves are refused with a message")
func curveRequestErrors() throws {
    let curves = try trippingCurves()
    var request = BriefCurvesRequest(formula: "Surv(t, e) ~ school", time: 2, timeLabel: "year 2", outcomePhrase: "had left", compare: ["big", "OKAN"])
    #expect(throws: BriefError.self) { try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds()) }
    do { _ = try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds()) } catch {
        #expect("\(error)".contains("'OKAN'") && "\(error)".contains("big, tiny, late"))
    }
    request.compare = ["big"]
    request.time = 9
    #expect(throws: BriefError.self) { try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds()) }
    request.time = -1
    #expect(throws: BriefError.self) { try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds()) }
}

@Test("The composed brief carries the curves: sentence, half-width chart beside the profiles, methods line, privacy note")
func composedBriefWithCurves() throws {
    let demo = try BriefDemo(.english)
    var request = yearThree(.english)
    request.compare = ["vocational", "general"]
    let curves = demo.km.strata.map { BriefCurve($0) } + [try trippingCurves()[1]]
    let supplement = try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: demo.spec.privacy.thresholds)
    let comparison = BriefComparison(a: ProfileSpec(label: "pupils in vocational tracks", values: ["trackvocational": 1], short: "Vocational"),
                                     b: ProfileSpec(label: "pupils in general tracks", values: [:], short: "General"))
    let prov = Provenance(dataFile: "cohort.csv", sha256: SHA256.hex(Data(demo.cohort.csv.utf8)), date: "2026-11-30", truantVersion: "0.1.0")
    let more = Provenance(dataFile: "careers.csv", sha256: SHA256.hex(Data("x".utf8)), date: "2026-11-30", truantVersion: "0.1.0")
    let doc = try BriefComposer.compose(spec: demo.spec, model: demo.model, comparisons: [comparison], supplements: [supplement],
                                        provenance: prov, moreProvenance: [more])
    #expect(doc.findings.contains(supplement.findings[0]))
    #expect(doc.privacyNote?.text.contains("1 group with fewer than 10 pupils or fewer than 5 events is left out of the curves") == true)
    #expect(doc.charts.count == 3 && doc.charts[0].halfWidth && doc.charts[1].halfWidth && !doc.charts[2].halfWidth)
    let html = doc.html
    #expect(html.contains("<div class=\"charts\">\n<figure class=\"half\">"))
    #expect(html.contains(">Vocational<") && html.contains(">General<"))     // the short labels on the profile axis
    #expect(html.contains("careers.csv") && html.contains(more.sha256))
    #expect(doc.methods.contains { $0.hasPrefix("Curves: Kaplan–Meier curves") })
}

@Test("The forest plot of a many-term model draws the key terms and names the others in its note")
func forestSelection() throws {
    let terms = ["(Intercept)", "male", "foreign_language", "mother_low", "allowance", "trackBSO", "trackKSO", "trackTSO", "age_c",
                 "retained", "bonding_cwc", "climate_c", "bonding_cwc:climate_c"]
    let labels = ["trackBSO": "BSO", "trackTSO": "TSO", "bonding_cwc": "Bonding", "climate_c": "Climate"]
    let byLabel = try ForestSelection(terms, labels: labels)
    #expect(byLabel.shown == ["trackBSO", "trackTSO", "bonding_cwc", "climate_c"])
    #expect(byLabel.omitted.count == 8 && byLabel.omitted.first == "male")
    #expect(byLabel.omittedNote(.english, labels: ["male": "Boy"]).hasPrefix(" Also adjusted for (not drawn): Boy, foreign_language,"))
    #expect(try ForestSelection(terms).shown.count == 10)                       // no labels: the first ten
    #expect(try ForestSelection(Array(terms.prefix(6)), labels: labels).shown.count == 5)   // few terms: all drawn
    #expect(try ForestSelection(terms, requested: ["climate_c", "male"]).shown == ["climate_c", "male"])
    #expect(throws: BriefError.self) { try ForestSelection(terms, requested: ["trackOKAN"]) }
    #expect(try ForestSelection(Array(terms.prefix(6))).omittedNote(.dutch).isEmpty)
}

@Test("Long chart titles wrap instead of running off a half-width chart")
func titleWraps() throws {
    var style = ChartStyle()
    style.width = BriefChart.halfWidth
    let plot = ProfilePlot(points: [IntervalPoint(category: "A", estimate: 0.1, low: 0.08, high: 0.12)], valueLabel: "Pupils per 100",
                           text: ChartText(title: "Pupils per 100 who left school without a qualification by the end of year 6", description: "d"),
                           style: style)
    let titles = try ParsedSVG(plot.svg).texts(class: "chart-title")
    #expect(titles.count >= 2)
    #expect(titles.allSatisfy { style.textWidth($0, size: style.titleSize) * 1.08 <= style.width - 16 })
}

@Test("One curve for everyone (~ 1) reads as 'pupils', one sentence, no comparison")
func singleCurve() throws {
    let cohort = BriefCohort()
    let km = try KaplanMeier.fit(try SurvivalData(stop: cohort.pupils.map(\.years), status: cohort.pupils.map(\.left)))
    let curves = km.strata.map { BriefCurve($0) }
    #expect(curves.count == 1)
    let request = BriefCurvesRequest(formula: "Surv(years, left) ~ 1", time: 6, timeLabel: "the end of year 6", outcomePhrase: "had left school")
    let s = try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds())
    let share = curves[0].share(at: 6).estimate
    let all = ["general", "technical", "vocational"].map { leftByHand(cohort, track: $0, by: 6) }
    #expect(share > all.min()! && share < all.max()!)          // the pooled curve lies between the tracks'
    #expect(s.findings.count == 1 && s.findings[0].text.hasPrefix("By the end of year 6, about \(Int((share * 100).rounded())) in 100 pupils had left school (95% interval "))
}

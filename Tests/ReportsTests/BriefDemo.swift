import Frames
import Foundation
import Models
@testable import Reports

/// The demo brief on the synthetic cohort, in either language: how a caller composes a brief from
/// fitted models with the Reports/Brief building blocks. Used by the brief tests and by the gallery
/// that Scripts/browser_check.sh renders in headless Chromium.
struct BriefDemo {
    let cohort = BriefCohort()
    let language: BriefLanguage
    let fit: GLMFit
    let km: KaplanMeierFit
    let model: BriefModel
    let vocational = Profile(label: "", values: ["trackvocational": 1, "supportlow": 1])
    let general = Profile(label: "", values: ["supportlow": 1])

    init(_ language: BriefLanguage) throws {
        self.language = language
        fit = try cohort.glm()
        km = try cohort.kaplanMeier()
        model = BriefModel(fit)
    }

    var words: (voc: String, gen: String, outcome: String, leave: String, year3: String) {
        language == .english
            ? ("pupils in vocational tracks", "pupils in general tracks", "had problematic absence",
               "had left school without a qualification", "the end of school year 3")
            : ("leerlingen in het beroepsonderwijs", "leerlingen in het algemeen secundair onderwijs", "waren problematisch afwezig",
               "de school zonder kwalificatie verlaten", "het einde van schooljaar 3")
    }

    var spec: BriefSpec {
        language == .english
            ? BriefSpec(title: "Problematic absence in secondary school",
                        question: "Which pupils are most often problematically absent, and how large are the differences?",
                        population: "Synthetic cohort: \(BriefLanguage.english.count(cohort.pupils.count)) pupils in 31 secondary schools (test data, not real pupils).",
                        outcomePhrase: words.outcome,
                        definitions: [BriefDefinition(term: "Problematic absence", text: "30 or more unauthorised (B-code) half-days in one school year, as registered in DISCIMUS."),
                                      BriefDefinition(term: "Early school leaving", text: "Leaving a qualifying track without a qualification (administrative definition, ages 18–25)."),
                                      BriefDefinition(term: "Teacher support", text: "School-level rating of teacher support, split at the median (low/high).")],
                        language: .english)
            : BriefSpec(title: "Problematische afwezigheid in het secundair onderwijs",
                        question: "Welke leerlingen zijn het vaakst problematisch afwezig, en hoe groot zijn de verschillen?",
                        population: "Synthetisch cohort: \(BriefLanguage.dutch.count(cohort.pupils.count)) leerlingen in 31 secundaire scholen (testgegevens, geen echte leerlingen).",
                        outcomePhrase: words.outcome,
                        definitions: [BriefDefinition(term: "Problematische afwezigheid", text: "30 of meer ongewettigde (B-code) halve dagen in één schooljaar, zoals geregistreerd in DISCIMUS."),
                                      BriefDefinition(term: "Vroegtijdig schoolverlaten", text: "Een kwalificerende opleiding verlaten zonder kwalificatie (administratieve definitie, 18–25 jaar)."),
                                      BriefDefinition(term: "Steun van leraren", text: "Beoordeling van de steun van leraren op schoolniveau, gesplitst op de mediaan (laag/hoog).")],
                        language: .dutch)
    }

    var style: ChartStyle { ChartStyle(decimalMark: language.decimalMark) }

    func comparison() throws -> (BriefSentence, BriefSentence) {
        var a = vocational, b = general
        a.label = words.voc
        b.label = words.gen
        let s = BriefSentences(language: language)
        return (s.comparison(try model.predict(a), try model.predict(b), outcome: words.outcome),
                s.difference(try model.difference(a, b)))
    }

    func survivalSentence() throws -> BriefSentence {
        let voc = try require_(km.strata.first { $0.stratum.hasSuffix("vocational") })
        let curve = StepCurve(voc)
        let t = 3.0
        // Share with the event = 1 - S(t); interval ends swap.
        let i = curve.time.lastIndex { $0 <= t } ?? 0
        return BriefSentences(language: language).byTime(1 - curve.value(at: t), low: 1 - curve.high[i], high: 1 - curve.low[i],
                                                         group: words.voc, timeLabel: words.year3, outcome: words.leave)
    }

    var trackLabels: [String: String] {
        language == .english
            ? ["trackgeneral": "General", "tracktechnical": "Technical track (vs general)", "trackvocational": "Vocational track (vs general)", "supportlow": "Low teacher support (vs high)"]
            : ["tracktechnical": "Technisch (t.o.v. algemeen)", "trackvocational": "Beroeps (t.o.v. algemeen)", "supportlow": "Weinig steun van leraren (t.o.v. veel)"]
    }

    func forest() -> ForestPlot {
        let en = language == .english
        var plot = ForestPlot(rows: ForestRow.ratios(fit.coefficients, labels: trackLabels), axisLabel: en ? "Odds ratio (log scale)" : "Oddsratio (logaritmische schaal)",
                          text: ChartText(title: en ? "Odds of problematic absence" : "Odds op problematische afwezigheid",
                                          description: en ? "Odds ratios with 95% intervals from a logistic regression of problematic absence on track and teacher support."
                                                          : "Oddsratio's met 95%-intervallen uit een logistische regressie van problematische afwezigheid op onderwijsvorm en steun van leraren.",
                                          note: en ? "Squares: odds ratios; lines: 95% intervals. Right of the dashed line: higher odds than the reference group."
                                                   : "Vierkantjes: oddsratio's; lijnen: 95%-intervallen. Rechts van de stippellijn: hogere odds dan de referentiegroep.",
                                          id: "forest-\(language.rawValue)"), style: style)
        plot.valueHeading = en ? "OR (95% interval)" : "OR (95%-interval)"
        return plot
    }

    func profiles() throws -> ProfilePlot {
        let en = language == .english
        let tracks = [("", en ? "General" : "Algemeen"), ("tracktechnical", en ? "Technical" : "Technisch"), ("trackvocational", en ? "Vocational" : "Beroeps")]
        var points: [IntervalPoint] = []
        for (support, name) in [("", en ? "High teacher support" : "Veel steun"), ("supportlow", en ? "Low teacher support" : "Weinig steun")] {
            for (term, label) in tracks {
                var values: [String: Double] = [:]
                if !term.isEmpty { values[term] = 1 }
                if !support.isEmpty { values[support] = 1 }
                let p = try model.predict(Profile(label: label, values: values))
                points.append(IntervalPoint(category: label, series: name, estimate: p.estimate, low: p.low, high: p.high))
            }
        }
        return ProfilePlot(points: points, valueLabel: en ? "Pupils per 100" : "Leerlingen per 100", categoryLabel: en ? "Track" : "Onderwijsvorm",
                           text: ChartText(title: en ? "Predicted share with problematic absence" : "Voorspeld aandeel problematisch afwezig",
                                           description: en ? "Predicted pupils per 100 with problematic absence by track and teacher support, with 95% intervals."
                                                           : "Voorspeld aantal leerlingen per 100 dat problematisch afwezig is, per onderwijsvorm en steun van leraren, met 95%-intervallen.",
                                           note: en ? "Markers: model estimates; bars: 95% intervals." : "Symbolen: modelschattingen; staafjes: 95%-intervallen.",
                                           id: "profiles-\(language.rawValue)"), style: style)
    }

    func survival() -> SurvivalPlot {
        let en = language == .english
        let names = en ? ["General", "Technical", "Vocational"] : ["Algemeen", "Technisch", "Beroeps"]
        let curves = km.strata.enumerated().map { StepCurve($0.element, label: names[$0.offset]) }
        return SurvivalPlot(curves: curves, kind: .survival, valueLabel: en ? "Per 100 still in school" : "Per 100 nog op school",
                            timeLabel: en ? "School year" : "Schooljaar", atRiskLabel: en ? "Pupils still followed" : "Nog gevolgde leerlingen",
                            suppressAtRiskBelow: spec.privacy.thresholds.minimumPupils,
                            text: ChartText(title: en ? "Staying in school without leaving early" : "Op school blijven zonder vroegtijdig te vertrekken",
                                            description: en ? "Kaplan–Meier curves of the share of pupils who have not left school without a qualification, by track, with 95% bands and numbers still followed."
                                                            : "Kaplan–Meiercurves van het aandeel leerlingen dat de school nog niet zonder kwalificatie verliet, per onderwijsvorm, met 95%-banden en aantallen nog gevolgd.",
                                            note: en ? "Shaded: 95% intervals." : "Gearceerd: 95%-intervallen.", id: "survival-\(language.rawValue)"), style: style)
    }

    func suppressed() throws -> (SchoolDisclosure, SuppressedTable) {
        (SchoolDisclosure.decide(cohort.schoolCounts, policy: spec.privacy),
         CellSuppression.apply(try cohort.trackBySupport(lastSchool: "S06"), thresholds: spec.privacy.thresholds))
    }

    func document() throws -> BriefDocument {
        let (cmp, diff) = try comparison()
        let surv = try survivalSentence()
        let (schools, table) = try suppressed()
        let en = language == .english
        let note = BriefSentences(language: language).suppression(SuppressionSummary(thresholds: spec.privacy.thresholds, schools: schools, tables: [table]))
        let tableRows = en ? ["General", "Technical", "Vocational"] : ["Algemeen", "Technisch", "Beroeps"]
        let t = try CountTable(rows: tableRows, columns: en ? ["High support", "Low support"] : ["Veel steun", "Weinig steun"], cells: table.table.cells)
        var shownTable = table
        shownTable.table = t
        return BriefDocument(
            spec: spec, findings: [cmp, diff, surv] + (note.map { [$0] } ?? []),
            charts: [BriefChart(svg: try profiles().svg), BriefChart(svg: forest().svg), BriefChart(svg: survival().svg)],
            tables: [BriefTable(caption: en ? "Pupils with problematic absence / pupils in the first six schools, by track and teacher support" : "Problematisch afwezige leerlingen / leerlingen in de eerste zes scholen, per onderwijsvorm en steun",
                                table: shownTable, rowHeading: en ? "Track" : "Onderwijsvorm")],
            privacyNote: note, methods: MethodsBox.lines(models: [model], language: language),
            provenance: Provenance(dataFile: "cohort.csv", sha256: SHA256.hex(Data(cohort.csv.utf8)), date: "2026-11-30", truantVersion: "0.1.0"))
    }
}

/// `try #require` for non-test contexts: throws when `nil`.
func require_<T>(_ x: T?) throws -> T {
    guard let x else { throw BriefError.invalid("missing value in the demo") }
    return x
}

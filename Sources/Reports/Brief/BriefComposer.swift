import Foundation

/// Composes a brief from a spec and a fitted model: sentences for each comparison (and for school
/// variation when the model has it), a chart of the compared profiles, a forest plot of the ratios,
/// the privacy guard's decisions, the methods box and provenance.
public enum BriefComposer {
    /// The brief. `schools` (pupils and events per school) and `table` feed the privacy guard; pass `nil`
    /// when the data have no school column or no table is wanted. `schoolEffects` (a mixed model's
    /// conditional modes) become a caterpillar plot that shows only the schools `schools` allows, unnamed
    /// unless the policy and the data allow names; pass `nil` for `schools`
    /// when the data have no school column or no table is wanted. `extraFindings` and `extraCharts` carry
    /// sentences and charts from other models (e.g. Kaplan–Meier curves) in the same language.
    public static func compose(spec: BriefSpec, model: BriefModel, comparisons: [BriefComparison], termLabels: [String: String] = [:],
                               schools: [SchoolCount]? = nil, table: (caption: String, rowHeading: String, table: CountTable)? = nil,
                               schoolEffects: [SchoolEffect] = [],
                               extraFindings: [BriefSentence] = [], extraCharts: [BriefChart] = [],
                               supplements: [BriefSupplement] = [], forestTerms: [String]? = nil, maxForestRows: Int = 10,
                               provenance: Provenance, moreProvenance: [Provenance] = []) throws -> BriefDocument {
        let lang = spec.language
        let en = lang == .english
        let sentences = BriefSentences(language: lang, confidenceLevel: model.confidenceLevel)
        let style = ChartStyle(decimalMark: lang.decimalMark)
        var findings: [BriefSentence] = []
        var points: [IntervalPoint] = []
        for c in comparisons {
            let a = try model.predict(c.a.profile), b = try model.predict(c.b.profile)
            findings.append(sentences.comparison(a, b, outcome: spec.outcomePhrase))
            findings.append(sentences.difference(try model.difference(c.a.profile, c.b.profile),
                                                 frequency: NaturalFrequency(for: [a.estimate, b.estimate, a.low, b.low])))
            for (p, s) in [(a, c.a), (b, c.b)] where !points.contains(where: { $0.category == (s.short ?? p.label) }) {
                points.append(IntervalPoint(category: s.short ?? p.label, estimate: p.estimate, low: p.low, high: p.high))
            }
        }
        if let v = model.schoolVariation { findings.append(sentences.schoolVariation(v, outcome: spec.outcomePhrase)) }
        findings += extraFindings
        findings += supplements.flatMap(\.findings)

        let disclosure = schools.map { SchoolDisclosure.decide($0, policy: spec.privacy) }
        let suppressed = table.map { CellSuppression.apply($0.table, thresholds: spec.privacy.thresholds) }
        let note = sentences.suppression(SuppressionSummary(thresholds: spec.privacy.thresholds, schools: disclosure,
                                                            tables: suppressed.map { [$0] } ?? [],
                                                            hiddenGroups: supplements.reduce(0) { $0 + $1.hiddenGroups.count }))
        if let note { findings.append(note) }

        var charts: [BriefChart] = []
        let pct = lang.number(model.confidenceLevel * 100, decimals: 0)
        // With curves to show as well, the profile chart and the curves sit side by side at half width.
        let curveCharts = supplements.flatMap(\.charts)
        let pairProfiles = curveCharts.first?.halfWidth == true
        if !points.isEmpty {
            var half = style
            if pairProfiles { half.width = BriefChart.halfWidth }
            var plot = ProfilePlot(points: points, valueLabel: en ? "Pupils per 100" : "Leerlingen per 100",
                                   text: ChartText(title: en ? "Estimated pupils per 100, by profile" : "Geschat aantal leerlingen per 100, per profiel",
                                                   description: en ? "Model-estimated pupils per 100 who \(spec.outcomePhrase), for each profile compared in the text, with \(pct)% intervals."
                                                                   : "Geschat aantal leerlingen per 100, voor elk profiel uit de tekst, met \(pct)%-intervallen.",
                                                   note: en ? "Markers: model estimates; bars: \(pct)% intervals." : "Symbolen: modelschattingen; staafjes: \(pct)%-intervallen.",
                                                   id: "profiles"), style: half)
            plot.plotHeight = pairProfiles ? 150 : 130
            charts.append(BriefChart(svg: plot.svg, halfWidth: pairProfiles))
        }
        charts += curveCharts
        let forest = try ForestSelection(model.coefficients.map(\.term), labels: termLabels, requested: forestTerms, maxRows: maxForestRows)
        let rows = ForestRow.ratios(forest.shown.compactMap { t in model.coefficients.first { $0.term == t } }, labels: termLabels)
        if !rows.isEmpty {
            let ratio = model.link == .log ? (en ? "Rate ratio" : "Rate ratio") : (en ? "Odds ratio" : "Oddsratio")
            var plot = ForestPlot(rows: rows, axisLabel: en ? "\(ratio) (log scale)" : "\(ratio) (logaritmische schaal)",
                                  text: ChartText(title: en ? "\(ratio)s with \(pct)% intervals" : "\(ratio)'s met \(pct)%-intervallen",
                                                  description: en ? "\(ratio)s from the model \(model.formula), with \(pct)% intervals; 1 means no difference."
                                                                  : "\(ratio)'s uit het model \(model.formula), met \(pct)%-intervallen; 1 betekent geen verschil.",
                                                  note: (en ? "Right of the dashed line: higher than the reference group." : "Rechts van de stippellijn: hoger dan de referentiegroep.")
                                                      + forest.omittedNote(lang, labels: termLabels),
                                                  id: "ratios"), style: style)
            plot.valueHeading = en ? "\(model.link == .log ? "RR" : "OR") (\(pct)% interval)" : "\(model.link == .log ? "RR" : "OR") (\(pct)%-interval)"
            charts.append(BriefChart(svg: plot.svg))
        }
        if !schoolEffects.isEmpty, let disclosure {
            var plot = SchoolEffect.caterpillar(schoolEffects, disclosure: disclosure, language: lang,
                                                confidenceLevel: model.confidenceLevel, style: style)
            plot.plotHeight = 150
            charts.append(BriefChart(svg: plot.svg))
        }
        charts += extraCharts
        var tables: [BriefTable] = []
        if let t = table, let s = suppressed { tables.append(BriefTable(caption: t.caption, table: s, rowHeading: t.rowHeading)) }
        return BriefDocument(spec: spec, findings: findings, charts: charts, tables: tables, privacyNote: note,
                             methods: MethodsBox.lines(models: [model], extra: supplements.flatMap(\.methods), language: lang),
                             provenance: provenance, moreProvenance: moreProvenance)
    }
}

import Foundation

/// What a brief adds from survival curves: sentences read off the curves at one time, the chart of the
/// curves, a methods line, and which groups the privacy guard left out.
public struct BriefSupplement: Sendable, Equatable {
    /// Sentences for "What we found".
    public var findings: [BriefSentence]
    /// Charts.
    public var charts: [BriefChart]
    /// Lines for the methods box.
    public var methods: [String]
    /// Groups left out of the text and the chart by the privacy guard (their levels, never printed).
    public var hiddenGroups: [String]

    /// Creates a supplement.
    public init(findings: [BriefSentence] = [], charts: [BriefChart] = [], methods: [String] = [], hiddenGroups: [String] = []) {
        self.findings = findings
        self.charts = charts
        self.methods = methods
        self.hiddenGroups = hiddenGroups
    }
}

/// Turns survival curves into a brief's sentences and chart: "By the end of year 6, about 12 in 100 pupils
/// in BSO had left school without a qualification (95% interval 11 to 13), against 2 in 100 pupils in ASO
/// (2 to 3)." Every figure is read from the curves, never typed.
///
/// Privacy guard: a group appears in the text only when it has at least `minimumPupils` pupils and at least
/// `minimumEvents` events by the time read; in the chart only when it has that many pupils and events over
/// the whole follow-up. Numbers at risk below `minimumPupils` print as "<10".
public enum BriefCurveFindings {
    /// The supplement for `curves` (one per group, in the data's level order) as `request` asks.
    /// Throws `BriefError.invalid` when the request names a group the curves lack, or reads the curves
    /// after the end of a compared group's follow-up.
    public static func make(_ curves: [BriefCurve], request: BriefCurvesRequest, language lang: BriefLanguage,
                            thresholds: PrivacyThresholds, confidenceLevel: Double = 0.95, nObs: Int? = nil,
                            groupingName: String = "") throws -> BriefSupplement {
        let t = request.time
        guard t.isFinite, t >= 0 else { throw BriefError.invalid("survival.time must be a time of at least 0, got \(t)") }
        let levels = curves.map(\.key)
        for key in (request.compare ?? []) + (request.groups.map { Array($0.keys).sorted() } ?? []) where !levels.contains(key) {
            throw BriefError.invalid("survival: the group '\(key)' is not among the curves' groups (\(levels.joined(separator: ", ")))")
        }
        let inText = { (c: BriefCurve) in c.pupils >= thresholds.minimumPupils && c.events(by: t) >= thresholds.minimumEvents }
        let inChart = { (c: BriefCurve) in c.pupils >= thresholds.minimumPupils && c.totalEvents >= thresholds.minimumEvents }
        let hidden = curves.filter { !inText($0) || !inChart($0) }.map(\.key)

        let order = request.compare.flatMap { $0.isEmpty ? nil : $0 } ?? levels
        let named = order.compactMap { key in curves.first { $0.key == key } }
        let shown = named.filter(inText)
        for c in shown where t > c.lastTime + 1e-12 {
            throw BriefError.invalid("survival.time \(lang.number(t, decimals: 1)) is after the end of follow-up of the group '\(c.key)' (last time \(lang.number(c.lastTime, decimals: 1)))")
        }
        // One curve for everyone (`~ 1`, stratum "all") reads as "pupils" unless the spec names it.
        let everyone = lang == .english ? "pupils" : "leerlingen"
        let label = { (c: BriefCurve) in request.groups?[c.key] ?? (curves.count == 1 ? everyone : c.key) }
        let sentences = BriefSentences(language: lang, confidenceLevel: confidenceLevel)
        var findings: [BriefSentence] = []
        if request.compare?.count == 2, shown.count == 2 {
            findings.append(sentences.byTime(shown[0].share(at: t), group: label(shown[0]), against: shown[1].share(at: t), group: label(shown[1]),
                                             timeLabel: request.timeLabel, outcome: request.outcomePhrase))
        } else {
            for c in shown {
                let s = c.share(at: t)
                findings.append(sentences.byTime(s.estimate, low: s.low, high: s.high, group: label(c), timeLabel: request.timeLabel,
                                                 outcome: request.outcomePhrase))
            }
        }

        var charts: [BriefChart] = []
        let drawn = curves.filter(inChart)
        if !drawn.isEmpty {
            charts.append(BriefChart(svg: chart(drawn, request: request, language: lang, thresholds: thresholds,
                                                confidenceLevel: confidenceLevel).svg, halfWidth: true))
        }
        let methods = [methodsLine(curves, request: request, language: lang, confidenceLevel: confidenceLevel, nObs: nObs, groupingName: groupingName)]
        return BriefSupplement(findings: findings, charts: charts, methods: methods, hiddenGroups: hidden)
    }

    /// The chart of the drawn groups' shares with the event.
    static func chart(_ curves: [BriefCurve], request: BriefCurvesRequest, language lang: BriefLanguage, thresholds: PrivacyThresholds,
                      confidenceLevel: Double) -> SurvivalPlot {
        let en = lang == .english
        let pct = lang.number(confidenceLevel * 100, decimals: 0)
        let lines = curves.map { c -> StepCurve in
            var s = c.curve
            s.label = request.legend?[c.key] ?? c.key
            return s
        }
        let what = request.outcomePhrase
        var style = ChartStyle(decimalMark: lang.decimalMark)
        style.width = BriefChart.halfWidth
        var plot = SurvivalPlot(curves: lines, kind: .cumulativeIncidence,
                                valueLabel: en ? "Pupils per 100" : "Leerlingen per 100",
                                timeLabel: request.timeAxis ?? (en ? "School year" : "Schooljaar"),
                                atRiskLabel: en ? "Pupils still followed" : "Nog gevolgde leerlingen",
                                suppressAtRiskBelow: thresholds.minimumPupils,
                                text: ChartText(title: request.title ?? (en ? "Pupils per 100 who \(what)" : "Leerlingen per 100 die \(what) hebben"),
                                                description: en ? "Estimated pupils per 100 who \(what) by each time, per group, with \(pct)% bands, and the numbers still followed."
                                                                : "Geschat aantal leerlingen per 100 dat tegen elk tijdstip \(what) heeft, per groep, met \(pct)%-banden, en het aantal nog gevolgde leerlingen.",
                                                note: en ? "Shaded: \(pct)% intervals. Counts below \(thresholds.minimumPupils) are shown as <\(thresholds.minimumPupils)."
                                                         : "Gearceerd: \(pct)%-intervallen. Aantallen onder \(thresholds.minimumPupils) staan als <\(thresholds.minimumPupils).",
                                                id: "curves"), style: style)
        plot.plotHeight = 150
        return plot
    }

    /// "Curves: cumulative incidence of dropout (Aalen–Johansen; other exits compete) by track, 20,000 pupils; 95% intervals."
    static func methodsLine(_ curves: [BriefCurve], request: BriefCurvesRequest, language lang: BriefLanguage, confidenceLevel: Double,
                            nObs: Int?, groupingName: String) -> String {
        let pct = lang.number(confidenceLevel * 100, decimals: 0)
        let aj = curves.first?.estimator == "Aalen–Johansen"
        let n = nObs ?? curves.reduce(0) { $0 + $1.pupils }
        let by = groupingName.isEmpty ? "" : (lang == .english ? " by \(groupingName)" : " per \(groupingName)")
        switch lang {
        case .english:
            let what = aj ? "Aalen–Johansen cumulative incidence of '\(request.event ?? "")' with the other exits as competing events"
                          : "Kaplan–Meier curves (share with the event = 1 − survival)"
            return "Curves: \(what), \(request.formula)\(by), \(lang.count(n)) pupils; \(pct)% pointwise intervals."
        case .dutch:
            let what = aj ? "Aalen–Johansen-cumulatieve incidentie van '\(request.event ?? "")' met de andere uitstromen als concurrerende gebeurtenissen"
                          : "Kaplan–Meiercurves (aandeel met de gebeurtenis = 1 − overleving)"
            return "Curves: \(what), \(request.formula)\(by), \(lang.count(n)) leerlingen; \(pct)%-puntsgewijze intervallen."
        }
    }
}

import Foundation

/// A school's random intercept on the logit scale, as a mixed model predicts it (conditional mode and its
/// conditional standard deviation) — the hook by which GLMM results reach the caterpillar plot.
public struct SchoolEffect: Sendable, Equatable, Codable {
    /// The school's identifier in the data.
    public var school: String
    /// Conditional mode of the intercept (log-odds).
    public var mode: Double
    /// Conditional standard deviation.
    public var sd: Double

    /// Creates the value.
    public init(school: String, mode: Double, sd: Double) {
        self.school = school
        self.mode = mode
        self.sd = sd
    }

    /// A caterpillar plot of odds ratios `exp(mode ± z sd)` for the schools `disclosure` lets through,
    /// labelled only when naming *and* ranking are allowed (a sorted plot of named schools is a ranking);
    /// schools left out for size are not drawn at all.
    public static func caterpillar(_ effects: [SchoolEffect], disclosure: SchoolDisclosure, language: BriefLanguage,
                                   confidenceLevel: Double = 0.95, style: ChartStyle) -> CaterpillarPlot {
        let z = BriefModel.zQuantile(confidenceLevel)
        let named = disclosure.named && disclosure.ranked
        let shown = effects.filter { disclosure.labels[$0.school] != nil }.map { e in
            GroupEffect(label: named ? (disclosure.labels[e.school] ?? "") : "", estimate: Foundation.exp(e.mode),
                        low: Foundation.exp(e.mode - z * e.sd), high: Foundation.exp(e.mode + z * e.sd))
        }
        let en = language == .english
        let pct = language.number(confidenceLevel * 100, decimals: 0)
        let hidden = disclosure.hiddenSmallSchools.count
        var note = en ? "Each dot is a school (unnamed), with its \(pct)% interval; 1 = a typical school; log scale."
                      : "Elk punt is een school (zonder naam), met \(pct)%-interval; 1 = een doorsneeschool; logaritmische schaal."
        if named { note = en ? "Each dot is a school, with its \(pct)% interval; 1 = a typical school; log scale." : "Elk punt is een school, met \(pct)%-interval; 1 = een doorsneeschool; logaritmische schaal." }
        if hidden > 0 {
            note += en ? " \(hidden) \(hidden == 1 ? "school" : "schools") with too few pupils not shown." : " \(hidden) \(hidden == 1 ? "school" : "scholen") met te weinig leerlingen niet getoond."
        }
        return CaterpillarPlot(effects: shown, valueLabel: en ? "Odds ratio vs a typical school" : "Oddsratio t.o.v. doorsneeschool",
                               groupLabel: en ? "Schools, from lowest to highest" : "Scholen, van laagste naar hoogste",
                               showLabels: named,
                               text: ChartText(title: en ? "Differences between schools" : "Verschillen tussen scholen",
                                               description: en ? "School effects from the multilevel model as odds ratios against a typical school, sorted, with \(pct)% intervals."
                                                               : "Schooleffecten uit het multiniveaumodel als oddsratio's t.o.v. een doorsneeschool, gesorteerd, met \(pct)%-intervallen.",
                                               note: note, id: "schools"), style: style)
    }
}

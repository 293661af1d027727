import Foundation

/// Builders of the brief's sentences. Every number is computed here from result values; no sentence
/// contains a typed figure. Sentences stay short (about 25 words) and use natural frequencies.
public struct BriefSentences: Sendable {
    /// The language.
    public var language: BriefLanguage
    /// Interval level (0.95) for the wording "95% interval".
    public var confidenceLevel: Double

    /// Creates a builder.
    public init(language: BriefLanguage, confidenceLevel: Double = 0.95) {
        self.language = language
        self.confidenceLevel = confidenceLevel
    }

    var percent: String { language.number(confidenceLevel * 100, decimals: confidenceLevel * 100 == (confidenceLevel * 100).rounded() ? 0 : 1) }

    /// Two profiles compared in absolute numbers: "About 12 in 100 pupils in vocational tracks had
    /// problematic absence (95% interval 9 to 15), against 3 in 100 pupils in general tracks (2 to 4)."
    /// `outcome` is the verb phrase ("had problematic absence" / "waren problematisch afwezig").
    public func comparison(_ a: Prediction, _ b: Prediction, outcome: String) -> BriefSentence {
        let f = NaturalFrequency(for: [a.estimate, b.estimate, a.low, b.low])
        let per = language.count(f.per)
        var figures = FigureRecorder(frequency: f)
        func n(_ name: String, _ v: Double) -> String { figures.count(name, v) }
        let text: String
        switch language {
        case .english:
            text = "About \(n("a.estimate", a.estimate)) in \(per) \(a.label) \(outcome) "
                + "(\(percent)% interval \(n("a.low", a.low)) to \(n("a.high", a.high))), against \(n("b.estimate", b.estimate)) in \(per) \(b.label) "
                + "(\(n("b.low", b.low)) to \(n("b.high", b.high)))."
        case .dutch:
            text = "Ongeveer \(n("a.estimate", a.estimate)) op \(per) \(a.label) \(outcome) "
                + "(\(percent)%-interval \(n("a.low", a.low)) tot \(n("a.high", a.high))), tegenover \(n("b.estimate", b.estimate)) op \(per) \(b.label) "
                + "(\(n("b.low", b.low)) tot \(n("b.high", b.high)))."
        }
        return BriefSentence(text: text, figures: figures.figures)
    }

    /// The difference of two profiles: "That is a difference of about 9 in 100 pupils (95% interval 6 to 12)."
    /// Pass the comparison's `frequency` so both sentences count per the same denominator.
    public func difference(_ d: (estimate: Double, low: Double, high: Double), frequency: NaturalFrequency? = nil) -> BriefSentence {
        let f = frequency ?? NaturalFrequency(for: [Swift.abs(d.estimate)])
        let per = language.count(f.per)
        var figures = FigureRecorder(frequency: f)
        func n(_ name: String, _ v: Double) -> String { figures.count(name, v) }
        let text: String
        switch language {
        case .english:
            text = "That is a difference of about \(n("difference", d.estimate)) in \(per) pupils (\(percent)% interval \(n("difference.low", d.low)) to \(n("difference.high", d.high)))."
        case .dutch:
            text = "Dat is een verschil van ongeveer \(n("difference", d.estimate)) op \(per) leerlingen (\(percent)%-interval \(n("difference.low", d.low)) tot \(n("difference.high", d.high)))."
        }
        return BriefSentence(text: text, figures: figures.figures)
    }

    /// The median odds ratio in words, with the latent ICC; says when the variation is negligible.
    public func schoolVariation(_ v: SchoolVariation, outcome: String) -> BriefSentence {
        let mor = v.medianOddsRatio
        let icc = v.latentICC
        var figs = [BriefFigure(name: "mor", value: mor, text: language.number(mor, decimals: 1))]
        var interval = ""
        if let ci = v.medianOddsRatioInterval {
            let lo = language.number(ci.lowerBound, decimals: 1), hi = language.number(ci.upperBound, decimals: 1)
            figs.append(BriefFigure(name: "mor.low", value: ci.lowerBound, text: lo))
            figs.append(BriefFigure(name: "mor.high", value: ci.upperBound, text: hi))
            interval = language == .english ? " (\(percent)% interval \(lo) to \(hi))" : " (\(percent)%-interval \(lo) tot \(hi))"
        }
        let iccPct = Int((icc * 100).rounded())
        figs.append(BriefFigure(name: "icc.percent", value: icc, text: String(iccPct)))
        let schools = language.count(v.schools)
        figs.append(BriefFigure(name: "schools", value: Double(v.schools), text: schools))
        let text: String
        switch language {
        case .english:
            text = "Schools differ beyond the pupils they teach. Take two pupils with the same profile in two of the \(schools) schools picked at random: "
                + "the odds that the pupil in the higher-risk school \(outcome) are typically \(figs[0].text) times those of the other pupil\(interval). "
                + "About \(iccPct) in 100 parts of the variation in the underlying risk lie between schools."
        case .dutch:
            text = "Scholen verschillen ook los van de leerlingen die ze hebben. Neem twee leerlingen met hetzelfde profiel in twee willekeurige van de \(schools) scholen: "
                + "de odds dat de leerling in de school met het hoogste risico \(outcome) zijn doorgaans \(figs[0].text) keer die van de andere leerling\(interval). "
                + "Ongeveer \(iccPct) op 100 delen van de variatie in het onderliggende risico liggen tussen scholen."
        }
        return BriefSentence(text: text, figures: figs)
    }

    /// A survival or cumulative-incidence curve read at one time: "By the end of school year 3, about 8 in 100
    /// pupils in vocational tracks had left school without a qualification (95% interval 6 to 10)."
    /// Dutch: "Tegen het einde van schooljaar 3 had ongeveer 8 op 100 leerlingen in het beroepsonderwijs
    /// de school zonder kwalificatie verlaten (…)" — `outcome` is then the participle phrase.
    /// Pass the share *with* the event (1 - survival for Kaplan–Meier curves).
    public func byTime(_ share: Double, low: Double, high: Double, group: String, timeLabel: String, outcome: String) -> BriefSentence {
        let f = NaturalFrequency(for: [share, low])
        let per = language.count(f.per)
        let figs = [BriefFigure(name: "share", value: share, text: String(f.count(share))),
                    BriefFigure(name: "share.low", value: low, text: String(f.count(low))),
                    BriefFigure(name: "share.high", value: high, text: String(f.count(high)))]
        let text: String
        switch language {
        case .english:
            text = "By \(timeLabel), about \(figs[0].text) in \(per) \(group) \(outcome) (\(percent)% interval \(figs[1].text) to \(figs[2].text))."
        case .dutch:
            text = "Tegen \(timeLabel) had ongeveer \(figs[0].text) op \(per) \(group) \(outcome) (\(percent)%-interval \(figs[1].text) tot \(figs[2].text))."
        }
        return BriefSentence(text: text, figures: figs)
    }

    /// What the privacy guard hid, in one or two sentences; `nil` when nothing was hidden.
    public func suppression(_ s: SuppressionSummary) -> BriefSentence? {
        guard s.anything else { return nil }
        var parts: [String] = []
        var figs: [BriefFigure] = []
        let t = s.thresholds
        func add(_ name: String, _ v: Int) -> String {
            let text = language.count(v)
            figs.append(BriefFigure(name: name, value: Double(v), text: text))
            return text
        }
        switch language {
        case .english:
            if s.smallSchools > 0 {
                parts.append("\(add("small_schools", s.smallSchools)) \(s.smallSchools == 1 ? "school" : "schools") with fewer than \(add("min_pupils", t.minimumPupils)) pupils \(s.smallSchools == 1 ? "is" : "are") left out of the results per school")
            }
            if s.primaryCells > 0 {
                parts.append("\(add("primary_cells", s.primaryCells)) table \(s.primaryCells == 1 ? "cell" : "cells") with fewer than \(add("min_pupils_cells", t.minimumPupils)) pupils or fewer than \(add("min_events", t.minimumEvents)) events \(s.primaryCells == 1 ? "is" : "are") hidden")
            }
            if s.secondaryCells > 0 {
                parts.append("\(add("secondary_cells", s.secondaryCells)) more \(s.secondaryCells == 1 ? "is" : "are") hidden so that \(s.primaryCells == 1 ? "it" : "they") cannot be worked out from the totals")
            }
            if s.hiddenGroups > 0 {
                parts.append("\(add("hidden_groups", s.hiddenGroups)) \(s.hiddenGroups == 1 ? "group" : "groups") with fewer than \(add("min_pupils_groups", t.minimumPupils)) pupils or fewer than \(add("min_events_groups", t.minimumEvents)) events \(s.hiddenGroups == 1 ? "is" : "are") left out of the curves")
            }
            var text = "To protect pupils' privacy, " + parts.joined(separator: "; ") + "."
            for r in s.refusals { text += " " + r.prefix(1).uppercased() + r.dropFirst() + "." }
            return BriefSentence(text: text, figures: figs)
        case .dutch:
            if s.smallSchools > 0 {
                parts.append("\(add("small_schools", s.smallSchools)) \(s.smallSchools == 1 ? "school" : "scholen") met minder dan \(add("min_pupils", t.minimumPupils)) leerlingen \(s.smallSchools == 1 ? "staat" : "staan") niet in de resultaten per school")
            }
            if s.primaryCells > 0 {
                parts.append("\(add("primary_cells", s.primaryCells)) \(s.primaryCells == 1 ? "cel" : "cellen") met minder dan \(add("min_pupils_cells", t.minimumPupils)) leerlingen of minder dan \(add("min_events", t.minimumEvents)) gebeurtenissen \(s.primaryCells == 1 ? "is" : "zijn") verborgen")
            }
            if s.secondaryCells > 0 {
                parts.append("nog \(add("secondary_cells", s.secondaryCells)) \(s.secondaryCells == 1 ? "cel is" : "cellen zijn") verborgen zodat ze niet uit de totalen af te leiden \(s.primaryCells == 1 ? "is" : "zijn")")
            }
            if s.hiddenGroups > 0 {
                parts.append("\(add("hidden_groups", s.hiddenGroups)) \(s.hiddenGroups == 1 ? "groep" : "groepen") met minder dan \(add("min_pupils_groups", t.minimumPupils)) leerlingen of minder dan \(add("min_events_groups", t.minimumEvents)) gebeurtenissen \(s.hiddenGroups == 1 ? "staat" : "staan") niet in de curves")
            }
            var text = "Om de privacy van leerlingen te beschermen: " + parts.joined(separator: "; ") + "."
            for r in s.refusalsDutch { text += " " + r + "." }
            return BriefSentence(text: text, figures: figs)
        }
    }

    /// The caveat that the findings are associations.
    public var associationCaveat: String {
        switch language {
        case .english:
            return "These are associations, not causes: the data show which pupils and schools have more absence, not what would change it."
        case .dutch:
            return "Dit zijn samenhangen, geen oorzaken: de gegevens tonen welke leerlingen en scholen meer afwezig zijn, niet wat dat zou veranderen."
        }
    }
}

/// What the privacy guard hid, for the brief's privacy sentence.
public struct SuppressionSummary: Sendable, Equatable {
    /// Thresholds applied.
    public var thresholds: PrivacyThresholds
    /// Schools left out of school-level charts.
    public var smallSchools: Int
    /// Cells hidden by the thresholds.
    public var primaryCells: Int
    /// Cells hidden to protect the primary ones.
    public var secondaryCells: Int
    /// Requests to name or rank schools that were refused (English).
    public var refusals: [String]
    /// The same refusals in Dutch.
    public var refusalsDutch: [String]

    /// Groups left out of survival curves and the sentences read from them.
    public var hiddenGroups: Int

    /// Anything to report.
    public var anything: Bool { smallSchools + primaryCells + secondaryCells + hiddenGroups > 0 || !refusals.isEmpty }

    /// Combines a school decision, any suppressed tables and the number of curve groups left out.
    public init(thresholds: PrivacyThresholds, schools: SchoolDisclosure?, tables: [SuppressedTable], hiddenGroups: Int = 0) {
        self.thresholds = thresholds
        self.hiddenGroups = hiddenGroups
        smallSchools = schools?.hiddenSmallSchools.count ?? 0
        primaryCells = tables.reduce(0) { $0 + $1.count(.fewPupils) + $1.count(.fewEvents) }
        secondaryCells = tables.reduce(0) { $0 + $1.count(.secondary) }
        refusals = schools?.refusals ?? []
        refusalsDutch = (schools?.refusalsDutch) ?? []
    }
}

/// Writes the counts of a natural frequency ("12" of "12 in 100") and records each as a figure, so tests can
/// check every number in a sentence against the value it came from.
struct FigureRecorder {
    /// The frequency the counts are expressed in.
    let frequency: NaturalFrequency
    /// The figures written so far, in order.
    private(set) var figures: [BriefFigure] = []

    /// The count of `value` as text, recorded under `name`.
    mutating func count(_ name: String, _ value: Double) -> String {
        let text = String(frequency.count(value))
        figures.append(BriefFigure(name: name, value: value, text: text))
        return text
    }
}

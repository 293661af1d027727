import Foundation

extension BriefSentences {
    /// Two groups' curves read at one time: "By the end of year 6, about 12 in 100 pupils in BSO had left
    /// school without a qualification (95% interval 11 to 13), against 2 in 100 pupils in ASO (2 to 3)."
    /// Dutch: "Tegen het einde van jaar 6 had ongeveer 12 op 100 leerlingen in het bso de school zonder
    /// kwalificatie verlaten (…), tegenover 2 op 100 leerlingen in het aso (2 tot 3)." Pass shares *with*
    /// the event; both count per the same denominator. An undefined (NaN) interval is left out.
    public func byTime(_ a: (estimate: Double, low: Double, high: Double), group groupA: String,
                       against b: (estimate: Double, low: Double, high: Double), group groupB: String,
                       timeLabel: String, outcome: String) -> BriefSentence {
        let f = NaturalFrequency(for: [a.estimate, b.estimate, a.low, b.low])
        let per = language.count(f.per)
        var figures = FigureRecorder(frequency: f)
        func n(_ name: String, _ v: Double) -> String { figures.count(name, v) }
        let en = language == .english
        let to = en ? "to" : "tot"
        let ea = n("a.estimate", a.estimate)
        var intervalA = ""
        if a.low.isFinite && a.high.isFinite {
            intervalA = en ? " (\(percent)% interval \(n("a.low", a.low)) \(to) \(n("a.high", a.high)))"
                           : " (\(percent)%-interval \(n("a.low", a.low)) \(to) \(n("a.high", a.high)))"
        }
        let eb = n("b.estimate", b.estimate)
        var intervalB = ""
        if b.low.isFinite && b.high.isFinite { intervalB = " (\(n("b.low", b.low)) \(to) \(n("b.high", b.high)))" }
        let text = en
            ? "By \(timeLabel), about \(ea) in \(per) \(groupA) \(outcome)\(intervalA), against \(eb) in \(per) \(groupB)\(intervalB)."
            : "Tegen \(timeLabel) had ongeveer \(ea) op \(per) \(groupA) \(outcome)\(intervalA), tegenover \(eb) op \(per) \(groupB)\(intervalB)."
        return BriefSentence(text: text, figures: figures.figures)
    }
}

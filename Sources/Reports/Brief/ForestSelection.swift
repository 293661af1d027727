/// Which terms a brief's forest plot shows. A brief must fit two printed pages, so a model with many terms
/// shows its key terms only: the terms the spec lists (`forest_terms`), or else — when the model has more
/// than `maxRows` terms — the terms the spec names in `term_labels`, in model order; at most `maxRows`.
/// The note under the chart says which terms were adjusted for but not drawn.
public struct ForestSelection: Sendable, Equatable {
    /// Terms drawn, in order (never the intercept).
    public var shown: [String]
    /// Terms in the model but not drawn, in model order.
    public var omitted: [String]

    /// Chooses the terms. Throws `BriefError.unknownTerm` when `requested` names a term the model lacks.
    public init(_ terms: [String], labels: [String: String] = [:], requested: [String]? = nil, maxRows: Int = 10) throws {
        let all = terms.filter { $0 != "(Intercept)" }
        let cap = Swift.max(1, maxRows)
        var pick: [String]
        if let requested, !requested.isEmpty {
            for t in requested where !all.contains(t) { throw BriefError.unknownTerm(t, available: all) }
            pick = requested
        } else if all.count <= cap {
            pick = all
        } else {
            let labelled = all.filter { labels[$0] != nil }
            pick = labelled.isEmpty ? all : labelled
        }
        var seen = Set<String>()
        pick = pick.filter { seen.insert($0).inserted }
        let drawn = Array(pick.prefix(cap))
        shown = drawn
        omitted = all.filter { !drawn.contains($0) }
    }

    /// " Also adjusted for, not drawn: male, age_c." — empty when every term is drawn.
    /// Omitted terms print under their `labels` name when they have one.
    public func omittedNote(_ lang: BriefLanguage, labels: [String: String] = [:]) -> String {
        guard !omitted.isEmpty else { return "" }
        return (lang == .english ? " Also adjusted for (not drawn): " : " Ook gecorrigeerd voor (niet getekend): ")
            + omitted.map { labels[$0] ?? $0 }.joined(separator: ", ") + "."
    }
}

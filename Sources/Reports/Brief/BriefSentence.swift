/// A figure quoted in a brief's text, kept with the model value it was computed from, so tests can
/// check that every number in the text follows from the fit.
public struct BriefFigure: Sendable, Equatable {
    /// What the figure is ("vocational.estimate", "mor").
    public var name: String
    /// The value it was computed from.
    public var value: Double
    /// The text printed for it ("12", "1,8").
    public var text: String
}

/// A sentence of a brief with the figures it quotes.
public struct BriefSentence: Sendable, Equatable {
    /// The sentence (plain text; HTML-escaped when rendered).
    public var text: String
    /// The figures in it, in order of appearance.
    public var figures: [BriefFigure]
}

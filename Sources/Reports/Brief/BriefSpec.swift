/// A term a brief defines for its readers ("Problematic absence: 30 or more unauthorised half-days in a school year").
public struct BriefDefinition: Sendable, Equatable, Codable {
    /// The term.
    public var term: String
    /// Its definition, naming the source (DISCIMUS, LFS, …).
    public var text: String

    /// Creates a definition.
    public init(term: String, text: String) {
        self.term = term
        self.text = text
    }
}

/// The short specification a brief is written from: the question, the population, the definitions used,
/// the language and the privacy policy. Text fields are written in the brief's language.
public struct BriefSpec: Sendable, Equatable, Codable {
    /// Title of the brief.
    public var title: String
    /// The question the brief answers, in one sentence.
    public var question: String
    /// Who the data cover ("Pupils in grades 2–3 of 40 Flemish secondary schools, 2021–22").
    public var population: String
    /// Verb phrase for the outcome used in sentences ("had problematic absence" / "waren problematisch afwezig").
    public var outcomePhrase: String
    /// Definitions of every outcome and key term.
    public var definitions: [BriefDefinition]
    /// Language of the brief.
    public var language: BriefLanguage
    /// What may be disclosed.
    public var privacy: PrivacyPolicy

    /// Creates a spec.
    public init(title: String, question: String, population: String, outcomePhrase: String, definitions: [BriefDefinition],
                language: BriefLanguage, privacy: PrivacyPolicy = PrivacyPolicy()) {
        self.title = title
        self.question = question
        self.population = population
        self.outcomePhrase = outcomePhrase
        self.definitions = definitions
        self.language = language
        self.privacy = privacy
    }

    enum CodingKeys: String, CodingKey {
        case title, question, population, definitions, language, privacy
        case outcomePhrase = "outcome_phrase"
    }
}

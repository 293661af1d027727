/// Two pupil profiles to compare in absolute numbers.
public struct BriefComparison: Sendable, Equatable, Codable {
    /// The profile of interest ("pupils in vocational tracks").
    public var a: ProfileSpec
    /// The comparison profile ("pupils in general tracks").
    public var b: ProfileSpec

    /// Creates a comparison.
    public init(a: ProfileSpec, b: ProfileSpec) {
        self.a = a
        self.b = b
    }
}

/// A profile as written in a brief request: a label and model-matrix values by term name.
public struct ProfileSpec: Sendable, Equatable, Codable {
    /// How the text names the profile.
    public var label: String
    /// Term values (`{"trackvocational": 1}`); unnamed terms are 0, the intercept is added.
    public var values: [String: Double]
    /// A short name for charts ("BSO"); the label when absent.
    public var short: String?

    /// Creates a profile spec.
    public init(label: String, values: [String: Double], short: String? = nil) {
        self.label = label
        self.values = values
        self.short = short
    }

    /// As a `Profile`.
    public var profile: Profile { Profile(label: label, values: values) }
}

/// The model a brief request fits (`truant brief` fits it; library callers pass fitted models).
public struct BriefModelRequest: Sendable, Equatable, Codable {
    /// The formula (`absent ~ track + support`).
    public var formula: String
    /// GLM family (`binomial`).
    public var family: String
    /// Link (default: the family's canonical link).
    public var link: String?

    /// Creates a model request.
    public init(formula: String, family: String = "binomial", link: String? = nil) {
        self.formula = formula
        self.family = family
        self.link = link
    }
}

/// Everything `truant brief --spec FILE` reads: the brief's spec, the model, the comparisons to put in words,
/// plain-language names of terms for the charts, and the columns the privacy guard counts over.
///
/// ```json
/// { "title": "...", "question": "...", "population": "...", "outcome_phrase": "had problematic absence",
///   "language": "en", "definitions": [{"term": "Problematic absence", "text": "..."}],
///   "privacy": {"thresholds": {"minimum_pupils": 10, "minimum_events": 5}, "name_schools": false, "rank_schools": false},
///   "model": {"formula": "absent ~ track + support", "family": "binomial"},
///   "comparisons": [{"a": {"label": "pupils in vocational tracks", "values": {"trackvocational": 1}},
///                    "b": {"label": "pupils in general tracks", "values": {}}}],
///   "term_labels": {"trackvocational": "Vocational track (vs general)"},
///   "school": "school", "table": {"rows": "track", "columns": "support"},
///   "forest_terms": ["trackvocational"],
///   "survival": {"formula": "Surv(time, exit) ~ track", "event": "dropout", "time": 6, "time_label": "the end of year 6",
///                "outcome_phrase": "had left school without a qualification", "compare": ["vocational", "general"]} }
/// ```
public struct BriefRequest: Sendable, Equatable, Codable {
    /// Title.
    public var title: String
    /// Question.
    public var question: String
    /// Population.
    public var population: String
    /// Outcome verb phrase.
    public var outcomePhrase: String
    /// Language (`en` or `nl`).
    public var language: BriefLanguage
    /// Definitions.
    public var definitions: [BriefDefinition]
    /// Privacy policy (defaults when absent).
    public var privacy: PrivacyPolicy?
    /// The model.
    public var model: BriefModelRequest
    /// Comparisons to write as sentences.
    public var comparisons: [BriefComparison]
    /// Plain names of terms for the forest plot.
    public var termLabels: [String: String]?
    /// Column naming each pupil's school (privacy counts; school variation).
    public var school: String?
    /// A count table of the outcome by two columns, suppressed and printed.
    public var table: TableRequest?
    /// Terms the forest plot draws, in order (default: every term, or the labelled ones when there are more than 10).
    public var forestTerms: [String]?
    /// Survival curves read in the text (Kaplan–Meier or cumulative incidence by group).
    public var survival: BriefCurvesRequest?

    /// The two columns of a count table.
    public struct TableRequest: Sendable, Equatable, Codable {
        /// Row variable.
        public var rows: String
        /// Column variable.
        public var columns: String
    }

    enum CodingKeys: String, CodingKey {
        case title, question, population, language, definitions, privacy, model, comparisons, school, table, survival
        case outcomePhrase = "outcome_phrase", termLabels = "term_labels", forestTerms = "forest_terms"
    }

    /// The brief's spec part.
    public var spec: BriefSpec {
        BriefSpec(title: title, question: question, population: population, outcomePhrase: outcomePhrase,
                  definitions: definitions, language: language, privacy: privacy ?? PrivacyPolicy())
    }
}

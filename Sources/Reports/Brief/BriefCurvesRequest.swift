/// The survival part of a brief request: curves of time to an event by group (Kaplan–Meier for a 0/1
/// event, Aalen–Johansen cumulative incidence of one exit when the event is a factor of competing exits),
/// read at one time in the text.
///
/// ```json
/// "survival": {"formula": "Surv(time, exit) ~ track", "data": "Datasets/flemish-cohort/careers.csv",
///              "event": "dropout", "time": 6, "time_label": "the end of year 6",
///              "outcome_phrase": "had left school without a qualification",
///              "groups": {"BSO": "pupils in BSO", "ASO": "pupils in ASO"}, "compare": ["BSO", "ASO"]}
/// ```
public struct BriefCurvesRequest: Sendable, Equatable, Codable {
    /// `Surv(time, event) ~ group` (one grouping variable, or `~ 1`).
    public var formula: String
    /// The data file of the curves (default: the brief's data file).
    public var data: String?
    /// The exit to read when the event is a factor of competing exits (`dropout`); omit for a 0/1 event.
    public var event: String?
    /// The time at which the text reads the curves (`6`).
    public var time: Double
    /// The time in words, after "By" / "Tegen" (`the end of year 6` / `het einde van jaar 6`).
    public var timeLabel: String
    /// The event as a participle phrase (`had left school without a qualification` /
    /// `de school zonder kwalificatie verlaten`).
    public var outcomePhrase: String
    /// How the text names each group, by level (`{"BSO": "pupils in BSO"}`); unnamed levels keep their name.
    public var groups: [String: String]?
    /// The levels the text compares (first against second); default: every group, one sentence each.
    public var compare: [String]?
    /// Legend names of the groups in the chart, by level (default: the level).
    public var legend: [String: String]?
    /// The time axis label of the chart (default "School year" / "Schooljaar").
    public var timeAxis: String?
    /// The chart's title (default: "Pupils per 100 who" + the outcome phrase).
    public var title: String?

    /// Creates a request.
    public init(formula: String, data: String? = nil, event: String? = nil, time: Double, timeLabel: String, outcomePhrase: String,
                groups: [String: String]? = nil, compare: [String]? = nil, legend: [String: String]? = nil, timeAxis: String? = nil,
                title: String? = nil) {
        self.title = title
        self.formula = formula
        self.data = data
        self.event = event
        self.time = time
        self.timeLabel = timeLabel
        self.outcomePhrase = outcomePhrase
        self.groups = groups
        self.compare = compare
        self.legend = legend
        self.timeAxis = timeAxis
    }

    enum CodingKeys: String, CodingKey {
        case formula, data, event, time, groups, compare, legend, title
        case timeLabel = "time_label", outcomePhrase = "outcome_phrase", timeAxis = "time_axis"
    }
}

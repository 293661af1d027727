/// Small-cell thresholds: a cell (a count of pupils, or a rate built from one) is shown only when it
/// has at least `minimumPupils` pupils and at least `minimumEvents` events (domain.md §3: ONS uses 10,
/// UK FOI withholds below 5).
public struct PrivacyThresholds: Sendable, Equatable, Codable {
    /// Fewest pupils a shown cell may have (default 10).
    public var minimumPupils: Int
    /// Fewest events a shown cell may have (default 5).
    public var minimumEvents: Int

    /// Creates thresholds; both must be at least 1.
    public init(minimumPupils: Int = 10, minimumEvents: Int = 5) {
        self.minimumPupils = Swift.max(1, minimumPupils)
        self.minimumEvents = Swift.max(1, minimumEvents)
    }

    enum CodingKeys: String, CodingKey { case minimumPupils = "minimum_pupils", minimumEvents = "minimum_events" }
}

/// What a brief may disclose: small-cell thresholds, and whether schools may be named or ranked.
/// Schools are neither named nor ranked unless the spec asks for it explicitly.
public struct PrivacyPolicy: Sendable, Equatable, Codable {
    /// Small-cell thresholds.
    public var thresholds: PrivacyThresholds
    /// The spec asks to name schools (only honoured for schools that pass the thresholds).
    public var nameSchools: Bool
    /// The spec asks to rank schools by name (only honoured when naming is allowed too).
    public var rankSchools: Bool

    /// Creates a policy (defaults: 10 pupils, 5 events, schools unnamed and unranked).
    public init(thresholds: PrivacyThresholds = PrivacyThresholds(), nameSchools: Bool = false, rankSchools: Bool = false) {
        self.thresholds = thresholds
        self.nameSchools = nameSchools
        self.rankSchools = rankSchools
    }

    enum CodingKeys: String, CodingKey { case thresholds, nameSchools = "name_schools", rankSchools = "rank_schools" }
}

/// A school's size, for deciding what a brief may show about it.
public struct SchoolCount: Sendable, Equatable, Codable {
    /// The school's identifier in the data (never printed unless naming is allowed).
    public var id: String
    /// Pupils in the analysis.
    public var pupils: Int
    /// Pupils with the event.
    public var events: Int

    /// Creates a record.
    public init(id: String, pupils: Int, events: Int) {
        self.id = id
        self.pupils = pupils
        self.events = events
    }
}

/// What a brief may show about schools: which schools' effects appear, under which label, and in what order.
public struct SchoolDisclosure: Sendable, Equatable {
    /// Schools whose effect may be shown (id -> label: the name when allowed, otherwise empty).
    public var labels: [String: String]
    /// Schools left out because they have fewer pupils than the threshold.
    public var hiddenSmallSchools: [String]
    /// Schools may be named (the spec asked and the data allow it).
    public var named: Bool
    /// Named schools may be put in rank order.
    public var ranked: Bool
    /// Why a request to name or rank schools was refused (empty when nothing was refused), in English.
    public var refusals: [String]
    /// The same in Dutch.
    public var refusalsDutch: [String]

    /// Decides what may be shown.
    ///
    /// A school's effect is shown only when it has at least `minimumPupils` pupils; a school-level effect is
    /// an estimate, not a count, so the events threshold applies to count cells, not here. Schools are named
    /// only when the policy asks for it and at least two schools remain after the size rule (a single named
    /// school next to unnamed ones would be identifiable by elimination); ranked only when named.
    public static func decide(_ schools: [SchoolCount], policy: PrivacyPolicy) -> SchoolDisclosure {
        let minimum = policy.thresholds.minimumPupils
        let kept = schools.filter { $0.pupils >= minimum }
        let hidden = schools.filter { $0.pupils < minimum }.map(\.id)
        var refusals: [String] = [], dutch: [String] = []
        var named = policy.nameSchools
        if named && kept.count < 2 {
            named = false
            refusals.append("schools are not named: fewer than two schools have at least \(minimum) pupils")
            dutch.append("Scholen worden niet bij naam genoemd: minder dan twee scholen hebben minstens \(minimum) leerlingen")
        }
        var ranked = policy.rankSchools
        if ranked && !named {
            ranked = false
            refusals.append("schools are not ranked by name: naming is not allowed")
            dutch.append("Scholen worden niet gerangschikt: ze mogen niet bij naam genoemd worden")
        }
        var labels: [String: String] = [:]
        for s in kept { labels[s.id] = named ? s.id : "" }
        return SchoolDisclosure(labels: labels, hiddenSmallSchools: hidden, named: named, ranked: ranked, refusals: refusals, refusalsDutch: dutch)
    }
}

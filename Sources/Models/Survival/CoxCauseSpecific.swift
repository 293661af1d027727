import Linalg

extension CoxPH {
    /// The cause-specific Cox model for exit `state` (1-based index into `data.states`): rows ending in
    /// any other exit are treated as censored at that time, as `coxph(Surv(time, event == k) ~ ...)`.
    public static func causeSpecific(data: SurvivalData, state: Int, x: Matrix, names: [String],
                                     strata: GroupCodes? = nil, cluster: GroupCodes? = nil, offset: [Double]? = nil,
                                     options: Options = Options()) throws -> CoxFit {
        guard let states = data.states else {
            throw SurvivalError.wrongEventKind("cause-specific models need an event with several states")
        }
        guard state >= 1 && state <= states.count else {
            throw SurvivalError.invalidOption("state \(state) is not one of 1...\(states.count) (\(states.joined(separator: ", ")))")
        }
        let single = try SurvivalData(start: data.start, stop: data.stop, status: data.status.map { $0 == state ? 1 : 0 },
                                      weights: data.weights)
        return try fit(data: single, x: x, names: names, strata: strata, cluster: cluster, offset: offset, options: options)
    }
}

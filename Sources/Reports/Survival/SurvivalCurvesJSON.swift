import Foundation
import Models

extension KaplanMeierStratum {
    /// The contract's stratum object: `stratum, time, n_risk, n_event, n_censor, surv, std_err` (of the
    /// cumulative hazard, as R's `survfit`), `conf_low, conf_high, median`, then `n, median_low, median_high`.
    public var json: JSONValue {
        .object([
            ("stratum", .string(stratum)),
            ("time", .array(time.map { .number($0) })),
            ("n_risk", .array(nRisk.map { .number($0) })),
            ("n_event", .array(nEvent.map { .number($0) })),
            ("n_censor", .array(nCensor.map { .number($0) })),
            ("surv", .array(surv.map { .number($0) })),
            ("std_err", .array(stdErr.map { .number($0) })),
            ("conf_low", .array(confLow.map { .number($0) })),
            ("conf_high", .array(confHigh.map { .number($0) })),
            ("median", .number(median)),
            ("n", .integer(n)),
            ("median_low", .number(medianLow)),
            ("median_high", .number(medianHigh)),
        ])
    }
}

extension CumulativeIncidenceStratum {
    /// The stratum object for competing exits: `stratum, time, n_risk, n_event` (all exits), `n_censor`,
    /// `cuminc: {state: [...]}` in state order, then `std_err`, `conf_low`, `conf_high` keyed the same way,
    /// `surv` (probability of no exit yet) and `n_event_state: {state: [...]}`.
    public var json: JSONValue {
        func byState(_ values: [[Double]]) -> JSONValue {
            .object(states.indices.dropFirst().map { k in
                (states[k], .array((k < values.count ? values[k] : []).map { .number($0) }))
            })
        }
        let totalEvents = time.indices.map { t in
            nEvent.indices.dropFirst().reduce(0.0) { $0 + (t < nEvent[$1].count ? nEvent[$1][t] : 0) }
        }
        return .object([
            ("stratum", .string(stratum)),
            ("time", .array(time.map { .number($0) })),
            ("n_risk", .array(nRisk.map { .number($0) })),
            ("n_event", .array(totalEvents.map { .number($0) })),
            ("n_censor", .array(nCensor.map { .number($0) })),
            ("cuminc", byState(probability)),
            ("std_err", byState(stdErr)),
            ("conf_low", byState(confLow)),
            ("conf_high", byState(confHigh)),
            ("surv", .array((probability.first ?? []).map { .number($0) })),
            ("n_event_state", byState(nEvent)),
        ])
    }
}

extension LogRankTest {
    /// `{"chisq": ..., "df": ..., "p_value": ...}` then `groups, n, observed, expected, rho`.
    public var json: JSONValue {
        .object([("chisq", .number(chiSquare)), ("df", .integer(df)), ("p_value", .number(pValue)),
                 ("groups", .array(groups.map { .string($0) })), ("n", .array(n.map { .integer($0) })),
                 ("observed", .array(observed.map { .number($0) })), ("expected", .array(expected.map { .number($0) })),
                 ("rho", .number(rho))])
    }
}

extension GrayTest {
    /// `{"cause": ..., "chisq": ..., "df": ..., "p_value": ...}`.
    public var json: JSONValue {
        .object([("cause", .string(cause)), ("chisq", .number(chiSquare)), ("df", .integer(df)), ("p_value", .number(pValue))])
    }
}

extension SurvivalCurvesReport {
    /// One JSON object: `model ("km"), formula, method ("kaplan-meier"|"aalen-johansen"), n_obs, n_dropped,
    /// conf_type, conf_level, warnings, strata` (the contract's stratum objects), then `logrank`
    /// (`{chisq, df, p_value, ...}`, null with one group) for Kaplan–Meier, or `gray_tests` (one per exit)
    /// for cumulative incidence.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("model", .string("km")),
            ("formula", formula.map { .string($0) } ?? .null),
            ("method", .string(method)),
            ("n_obs", .integer(nObs)),
            ("n_dropped", .integer(nDropped)),
            ("conf_type", .string(confType.rawValue)),
            ("conf_level", .number(confLevel)),
            ("warnings", .array(warnings.map { .string($0) })),
        ]
        switch curves {
        case let .kaplanMeier(fit, logRank):
            members.append(("strata", .array(fit.strata.map(\.json))))
            members.append(("logrank", logRank?.json ?? .null))
            members.append(("robust", .bool(fit.robust)))
        case let .cumulativeIncidence(fit, gray):
            members.append(("strata", .array(fit.strata.map(\.json))))
            members.append(("gray_tests", .array(gray.map(\.json))))
        }
        return .object(members)
    }
}

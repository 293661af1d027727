import ArgumentParser
import Foundation
import Formula
import Frames
import Models
import Reports

extension BriefCommand {
    /// The survival part of a brief: reads the curves' data (the spec's `survival.data`, relative to the
    /// working directory or else to the spec file; default the brief's data), estimates Kaplan–Meier curves
    /// (0/1 event) or the Aalen–Johansen cumulative incidence of `survival.event` (a factor of competing
    /// exits) by the formula's groups, and turns them into sentences, a chart and a methods line.
    /// Returns the supplement and the provenance of the curves' data file when it is not the brief's.
    func briefCurves(_ request: BriefCurvesRequest, language: BriefLanguage, thresholds: PrivacyThresholds,
                     briefData: Table, date: String) throws -> (BriefSupplement, Provenance?) {
        var path = data
        var table = briefData
        if let d = request.data {
            let besideSpec = ((spec as NSString).deletingLastPathComponent as NSString).appendingPathComponent(d)
            path = FileManager.default.fileExists(atPath: d) || !FileManager.default.fileExists(atPath: besideSpec) ? d : besideSpec
            table = try Table.read(path: path)
        }
        let parsed = try Formula(request.formula)
        guard case .survival? = parsed.response else {
            throw fail("\(spec): survival.formula needs a Surv(time, event) response on the left, e.g. Surv(time, exit) ~ track", code: 2)
        }
        if !parsed.randomTerms.isEmpty || parsed.cluster != nil || parsed.frailty != nil || !parsed.offsets.isEmpty {
            throw fail("\(spec): survival.formula draws curves by plain grouping variables (no random, cluster, frailty or offset terms)", code: 2)
        }
        let frame = try ModelFrame.build(formula: parsed, data: table)
        guard case let .survival(response) = frame.response else { throw fail("\(spec): survival.formula needs a Surv(...) response", code: 2) }
        let curves: [BriefCurve]
        do {
            let survival = try SurvivalData(response, weights: nil)
            let groups = try GroupCodes.strata(of: frame, data: table)
            if let states = survival.states {
                guard let event = request.event else {
                    throw fail("\(spec): the event of \(request.formula) has competing exits (\(states.joined(separator: ", "))); name the one to read in survival.event", code: 2)
                }
                guard states.contains(event) else {
                    throw fail("\(spec): survival.event '\(event)' is not an exit of the data; exits are: \(states.joined(separator: ", "))", code: 2)
                }
                let fit = try AalenJohansen.fit(survival, groups: groups)
                curves = fit.strata.compactMap { BriefCurve($0, state: event) }
            } else {
                let fit = try KaplanMeier.fit(survival, groups: groups)
                curves = fit.strata.map { BriefCurve($0) }
            }
        } catch let e as SurvivalError {
            throw fail("\(path): \(e.description)", code: 2)
        }
        let grouping = frame.fixed.termLabels.joined(separator: " × ")
        let supplement = try BriefCurveFindings.make(curves, request: request, language: language, thresholds: thresholds,
                                                     nObs: frame.nObs, groupingName: grouping)
        let provenance = path == data ? nil : try Provenance(file: path, date: date, truantVersion: TruantVersion.string)
        return (supplement, provenance)
    }
}

import Testing
import Foundation
import Frames
import Formula
import Models
import TestSupport
@testable import Reports

/// The demo brief's dropout sentence against R (Scripts/reference/brief_curves.R) on the bundled cohort:
///   d$exit <- factor(d$exit, levels = c("censored", "dropout", "qualified", "transfer"))
///   summary(survfit(Surv(time, exit) ~ track, data = d), times = c(3, 6))   # state "dropout", log intervals
@Test("Dropout by the end of year 3 and 6 in the brief's sentence matches R's Aalen–Johansen estimate on careers.csv",
      arguments: [3.0, 6.0])
func curveSentenceMatchesR(_ time: Double) throws {
    let ref = try #require(try Fixtures.json("brief/careers_dropout_cuminc.json") as? [String: Any])
    let dropout = try #require(ref["dropout"] as? [String: [String: [String: Double]]])
    let table = try Table.read(path: Fixtures.root.appendingPathComponent("Datasets/flemish-cohort/careers.csv").path)
    let frame = try ModelFrame.build(formula: "Surv(time, exit) ~ track", data: table)
    let fit = try AalenJohansen.fit(frame, data: table)
    let curves = fit.strata.compactMap { BriefCurve($0, state: "dropout") }
    #expect(curves.map(\.key) == ["ASO", "BSO", "KSO", "TSO"])
    let request = BriefCurvesRequest(formula: "Surv(time, exit) ~ track", event: "dropout", time: time, timeLabel: "the end of year \(Int(time))",
                                     outcomePhrase: "had left school without a qualification",
                                     groups: ["BSO": "pupils in BSO", "ASO": "pupils in ASO"], compare: ["BSO", "ASO"])
    let s = try BriefCurveFindings.make(curves, request: request, language: .english, thresholds: PrivacyThresholds())
    let sentence = try #require(s.findings.first)
    let fig = Dictionary(uniqueKeysWithValues: sentence.figures.map { ($0.name, $0) })
    let t = String(Int(time))
    for (name, level) in [("a", "BSO"), ("b", "ASO")] {
        let r = try #require(dropout[level]?[t])
        for part in ["estimate", "low", "high"] {
            let mine = try #require(fig["\(name).\(part)"]).value, theirs = try #require(r[part])
            #expect(isClose(mine, theirs, rel: 1e-9), "\(level) \(part) at \(t): \(mine) vs R \(theirs)")
        }
        #expect(curves.first { $0.key == level }?.pupils == Int(try #require(r["n"])))
    }
    if time == 6 {
        // R: BSO 0.1627 (0.1526 to 0.1735), ASO 0.0274 (0.0242 to 0.0311).
        #expect(sentence.text == "By the end of year 6, about 16 in 100 pupils in BSO had left school without a qualification (95% interval 15 to 17), against 3 in 100 pupils in ASO (2 to 3).")
    }
}

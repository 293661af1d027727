import Testing
import Foundation
import Linalg
import Models
import TestSupport
@testable import Reports

/// Fits a case of Tests/Fixtures/glm (written by Scripts/reference/glm.R) from R's own model matrix.
func referenceFit(_ name: String) throws -> GLMFit {
    let json = try #require(try Fixtures.json("glm/\(name).json") as? [String: Any])
    func nums(_ k: String) -> [Double] { (json[k] as? [Any])?.map { ($0 as? NSNumber)?.doubleValue ?? .nan } ?? [] }
    let names = json["x_names"] as! [String]
    let cols = (json["x"] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } }
    let x = Matrix(rows: cols[0].count, columns: names.count, columnMajor: cols.flatMap { $0 })
    let response: GLMResponse = json["response_is_cbind"] as? Bool == true
        ? .counts(successes: nums("y"), failures: nums("failures")) : .values(nums("y"))
    let data = GLMData(x: x, columnNames: names, response: response,
                       weights: json["weights"] is [Any] ? nums("weights") : nil,
                       offset: json["offset"] is [Any] ? nums("offset") : nil,
                       formula: json["formula"] as? String, nDropped: (json["n_dropped"] as! NSNumber).intValue)
    let model = try GLM(family: Family(rawValue: json["family"] as! String)!, link: Link(rawValue: json["link"] as! String)!)
    return try model.fit(data)
}

/// The lines of R's printed summary from "Coefficients:" through "Number of Fisher Scoring iterations".
func rSummaryBlock(_ text: String) -> [String] {
    let lines = text.replacingOccurrences(of: "‘", with: "'").replacingOccurrences(of: "’", with: "'")
        .components(separatedBy: "\n")
    guard let a = lines.firstIndex(where: { $0.hasPrefix("Coefficients:") }),
          let b = lines.firstIndex(where: { $0.hasPrefix("Number of Fisher Scoring iterations") }) else { return [] }
    return Array(lines[a...b])
}

@Test("the text summary prints R's summary.glm block line for line",
      arguments: ["toothgrowth_gaussian", "esoph_cbind_logit", "mtcars_aliased_logit", "lung_logit_missing",
                  "contraception_cloglog", "warpbreaks_poisson", "mtcars_gaussian_weights", "infert_probit"])
func summaryMatchesR(_ name: String) throws {
    let fit = try referenceFit(name)
    let ours = rSummaryBlock(GLMSummary(fit).text())
    let theirs = rSummaryBlock(String(decoding: try Fixtures.data("glm/\(name).summary.txt"), as: UTF8.self))
    #expect(!theirs.isEmpty)
    for (a, b) in zip(ours, theirs) { #expect(a == b) }
    #expect(ours.count == theirs.count)
}

@Test("the summary says how many rows were dropped and lists warnings at the end")
func summaryReportsDroppedRowsAndWarnings() throws {
    let text = GLMSummary(try referenceFit("lung_logit_missing")).text()
    #expect(text.contains("(15 observations deleted due to missingness)"))
    let aliased = GLMSummary(try referenceFit("mtcars_aliased_logit")).text()
    #expect(aliased.contains("Warnings:\n  - 1 coefficient not defined because of singularities: wt2"))
}

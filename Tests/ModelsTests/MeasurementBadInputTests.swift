import Testing
import Frames
@testable import Models
import TestSupport

/// Bad input: clear errors naming the item, row or group, and nothing dropped without being counted.
@Suite("Measurement: bad input and missing data")
struct MeasurementBadInputTests {
    static let spec = try! ScaleSpecification(parsing: "Q1,Q2,-Q3", range: 1...5)

    static func responses(_ q1: [Double], _ q2: [Double], _ q3: [Double]) throws -> ItemResponses {
        try ItemResponses(names: ["Q1", "Q2", "Q3"], columns: [q1, q2, q3])
    }

    @Test("a response outside the declared range names the item, the row and the range")
    func outOfRange() throws {
        let r = try Self.responses([1, 2, 3, 4], [2, 3, 7, 5], [5, 4, 2, 1])
        #expect(throws: MeasurementError.responseOutOfRange(item: "Q2", row: 3, value: 7, low: 1, high: 5)) {
            try ScaleReport(responses: r, specification: Self.spec)
        }
        let message = MeasurementError.responseOutOfRange(item: "Q2", row: 3, value: 7, low: 1, high: 5).description
        #expect(message.contains("'Q2', data row 3") && message.contains("1..5") && message.contains("declare the correct range"))
    }

    @Test("an item with no variance is named, not silently deleted (psych deletes it with a warning)")
    func noVariance() throws {
        let r = try Self.responses([1, 2, 3, 4], [3, 3, 3, 3], [5, 4, 2, 1])
        #expect(throws: MeasurementError.noVariance(item: "Q2", validCount: 4)) {
            try ScaleReport(responses: r, specification: Self.spec)
        }
        let one = try Self.responses([1, 2, 3, 4], [.nan, .nan, 3, .nan], [5, 4, 2, 1])
        #expect(throws: MeasurementError.noVariance(item: "Q2", validCount: 1)) {
            try ScaleReport(responses: one, specification: Self.spec)
        }
    }

    @Test("respondents with all items missing are left out and counted; alpha equals that of the other rows")
    func allMissingRespondent() throws {
        let q1: [Double] = [1, 2, 3, 4, 5, 2, 4], q2: [Double] = [2, 2, 3, 5, 4, 1, 5], q3: [Double] = [5, 4, 3, 2, 1, 4, 1]
        let full = try ScaleReport(responses: try Self.responses(q1, q2, q3), specification: Self.spec)
        let gap = try ScaleReport(responses: try Self.responses(q1 + [.nan], q2 + [.nan], q3 + [.nan]), specification: Self.spec)
        #expect(gap.rowCount == 8 && gap.n == 7 && gap.rowsAllMissing == 1 && gap.rowsWithoutScore == 1)
        #expect(gap.alpha == full.alpha && gap.alphaInterval == full.alphaInterval)
        #expect(gap.scores.scores.last!.isNaN)
        #expect(gap.warnings.contains("1 respondent(s) answered none of the items and were left out"))
        #expect(gap.summary.contains("1 without any response"))
        #expect(gap.items.map(\.missingCount) == [1, 1, 1])
    }

    @Test("a school with one pupil gets no r_wg(j), is flagged, named in a warning, and still counts in ICC")
    func singletonSchool() throws {
        let g = Grouping(labels: ["a", "a", "a", "b", "b", "b", "c", nil])
        let x: [Double] = [1, 2, 2, 4, 5, 4, 3, 2]
        let r = try AgreementReport(names: ["x"], columns: [x], grouping: g, groupVariable: "school", options: 5,
                                    minimumGroupSize: 2)
        #expect(r.agreement.groups.map(\.group) == ["a", "b", "c"])
        #expect(r.agreement.groups[2] == GroupAgreement(group: "c", n: 1, value: nil))
        #expect(r.smallGroups == ["c"] && r.rowsWithoutGroup == 1)
        #expect(r.intraclass[0].n == 7 && r.intraclass[0].groupCount == 3 && r.intraclass[0].excludedRows == 1)
        #expect(r.warnings.contains("1 group(s) with a single member have no r_wg(j): c"))
        #expect(r.warnings.contains("1 row(s) have no value for 'school' and were left out"))
        #expect(r.warnings.contains("1 group(s) have fewer than 2 members"))
        // r_wg by hand: group a has variance 1/3, σ²_EU = (25 - 1)/12 = 2, so r_wg = 1 - (1/3)/2.
        #expect(isClose(r.agreement.groups[0].value!, 1 - (1.0 / 3) / 2, rel: 1e-14))
        #expect(isClose(r.agreement.mean, (r.agreement.groups[0].value! + r.agreement.groups[1].value!) / 2, rel: 1e-14))
    }

    @Test("variances above the uniform null truncate r_wg to 0 (multilevel's convention)")
    func truncation() throws {
        let g = Grouping(labels: ["a", "a", "b", "b"])
        let a = try WithinGroupAgreement(names: ["x", "y"], columns: [[1, 5, 2, 3], [5, 1, 2, 2]], grouping: g,
                                         nullVariance: try WithinGroupAgreement.uniformNullVariance(options: 5))
        #expect(a.groups[0].value == 0)
        #expect(throws: MeasurementError.invalidOptionCount(1)) { try WithinGroupAgreement.uniformNullVariance(options: 1) }
    }

    @Test("specification errors: duplicates, empty names, bad ranges, bad minimum, too few items")
    func specificationErrors() throws {
        #expect(throws: MeasurementError.duplicateItem("A1")) { try ScaleSpecification(parsing: "A1,-A1,A2") }
        #expect(throws: MeasurementError.self) { try ScaleSpecification(parsing: "A1,,A2") }
        #expect(throws: MeasurementError.tooFewItems(count: 1, minimum: 2)) { try ScaleSpecification(parsing: "A1") }
        #expect(throws: MeasurementError.invalidRange(low: 5, high: 5)) { try ScaleSpecification(parsing: "A1,A2", range: 5...5) }
        #expect(throws: MeasurementError.invalidMinimumValid(minimum: 3, itemCount: 2)) {
            try ScaleSpecification(parsing: "A1,A2", minimumValid: 3)
        }
        let s = try ScaleSpecification(parsing: " A1 , - A2,A3")
        #expect(s.items == [ScaleItem("A1"), ScaleItem("A2", reversed: true), ScaleItem("A3")] && s.itemList == "A1,-A2,A3")
    }

    @Test("unknown or non-numeric columns in a table give the table's error with suggestions, or a typed message")
    func tableErrors() throws {
        let t = try Table(columns: [
            Column(name: "item1", values: .double([1, 2, 3])), Column(name: "item2", values: .double([2, 3, 1])),
            Column(name: "name", values: .string(["x", "y", "z"])),
        ])
        #expect(throws: FrameError.unknownColumn(name: "itme1", suggestions: ["item1"])) {
            try ScaleReport(table: t, specification: try ScaleSpecification(parsing: "itme1,item2"))
        }
        #expect(throws: MeasurementError.invalid("item 'name' is a string column; items must be numeric responses")) {
            try ScaleReport(table: t, specification: try ScaleSpecification(parsing: "item1,name"))
        }
    }

    @Test("the minimum-valid rule counts respondents without a score and those scored on fewer items")
    func minimumValid() throws {
        let spec = try ScaleSpecification(parsing: "Q1,Q2,-Q3", range: 1...5, minimumValid: 2, scoring: .proratedSum)
        let r = try ScaleScores(responses: try Self.responses([1, .nan, 3, 4], [2, .nan, .nan, 5], [5, 4, 2, 1]),
                                specification: spec)
        #expect(r.validCounts == [3, 1, 2, 3])
        #expect(r.rowsWithoutScore == 1 && r.rowsPartiallyScored == 1 && r.rowsAllMissing == 0)
        #expect(r.scores[0] == 1 + 2 + 1 && r.scores[1].isNaN && r.scores[2] == (3 + 4) / 2.0 * 3)
    }

    @Test("factor analysis rejects too many factors and non-finite correlations")
    func factorErrors() throws {
        let r = try Self.responses([1, 2, 3, 4, 5], [2, 1, 4, 3, 5], [5, 4, 2, 1, 3])
        #expect(throws: MeasurementError.tooManyFactors(factors: 3, variables: 3)) {
            try FactorAnalysis.fit(r, factors: 3)
        }
        #expect(throws: MeasurementError.tooManyFactors(factors: 0, variables: 3)) {
            try FactorAnalysis.fit(r, factors: 0, method: .ml)
        }
        var m = try PairwiseMoments(r).correlation
        m[0, 1] = .nan; m[1, 0] = .nan
        #expect(throws: MeasurementError.self) { try FactorAnalysis.fit(correlation: m, names: ["Q1", "Q2", "Q3"]) }
    }
}

import Testing
import Foundation
@testable import Reports

@Test("A cell of 3 events is hidden (primary) and a partner in its row and column too (secondary)")
func cellOfThreeEvents() throws {
    let table = try CountTable(rows: ["general", "vocational"], columns: ["year 1", "year 2", "year 3"], cells: [
        [CountCell(pupils: 120, events: 3), CountCell(pupils: 110, events: 8), CountCell(pupils: 100, events: 9)],
        [CountCell(pupils: 80, events: 12), CountCell(pupils: 60, events: 15), CountCell(pupils: 70, events: 14)],
    ])
    let s = CellSuppression.apply(table, thresholds: PrivacyThresholds())
    #expect(s.reasons[0][0] == .fewEvents)
    #expect(s.count(.fewEvents) == 1 && s.count(.fewPupils) == 0)
    // Row 0 needs a second hidden cell (the smallest shown: year 3, 100 pupils); column 0 likewise (vocational, year 1);
    // then column 2 and row 1 have one hidden cell each, which the last pick (vocational, year 3) closes.
    #expect(s.reasons[0][2] == .secondary)
    #expect(s.reasons[1][0] == .secondary)
    #expect(s.reasons[1][2] == .secondary)
    #expect(s.shown(0, 1) != nil && s.shown(1, 1) != nil)
    // No row or column is left with exactly one hidden cell.
    for r in 0..<2 { #expect((0..<3).filter { s.reasons[r][$0] != nil }.count != 1) }
    for c in 0..<3 { #expect((0..<2).filter { s.reasons[$0][c] != nil }.count != 1) }
}

@Test("A school of 6 pupils is left out of school charts; names only when asked and allowed")
func schoolOfSix() {
    let schools = [SchoolCount(id: "Atheneum Noord", pupils: 6, events: 1), SchoolCount(id: "College Zuid", pupils: 85, events: 9),
                   SchoolCount(id: "Instituut Oost", pupils: 64, events: 7)]
    let byDefault = SchoolDisclosure.decide(schools, policy: PrivacyPolicy())
    #expect(byDefault.hiddenSmallSchools == ["Atheneum Noord"])
    #expect(byDefault.labels == ["College Zuid": "", "Instituut Oost": ""])
    #expect(!byDefault.named && !byDefault.ranked && byDefault.refusals.isEmpty)

    let asked = SchoolDisclosure.decide(schools, policy: PrivacyPolicy(nameSchools: true, rankSchools: true))
    #expect(asked.named && asked.ranked)
    #expect(asked.labels["College Zuid"] == "College Zuid" && asked.labels["Atheneum Noord"] == nil)

    // With one school left after the size rule, naming would identify it: refused and said so.
    let tooFew = SchoolDisclosure.decide(Array(schools.prefix(2)), policy: PrivacyPolicy(nameSchools: true, rankSchools: true))
    #expect(!tooFew.named && !tooFew.ranked)
    #expect(tooFew.refusals.count == 2 && tooFew.refusalsDutch.count == 2)
    // Ranking alone is not allowed without naming.
    #expect(SchoolDisclosure.decide(schools, policy: PrivacyPolicy(rankSchools: true)).ranked == false)
}

@Test("Thresholds are configurable: with 20 pupils / 10 events more is hidden")
func configurableThresholds() throws {
    let table = try CountTable(rows: ["a", "b"], columns: ["x", "y"], cells: [
        [CountCell(pupils: 15, events: 8), CountCell(pupils: 40, events: 12)],
        [CountCell(pupils: 50, events: 11), CountCell(pupils: 45, events: 13)],
    ])
    #expect(CellSuppression.apply(table, thresholds: PrivacyThresholds()).hiddenCount == 0)
    let strict = CellSuppression.apply(table, thresholds: PrivacyThresholds(minimumPupils: 20, minimumEvents: 10))
    #expect(strict.reasons[0][0] == .fewPupils)
    #expect(strict.hiddenCount == 4)          // a 2x2 table with one primary cell loses all four
}

@Test("A line with a single cell hides its total instead")
func singleColumnTable() throws {
    let table = try CountTable(rows: ["a", "b"], columns: ["only"], cells: [[CountCell(pupils: 8, events: 2)], [CountCell(pupils: 40, events: 9)]])
    let s = CellSuppression.apply(table, thresholds: PrivacyThresholds())
    #expect(s.reasons[0][0] == .fewPupils)
    #expect(s.hiddenRowTotals == [0, 1])     // each row total equals its only (hidden) cell
    #expect(s.reasons[1][0] == .secondary)    // the column would otherwise give row a away
}

@Test("Bad tables are refused with a message")
func badTables() {
    #expect(throws: PrivacyError.self) { try CountTable(rows: ["a"], columns: ["x", "y"], cells: [[CountCell(pupils: 1, events: 0)]]) }
    #expect(throws: PrivacyError.self) { try CountTable(rows: ["a"], columns: ["x"], cells: [[CountCell(pupils: 3, events: 4)]]) }
}

@Test("The brief says what was hidden, in both languages, with the thresholds it used")
func suppressionSentence() throws {
    let table = try CountTable(rows: ["g", "v"], columns: ["1", "2"], cells: [
        [CountCell(pupils: 120, events: 3), CountCell(pupils: 110, events: 8)],
        [CountCell(pupils: 80, events: 12), CountCell(pupils: 60, events: 15)],
    ])
    let schools = SchoolDisclosure.decide([SchoolCount(id: "A", pupils: 6, events: 0), SchoolCount(id: "B", pupils: 60, events: 6)], policy: PrivacyPolicy())
    let summary = SuppressionSummary(thresholds: PrivacyThresholds(), schools: schools, tables: [CellSuppression.apply(table, thresholds: PrivacyThresholds())])
    let en = try #require(BriefSentences(language: .english).suppression(summary))
    #expect(en.text == "To protect pupils' privacy, 1 school with fewer than 10 pupils is left out of the results per school; 1 table cell with fewer than 10 pupils or fewer than 5 events is hidden; 3 more are hidden so that it cannot be worked out from the totals.")
    let nl = try #require(BriefSentences(language: .dutch).suppression(summary))
    #expect(nl.text.hasPrefix("Om de privacy van leerlingen te beschermen: 1 school met minder dan 10 leerlingen staat niet in de resultaten per school"))
    #expect(BriefSentences(language: .english).suppression(SuppressionSummary(thresholds: PrivacyThresholds(), schools: nil, tables: [])) == nil)
}

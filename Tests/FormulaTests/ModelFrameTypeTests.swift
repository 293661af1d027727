import Testing
@testable import Formula

@Test("a grouping factor counts its levels")
func groupingFactorCount() {
    let g = GroupingFactor(name: "school", codes: [0, 1, 1], levels: ["A", "B"])
    #expect(g.count == 2)
}

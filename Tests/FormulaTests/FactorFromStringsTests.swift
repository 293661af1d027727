import Testing
@testable import Formula

@Suite("Text columns as factors")
struct FactorFromStringsTests {
    /// The reference: levels = distinct non-missing values in code-point order, codes by level.
    func reference(_ values: [String], _ missing: [Bool]) -> (codes: [Int32], levels: [String]) {
        let levels = Set(values.indices.filter { !missing[$0] }.map { values[$0] }).sorted(by: codePointLess)
        let codes = values.indices.map { missing[$0] ? Int32(-1) : Int32(levels.firstIndex(of: values[$0]) ?? -9) }
        return (codes, levels)
    }

    @Test("few and many distinct values (linear search and dictionary) give code-point-sorted levels")
    func fewAndMany() {
        for distinct in [1, 4, 16, 17, 40] {
            let values = (0..<300).map { "L\(($0 * 7919) % distinct)" + ($0 % 5 == 0 ? "é" : "") }
            let missing = (0..<300).map { $0 % 11 == 3 }
            guard case .factor(let codes, let levels) = factorFromStrings(values, missing: missing) else {
                Issue.record("not a factor"); continue
            }
            let ref = reference(values, missing)
            #expect(levels == ref.levels, "\(distinct) distinct")
            #expect(codes == ref.codes, "\(distinct) distinct")
        }
    }
}
